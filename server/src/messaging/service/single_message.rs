//! One message: reading it, editing it (with its history), deleting it and reacting to it.

use agora_shared::ErrorCode;
use agora_shared::conversations::*;
use agora_shared::events::EventKind;
use agora_shared::limits::*;
use serde_json::json;

use crate::accounts::user::User;
use crate::db::DbConnection;
use crate::db::schema::{channels, messages};
use crate::error::{AppError, AppResult};
use crate::messaging::channel::{self, Channel};
use crate::messaging::message::{self, Message};
use crate::notifications::Pending;
use crate::policy::Actor;
use crate::policy::scope::{caller_rows, with_caller_facts};
use crate::policy::workspace::facts::CallerRows;
use crate::policy::workspace::{ChannelAction, ChannelFacts};
use crate::state::AppState;
use crate::time::rfc3339;
use crate::validate;
use diesel::prelude::*;

use super::post::{language_of, written};
use super::views::views;
use super::{decide_loaded, load};

/// Loads a message with its channel, deciding `Read` first, in one query whether the message is
/// missing or foreign.
pub fn load_message(
    conn: &mut DbConnection,
    actor: &Actor,
    message_id: i64,
) -> AppResult<(Message, Channel, ChannelFacts)> {
    let (message, channel, rows) =
        with_caller_facts!(messages::table.inner_join(channels::table), actor)
            .filter(messages::id.eq(message_id))
            .select((Message::as_select(), Channel::as_select(), caller_rows!()))
            .first::<(Message, Channel, CallerRows)>(conn)
            .optional()?
            .ok_or_else(AppError::not_found)?;
    let facts = decide_loaded(actor, &channel, &rows, ChannelAction::Read)?;
    Ok((message, channel, facts))
}

pub async fn get_message(
    state: &AppState,
    actor: &Actor,
    message_id: i64,
) -> AppResult<MessageView> {
    let actor = *actor;
    state
        .db
        .read(move |conn| {
            let (message, _, _) = load_message(conn, &actor, message_id)?;
            Ok(views(conn, actor.user_id, &[message])?.remove(0))
        })
        .await
}

/// A message and the facts of its channel for `actor`, read with one policy query: what the live
/// script's fragment needs.
pub async fn message_in_channel(
    state: &AppState,
    actor: &Actor,
    message_id: i64,
) -> AppResult<(MessageView, ChannelFacts)> {
    let actor = *actor;
    state
        .db
        .read(move |conn| {
            let (message, _, facts) = load_message(conn, &actor, message_id)?;
            Ok((views(conn, actor.user_id, &[message])?.remove(0), facts))
        })
        .await
}

/// Edits a message: the earlier version is kept, the change is marked "edited".
pub async fn edit(
    state: &AppState,
    actor: &Actor,
    message_id: i64,
    input: MessageUpdate,
) -> AppResult<MessageView> {
    let body = match &input.body {
        Some(b) => Some(validate::optional_multiline("body", b, MAX_MESSAGE_CHARS)?),
        None => None,
    };
    if body.as_deref() == Some("") {
        return Err(AppError::invalid(ErrorCode::FieldRequired, "body"));
    }
    let actor = *actor;
    let view = state
        .transact(move |tx| {
            let (message, channel, facts) = load_message(tx, &actor, message_id)?;
            crate::policy::workspace::edit_message(&actor, message.author_id, &facts)?;
            if message.deleted_at.is_some() {
                return Err(AppError::not_found());
            }
            let now = tx.now();
            message::record_edit(tx, &message, actor.user_id, now)?;
            let md = body.unwrap_or_else(|| message.body_md.clone());
            let readers = channel::readers(tx, channel.id)?;
            let (rendered, mentioned) = written(tx, &actor, &channel, &facts, &readers, &md)?;
            let author = User::find(tx, actor.user_id)?;
            let lang = match (&input.language, &input.body) {
                (Some(l), _) => language_of(&rendered.plain_text, Some(l), &author)?,
                (None, Some(_)) => language_of(&rendered.plain_text, None, &author)?,
                (None, None) => message.language.clone(),
            };
            let updated = Message::set_body(tx, message.id, &md, &rendered.html, &lang, now)?;
            let newly = message::add_mentions(tx, &updated, &mentioned)?;
            Pending::record_edit(tx, &channel, &updated, &newly, now)?;
            crate::db::search::index(tx, updated.id, &lang, &rendered.plain_text)?;
            let view = views(tx, actor.user_id, std::slice::from_ref(&updated))?.remove(0);
            tx.emit_in_channel(
                EventKind::MessageUpdated,
                channel.workspace_id,
                channel.id,
                json!({"message": &view}),
            );
            Ok(view)
        })
        .await?;
    Ok(view)
}

pub async fn history_of(
    state: &AppState,
    actor: &Actor,
    message_id: i64,
) -> AppResult<Vec<MessageEditView>> {
    let actor = *actor;
    state
        .db
        .read(move |conn| {
            let (message, _, facts) = load_message(conn, &actor, message_id)?;
            crate::policy::workspace::read_edit_history(&actor, message.author_id, &facts)?;
            Ok(message::edits(conn, message_id)?
                .into_iter()
                .map(|(markdown, language, at)| MessageEditView {
                    markdown,
                    language,
                    edited_at: rfc3339(at),
                })
                .collect())
        })
        .await
}

/// Deletes a message, leaving a tombstone in the history.
pub async fn delete(state: &AppState, actor: &Actor, message_id: i64) -> AppResult<()> {
    let actor = *actor;
    state
        .transact(move |tx| {
            let (message, channel, facts) = load_message(tx, &actor, message_id)?;
            crate::policy::workspace::delete_message(&actor, message.author_id, &facts)?;
            if message.deleted_at.is_some() {
                return Ok(());
            }
            let now = tx.now();
            let m = Message::tombstone(tx, message.id, actor.user_id, now)?;
            crate::db::search::unindex(tx, m.id)?;
            tx.emit_in_channel(
                EventKind::MessageDeleted,
                channel.workspace_id,
                channel.id,
                json!({"message_id": m.id, "seq": m.seq, "thread_root_id": m.thread_root_id}),
            );
            Ok(())
        })
        .await?;
    Ok(())
}

pub async fn react(
    state: &AppState,
    actor: &Actor,
    message_id: i64,
    emoji: &str,
    add: bool,
) -> AppResult<MessageView> {
    let emoji = emoji.trim().to_string();
    if emoji.is_empty()
        || emoji.chars().count() > MAX_EMOJI_CHARS
        || emoji
            .chars()
            .any(|c| c.is_alphanumeric() && c.is_ascii() || c.is_control() || c.is_whitespace())
    {
        return Err(AppError::invalid(ErrorCode::InvalidValue, "emoji"));
    }
    let actor = *actor;
    let view = state
        .transact(move |tx| {
            let (message, channel, _) = load_message(tx, &actor, message_id)?;
            load(tx, &actor, channel.id, ChannelAction::Post)?;
            if message.deleted_at.is_some() {
                return Err(AppError::not_found());
            }
            let now = tx.now();
            let changed =
                message::toggle_reaction(tx, message.id, actor.user_id, &emoji, add, now)?;
            let view = views(tx, actor.user_id, std::slice::from_ref(&message))?.remove(0);
            if !changed {
                // Reacting again (or at the same moment) is the same reaction: nobody hears of it.
                return Ok(view);
            }
            // Each reader computes "mine" for themselves from the user id.
            tx.emit_in_channel(EventKind::ReactionChanged, channel.workspace_id, channel.id, json!({"message_id": message.id, "emoji": &emoji, "user_id": actor.user_id, "added": add}));
            Ok(view)
        })
        .await?;
    Ok(view)
}

/// Who reacted to a message with what, for anyone who may read it: each emoji in the order it
/// was first given, with the names of the people in the order they reacted.
pub async fn who_reacted(
    state: &AppState,
    actor: &Actor,
    message_id: i64,
) -> AppResult<(MessageView, Vec<(String, Vec<String>)>)> {
    let actor = *actor;
    state
        .db
        .read(move |conn| {
            let (message, _, _) = load_message(conn, &actor, message_id)?;
            let view = views(conn, actor.user_id, std::slice::from_ref(&message))?.remove(0);
            if message.deleted_at.is_some() {
                return Ok((view, Vec::new()));
            }
            let rows = message::reactions_of(conn, &[message.id])?;
            let ids: Vec<i64> = rows.iter().map(|(_, _, user)| *user).collect();
            let names: std::collections::HashMap<i64, String> = message::authors(conn, &ids)?
                .into_iter()
                .map(|(id, name, _, org)| (id, format!("{name} ({org})")))
                .collect();
            let mut out: Vec<(String, Vec<String>)> = Vec::new();
            for (_, emoji, user) in rows {
                let name = names.get(&user).cloned().unwrap_or_default();
                match out.iter_mut().find(|(e, _)| *e == emoji) {
                    Some((_, people)) => people.push(name),
                    None => out.push((emoji, vec![name])),
                }
            }
            Ok((view, out))
        })
        .await
}
