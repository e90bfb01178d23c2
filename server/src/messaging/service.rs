//! Rules of conversations: channels, posting, threads, edits, deletion, reactions, read markers,
//! history, search and direct conversations. Each change, its event and its index entry are
//! written in one transaction; events are published after the commit.

use std::collections::HashMap;

use agora_shared::ErrorCode;
use agora_shared::conversations::*;
use agora_shared::events::EventKind;
use agora_shared::limits::*;
use serde_json::json;

use super::channel::{self, Channel, ChannelChanges, KIND_CHANNEL};
use super::language;
use super::message::{self, Attachment, Message, NewMessageRow, Window};
use super::render::render_in_channel;
use crate::accounts::user::User;
use crate::db::DbConnection;
use crate::db::schema::{
    channel_members, channels, messages, workspace_members, workspace_organisations,
    workspaces as workspaces_table,
};
use crate::error::{AppError, AppResult};
use crate::organisations::model::Organisation;
use crate::policy::Actor;
use crate::policy::workspace::{ChannelAction, ChannelFacts, WorkspaceAction, channel as decide};
use crate::realtime::events::NewEvent;
use crate::state::AppState;
use crate::time::{now, rfc3339};
use crate::validate;
use crate::workspaces::model::Workspace;
use crate::workspaces::model::{Member, Participant};
use crate::workspaces::service as workspaces;
use diesel::prelude::*;

/// The caller's place around a channel, joined to the query that loads it: workspace, membership,
/// own organisation's participation and channel membership. Missing and foreign objects then
/// cost the same single query, and answer the same 404.
macro_rules! with_caller_facts {
    ($query:expr, $actor:expr) => {
        $query
            .left_join(
                workspaces_table::table
                    .on(channels::workspace_id.eq(workspaces_table::id.nullable())),
            )
            .left_join(
                workspace_members::table.on(channels::workspace_id
                    .eq(workspace_members::workspace_id.nullable())
                    .and(workspace_members::user_id.eq($actor.user_id))),
            )
            .left_join(
                workspace_organisations::table.on(channels::workspace_id
                    .eq(workspace_organisations::workspace_id.nullable())
                    .and(workspace_organisations::organisation_id.eq($actor.organisation_id))),
            )
            .left_join(
                channel_members::table.on(channel_members::channel_id
                    .eq(channels::id)
                    .and(channel_members::user_id.eq($actor.user_id))),
            )
    };
}

/// What [`with_caller_facts`] loads besides the object.
type CallerFacts = (
    Option<Workspace>,
    Option<Member>,
    Option<Participant>,
    Option<i64>,
);

fn decide_loaded(
    actor: &Actor,
    channel: &Channel,
    (workspace, member, participant, channel_member): CallerFacts,
    action: ChannelAction,
) -> AppResult<ChannelFacts> {
    let facts = ChannelFacts {
        workspace: workspace
            .as_ref()
            .map(|ws| workspaces::facts_of(ws, member.as_ref(), participant.as_ref())),
        private: channel.private,
        archived: channel.archived_at.is_some(),
        channel_member: (channel.private || channel.is_direct()) && channel_member.is_some(),
    };
    decide(actor, &facts, action)?;
    Ok(facts)
}

/// Loads a channel and decides `action`; missing and unreadable channels look the same.
pub fn load(
    conn: &mut DbConnection,
    actor: &Actor,
    channel_id: i64,
    action: ChannelAction,
) -> AppResult<(Channel, ChannelFacts)> {
    let (channel, workspace, member, participant, channel_member) =
        with_caller_facts!(channels::table, actor)
            .filter(channels::id.eq(channel_id))
            .select((
                Channel::as_select(),
                Option::<Workspace>::as_select(),
                Option::<Member>::as_select(),
                Option::<Participant>::as_select(),
                channel_members::user_id.nullable(),
            ))
            .first::<(
                Channel,
                Option<Workspace>,
                Option<Member>,
                Option<Participant>,
                Option<i64>,
            )>(conn)
            .optional()?
            .ok_or_else(AppError::not_found)?;
    let facts = decide_loaded(
        actor,
        &channel,
        (workspace, member, participant, channel_member),
        action,
    )?;
    Ok((channel, facts))
}

pub fn channel_view(channel: &Channel, read_seq: i64, mentions: i64) -> ChannelView {
    ChannelView {
        id: channel.id,
        workspace_id: channel.workspace_id,
        name: channel.name.clone(),
        topic: channel.topic.clone(),
        private: channel.private,
        direct: channel.is_direct(),
        archived: channel.archived_at.is_some(),
        last_seq: channel.last_seq,
        unread: (channel.last_seq - read_seq).max(0),
        mentions,
    }
}

/// Channels of a workspace the caller may read, with unread counts.
pub async fn list_channels(
    state: &AppState,
    actor: &Actor,
    workspace_id: i64,
) -> AppResult<Vec<ChannelView>> {
    let actor = *actor;
    state
        .db
        .read(move |conn| {
            workspaces::load(conn, &actor, workspace_id, WorkspaceAction::Read)?;
            let counts = crate::db::search::unread_counts(conn, actor.user_id)?;
            let mut out = Vec::new();
            for c in Channel::list_in_workspace(conn, workspace_id)? {
                if c.private && !channel::is_channel_member(conn, c.id, actor.user_id)? {
                    continue;
                }
                let count = counts.iter().find(|x| x.channel_id == c.id);
                let read = count.map_or(c.last_seq, |x| c.last_seq - x.unread);
                out.push(channel_view(&c, read, count.map_or(0, |x| x.mentions)));
            }
            Ok(out)
        })
        .await
}

pub async fn create_channel(
    state: &AppState,
    actor: &Actor,
    workspace_id: i64,
    input: NewChannel,
) -> AppResult<Channel> {
    let name = validate::text("name", &input.name, MAX_CHANNEL_NAME_CHARS)?;
    let topic = validate::optional_text("topic", &input.topic, MAX_TOPIC_CHARS)?;
    let actor = *actor;
    let channel = state
        .transact(move |tx| {
            workspaces::load(tx, &actor, workspace_id, WorkspaceAction::Moderate)?;
            let now = now();
            let channel = Channel::insert(
                tx,
                Some(workspace_id),
                KIND_CHANNEL,
                &name,
                &topic,
                input.private,
                actor.user_id,
                now,
            )?;
            if input.private {
                let mut members = input.member_ids.clone();
                members.push(actor.user_id);
                members.sort_unstable();
                members.dedup();
                for user_id in members {
                    // Only people of the workspace can be in its private channels.
                    if crate::workspaces::model::Member::find(tx, workspace_id, user_id)?.is_none()
                    {
                        return Err(AppError::invalid(ErrorCode::InvalidValue, "member_ids"));
                    }
                    channel::add_channel_member(tx, channel.id, user_id, now)?;
                    channel::grant_marker(tx, user_id, channel.id, 0, now)?;
                }
            } else {
                channel::grant_workspace_members(tx, workspace_id, channel.id, now)?;
            }
            tx.emit_in_channel(
                EventKind::ChannelChanged,
                channel.workspace_id,
                channel.id,
                json!({"channel": channel_view(&channel, 0, 0)}),
            );
            Ok(channel)
        })
        .await?;
    Ok(channel)
}

pub async fn update_channel(
    state: &AppState,
    actor: &Actor,
    channel_id: i64,
    input: ChannelUpdate,
) -> AppResult<Channel> {
    let mut changes = ChannelChanges {
        updated_at: Some(now()),
        ..Default::default()
    };
    if let Some(n) = &input.name {
        changes.name = Some(validate::text("name", n, MAX_CHANNEL_NAME_CHARS)?);
    }
    if let Some(t) = &input.topic {
        changes.topic = Some(validate::optional_text("topic", t, MAX_TOPIC_CHARS)?);
    }
    changes.archived_at = input.archived.map(|a| a.then(now));
    let actor = *actor;
    let channel = state
        .transact(move |tx| {
            let channel = Channel::find(tx, channel_id)?;
            // Moderating an archived channel (to unarchive it) is allowed.
            let (_, mut facts) = load(tx, &actor, channel_id, ChannelAction::Read)?;
            facts.archived = false;
            decide(&actor, &facts, ChannelAction::Moderate)?;
            let updated = Channel::update(tx, channel.id, &changes)?;
            tx.emit_in_channel(
                EventKind::ChannelChanged,
                updated.workspace_id,
                updated.id,
                json!({"channel": channel_view(&updated, 0, 0)}),
            );
            Ok(updated)
        })
        .await?;
    Ok(channel)
}

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
            files.entry(message_id).or_default().push(AttachmentView {
                id: a.id,
                url: format!(
                    "/files/{}/{}",
                    a.id,
                    crate::web::context::url_encode(&a.file_name)
                ),
                file_name: a.file_name,
                content_type: a.content_type,
                size_bytes: a.size_bytes,
            });
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

fn language_of(body_plain: &str, chosen: Option<&str>, author: &User) -> AppResult<String> {
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
        .unwrap_or_else(|| author.interface_language.clone()))
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
            let (channel, _) = load(tx, &actor, channel_id, ChannelAction::Post)?;
            let rendered = render_in_channel(tx, channel.id, &body)?;
            let author = User::find(tx, actor.user_id)?;
            let lang = language_of(&rendered.plain_text, input.language.as_deref(), &author)?;
            if let Some(root_id) = input.thread_root_id {
                let root = Message::find(tx, root_id)
                    .map_err(|_| AppError::invalid(ErrorCode::InvalidValue, "thread_root_id"))?;
                if root.channel_id != channel.id || root.thread_root_id.is_some() {
                    return Err(AppError::invalid(ErrorCode::InvalidValue, "thread_root_id"));
                }
            }
            let now = now();
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
            // Only people who can read the channel are notified of a mention.
            let readers = channel::readers(tx, channel.id)?;
            let mentioned: Vec<i64> = rendered
                .mentions
                .iter()
                .copied()
                .filter(|id| readers.contains(id) && *id != actor.user_id)
                .collect();
            message::add_mentions(tx, &message, &mentioned)?;
            // One's own message is read.
            channel::set_read_seq(tx, actor.user_id, channel.id, seq, now)?;
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

/// Loads a message with its channel, deciding `Read` first, in one query whether the message is
/// missing or foreign.
fn load_message(
    conn: &mut DbConnection,
    actor: &Actor,
    message_id: i64,
) -> AppResult<(Message, Channel, ChannelFacts)> {
    let (message, channel, workspace, member, participant, channel_member) =
        with_caller_facts!(messages::table.inner_join(channels::table), actor)
            .filter(messages::id.eq(message_id))
            .select((
                Message::as_select(),
                Channel::as_select(),
                Option::<Workspace>::as_select(),
                Option::<Member>::as_select(),
                Option::<Participant>::as_select(),
                channel_members::user_id.nullable(),
            ))
            .first::<(
                Message,
                Channel,
                Option<Workspace>,
                Option<Member>,
                Option<Participant>,
                Option<i64>,
            )>(conn)
            .optional()?
            .ok_or_else(AppError::not_found)?;
    let facts = decide_loaded(
        actor,
        &channel,
        (workspace, member, participant, channel_member),
        ChannelAction::Read,
    )?;
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
            let now = now();
            message::record_edit(tx, &message, actor.user_id, now)?;
            let md = body.unwrap_or_else(|| message.body_md.clone());
            let rendered = render_in_channel(tx, channel.id, &md)?;
            let author = User::find(tx, actor.user_id)?;
            let lang = match (&input.language, &input.body) {
                (Some(l), _) => language_of(&rendered.plain_text, Some(l), &author)?,
                (None, Some(_)) => language_of(&rendered.plain_text, None, &author)?,
                (None, None) => message.language.clone(),
            };
            let updated = Message::set_body(tx, message.id, &md, &rendered.html, &lang, now)?;
            let readers = channel::readers(tx, channel.id)?;
            let mentioned: Vec<i64> = rendered
                .mentions
                .iter()
                .copied()
                .filter(|id| readers.contains(id) && *id != actor.user_id)
                .collect();
            message::add_mentions(tx, &updated, &mentioned)?;
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
            // The history is the author's and the moderators' to read.
            crate::policy::workspace::delete_message(&actor, message.author_id, &facts)?;
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
            let m = Message::tombstone(tx, message.id, actor.user_id, now())?;
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
            let changed =
                message::toggle_reaction(tx, message.id, actor.user_id, &emoji, add, now())?;
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

pub async fn history(
    state: &AppState,
    actor: &Actor,
    channel_id: i64,
    window: Window,
    limit: i64,
) -> AppResult<HistoryPage> {
    let limit = limit.clamp(1, MAX_HISTORY_PAGE);
    let actor = *actor;
    state
        .db
        .read(move |conn| {
            load(conn, &actor, channel_id, ChannelAction::Read)?;
            let (rows, more_before, more_after) =
                Message::history(conn, channel_id, window, limit)?;
            Ok(HistoryPage {
                messages: views(conn, actor.user_id, &rows)?,
                more_before,
                more_after,
            })
        })
        .await
}

/// A thread: its root and every reply.
pub async fn thread(
    state: &AppState,
    actor: &Actor,
    root_id: i64,
) -> AppResult<(MessageView, Vec<MessageView>)> {
    let actor = *actor;
    state
        .db
        .read(move |conn| {
            let (root, _, _) = load_message(conn, &actor, root_id)?;
            if root.thread_root_id.is_some() {
                return Err(AppError::not_found());
            }
            let replies = Message::replies(conn, root.id)?;
            let root_view = views(conn, actor.user_id, &[root])?.remove(0);
            Ok((root_view, views(conn, actor.user_id, &replies)?))
        })
        .await
}

/// Moves the caller's read marker (to the newest message when `seq` is absent).
pub async fn mark_read(
    state: &AppState,
    actor: &Actor,
    channel_id: i64,
    seq: Option<i64>,
) -> AppResult<ChannelView> {
    let actor = *actor;
    // A position that does not move is answered from a read: no writer lock, no event.
    let unmoved = state
        .db
        .read(move |conn| {
            let (channel, _) = load(conn, &actor, channel_id, ChannelAction::Read)?;
            let seq = seq.unwrap_or(channel.last_seq).clamp(0, channel.last_seq);
            if channel::read_seq(conn, actor.user_id, channel.id)? != Some(seq) {
                return Ok(None);
            }
            Ok(Some(read_view(conn, &actor, &channel, seq)?))
        })
        .await?;
    if let Some(view) = unmoved {
        return Ok(view);
    }
    let view = state
        .transact(move |tx| {
            let (channel, _) = load(tx, &actor, channel_id, ChannelAction::Read)?;
            let seq = seq.unwrap_or(channel.last_seq).clamp(0, channel.last_seq);
            if channel::read_seq(tx, actor.user_id, channel.id)? == Some(seq) {
                // Moved there by another tab since the check above.
                return read_view(tx, &actor, &channel, seq);
            }
            let now = now();
            channel::grant_marker(tx, actor.user_id, channel.id, seq, now)?;
            channel::set_read_seq(tx, actor.user_id, channel.id, seq, now)?;
            let view = read_view(tx, &actor, &channel, seq)?;
            // Only the reader's own tabs hear about it.
            tx.emit(NewEvent { kind: EventKind::ReadMarker, workspace_id: channel.workspace_id, channel_id: Some(channel.id), user_id: Some(actor.user_id), data: json!({"channel_id": channel.id, "read_seq": seq, "unread": view.unread, "mentions": view.mentions}) });
            Ok(view)
        })
        .await?;
    Ok(view)
}

/// The channel as its reader sees it with their marker at `seq`.
fn read_view(
    conn: &mut DbConnection,
    actor: &Actor,
    channel: &Channel,
    seq: i64,
) -> AppResult<ChannelView> {
    let mentions = crate::db::search::unread_counts(conn, actor.user_id)?
        .into_iter()
        .find(|c| c.channel_id == channel.id)
        .map_or(0, |c| c.mentions);
    Ok(channel_view(channel, seq, mentions))
}

pub async fn unread(state: &AppState, actor: &Actor) -> AppResult<UnreadView> {
    let user_id = actor.user_id;
    state
        .db
        .read(move |conn| {
            let counts = crate::db::search::unread_counts(conn, user_id)?;
            let mut per_workspace: Vec<CountView> = Vec::new();
            for c in &counts {
                // Direct conversations count in the total but belong to no workspace.
                if let Some(ws) = c.workspace_id {
                    match per_workspace.iter_mut().find(|w| w.id == ws) {
                        Some(w) => {
                            w.unread += c.unread;
                            w.mentions += c.mentions;
                        }
                        None => per_workspace.push(CountView {
                            id: ws,
                            unread: c.unread,
                            mentions: c.mentions,
                        }),
                    }
                }
            }
            Ok(UnreadView {
                unread: counts.iter().map(|c| c.unread).sum(),
                mentions: counts.iter().map(|c| c.mentions).sum(),
                workspaces: per_workspace,
                channels: counts
                    .iter()
                    .map(|c| CountView {
                        id: c.channel_id,
                        unread: c.unread,
                        mentions: c.mentions,
                    })
                    .collect(),
            })
        })
        .await
}

pub async fn search(
    state: &AppState,
    actor: &Actor,
    query: &str,
    filters: crate::db::search::Filters,
) -> AppResult<Vec<SearchHit>> {
    let query = validate::optional_text("q", query, MAX_SEARCH_QUERY_CHARS)?;
    if query.is_empty() {
        return Ok(Vec::new());
    }
    let actor = *actor;
    state
        .db
        .read(move |conn| {
            let ids =
                crate::db::search::search(conn, actor.user_id, &query, &filters, MAX_SEARCH_HITS)?;
            let mut hits = Vec::new();
            for id in ids {
                // The index narrows; the policy decides. A hit the caller may not read is dropped.
                let Ok((message, channel, _)) = load_message(conn, &actor, id) else {
                    continue;
                };
                let workspace_name = match channel.workspace_id {
                    Some(ws) => Some(Workspace::find(conn, ws)?.name),
                    None => None,
                };
                hits.push(SearchHit {
                    message: views(conn, actor.user_id, &[message])?.remove(0),
                    channel_name: channel.name,
                    workspace_id: channel.workspace_id,
                    workspace_name,
                });
            }
            Ok(hits)
        })
        .await
}

/// Opens (or finds) the direct conversation between the caller and `user_ids`.
pub async fn start_direct(
    state: &AppState,
    actor: &Actor,
    user_ids: Vec<i64>,
) -> AppResult<Channel> {
    let mut people = user_ids;
    people.push(actor.user_id);
    people.sort_unstable();
    people.dedup();
    if people.len() < 2 {
        return Err(AppError::invalid(ErrorCode::FieldRequired, "user_ids"));
    }
    if people.len() > MAX_DIRECT_PARTICIPANTS {
        return Err(AppError::too_long("user_ids", MAX_DIRECT_PARTICIPANTS));
    }
    let actor = *actor;
    let channel = state
        .transact(move |tx| {
            let mut names = Vec::new();
            for id in &people {
                let user = User::find(tx, *id)
                    .map_err(|_| AppError::invalid(ErrorCode::InvalidValue, "user_ids"))?;
                let org = Organisation::find(tx, user.organisation_id)?;
                crate::policy::workspace::start_direct(&actor, user.is_active(), org.is_active())
                    .map_err(|_| AppError::invalid(ErrorCode::InvalidValue, "user_ids"))?;
                names.push(user.display_name);
            }
            let key = channel::direct_key(&people);
            if let Some(existing) = Channel::find_direct(tx, &key)? {
                return Ok(existing);
            }
            let now = now();
            let Some(channel) =
                Channel::insert_direct(tx, &key, &names.join(", "), actor.user_id, now)?
            else {
                // An identical request created it while we checked; its transaction committed.
                let existing = Channel::find_direct(tx, &key)?.ok_or_else(AppError::not_found)?;
                return Ok(existing);
            };
            for id in &people {
                channel::add_channel_member(tx, channel.id, *id, now)?;
                channel::grant_marker(tx, *id, channel.id, 0, now)?;
            }
            tx.emit_in_channel(
                EventKind::ChannelChanged,
                channel.workspace_id,
                channel.id,
                json!({"channel": channel_view(&channel, 0, 0)}),
            );
            Ok(channel)
        })
        .await?;
    Ok(channel)
}

/// The caller's direct conversations, with unread counts and the other participants' names.
pub async fn list_direct(
    state: &AppState,
    actor: &Actor,
) -> AppResult<Vec<(ChannelView, Vec<String>)>> {
    let actor = *actor;
    state
        .db
        .read(move |conn| {
            let counts = crate::db::search::unread_counts(conn, actor.user_id)?;
            let mut out = Vec::new();
            for c in Channel::list_direct(conn, actor.user_id)? {
                let others: Vec<i64> = channel::channel_member_ids(conn, c.id)?
                    .into_iter()
                    .filter(|id| *id != actor.user_id)
                    .collect();
                let names = message::authors(conn, &others)?
                    .into_iter()
                    .map(|(_, name, _, org)| format!("{name} ({org})"))
                    .collect();
                let count = counts.iter().find(|x| x.channel_id == c.id);
                let read = count.map_or(c.last_seq, |x| c.last_seq - x.unread);
                out.push((
                    channel_view(&c, read, count.map_or(0, |x| x.mentions)),
                    names,
                ));
            }
            Ok(out)
        })
        .await
}

/// The channel's view for the caller (name of a direct conversation: the other people).
pub async fn channel_summary(
    state: &AppState,
    actor: &Actor,
    channel_id: i64,
) -> AppResult<(ChannelView, Option<Workspace>, ChannelFacts)> {
    let actor = *actor;
    state
        .db
        .read(move |conn| {
            let (channel, facts) = load(conn, &actor, channel_id, ChannelAction::Read)?;
            let read =
                channel::read_seq(conn, actor.user_id, channel.id)?.unwrap_or(channel.last_seq);
            let ws = match channel.workspace_id {
                Some(id) => Some(Workspace::find(conn, id)?),
                None => None,
            };
            let mut view = channel_view(&channel, read, 0);
            if channel.is_direct() {
                let others: Vec<i64> = channel::channel_member_ids(conn, channel.id)?
                    .into_iter()
                    .filter(|id| *id != actor.user_id)
                    .collect();
                view.name = message::authors(conn, &others)?
                    .into_iter()
                    .map(|(_, n, _, _)| n)
                    .collect::<Vec<_>>()
                    .join(", ");
            }
            Ok((view, ws, facts))
        })
        .await
}
