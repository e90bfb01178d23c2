//! Files attached to messages: stored under `<data dir>/files`, served only to people who may read
//! the message. Only plain raster images are ever shown inline; everything else (SVG and HTML
//! above all) is a download, so a file can never run script in our origin.

use std::path::PathBuf;

use actix_web::http::StatusCode;
use agora_shared::ErrorCode;
use agora_shared::limits::{MAX_ATTACHMENT_BYTES, MAX_FILE_NAME_CHARS};

use super::channel::Channel;
use super::message::{Attachment, Message};
use super::service::load;
use crate::error::{AppError, AppResult};
use crate::policy::Actor;
use crate::policy::workspace::ChannelAction;
use crate::state::AppState;
use crate::time::now;

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

/// A file name safe to keep and to put in a header: no path, no control characters, bounded.
pub fn clean_file_name(raw: &str) -> AppResult<String> {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .collect();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        return Err(AppError::invalid(ErrorCode::FieldRequired, "file"));
    }
    if cleaned.chars().count() > MAX_FILE_NAME_CHARS {
        return Err(AppError::too_long("file", MAX_FILE_NAME_CHARS));
    }
    Ok(cleaned)
}

fn files_dir(state: &AppState) -> PathBuf {
    state.config.data_dir.join("files")
}

/// Stores an upload for the caller in a channel they may post in; it is attached when they post.
pub async fn store(
    state: &AppState,
    actor: &Actor,
    channel_id: i64,
    file_name: &str,
    bytes: Vec<u8>,
) -> AppResult<Attachment> {
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
    let content_type = sniff_image(&bytes)
        .unwrap_or("application/octet-stream")
        .to_string();
    let actor_c = *actor;
    state
        .db
        .read(move |conn| load(conn, &actor_c, channel_id, ChannelAction::Post).map(drop))
        .await?;
    let key = format!(
        "{}/{}",
        chrono::Utc::now().format("%Y-%m"),
        uuid::Uuid::new_v4().simple()
    );
    let path = files_dir(state).join(&key);
    let dir = path
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(|| files_dir(state));
    let size = bytes.len() as i64;
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(|e| AppError::internal(e.into()))?;
    tokio::fs::write(&path, &bytes)
        .await
        .map_err(|e| AppError::internal(e.into()))?;
    let actor = *actor;
    let stored = state
        .db
        .write(move |conn| {
            Attachment::insert(
                conn,
                channel_id,
                actor.user_id,
                &name,
                &content_type,
                size,
                &key,
                now(),
            )
        })
        .await;
    if stored.is_err() {
        // Nothing refers to the file: do not leave it behind.
        let _ = tokio::fs::remove_file(&path).await;
    }
    stored
}

/// The file behind an attachment, if the caller may read the message it belongs to (or uploaded
/// it and has not posted it yet).
pub async fn open(
    state: &AppState,
    actor: &Actor,
    attachment_id: i64,
) -> AppResult<(Attachment, PathBuf)> {
    let actor = *actor;
    let attachment = state
        .db
        .read(move |conn| {
            let a = Attachment::find(conn, attachment_id)?;
            match a.message_id {
                Some(message_id) => {
                    let m = Message::find(conn, message_id)?;
                    load(conn, &actor, m.channel_id, ChannelAction::Read)?;
                    if m.deleted_at.is_some() {
                        return Err(AppError::not_found());
                    }
                }
                None if a.uploader_id == actor.user_id => {
                    Channel::find(conn, a.channel_id)?;
                }
                None => return Err(AppError::not_found()),
            }
            Ok(a)
        })
        .await?;
    let path = files_dir(state).join(&attachment.storage_key);
    Ok((attachment, path))
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
    }
}
