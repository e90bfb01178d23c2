//! The event log: every realtime event is a row of `events`, written in the transaction of the
//! change it describes, so the database stays the source of replay (a bus only notifies).
//!
//! Services emit events through the unit of work (`unit_of_work`), which records
//! them last in the transaction and publishes them after the commit:
//!
//! ```ignore
//! state.transact(move |tx| {
//!     // ... the change itself ...
//!     tx.emit(NewEvent { kind: EventKind::MessageCreated, .. });
//!     Ok(())
//! }).await?;
//! ```
//!
//! Who receives an event is decided by the policy (`policy::events`), for live delivery and replay alike;
//! replay itself is `realtime::replay`.

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
/// see the policy (`policy::events`).
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

/// A recorded event, ready to send: `body` is its [`EventEnvelope`] without the id, serialized once
/// and shared by every recipient; [`StoredEvent::frame`] puts the client-facing cursor in front.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    pub id: i64,
    pub kind: EventKind,
    pub workspace_id: Option<i64>,
    pub channel_id: Option<i64>,
    pub user_id: Option<i64>,
    body: Arc<str>,
}

/// How every serialized envelope starts before its id is replaced by a cursor.
const ID_PLACEHOLDER: &str = "{\"id\":0,";

impl StoredEvent {
    /// The frame sent to clients, with `cursor` (see `realtime::cursor`) as its `id`.
    pub fn frame(&self, cursor: i64) -> String {
        format!("{{\"id\":{cursor},{}", self.body)
    }

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
            id: 0,
            kind,
            workspace_id,
            channel_id,
            data,
        })
        .map_err(|e| AppError::internal(anyhow::anyhow!("serializing event {id}: {e}")))?;
        let body = json.strip_prefix(ID_PLACEHOLDER).ok_or_else(|| {
            AppError::internal(anyhow::anyhow!(
                "event {id} serialized without a leading id"
            ))
        })?;
        Ok(StoredEvent {
            id,
            kind,
            workspace_id,
            channel_id,
            user_id,
            body: body.into(),
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

/// What the log keeps of an event's data: a message event keeps the message id only, so text
/// that is edited or deleted later is not kept for the retention period and replay reads the
/// message as it is then (see `realtime::replay`).
fn stored_payload(event: &NewEvent) -> String {
    let message_id = event.data["message"]["id"].as_i64();
    match (event.kind, message_id) {
        (EventKind::MessageCreated | EventKind::MessageUpdated, Some(id)) => {
            serde_json::json!({ "message_id": id }).to_string()
        }
        _ => event.data.to_string(),
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

/// Appends `event` to the log inside the caller's transaction. Services do not call it: the unit
/// of work (`unit_of_work`) records what they emit and publishes it after the commit.
///
/// Make it the transaction's last statement: it takes a lock that orders event-producing
/// transactions until they commit, so that ids become visible in increasing order. Without it, on
/// Postgres, a transaction holding id 10 could commit after one holding id 11, and a client that
/// had seen 11 would never be sent 10. (SQLite has a single writer anyway.)
pub fn record(
    conn: &mut DbConnection,
    event: NewEvent,
    now: NaiveDateTime,
) -> AppResult<StoredEvent> {
    let locked = diesel::update(instance_settings::table.find(ORDER_LOCK))
        .set(instance_settings::value.eq(instance_settings::value))
        .execute(conn)?;
    if locked == 0 {
        prepare(conn)?;
    }
    let payload = stored_payload(&event);
    let id: i64 = diesel::insert_into(events::table)
        .values(&NewEventRow {
            kind: event.kind.as_str(),
            workspace_id: event.workspace_id,
            channel_id: event.channel_id,
            user_id: event.user_id,
            payload: &payload,
            created_at: now,
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
pub fn pruned_through(conn: &mut DbConnection) -> AppResult<Option<i64>> {
    let value: Option<String> = instance_settings::table
        .filter(instance_settings::name.eq(PRUNED_THROUGH))
        .select(instance_settings::value)
        .first(conn)
        .optional()?;
    Ok(value.and_then(|v| v.parse().ok()))
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
