//! Who receives each realtime event: the single rule used for live delivery ([`audience`]) and for
//! replay after a reconnect ([`visible_to`]). Deny by default.
//!
//! An event's scope is its `channel_id`, `workspace_id` and `user_id`:
//!
//! | scope | audience |
//! |---|---|
//! | `channel_id` | exactly the people holding a `read_markers` row for that channel |
//! | `channel_id` + `user_id` | that person, if they hold a read marker for the channel |
//! | `workspace_id` only | the workspace's `workspace_members` |
//! | `workspace_id` + `user_id` | that person, if they are a member of the workspace |
//! | `user_id` only | that person (e.g. their own read-marker change, for their other tabs) |
//! | nothing | nobody |
//!
//! The channel wins over the workspace: a channel event with a `workspace_id` too goes to the
//! channel's readers only. Services keep `read_markers` as the materialised list of who may read a
//! channel: a row is created when someone joins the channel (or it is created with them) and
//! deleted when they leave or lose access, in the same transaction. Removing someone therefore
//! stops their events at once; to tell them they were removed, address a `user_id`-only event to
//! them (the channel or workspace id goes in `data`).
//!
//! Replay checks membership as it is now, not as it was when the event happened: someone who joined
//! a channel is sent its recent events, someone who left is sent none.

use diesel::prelude::*;
use diesel::sql_types::{Bool, Nullable};

use crate::db::schema::{events, read_markers, workspace_members};
use crate::db::{DbConnection, MultiBackend};
use crate::error::AppResult;
use crate::realtime::events::StoredEvent;

/// The ids of everyone who receives `event` now.
pub fn audience(conn: &mut DbConnection, event: &StoredEvent) -> AppResult<Vec<i64>> {
    let ids = match (event.channel_id, event.workspace_id, event.user_id) {
        (Some(channel), _, None) => read_markers::table
            .filter(read_markers::channel_id.eq(channel))
            .select(read_markers::user_id)
            .load(conn)?,
        (Some(channel), _, Some(user)) => read_markers::table
            .filter(read_markers::channel_id.eq(channel))
            .filter(read_markers::user_id.eq(user))
            .select(read_markers::user_id)
            .load(conn)?,
        (None, Some(workspace), None) => workspace_members::table
            .filter(workspace_members::workspace_id.eq(workspace))
            .select(workspace_members::user_id)
            .load(conn)?,
        (None, Some(workspace), Some(user)) => workspace_members::table
            .filter(workspace_members::workspace_id.eq(workspace))
            .filter(workspace_members::user_id.eq(user))
            .select(workspace_members::user_id)
            .load(conn)?,
        (None, None, Some(user)) => vec![user],
        (None, None, None) => Vec::new(),
    };
    Ok(ids)
}

/// A condition on `events` rows: what `user_id` may see, by the same rules as [`audience`].
pub type Visible =
    Box<dyn BoxableExpression<events::table, MultiBackend, SqlType = Nullable<Bool>>>;

/// The replay filter: `events` rows that [`audience`] would send to `user_id` today.
pub fn visible_to(user_id: i64) -> Visible {
    let my_channels = read_markers::table
        .filter(read_markers::user_id.eq(user_id))
        .select(read_markers::channel_id.nullable());
    let my_workspaces = workspace_members::table
        .filter(workspace_members::user_id.eq(user_id))
        .select(workspace_members::workspace_id.nullable());
    let addressed = || events::user_id.is_null().or(events::user_id.eq(user_id));
    let in_channel = events::channel_id.eq_any(my_channels).and(addressed());
    let in_workspace = events::channel_id
        .is_null()
        .and(events::workspace_id.eq_any(my_workspaces))
        .and(addressed());
    let personal = events::channel_id
        .is_null()
        .and(events::workspace_id.is_null())
        .and(events::user_id.eq(user_id));
    Box::new(in_channel.or(in_workspace).or(personal))
}
