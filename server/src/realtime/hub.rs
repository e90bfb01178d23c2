//! The hub: owns every websocket subscription of this instance and hands each published event to
//! the connections of its audience.
//!
//! - Events arrive through an [`EventBus`] ([`super::bus`]): in-process by default; with several
//!   instances a Redis bus publishes each event once and each instance subscribes once.
//! - One task, [`Hub::relay`] (spawned by startup, never by a constructor), consumes the bus, asks
//!   [`crate::policy::events::audience`] who receives each event (on a blocking thread), and
//!   pushes the event's shared JSON into each recipient connection's bounded queue of
//!   `WS_QUEUE_EVENTS` ([`super::connections`]). A full queue drops that connection with
//!   [`CLOSE_RESYNC`]: it reconnects and replays from the database, never buffered without limit.
//! - Each event's frame carries its client-facing cursor ([`super::cursor`]), built once per event.
//! - [`Hub::check_sessions`] closes the connections whose session ended (on any instance) with
//!   [`CLOSE_SESSION_ENDED`]; the scheduler calls it every heartbeat.

use std::collections::HashSet;
use std::future::Future;
use std::sync::Arc;
use std::sync::Weak;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use agora_shared::events::{CLOSE_RESYNC, CLOSE_SESSION_ENDED};
use bytestring::ByteString;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use futures_util::StreamExt;
use tokio::sync::broadcast;

pub use super::bus::{BUS_CAPACITY, EventBus, InProcessBus};
use super::connections::Connections;
pub use super::connections::{CLOSE_GOING_AWAY, Connection, Delivery, Next};
use super::cursor::CursorKey;
use super::replay::MessageReader;
use crate::db::Db;
use crate::db::events::StoredEvent;
use crate::db::schema::sessions;
use crate::error::AppResult;

/// Audience queries in flight at once (delivery order is kept).
const AUDIENCE_CONCURRENCY: usize = 4;
/// Session hashes per query of the session check.
const SESSION_CHECK_CHUNK: usize = 500;

struct Inner {
    bus: Arc<dyn EventBus>,
    db: Db,
    cursors: CursorKey,
    heartbeat: Duration,
    read_message: MessageReader,
    connections: Arc<Connections>,
    /// Whether [`Hub::relay`] has been handed out.
    relaying: AtomicBool,
}

impl Inner {
    fn deliver(&self, event: &StoredEvent, audience: &[i64]) {
        if audience.is_empty() {
            return;
        }
        let json = ByteString::from(event.frame(self.cursors.encode(event.id)));
        self.connections.deliver(event.id, &json, audience);
    }
}

/// Realtime fan-out of this instance. Cheap to clone.
#[derive(Clone)]
pub struct Hub {
    inner: Arc<Inner>,
}

impl Hub {
    /// A hub on the in-process bus. `secret` keys the cursors; `heartbeat` paces the streams'
    /// heartbeats and the session check. Delivers nothing until [`Hub::relay`] runs.
    pub fn new(db: Db, secret: &[u8], heartbeat: Duration, read_message: MessageReader) -> Hub {
        Hub::with_bus(
            db,
            Arc::new(InProcessBus::new(BUS_CAPACITY)),
            secret,
            heartbeat,
            read_message,
        )
    }

    /// A hub on the given bus.
    pub fn with_bus(
        db: Db,
        bus: Arc<dyn EventBus>,
        secret: &[u8],
        heartbeat: Duration,
        read_message: MessageReader,
    ) -> Hub {
        Hub {
            inner: Arc::new(Inner {
                bus,
                db,
                cursors: CursorKey::new(secret),
                heartbeat,
                read_message,
                connections: Arc::default(),
                relaying: AtomicBool::new(false),
            }),
        }
    }

    /// The task that consumes the bus (subscribed to once, here) and delivers each event to its
    /// audience's connections; startup spawns it. It ends when the hub is dropped. A second call
    /// returns a task that does nothing, so no event is delivered twice.
    pub fn relay(&self) -> impl Future<Output = ()> + Send + 'static {
        let first = !self.inner.relaying.swap(true, Ordering::SeqCst);
        let rx = first.then(|| self.inner.bus.subscribe());
        let (db, hub) = (self.inner.db.clone(), Arc::downgrade(&self.inner));
        async move {
            match rx {
                Some(rx) => relay(db, hub, rx).await,
                None => tracing::warn!("the hub's relay was started twice; the second one stops"),
            }
        }
    }

    /// The slow-consumer limit: events queued for one connection before it is dropped with
    /// [`CLOSE_RESYNC`] (`WS_QUEUE_EVENTS` unless configured). Call before any connection
    /// registers, while this is the hub's only handle.
    pub fn with_queue_events(mut self, events: usize) -> Hub {
        Arc::get_mut(&mut self.inner)
            .and_then(|inner| Arc::get_mut(&mut inner.connections))
            .expect("the queue length is set before the hub is shared")
            .queue_events = events.max(1);
        self
    }

    /// Maps event ids to the cursors clients see, and back.
    pub fn cursors(&self) -> &CursorKey {
        &self.inner.cursors
    }

    /// How a replay reads a missed message event as its viewer sees it now.
    pub fn message_reader(&self) -> MessageReader {
        self.inner.read_message
    }

    /// How often streams hear a heartbeat and sessions are checked.
    pub fn heartbeat(&self) -> Duration {
        self.inner.heartbeat
    }

    /// Sends a recorded event to everyone who may receive it, on every instance. Call after the
    /// transaction that recorded it has committed.
    pub fn publish(&self, event: StoredEvent) {
        self.inner.bus.publish(event);
    }

    /// Publishes what a committed transaction recorded, in order. Only the unit of work
    /// (`unit_of_work`) calls it; a test there keeps services from publishing by hand.
    pub(crate) fn publish_all(&self, events: Vec<StoredEvent>) {
        for event in events {
            self.publish(event);
        }
    }

    /// Registers a websocket of `user_id`, signed in with the session whose hash is `session_hash`.
    pub fn register(&self, user_id: i64, organisation_id: i64, session_hash: &str) -> Connection {
        self.inner
            .connections
            .register(user_id, organisation_id, session_hash)
    }

    /// Closes every connection of a person with [`CLOSE_SESSION_ENDED`] (deactivation, password
    /// reset). Returns how many were closed.
    pub fn disconnect_user(&self, user_id: i64) -> usize {
        self.inner
            .connections
            .close_where(CLOSE_SESSION_ENDED, |user, _| user == user_id)
    }

    /// Closes the connections of one session (sign-out).
    pub fn disconnect_session(&self, session_hash: &str) -> usize {
        self.inner
            .connections
            .close_where(CLOSE_SESSION_ENDED, |_, slot| {
                &*slot.session_hash == session_hash
            })
    }

    /// Closes a person's connections of every session but `keep_session_hash` (password change).
    pub fn disconnect_other_sessions(&self, user_id: i64, keep_session_hash: &str) -> usize {
        self.inner
            .connections
            .close_where(CLOSE_SESSION_ENDED, |user, slot| {
                user == user_id && &*slot.session_hash != keep_session_hash
            })
    }

    /// Closes every connection of an organisation's members (suspension).
    pub fn disconnect_organisation(&self, organisation_id: i64) -> usize {
        self.inner
            .connections
            .close_where(CLOSE_SESSION_ENDED, |_, slot| {
                slot.organisation_id == organisation_id
            })
    }

    /// Closes every connection with `code`, e.g. [`CLOSE_GOING_AWAY`] at shutdown.
    pub fn close_all(&self, code: u16) -> usize {
        self.inner.connections.close_where(code, |_, _| true)
    }

    /// Open connections on this instance.
    pub fn connection_count(&self) -> usize {
        self.inner.connections.users().values().map(Vec::len).sum()
    }

    /// Open connections of one person on this instance.
    pub fn user_connection_count(&self, user_id: i64) -> usize {
        self.inner
            .connections
            .users()
            .get(&user_id)
            .map_or(0, Vec::len)
    }

    /// Closes the connections whose session no longer exists or has expired (ended on any
    /// instance) by `now` with [`CLOSE_SESSION_ENDED`]. The scheduler runs it every heartbeat;
    /// returns how many it closed.
    /// The people with at least one websocket open on this instance.
    pub fn connected_users(&self) -> Vec<i64> {
        self.inner.connections.users().keys().copied().collect()
    }

    pub async fn check_sessions(&self, now: NaiveDateTime) -> AppResult<usize> {
        let hashes: Vec<String> = {
            let users = self.inner.connections.users();
            let set: HashSet<&str> = users
                .values()
                .flatten()
                .map(|slot| &*slot.session_hash)
                .collect();
            set.into_iter().map(str::to_string).collect()
        };
        if hashes.is_empty() {
            return Ok(0);
        }
        let checked: HashSet<String> = hashes.iter().cloned().collect();
        let live: HashSet<String> = self
            .inner
            .db
            .read(move |conn| {
                let mut live = HashSet::new();
                for chunk in hashes.chunks(SESSION_CHECK_CHUNK) {
                    let found: Vec<String> = sessions::table
                        .filter(sessions::token_hash.eq_any(chunk))
                        .filter(sessions::expires_at.gt(now))
                        .select(sessions::token_hash)
                        .load(conn)?;
                    live.extend(found);
                }
                Ok(live)
            })
            .await?;
        // A session that appeared during the query was not asked about: it stays.
        Ok(self
            .inner
            .connections
            .close_where(CLOSE_SESSION_ENDED, |_, slot| {
                checked.contains(&*slot.session_hash) && !live.contains(&*slot.session_hash)
            }))
    }
}

/// Consumes the bus: resolves each event's audience and delivers it, in order.
async fn relay(db: Db, hub: Weak<Inner>, rx: broadcast::Receiver<StoredEvent>) {
    if let Err(e) = db.write(crate::db::events::prepare).await {
        tracing::warn!(error = ?e, "preparing the event log failed");
    }
    enum Item {
        Event(StoredEvent),
        Lagged(u64),
    }
    let items = futures_util::stream::unfold(rx, |mut rx| async move {
        match rx.recv().await {
            Ok(event) => Some((Item::Event(event), rx)),
            Err(broadcast::error::RecvError::Lagged(n)) => Some((Item::Lagged(n), rx)),
            Err(broadcast::error::RecvError::Closed) => None,
        }
    });
    let resolved = items
        .map(|item| {
            let db = db.clone();
            let hub = hub.clone();
            async move {
                match item {
                    Item::Lagged(n) => Err(n),
                    Item::Event(event) => {
                        // Nobody connected here: skip the query.
                        let idle = hub.upgrade().is_none_or(|h| h.connections.users().is_empty());
                        if idle {
                            return Ok((event, Vec::new()));
                        }
                        let e = event.clone();
                        let audience = db
                            .read(move |conn| crate::policy::events::audience(conn, &e))
                            .await;
                        match audience {
                            Ok(audience) => Ok((event, audience)),
                            Err(err) => {
                                // Its recipients miss it live; replay still has it.
                                tracing::error!(event.id = event.id, error = ?err, "event audience failed");
                                Ok((event, Vec::new()))
                            }
                        }
                    }
                }
            }
        })
        .buffered(AUDIENCE_CONCURRENCY);
    futures_util::pin_mut!(resolved);
    while let Some(result) = resolved.next().await {
        let Some(inner) = hub.upgrade() else {
            break;
        };
        match result {
            Ok((event, audience)) => inner.deliver(&event, &audience),
            Err(missed) => {
                tracing::warn!(
                    missed,
                    "realtime hub fell behind the bus; every client resyncs"
                );
                inner.connections.close_where(CLOSE_RESYNC, |_, _| true);
            }
        }
    }
}
