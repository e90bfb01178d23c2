//! Who receives each realtime event: the single rule used for live delivery ([`audience`]) and for
//! replay after a reconnect ([`visible_after`], [`last_visible`]). Deny by default.
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
//! channel's readers only. `read_markers` is the materialised list of who may read a channel:
//! [`super::readers`] says which rows to create and delete after each membership change, from the
//! same rule as `channel(Read)`, in the change's transaction. Removing someone therefore
//! stops their events at once; to tell them they were removed, address a `user_id`-only event to
//! them (the channel or workspace id goes in `data`).
//!
//! Membership is checked as it is now, and only from where it began: each read marker and
//! workspace membership holds `since_event_id`, the newest event id when it was created (set by
//! the database at insert), and only later events reach that person, live or replayed. Someone who
//! joins is sent nothing from before; someone who left is sent nothing more.

use diesel::dsl::max;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::events::StoredEvent;
use crate::db::schema::{events, read_markers, workspace_members};
use crate::error::AppResult;

/// The ids of everyone who receives `event` now.
pub fn audience(conn: &mut DbConnection, event: &StoredEvent) -> AppResult<Vec<i64>> {
    let ids = match (event.channel_id, event.workspace_id, event.user_id) {
        (Some(channel), _, None) => read_markers::table
            .filter(read_markers::channel_id.eq(channel))
            .filter(read_markers::since_event_id.lt(event.id))
            .select(read_markers::user_id)
            .load(conn)?,
        (Some(channel), _, Some(user)) => read_markers::table
            .filter(read_markers::channel_id.eq(channel))
            .filter(read_markers::user_id.eq(user))
            .filter(read_markers::since_event_id.lt(event.id))
            .select(read_markers::user_id)
            .load(conn)?,
        (None, Some(workspace), None) => workspace_members::table
            .filter(workspace_members::workspace_id.eq(workspace))
            .filter(workspace_members::since_event_id.lt(event.id))
            .select(workspace_members::user_id)
            .load(conn)?,
        (None, Some(workspace), Some(user)) => workspace_members::table
            .filter(workspace_members::workspace_id.eq(workspace))
            .filter(workspace_members::user_id.eq(user))
            .filter(workspace_members::since_event_id.lt(event.id))
            .select(workspace_members::user_id)
            .load(conn)?,
        (None, None, Some(user)) => vec![user],
        (None, None, None) => Vec::new(),
    };
    Ok(ids)
}

/// The ids of the events after `after` that [`audience`] would send to `user_id` today, oldest
/// first, at most `limit`. One indexed query per kind of scope.
pub fn visible_after(
    conn: &mut DbConnection,
    user_id: i64,
    after: i64,
    limit: i64,
) -> AppResult<Vec<i64>> {
    let addressed = || events::user_id.is_null().or(events::user_id.eq(user_id));
    let mut ids: Vec<i64> = events::table
        .inner_join(
            read_markers::table.on(events::channel_id
                .eq(read_markers::channel_id.nullable())
                .and(read_markers::user_id.eq(user_id))
                .and(events::id.gt(read_markers::since_event_id))),
        )
        .filter(events::id.gt(after))
        .filter(addressed())
        .order(events::id.asc())
        .limit(limit)
        .select(events::id)
        .load(conn)?;
    ids.extend(
        events::table
            .inner_join(
                workspace_members::table.on(events::workspace_id
                    .eq(workspace_members::workspace_id.nullable())
                    .and(workspace_members::user_id.eq(user_id))
                    .and(events::id.gt(workspace_members::since_event_id))),
            )
            .filter(events::id.gt(after))
            .filter(events::channel_id.is_null())
            .filter(addressed())
            .order(events::id.asc())
            .limit(limit)
            .select(events::id)
            .load::<i64>(conn)?,
    );
    ids.extend(
        events::table
            .filter(events::user_id.eq(user_id))
            .filter(events::id.gt(after))
            .filter(events::channel_id.is_null())
            .filter(events::workspace_id.is_null())
            .order(events::id.asc())
            .limit(limit)
            .select(events::id)
            .load::<i64>(conn)?,
    );
    ids.sort_unstable();
    ids.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(ids)
}

/// The newest event id up to `upto` that [`audience`] would send to `user_id` today (0 when none):
/// a position that moves only with what this person may see.
pub fn last_visible(conn: &mut DbConnection, user_id: i64, upto: i64) -> AppResult<i64> {
    let addressed = || events::user_id.is_null().or(events::user_id.eq(user_id));
    let in_channels: Option<i64> = events::table
        .inner_join(
            read_markers::table.on(events::channel_id
                .eq(read_markers::channel_id.nullable())
                .and(read_markers::user_id.eq(user_id))
                .and(events::id.gt(read_markers::since_event_id))),
        )
        .filter(addressed())
        .filter(events::id.le(upto))
        .select(max(events::id))
        .first(conn)?;
    let in_workspaces: Option<i64> = events::table
        .inner_join(
            workspace_members::table.on(events::workspace_id
                .eq(workspace_members::workspace_id.nullable())
                .and(workspace_members::user_id.eq(user_id))
                .and(events::id.gt(workspace_members::since_event_id))),
        )
        .filter(events::channel_id.is_null())
        .filter(addressed())
        .filter(events::id.le(upto))
        .select(max(events::id))
        .first(conn)?;
    let personal: Option<i64> = events::table
        .filter(events::user_id.eq(user_id))
        .filter(events::channel_id.is_null())
        .filter(events::workspace_id.is_null())
        .filter(events::id.le(upto))
        .select(max(events::id))
        .first(conn)?;
    Ok([in_channels, in_workspaces, personal]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0))
}
