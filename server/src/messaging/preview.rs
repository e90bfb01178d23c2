//! Preview thumbnails of raster images, made once on upload and stored beside the file (its key
//! plus [`THUMB_SUFFIX`]), so a channel of photos loads small pictures whose size the page knows.
//!
//! Decoding runs with explicit limits: a picture wider or taller than [`MAX_SIDE`], or one whose
//! decoded pixels would take more than [`MAX_DECODE_BYTES`] (a "decompression bomb": a few KB of
//! PNG that unpack to gigabytes), is refused with [`PreviewError::TooLarge`] before anything is
//! allocated for its pixels.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};

/// Longest side of a picture we accept, in pixels (a 48-megapixel phone photo is 8000 wide).
pub const MAX_SIDE: u32 = 12_000;
/// Memory the decoder may use for one picture.
pub const MAX_DECODE_BYTES: u64 = 128 * 1024 * 1024;
/// Longest side of a thumbnail: fits a 360 px phone at 2× density when shown at half width.
pub const THUMB_SIDE: u32 = 480;
/// Thumbnails are kept under the file's key plus this.
pub const THUMB_SUFFIX: &str = ".thumb";

/// A picture's size and its thumbnail.
#[derive(Debug)]
pub struct Preview {
    pub width: u32,
    pub height: u32,
    pub thumb_width: u32,
    pub thumb_height: u32,
    /// PNG when the picture has transparency, JPEG otherwise.
    pub bytes: Vec<u8>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum PreviewError {
    /// Over [`MAX_SIDE`] or [`MAX_DECODE_BYTES`]: the upload is refused.
    TooLarge,
    /// It starts like an image but does not decode: kept as a plain download.
    Unreadable,
}

fn format_of(content_type: &str) -> Option<ImageFormat> {
    Some(match content_type {
        "image/png" => ImageFormat::Png,
        "image/jpeg" => ImageFormat::Jpeg,
        "image/gif" => ImageFormat::Gif,
        "image/webp" => ImageFormat::WebP,
        _ => return None,
    })
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    limits
}

fn classify(e: ImageError) -> PreviewError {
    match e {
        ImageError::Limits(_) => PreviewError::TooLarge,
        _ => PreviewError::Unreadable,
    }
}

/// Decodes `bytes` (of the sniffed `content_type`) within the limits and makes its thumbnail.
/// CPU-bound: call it off the async threads.
pub fn make(bytes: &[u8], content_type: &str) -> Result<Preview, PreviewError> {
    let format = format_of(content_type).ok_or(PreviewError::Unreadable)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let mut decoder = reader.into_decoder().map_err(classify)?;
    // The dimension limits are checked by the decoder; the pixel buffer is checked here, before it
    // is allocated, whatever each decoder does with `max_alloc`.
    if decoder.total_bytes() > MAX_DECODE_BYTES {
        return Err(PreviewError::TooLarge);
    }
    // Phones store photos sideways with an EXIF note to turn them; the preview shows them upright.
    let orientation = decoder.orientation().map_err(classify)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(classify)?;
    image.apply_orientation(orientation);
    let (width, height) = (image.width(), image.height());
    if width == 0 || height == 0 {
        return Err(PreviewError::Unreadable);
    }
    // Never enlarged: a small picture is its own thumbnail.
    let thumb = if width > THUMB_SIDE || height > THUMB_SIDE {
        image.thumbnail(THUMB_SIDE, THUMB_SIDE)
    } else {
        image
    };
    let mut out = Cursor::new(Vec::new());
    if thumb.color().has_alpha() {
        DynamicImage::ImageRgba8(thumb.to_rgba8())
            .write_to(&mut out, ImageFormat::Png)
            .map_err(classify)?;
    } else {
        DynamicImage::ImageRgb8(thumb.to_rgb8())
            .write_with_encoder(JpegEncoder::new_with_quality(&mut out, 80))
            .map_err(classify)?;
    }
    Ok(Preview {
        width,
        height,
        thumb_width: thumb.width(),
        thumb_height: thumb.height(),
        bytes: out.into_inner(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, RgbImage};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(
                &RgbImage::new(width, height),
                width,
                height,
                image::ExtendedColorType::Rgb8,
            )
            .unwrap();
        out
    }

    #[test]
    fn large_pictures_shrink_keeping_their_shape_small_ones_stay() {
        let p = make(&png(1200, 600), "image/png").unwrap();
        assert_eq!((p.width, p.height), (1200, 600));
        assert_eq!((p.thumb_width, p.thumb_height), (480, 240));
        assert!(p.bytes.starts_with(&[0xFF, 0xD8, 0xFF]), "opaque: a JPEG");
        let small = make(&png(40, 30), "image/png").unwrap();
        assert_eq!((small.thumb_width, small.thumb_height), (40, 30));
    }

    #[test]
    fn wrong_or_broken_bytes_are_unreadable() {
        assert_eq!(
            make(b"not a picture", "image/png").unwrap_err(),
            PreviewError::Unreadable
        );
        let mut cut = png(100, 100);
        cut.truncate(40);
        assert_eq!(
            make(&cut, "image/png").unwrap_err(),
            PreviewError::Unreadable
        );
    }
}
