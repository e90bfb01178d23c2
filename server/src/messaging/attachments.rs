//! Files attached to messages: kept in the state's [`crate::file_store::FileStore`] (a folder
//! under `<data dir>/files` today), served only to people who may read
//! the message. Only plain raster images are ever shown inline; everything else (SVG and HTML
//! above all) is a download, so a file can never run script in our origin.

use actix_web::http::StatusCode;
use agora_shared::ErrorCode;
use agora_shared::limits::{MAX_ATTACHMENT_BYTES, MAX_FILE_NAME_CHARS};

use super::attachment_queries::Quota;
use super::channel::Channel;
use super::message::{Attachment, ImageSizes, Message};
use super::preview::{self, Preview, PreviewError};
use super::service::load;
use crate::error::{AppError, AppResult};
use crate::policy::Actor;
use crate::policy::attachments::{Upload, open_attachment};
use crate::policy::workspace::ChannelAction;
use crate::state::AppState;
use crate::validate::is_deceptive;

/// Raster image types recognised by their first bytes; only these are served inline.
fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0x89, b'P', b'N', b'G']) {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF8") {
        Some("image/gif")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// A file name safe to keep and to put in a header: no path, no control characters, nothing that
/// reorders or hides part of the name (`factuur<U+202E>fdp.exe`), bounded.
pub fn clean_file_name(raw: &str) -> AppResult<String> {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && *c != '"' && !is_deceptive(*c))
        .collect();
    let cleaned = cleaned.trim().to_string();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        return Err(AppError::invalid(ErrorCode::FieldRequired, "file"));
    }
    if cleaned.chars().count() > MAX_FILE_NAME_CHARS {
        return Err(AppError::too_long("file", MAX_FILE_NAME_CHARS));
    }
    Ok(cleaned)
}

/// The `Content-Disposition` of a download: an ASCII `filename` for old clients and the exact name
/// as `filename*`, percent-encoded as RFC 8187 asks (a space is `%20`; `+` would read as a plus).
pub fn content_disposition(file_name: &str, inline: bool) -> String {
    let ascii: String = file_name
        .chars()
        .filter(|c| c.is_ascii() && !c.is_ascii_control() && *c != '"' && *c != '\\')
        .collect();
    let mut encoded = String::with_capacity(file_name.len() * 3);
    for byte in file_name.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    let kind = if inline { "inline" } else { "attachment" };
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// Removes a stored file whose row is gone; one already missing is fine (jobs may run twice).
pub async fn remove_file(state: &AppState, key: &str) {
    // The thumbnail goes with its file (most files have none: deleting nothing is fine).
    let thumb = format!("{key}{}", preview::THUMB_SUFFIX);
    for key in [key, thumb.as_str()] {
        if let Err(e) = state.files.delete(key).await {
            // Logged, not fatal: the row is gone, so only storage space is lost.
            tracing::warn!(file.key = key, error = %e, "could not remove an upload");
        }
    }
}

/// Stores an upload for the caller in a channel they may post in; it is attached when they post.
/// Refused, with nothing stored, over the rate limit or either storage quota.
pub async fn store(
    state: &AppState,
    actor: &Actor,
    channel_id: i64,
    file_name: &str,
    bytes: Vec<u8>,
) -> AppResult<Attachment> {
    state
        .limiter
        .check(
            &format!("upload:{}", actor.user_id),
            state.config.uploads_per_window,
        )
        .map_err(AppError::rate_limited)?;
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(AppError::new(
            ErrorCode::PayloadTooLarge,
            StatusCode::PAYLOAD_TOO_LARGE,
        ));
    }
    if bytes.is_empty() {
        return Err(AppError::invalid(ErrorCode::FieldRequired, "file"));
    }
    let name = clean_file_name(file_name)?;
    let (content_type, preview) = picture(bytes).await?;
    let (bytes, preview) = preview;
    let sizes = preview
        .as_ref()
        .map_or_else(ImageSizes::default, |p| ImageSizes {
            image_width: Some(p.width as i32),
            image_height: Some(p.height as i32),
            thumb_width: Some(p.thumb_width as i32),
            thumb_height: Some(p.thumb_height as i32),
        });
    let now = state.clock.now();
    let key = format!("{}/{}", now.format("%Y-%m"), uuid::Uuid::new_v4().simple());
    let size = bytes.len() as i64;
    let quota = Quota {
        person: state.config.upload_quota_per_person,
        organisation: state.config.upload_quota_per_organisation,
    };
    let actor = *actor;
    let row_key = key.clone();
    // The row first: a refusal then writes nothing, and a crash before the file is written leaves
    // an unattached row that the cleanup job removes.
    let stored = state
        .db
        .write(move |conn| {
            load(conn, &actor, channel_id, ChannelAction::Post)?;
            Attachment::check_quota(conn, &actor, size, quota)?;
            Attachment::insert(
                conn,
                channel_id,
                actor.user_id,
                &name,
                &content_type,
                size,
                &row_key,
                now,
                sizes,
            )
        })
        .await?;
    let thumb_key = format!("{key}{}", preview::THUMB_SUFFIX);
    let mut written = state.files.put(&key, &bytes).await;
    if let (Ok(()), Some(p)) = (&written, &preview) {
        written = state.files.put(&thumb_key, &p.bytes).await;
    }
    if let Err(e) = written {
        let id = stored.id;
        let _ = state.files.delete(&key).await;
        let _ = state.files.delete(&thumb_key).await;
        let _ = state
            .db
            .write(move |conn| Ok(Attachment::delete_unattached(conn, id)?))
            .await;
        return Err(AppError::internal(e.into()));
    }
    Ok(stored)
}

/// What the upload is: a raster image with its preview, or a file to download. A file that starts
/// like an image but does not decode is a download; one over the decoding limits is refused.
async fn picture(bytes: Vec<u8>) -> AppResult<(String, (Vec<u8>, Option<Preview>))> {
    let Some(sniffed) = sniff_image(&bytes) else {
        return Ok(("application/octet-stream".to_string(), (bytes, None)));
    };
    let (bytes, made) = tokio::task::spawn_blocking(move || {
        let made = preview::make(&bytes, sniffed);
        (bytes, made)
    })
    .await
    .map_err(|e| AppError::internal(e.into()))?;
    match made {
        Ok(p) => Ok((sniffed.to_string(), (bytes, Some(p)))),
        Err(PreviewError::Unreadable) => {
            Ok(("application/octet-stream".to_string(), (bytes, None)))
        }
        Err(PreviewError::TooLarge) => Err(AppError::invalid(ErrorCode::ImageTooLarge, "file")
            .arg("side", preview::MAX_SIDE.to_string())),
    }
}

/// The file behind an attachment, if the caller may read the message it belongs to (or uploaded
/// it and has not posted it yet).
pub async fn open(
    state: &AppState,
    actor: &Actor,
    attachment_id: i64,
) -> AppResult<(Attachment, Vec<u8>)> {
    let attachment = allowed(state, actor, attachment_id).await?;
    let bytes = state
        .files
        .get(&attachment.storage_key)
        .await
        .map_err(|e| AppError::internal(e.into()))?;
    Ok((attachment, bytes))
}

/// The thumbnail of an image attachment, under the attachment's own rules; 404 when it has none.
pub async fn open_thumbnail(
    state: &AppState,
    actor: &Actor,
    attachment_id: i64,
) -> AppResult<(&'static str, Vec<u8>)> {
    let attachment = allowed(state, actor, attachment_id).await?;
    let (key, _, _) = attachment.thumbnail().ok_or_else(AppError::not_found)?;
    let bytes = state.files.get(&key).await.map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => AppError::not_found(),
        _ => AppError::internal(e.into()),
    })?;
    let content_type = sniff_image(&bytes).ok_or_else(AppError::not_found)?;
    Ok((content_type, bytes))
}

/// The attachment, if the caller may read it (see [`open`]).
async fn allowed(state: &AppState, actor: &Actor, attachment_id: i64) -> AppResult<Attachment> {
    let actor = *actor;
    state
        .db
        .read(move |conn| {
            let a = Attachment::find(conn, attachment_id)?;
            match a.message_id {
                Some(message_id) => {
                    let m = Message::find(conn, message_id)?;
                    let (_, facts) = load(conn, &actor, m.channel_id, ChannelAction::Read)?;
                    let upload = Upload::Posted {
                        channel: &facts,
                        message_deleted: m.deleted_at.is_some(),
                    };
                    open_attachment(&actor, upload)?;
                }
                None => {
                    let uploader_id = a.uploader_id;
                    open_attachment(&actor, Upload::Unattached { uploader_id })?;
                    Channel::find(conn, a.channel_id)?;
                }
            }
            Ok(a)
        })
        .await
}

/// Whether a stored type may be shown in the browser.
pub fn inline(content_type: &str) -> bool {
    matches!(
        content_type,
        "image/png" | "image/jpeg" | "image/gif" | "image/webp"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_raster_images_are_images() {
        assert_eq!(sniff_image(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff_image(b"<svg xmlns=..."), None);
        assert_eq!(sniff_image(b"<html><script>"), None);
        assert!(!inline("image/svg+xml"));
        assert!(!inline("text/html"));
    }

    #[test]
    fn file_names_lose_paths_and_controls() {
        assert_eq!(clean_file_name("../../etc/passwd").unwrap(), "passwd");
        assert_eq!(
            clean_file_name("C:\\x\\report \"final\".pdf").unwrap(),
            "report final.pdf"
        );
        assert!(clean_file_name("..").is_err());
        assert!(clean_file_name("a\u{0}").is_ok());
        assert_eq!(
            clean_file_name("factuur\u{202E}fdp\u{200B}.exe").unwrap(),
            "factuurfdp.exe"
        );
        assert!(clean_file_name("\u{2066}\u{FEFF}").is_err());
    }

    #[test]
    fn downloads_carry_the_name_percent_encoded() {
        assert_eq!(
            content_disposition("verslag 2027 é+x.pdf", false),
            "attachment; filename=\"verslag 2027 +x.pdf\"; filename*=UTF-8''verslag%202027%20%C3%A9%2Bx.pdf"
        );
        assert!(content_disposition("a.png", true).starts_with("inline; "));
    }
}
