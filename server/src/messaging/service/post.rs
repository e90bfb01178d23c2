//! Posting a message: its language, mentions, thread and files, in one transaction with its event.

use agora_shared::ErrorCode;
use agora_shared::conversations::*;
use agora_shared::events::EventKind;
use agora_shared::ids::{ChannelId, UserId};
use agora_shared::limits::*;
use serde_json::json;

use crate::accounts::user::User;
use crate::error::{AppError, AppResult};
use crate::messaging::channel::{self, Channel};
use crate::messaging::language;
use crate::messaging::message::{self, Attachment, Message, NewMessageRow};
use crate::messaging::render::render_as_written;
use crate::notifications::Pending;
use crate::policy::Actor;
use crate::policy::workspace::ChannelAction;
use crate::state::AppState;
use crate::validate;

use super::load;
use super::views::views;

pub(super) fn language_of(
    body_plain: &str,
    chosen: Option<&str>,
    author: &User,
) -> AppResult<String> {
    if let Some(tag) = chosen.filter(|t| !t.is_empty()) {
        if !language::is_valid_tag(tag) {
            return Err(AppError::invalid(ErrorCode::InvalidValue, "language"));
        }
        return Ok(tag.to_string());
    }
    let hints = author.languages_read();
    let mut hint_refs: Vec<&str> = vec![author.interface_language.as_str()];
    hint_refs.extend(hints.iter().map(String::as_str));
    Ok(language::detect(body_plain, &hint_refs)
        .unwrap_or_else(|| author.interface_language.as_str().to_string()))
}

/// A message's Markdown rendered as `actor` writes it in `channel`, with the people it mentions:
/// only readers of the channel, never the author; every reader for an allowed `@channel`.
pub(super) fn written(
    tx: &mut crate::db::DbConnection,
    actor: &Actor,
    channel: &Channel,
    facts: &crate::policy::workspace::ChannelFacts,
    readers: &[i64],
    body: &str,
) -> AppResult<(crate::messaging::render::Rendered, Vec<i64>)> {
    let everyone = crate::policy::compose::mention_everyone(actor, facts, readers.len());
    // Rendered as allowed in principle; refused below only if `@channel` is really there.
    let rendered = render_as_written(
        tx,
        channel.id,
        body,
        everyone.as_ref().is_ok_and(|b| *b) || everyone.is_err(),
    )?;
    if rendered.everyone {
        everyone?;
    }
    let mentioned = if rendered.everyone {
        readers.to_vec()
    } else {
        rendered.mentions.clone()
    };
    let mentioned = mentioned
        .into_iter()
        .filter(|id| readers.contains(id) && *id != actor.user_id)
        .collect();
    Ok((rendered, mentioned))
}

/// Posts a message (or a thread reply) and returns its view.
pub async fn post(
    state: &AppState,
    actor: &Actor,
    channel_id: i64,
    input: NewMessage,
) -> AppResult<MessageView> {
    let body = validate::optional_multiline("body", &input.body, MAX_MESSAGE_CHARS)?;
    if body.is_empty() && input.attachment_ids.is_empty() {
        return Err(AppError::invalid(ErrorCode::FieldRequired, "body"));
    }
    if input.attachment_ids.len() > MAX_ATTACHMENTS_PER_MESSAGE {
        return Err(AppError::too_long(
            "attachment_ids",
            MAX_ATTACHMENTS_PER_MESSAGE,
        ));
    }
    let actor = *actor;
    let view = state
        .transact(move |tx| {
            let (channel, facts) = load(tx, &actor, channel_id, ChannelAction::Post)?;
            let readers = channel::readers(tx, channel.id)?;
            let (rendered, mentioned) = written(tx, &actor, &channel, &facts, &readers, &body)?;
            let author = User::find(tx, actor.user_id)?;
            let lang = language_of(&rendered.plain_text, input.language.as_deref(), &author)?;
            if let Some(root_id) = input.thread_root_id {
                let root = Message::find(tx, root_id)
                    .map_err(|_| AppError::invalid(ErrorCode::InvalidValue, "thread_root_id"))?;
                if root.channel_id != channel.id || root.thread_root_id.is_some() {
                    return Err(AppError::invalid(ErrorCode::InvalidValue, "thread_root_id"));
                }
            }
            let now = tx.now();
            let seq = Channel::next_seq(tx, channel.id, now)?;
            let message = Message::insert(
                tx,
                &NewMessageRow {
                    channel_id: channel.id,
                    workspace_id: channel.workspace_id,
                    seq,
                    author_id: actor.user_id,
                    author_organisation_id: actor.organisation_id,
                    thread_root_id: input.thread_root_id,
                    body_md: &body,
                    body_html: &rendered.html,
                    language: &lang,
                    reply_count: 0,
                    created_at: now,
                },
            )?;
            if let Some(root_id) = input.thread_root_id {
                Message::bump_thread(tx, root_id, now)?;
            }
            if !input.attachment_ids.is_empty()
                && Attachment::attach(
                    tx,
                    &input.attachment_ids,
                    message.id,
                    channel.id,
                    actor.user_id,
                )? != input.attachment_ids.len()
            {
                return Err(AppError::invalid(ErrorCode::InvalidValue, "attachment_ids"));
            }
            message::add_mentions(tx, &message, &mentioned)?;
            Pending::record_post(tx, &channel, &message, &mentioned, now)?;
            // One's own message is read.
            channel::set_read_seq(
                tx,
                UserId::new(actor.user_id),
                ChannelId::new(channel.id),
                seq,
                now,
            )?;
            crate::db::search::index(tx, message.id, &lang, &rendered.plain_text)?;
            let view = views(tx, actor.user_id, std::slice::from_ref(&message))?.remove(0);
            let mut data = json!({"message": &view});
            if let Some(root_id) = input.thread_root_id {
                let root = Message::find(tx, root_id)?;
                data["thread"] = json!({"root_id": root_id, "reply_count": root.reply_count});
            }
            tx.emit_in_channel(
                EventKind::MessageCreated,
                channel.workspace_id,
                channel.id,
                data,
            );
            Ok(view)
        })
        .await?;
    Ok(view)
}
