//! The event log: every realtime event is a row of `events`, written in the transaction of the
//! change it describes, so the database stays the source of replay (a bus only notifies).
//!
//! ```ignore
//! let event = state.db.write(move |conn| {
//!     // ... the change itself ...
//!     realtime::events::record(conn, NewEvent { kind: EventKind::MessageCreated, .. })
//! }).await?;
//! state.hub.publish(event); // after the commit, never inside the transaction
//! ```
//!
//! Who receives an event is decided by [`crate::policy::events`], for live delivery and replay alike.

use std::sync::Arc;

use agora_shared::events::{EventEnvelope, EventKind};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{events, instance_settings};
use crate::error::{AppError, AppResult};

/// Events older than this may be pruned; a client that fell further behind resyncs.
pub const RETENTION_DAYS: i64 = 7;

/// `instance_settings` row holding the newest event id removed by [`prune`].
const PRUNED_THROUGH: &str = "realtime.events_pruned_through";
/// `instance_settings` row that [`record`] locks so that events commit in id order.
const ORDER_LOCK: &str = "realtime.event_order";

/// An event to record. Its scope (`channel_id`, `workspace_id`, `user_id`) decides its audience:
/// see [`crate::policy::events`].
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub kind: EventKind,
    pub workspace_id: Option<i64>,
    pub channel_id: Option<i64>,
    /// Narrows the audience to this one person (e.g. their own read marker, for their other tabs).
    pub user_id: Option<i64>,
    /// Kind-specific data, e.g. the message for `message_created`.
    pub data: serde_json::Value,
}

/// A recorded event, ready to send: `json` is its [`EventEnvelope`], serialized once and shared by
/// every recipient.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    pub id: i64,
    pub kind: EventKind,
    pub workspace_id: Option<i64>,
    pub channel_id: Option<i64>,
    pub user_id: Option<i64>,
    pub json: Arc<str>,
}

impl StoredEvent {
    /// Builds the event with id `id` and serializes its envelope.
    pub fn new(id: i64, event: NewEvent) -> AppResult<StoredEvent> {
        let NewEvent {
            kind,
            workspace_id,
            channel_id,
            user_id,
            data,
        } = event;
        let json = serde_json::to_string(&EventEnvelope {
            id,
            kind,
            workspace_id,
            channel_id,
            data,
        })
        .map_err(|e| AppError::internal(anyhow::anyhow!("serializing event {id}: {e}")))?;
        Ok(StoredEvent {
            id,
            kind,
            workspace_id,
            channel_id,
            user_id,
            json: json.into(),
        })
    }
}

/// What a reconnecting client is sent.
#[derive(Debug)]
pub enum Replay {
    /// Everything it may see after its `last_event_id`, oldest first (possibly nothing).
    Events(Vec<StoredEvent>),
    /// Too much was missed, or its position is unknown or pruned: reload state, then reconnect.
    Resync,
}

#[derive(Insertable)]
#[diesel(table_name = events)]
struct NewEventRow<'a> {
    kind: &'a str,
    workspace_id: Option<i64>,
    channel_id: Option<i64>,
    user_id: Option<i64>,
    payload: &'a str,
    created_at: NaiveDateTime,
}

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

impl EventRow {
    /// The event as sent; `None` (logged) for a row this build cannot read, e.g. a kind added by
    /// a newer instance during a rolling upgrade.
    fn into_stored(self) -> Option<StoredEvent> {
        let Some(kind) = EventKind::parse(&self.kind) else {
            tracing::warn!(event.id = self.id, event.kind = %self.kind, "skipping event of unknown kind");
            return None;
        };
        let data = match serde_json::from_str(&self.payload) {
            Ok(data) => data,
            Err(e) => {
                tracing::warn!(event.id = self.id, error = %e, "skipping event with unreadable payload");
                return None;
            }
        };
        StoredEvent::new(
            self.id,
            NewEvent {
                kind,
                workspace_id: self.workspace_id,
                channel_id: self.channel_id,
                user_id: self.user_id,
                data,
            },
        )
        .ok()
    }
}

/// Creates the row [`record`] locks, if missing. Called at start, before any request.
pub fn prepare(conn: &mut DbConnection) -> AppResult<()> {
    let exists = instance_settings::table
        .find(ORDER_LOCK)
        .count()
        .get_result::<i64>(conn)?
        > 0;
    if !exists {
        diesel::insert_into(instance_settings::table)
            .values((
                instance_settings::name.eq(ORDER_LOCK),
                instance_settings::value.eq(""),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Appends `event` to the log inside the caller's transaction. Publish the result with
/// [`crate::realtime::hub::Hub::publish`] once that transaction has committed.
///
/// Make it the transaction's last statement: it takes a lock that orders event-producing
/// transactions until they commit, so that ids become visible in increasing order. Without it, on
/// Postgres, a transaction holding id 10 could commit after one holding id 11, and a client that
/// had seen 11 would never be sent 10. (SQLite has a single writer anyway.)
pub fn record(conn: &mut DbConnection, event: NewEvent) -> AppResult<StoredEvent> {
    let locked = diesel::update(instance_settings::table.find(ORDER_LOCK))
        .set(instance_settings::value.eq(instance_settings::value))
        .execute(conn)?;
    if locked == 0 {
        prepare(conn)?;
    }
    let payload = event.data.to_string();
    let id: i64 = diesel::insert_into(events::table)
        .values(&NewEventRow {
            kind: event.kind.as_str(),
            workspace_id: event.workspace_id,
            channel_id: event.channel_id,
            user_id: event.user_id,
            payload: &payload,
            created_at: crate::time::now(),
        })
        .returning(events::id)
        .get_result(conn)?;
    StoredEvent::new(id, event)
}

/// The newest event id (0 when there is none): where a fresh stream starts.
pub fn latest_id(conn: &mut DbConnection) -> AppResult<i64> {
    let newest: Option<i64> = events::table
        .select(diesel::dsl::max(events::id))
        .first(conn)?;
    Ok(newest.unwrap_or(0))
}

/// The newest id removed by [`prune`], if any.
fn pruned_through(conn: &mut DbConnection) -> AppResult<Option<i64>> {
    let value: Option<String> = instance_settings::table
        .filter(instance_settings::name.eq(PRUNED_THROUGH))
        .select(instance_settings::value)
        .first(conn)
        .optional()?;
    Ok(value.and_then(|v| v.parse().ok()))
}

/// What `user_id` missed after `after_id`: at most `limit` events, or [`Replay::Resync`] when there
/// are more, when `after_id` was pruned, or when it is not a position this database ever gave.
pub fn replay(
    conn: &mut DbConnection,
    user_id: i64,
    after_id: i64,
    limit: i64,
) -> AppResult<Replay> {
    if after_id < 0 || after_id > latest_id(conn)? {
        return Ok(Replay::Resync);
    }
    if pruned_through(conn)?.is_some_and(|through| after_id < through) {
        return Ok(Replay::Resync);
    }
    let rows: Vec<EventRow> = events::table
        .filter(events::id.gt(after_id))
        .filter(crate::policy::events::visible_to(user_id))
        .order(events::id.asc())
        .limit(limit.saturating_add(1))
        .select(EventRow::as_select())
        .load(conn)?;
    if rows.len() as i64 > limit {
        return Ok(Replay::Resync);
    }
    Ok(Replay::Events(
        rows.into_iter().filter_map(EventRow::into_stored).collect(),
    ))
}

/// Removes events created before `before`, always keeping the newest one so that ids never go
/// back, and remembers where it cut so that clients from before that point resync. Returns the
/// number of events removed.
pub fn prune(conn: &mut DbConnection, before: NaiveDateTime) -> AppResult<usize> {
    let newest = latest_id(conn)?;
    let through: Option<i64> = events::table
        .filter(events::created_at.lt(before))
        .filter(events::id.lt(newest))
        .select(diesel::dsl::max(events::id))
        .first(conn)?;
    let Some(through) = through else {
        return Ok(0);
    };
    let removed = diesel::delete(events::table.filter(events::id.le(through))).execute(conn)?;
    let value = through.to_string();
    let updated = diesel::update(instance_settings::table.find(PRUNED_THROUGH))
        .set(instance_settings::value.eq(&value))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(instance_settings::table)
            .values((
                instance_settings::name.eq(PRUNED_THROUGH),
                instance_settings::value.eq(&value),
            ))
            .execute(conn)?;
    }
    Ok(removed)
}
