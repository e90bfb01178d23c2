//! "Mark all as read" for one workspace: every channel of it that the person reads moves its
//! marker to the newest message, and each of their tabs hears of each move.

use agora_shared::events::EventKind;
use agora_shared::ids::{ChannelId, UserId};
use diesel::prelude::*;
use serde_json::json;

use crate::db::events::NewEvent;
use crate::db::schema::{channels, read_markers};
use crate::error::AppResult;
use crate::messaging::channel;
use crate::policy::Actor;
use crate::policy::workspace::WorkspaceAction;
use crate::state::AppState;

/// Marks everything the caller reads in `workspace_id` as read; returns how many channels moved.
pub async fn mark_workspace_read(
    state: &AppState,
    actor: &Actor,
    workspace_id: i64,
) -> AppResult<usize> {
    let actor = *actor;
    state
        .transact(move |tx| {
            super::load(tx, &actor, workspace_id, WorkspaceAction::Read)?;
            // The markers are the list of channels the person may read (policy/readers.rs).
            let behind: Vec<(i64, i64)> = read_markers::table
                .inner_join(channels::table.on(channels::id.eq(read_markers::channel_id)))
                .filter(read_markers::user_id.eq(actor.user_id))
                .filter(channels::workspace_id.eq(workspace_id))
                .filter(channels::last_seq.gt(read_markers::read_seq))
                .order(channels::id.asc())
                .select((channels::id, channels::last_seq))
                .load(tx.conn())?;
            let now = tx.now();
            for &(channel_id, last_seq) in &behind {
                channel::set_read_seq(
                    tx,
                    UserId::new(actor.user_id),
                    ChannelId::new(channel_id),
                    last_seq,
                    now,
                )?;
                tx.emit(NewEvent {
                    kind: EventKind::ReadMarker,
                    workspace_id: Some(workspace_id),
                    channel_id: Some(channel_id),
                    user_id: Some(actor.user_id),
                    data: json!({"channel_id": channel_id, "read_seq": last_seq, "unread": 0, "mentions": 0}),
                });
            }
            Ok(behind.len())
        })
        .await
}
