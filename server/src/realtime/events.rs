//! The event log: every realtime event is a row of `events`, written in the transaction of the
//! change it describes, so the database stays the source of replay (a bus only notifies).
//!
//! Services emit events through the unit of work ([`crate::db::unit_of_work`]), which records
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
    /// The frame sent to clients, with `cursor` (see [`super::cursor`]) as its `id`.
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

/// What the log keeps of an event's data: a message event keeps the message id only, so text
/// that is edited or deleted later is not kept for the retention period and replay reads the
/// message as it is then ([`crate::messaging::message::replay_data`]).
fn stored_payload(event: &NewEvent) -> String {
    let message_id = event.data["message"]["id"].as_i64();
    match (event.kind, message_id) {
        (EventKind::MessageCreated | EventKind::MessageUpdated, Some(id)) => {
            serde_json::json!({ "message_id": id }).to_string()
        }
        _ => event.data.to_string(),
    }
}

impl EventRow {
    /// The event as `viewer` may see it now; `None` for a message that is gone (its deletion
    /// event stands for it) and (logged) for a row this build cannot read, e.g. a kind added by a
    /// newer instance during a rolling upgrade.
    fn into_current(self, conn: &mut DbConnection, viewer: i64) -> AppResult<Option<StoredEvent>> {
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
                match crate::messaging::message::replay_data(conn, viewer, kind, id)? {
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
/// of work ([`crate::db::unit_of_work`]) records what they emit and publishes it after the commit.
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
fn pruned_through(conn: &mut DbConnection) -> AppResult<Option<i64>> {
    let value: Option<String> = instance_settings::table
        .filter(instance_settings::name.eq(PRUNED_THROUGH))
        .select(instance_settings::value)
        .first(conn)
        .optional()?;
    Ok(value.and_then(|v| v.parse().ok()))
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
        if let Some(event) = row.into_current(conn, user_id)? {
            missed.push(event);
        }
    }
    Ok(Replay::Events(missed))
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
