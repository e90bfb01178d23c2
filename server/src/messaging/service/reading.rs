//! Reading a channel: its history, a thread, the caller's read marker and unread counts.

use agora_shared::conversations::*;
use agora_shared::events::EventKind;
use agora_shared::ids::{ChannelId, UserId};
use agora_shared::limits::*;
use serde_json::json;

use crate::db::DbConnection;
use crate::db::events::NewEvent;
use crate::error::{AppError, AppResult};
use crate::messaging::channel::{self, Channel};
use crate::messaging::message::{Message, Window};
use crate::policy::Actor;
use crate::policy::workspace::ChannelAction;
use crate::state::AppState;

use super::single_message::load_message;
use super::views::views;
use super::{channel_view, load};

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
            if channel::read_seq(conn, UserId::new(actor.user_id), ChannelId::new(channel.id))?
                != Some(seq)
            {
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
            if channel::read_seq(tx, UserId::new(actor.user_id), ChannelId::new(channel.id))? == Some(seq) {
                // Moved there by another tab since the check above.
                return read_view(tx, &actor, &channel, seq);
            }
            let now = tx.now();
            channel::grant_marker(tx, UserId::new(actor.user_id), ChannelId::new(channel.id), seq, now)?;
            channel::set_read_seq(tx, UserId::new(actor.user_id), ChannelId::new(channel.id), seq, now)?;
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
    let mentions = crate::db::unread::unread_counts(conn, actor.user_id)?
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
            let counts = crate::db::unread::unread_counts(conn, user_id)?;
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
