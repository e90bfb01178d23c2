//! Thumbnails of image attachments: made on upload, shown with their size, served under the
//! attachment's rules; decoding limits refuse bombs clearly; a non-image is a plain file.

use image::{ImageEncoder, RgbImage};

use super::*;

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            &RgbImage::from_pixel(width, height, image::Rgb([40, 90, 160])),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

/// A few hundred bytes of PNG that claim `width`×`height` RGBA pixels: what a decompression bomb
/// looks like to a decoder before it unpacks anything.
fn bomb(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

#[tokio::test]
async fn an_image_gets_a_sized_thumbnail_that_only_readers_see() {
    let (app, w) = world().await;
    let ch = w.general_channel;
    let a = &w.admin_a.session;
    let file = json_of(upload(a, ch, "watertoren.png", png(1600, 1200)).await, 201).await;
    assert_eq!(file["content_type"], "image/png");
    assert_eq!(file["preview"]["width"], 480);
    assert_eq!(file["preview"]["height"], 360);
    let thumb = file["preview"]["url"].as_str().unwrap().to_string();
    // Not yet posted: the uploader's alone.
    assert_eq!(a.get(&thumb).await.status(), 200);
    assert_eq!(w.member_a.session.get(&thumb).await.status(), 404);
    let m = json_of(
        a.api(
            Method::POST,
            &format!("/api/v1/channels/{ch}/messages"),
            Some(json!({"body": "De watertoren", "attachment_ids": [file["id"]]})),
        )
        .await,
        201,
    )
    .await;
    let res = w.member_a.session.get(&thumb).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    let bytes = res.bytes().await.unwrap();
    let decoded = image::load_from_memory(&bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (480, 360));
    // Another tenant's person, outside the workspace: as if it did not exist.
    assert_eq!(w.member_b.session.get(&thumb).await.status(), 404);
    assert_eq!(w.outside_admin_a.session.get(&thumb).await.status(), 404);
    // The page shows it with its size, linked to the full picture.
    let (_, page) = w
        .member_a
        .session
        .clone_page(&format!("/channels/{ch}"))
        .await;
    assert!(
        page.contains(&format!(
            r#"<img src="{thumb}" width="480" height="360" alt="watertoren.png""#
        )),
        "no sized preview on the page"
    );
    // Deleted with its message: gone for everyone.
    let res = a
        .api(
            Method::DELETE,
            &format!("/api/v1/messages/{}", m["id"]),
            None,
        )
        .await;
    assert!(res.status().is_success());
    assert_eq!(w.member_a.session.get(&thumb).await.status(), 404);
    app.stop().await;
}

#[tokio::test]
async fn bombs_are_refused_clearly_and_fake_images_are_plain_files() {
    let (app, w) = world().await;
    let ch = w.general_channel;
    let a = &w.admin_a.session;
    // Wider than any picture we take, and within the sides but too many pixels to unpack.
    for (width, height) in [(100_000, 100_000), (11_000, 11_000)] {
        let res = upload(a, ch, "bom.png", bomb(width, height)).await;
        let body = json_of(res, 422).await;
        assert_eq!(body["code"], "image_too_large", "{width}×{height}: {body}");
    }
    // A text with a picture's name is a download without preview.
    let file = json_of(upload(a, ch, "foto.png", b"geen beeld".to_vec()).await, 201).await;
    assert_eq!(file["content_type"], "application/octet-stream");
    assert!(file.get("preview").is_none(), "{file}");
    // A PNG cut short is a download too, never a 500.
    let mut cut = png(64, 64);
    cut.truncate(60);
    let file = json_of(upload(a, ch, "kapot.png", cut).await, 201).await;
    assert_eq!(file["content_type"], "application/octet-stream");
    app.stop().await;
}
