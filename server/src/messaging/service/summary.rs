//! One channel's summary for its page: its view for the caller, its workspace and the facts of
//! the decisions the page shows.

use agora_shared::conversations::ChannelView;
use agora_shared::ids::{ChannelId, UserId};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::workspaces;
use crate::error::AppResult;
use crate::messaging::{channel, message};
use crate::policy::Actor;
use crate::policy::workspace::{ChannelAction, ChannelFacts};
use crate::state::AppState;

use super::{channel_view, load};

/// The channel's view for the caller (name of a direct conversation: the other people).
pub async fn channel_summary(
    state: &AppState,
    actor: &Actor,
    channel_id: i64,
) -> AppResult<(ChannelView, Option<(i64, String)>, ChannelFacts)> {
    let actor = *actor;
    state
        .db
        .read(move |conn| {
            let (channel, facts) = load(conn, &actor, channel_id, ChannelAction::Read)?;
            let read =
                channel::read_seq(conn, UserId::new(actor.user_id), ChannelId::new(channel.id))?
                    .unwrap_or(channel.last_seq);
            let ws = match channel.workspace_id {
                Some(id) => Some((id, workspace_name(conn, id)?)),
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

/// The name of a channel's workspace, read from its table: messaging sits below workspaces.
fn workspace_name(conn: &mut DbConnection, id: i64) -> AppResult<String> {
    Ok(workspaces::table
        .find(id)
        .select(workspaces::name)
        .first(conn)?)
}
