//! Replay: what a reconnecting client missed, read from the event log as the client may see it
//! now. Kept apart from the log itself because it asks the policy who may see what, and the
//! policy reads the log's events.

use agora_shared::events::EventKind;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::events::{NewEvent, Replay, StoredEvent, latest_id, pruned_through};
use crate::db::schema::events;
use crate::error::AppResult;

#[derive(Queryable, Selectable)]
#[diesel(table_name = events)]
struct EventRow {
    id: i64,
    kind: String,
    workspace_id: Option<i64>,
    channel_id: Option<i64>,
    user_id: Option<i64>,
    payload: String,
}

/// The data of a replayed message event, the message as `viewer` sees it now (`None` when it is
/// gone). The messaging domain supplies it, so the event log does not depend on it.
pub type MessageReader =
    fn(&mut DbConnection, i64, EventKind, i64) -> AppResult<Option<serde_json::Value>>;

impl EventRow {
    /// The event as `viewer` may see it now; `None` for a message that is gone (its deletion
    /// event stands for it) and (logged) for a row this build cannot read, e.g. a kind added by a
    /// newer instance during a rolling upgrade.
    fn into_current(
        self,
        conn: &mut DbConnection,
        viewer: i64,
        read_message: MessageReader,
    ) -> AppResult<Option<StoredEvent>> {
        let Some(kind) = EventKind::parse(&self.kind) else {
            tracing::warn!(event.id = self.id, event.kind = %self.kind, "skipping event of unknown kind");
            return Ok(None);
        };
        let mut data: serde_json::Value = match serde_json::from_str(&self.payload) {
            Ok(data) => data,
            Err(e) => {
                tracing::warn!(event.id = self.id, error = %e, "skipping event with unreadable payload");
                return Ok(None);
            }
        };
        if matches!(kind, EventKind::MessageCreated | EventKind::MessageUpdated) {
            // Rows written before message content left the log carry the whole message.
            let message_id = data["message_id"]
                .as_i64()
                .or_else(|| data["message"]["id"].as_i64());
            if let Some(id) = message_id {
                match read_message(conn, viewer, kind, id)? {
                    Some(current) => data = current,
                    None => return Ok(None),
                }
            }
        }
        Ok(StoredEvent::new(
            self.id,
            NewEvent {
                kind,
                workspace_id: self.workspace_id,
                channel_id: self.channel_id,
                user_id: self.user_id,
                data,
            },
        )
        .ok())
    }
}

/// The newest event `user_id` may see, up to `upto` (0 when none): where a fresh stream of theirs
/// starts, as far as they are told. It moves only with their own scopes' activity.
pub fn last_visible_id(conn: &mut DbConnection, user_id: i64, upto: i64) -> AppResult<i64> {
    crate::policy::events::last_visible(conn, user_id, upto)
}

/// What `user_id` missed after `after_id`, as they may see it now: at most `limit` events, or
/// [`Replay::Resync`] when there are more, when `after_id` was pruned, or when it is not a position
/// this database ever gave. Message events carry the message's current state.
pub fn replay(
    conn: &mut DbConnection,
    user_id: i64,
    after_id: i64,
    limit: i64,
    read_message: MessageReader,
) -> AppResult<Replay> {
    if after_id < 0 || after_id > latest_id(conn)? {
        return Ok(Replay::Resync);
    }
    if pruned_through(conn)?.is_some_and(|through| after_id < through) {
        return Ok(Replay::Resync);
    }
    let ids =
        crate::policy::events::visible_after(conn, user_id, after_id, limit.saturating_add(1))?;
    if ids.len() as i64 > limit {
        return Ok(Replay::Resync);
    }
    let rows: Vec<EventRow> = events::table
        .filter(events::id.eq_any(&ids))
        .order(events::id.asc())
        .select(EventRow::as_select())
        .load(conn)?;
    let mut missed = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(event) = row.into_current(conn, user_id, read_message)? {
            missed.push(event);
        }
    }
    Ok(Replay::Events(missed))
}
