//! Channels of a workspace: listing them with their counts, creating and changing them.

use agora_shared::ErrorCode;
use agora_shared::conversations::*;
use agora_shared::events::EventKind;
use agora_shared::ids::{ChannelId, UserId};
use agora_shared::limits::*;
use serde_json::json;

use crate::error::{AppError, AppResult};
use crate::messaging::channel::{self, Channel, ChannelChanges, ChannelKind};
use crate::messaging::service::{channel_view, load};
use crate::policy::Actor;
use crate::policy::workspace::{ChannelAction, WorkspaceAction, channel as decide};
use crate::state::AppState;
use crate::validate;
use crate::workspaces::service as workspaces;

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
            let counts = crate::db::unread::unread_counts(conn, actor.user_id)?;
            let mut out = Vec::new();
            for c in Channel::list_in_workspace(conn, workspace_id)? {
                if c.private
                    && !channel::is_channel_member(
                        conn,
                        ChannelId::new(c.id),
                        UserId::new(actor.user_id),
                    )?
                {
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
            let now = tx.now();
            let channel = Channel::insert(
                tx,
                Some(workspace_id),
                ChannelKind::Channel,
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
                    channel::add_channel_member(
                        tx,
                        ChannelId::new(channel.id),
                        UserId::new(user_id),
                        now,
                    )?;
                }
            }
            channel::sync_channel_readers(tx, ChannelId::new(channel.id), now)?;
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
        updated_at: Some(state.clock.now()),
        ..Default::default()
    };
    if let Some(n) = &input.name {
        changes.name = Some(validate::text("name", n, MAX_CHANNEL_NAME_CHARS)?);
    }
    if let Some(t) = &input.topic {
        changes.topic = Some(validate::optional_text("topic", t, MAX_TOPIC_CHARS)?);
    }
    changes.archived_at = input.archived.map(|a| a.then(|| state.clock.now()));
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
