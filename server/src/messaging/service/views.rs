//! Message rows turned into the views the pages and the API show.

use std::collections::HashMap;

use agora_shared::conversations::*;
use agora_shared::events::EventKind;
use diesel::prelude::*;
use serde_json::json;

use crate::db::DbConnection;
use crate::db::schema::messages;
use crate::error::AppResult;
use crate::messaging::message::{self, Attachment, Message};
use crate::time::rfc3339;

/// Turns message rows into views with authors, reactions (and whether the caller reacted) and
/// attachments, in three queries for the whole page.
pub fn views(
    conn: &mut DbConnection,
    viewer: i64,
    rows: &[Message],
) -> AppResult<Vec<MessageView>> {
    let ids: Vec<i64> = rows.iter().map(|m| m.id).collect();
    let mut author_ids: Vec<i64> = rows.iter().map(|m| m.author_id).collect();
    author_ids.sort_unstable();
    author_ids.dedup();
    let authors: HashMap<i64, AuthorView> = message::authors(conn, &author_ids)?
        .into_iter()
        .map(|(id, display_name, organisation_id, organisation_name)| {
            (
                id,
                AuthorView {
                    id,
                    display_name,
                    organisation_id,
                    organisation_name,
                },
            )
        })
        .collect();
    let mut reactions: HashMap<i64, Vec<ReactionView>> = HashMap::new();
    for (message_id, emoji, user_id) in message::reactions_of(conn, &ids)? {
        let list = reactions.entry(message_id).or_default();
        match list.iter_mut().find(|r| r.emoji == emoji) {
            Some(r) => {
                r.count += 1;
                r.mine |= user_id == viewer;
            }
            None => list.push(ReactionView {
                emoji,
                count: 1,
                mine: user_id == viewer,
            }),
        }
    }
    let mut files: HashMap<i64, Vec<AttachmentView>> = HashMap::new();
    for a in Attachment::of_messages(conn, &ids)? {
        if let Some(message_id) = a.message_id {
            files
                .entry(message_id)
                .or_default()
                .push(attachment_view(a));
        }
    }
    Ok(rows
        .iter()
        .map(|m| {
            let deleted = m.deleted_at.is_some();
            MessageView {
                id: m.id,
                channel_id: m.channel_id,
                seq: m.seq,
                author: authors.get(&m.author_id).cloned().unwrap_or(AuthorView {
                    id: m.author_id,
                    display_name: String::new(),
                    organisation_id: m.author_organisation_id,
                    organisation_name: String::new(),
                }),
                thread_root_id: m.thread_root_id,
                html: if deleted {
                    String::new()
                } else {
                    m.body_html.clone()
                },
                markdown: if deleted {
                    String::new()
                } else {
                    m.body_md.clone()
                },
                language: m.language.clone(),
                reply_count: m.reply_count,
                last_reply_at: m.last_reply_at.map(rfc3339),
                created_at: rfc3339(m.created_at),
                edited_at: m.edited_at.map(rfc3339),
                deleted,
                reactions: if deleted {
                    Vec::new()
                } else {
                    reactions.remove(&m.id).unwrap_or_default()
                },
                attachments: if deleted {
                    Vec::new()
                } else {
                    files.remove(&m.id).unwrap_or_default()
                },
            }
        })
        .collect())
}

/// An attachment as the pages and the API show it, with its thumbnail if it has one.
pub fn attachment_view(a: Attachment) -> AttachmentView {
    let preview = a.thumbnail().map(|(_, width, height)| PreviewView {
        url: format!("/thumbnails/{}", a.id),
        width,
        height,
    });
    AttachmentView {
        id: a.id,
        url: format!(
            "/files/{}/{}",
            a.id,
            crate::web::encode::url_encode(&a.file_name)
        ),
        file_name: a.file_name,
        content_type: a.content_type,
        size_bytes: a.size_bytes,
        preview,
    }
}

/// The data of a replayed `message_created` or `message_updated` event: the message as `viewer`
/// sees it now, never as it was when the event happened. `None` when it was deleted since (its
/// `message_deleted` event stands for it) or no longer exists.
pub fn replay_data(
    conn: &mut DbConnection,
    viewer: i64,
    kind: EventKind,
    message_id: i64,
) -> AppResult<Option<serde_json::Value>> {
    let Some(message) = messages::table
        .find(message_id)
        .select(Message::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    if message.deleted_at.is_some() {
        return Ok(None);
    }
    let root = message.thread_root_id;
    let view = views(conn, viewer, std::slice::from_ref(&message))?.remove(0);
    let mut data = json!({ "message": view });
    if let (EventKind::MessageCreated, Some(root_id)) = (kind, root) {
        let reply_count: i64 = messages::table
            .find(root_id)
            .select(messages::reply_count)
            .first(conn)?;
        data["thread"] = json!({ "root_id": root_id, "reply_count": reply_count });
    }
    Ok(Some(data))
}
