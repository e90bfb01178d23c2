//! The hub: owns every websocket subscription of this instance and hands each published event to
//! the connections of its audience.
//!
//! - Events arrive through an [`EventBus`]: in-process by default ([`InProcessBus`]); with several
//!   instances a Redis bus publishes each event once and each instance subscribes once.
//! - One task consumes the bus, asks [`crate::policy::events::audience`] who receives each event
//!   (on a blocking thread), and pushes the event's shared JSON into each recipient connection's
//!   bounded queue of [`WS_QUEUE_EVENTS`]. A full queue drops that connection with
//!   [`CLOSE_RESYNC`]: it reconnects and replays from the database, never buffered without limit.
//! - Each event's frame carries its client-facing cursor ([`super::cursor`]), built once per event.
//! - A second task checks every heartbeat (`Config::ws_heartbeat`) that the sessions behind the
//!   open connections still exist, in one query, and closes the others with [`CLOSE_SESSION_ENDED`]: the backstop
//!   for sessions ended on another instance. It also prunes the event log hourly.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use agora_shared::events::{CLOSE_RESYNC, CLOSE_SESSION_ENDED};
use agora_shared::limits::WS_QUEUE_EVENTS;
use bytestring::ByteString;
use diesel::prelude::*;
use futures_util::StreamExt;
use tokio::sync::{broadcast, mpsc, oneshot};

use super::cursor::CursorKey;
use super::events::{RETENTION_DAYS, StoredEvent};
use crate::db::Db;
use crate::db::schema::sessions;
use crate::error::AppResult;

/// Events the in-process bus holds for a hub that falls behind; past that it resyncs everyone.
pub const BUS_CAPACITY: usize = 4096;
/// Audience queries in flight at once (delivery order is kept).
const AUDIENCE_CONCURRENCY: usize = 4;
/// Close code when this instance shuts down (RFC 6455 "going away").
pub const CLOSE_GOING_AWAY: u16 = 1001;
/// Session hashes per query of the session check.
const SESSION_CHECK_CHUNK: usize = 500;
/// How often the event log is pruned.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// Carries recorded events between instances. Each instance publishes each event once and
/// subscribes once; the bus only notifies (the database is the source of replay), so a lost
/// notification costs a client a reconnect, never a message.
pub trait EventBus: Send + Sync + 'static {
    fn publish(&self, event: StoredEvent);
    /// The stream of every event published on the bus, by any instance.
    fn subscribe(&self) -> broadcast::Receiver<StoredEvent>;
}

/// The bus of a single instance.
pub struct InProcessBus {
    tx: broadcast::Sender<StoredEvent>,
}

impl InProcessBus {
    pub fn new(capacity: usize) -> InProcessBus {
        InProcessBus {
            tx: broadcast::channel(capacity).0,
        }
    }
}

impl EventBus for InProcessBus {
    fn publish(&self, event: StoredEvent) {
        // No subscriber means no hub, hence no connection to deliver to.
        let _ = self.tx.send(event);
    }

    fn subscribe(&self) -> broadcast::Receiver<StoredEvent> {
        self.tx.subscribe()
    }
}

/// One event for one connection: its id (to skip what replay already sent) and frame. The frame
/// is one buffer per event shared by every recipient (reference-counted, never copied), handed to
/// the websocket as it is.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: i64,
    pub json: ByteString,
}

/// What a connection should do next.
#[derive(Debug)]
pub enum Next {
    Event(Delivery),
    /// Close the websocket with this code.
    Close(u16),
}

/// One registered websocket. Dropping it unregisters it.
pub struct Connection {
    pub id: u64,
    pub user_id: i64,
    events: mpsc::Receiver<Delivery>,
    closed: oneshot::Receiver<u16>,
    done: bool,
    hub: Weak<Inner>,
}

impl Connection {
    /// The next event, or the order to close. Cancel-safe; after a `Close` it only returns `Close`.
    pub async fn next(&mut self) -> Next {
        if self.done {
            return Next::Close(CLOSE_GOING_AWAY);
        }
        tokio::select! {
            biased;
            code = &mut self.closed => {
                self.done = true;
                Next::Close(code.unwrap_or(CLOSE_GOING_AWAY))
            }
            delivery = self.events.recv() => match delivery {
                Some(delivery) => Next::Event(delivery),
                None => {
                    self.done = true;
                    Next::Close(CLOSE_GOING_AWAY)
                }
            },
        }
    }

    /// Resolves when the hub closes this connection; for racing a send that may block.
    pub async fn closed(&mut self) -> u16 {
        if self.done {
            return CLOSE_GOING_AWAY;
        }
        let code = (&mut self.closed).await.unwrap_or(CLOSE_GOING_AWAY);
        self.done = true;
        code
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        if let Some(inner) = self.hub.upgrade() {
            inner.unregister(self.user_id, self.id);
        }
    }
}

struct Slot {
    id: u64,
    organisation_id: i64,
    session_hash: Box<str>,
    tx: mpsc::Sender<Delivery>,
    close: Option<oneshot::Sender<u16>>,
}

impl Slot {
    fn close(&mut self, code: u16) {
        if let Some(close) = self.close.take() {
            let _ = close.send(code);
        }
    }
}

struct Inner {
    bus: Arc<dyn EventBus>,
    db: Db,
    cursors: CursorKey,
    heartbeat: Duration,
    /// Connections by user id.
    users: Mutex<HashMap<i64, Vec<Slot>>>,
    next_id: AtomicU64,
}

impl Inner {
    fn users(&self) -> MutexGuard<'_, HashMap<i64, Vec<Slot>>> {
        self.users.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn unregister(&self, user_id: i64, id: u64) {
        let mut users = self.users();
        if let Some(slots) = users.get_mut(&user_id) {
            slots.retain(|s| s.id != id);
            if slots.is_empty() {
                users.remove(&user_id);
            }
        }
    }

    /// Closes (and forgets) every connection `matches` selects.
    fn close_where(&self, code: u16, mut matches: impl FnMut(i64, &Slot) -> bool) -> usize {
        let mut closed = 0;
        self.users().retain(|user_id, slots| {
            slots.retain_mut(|slot| {
                if matches(*user_id, slot) {
                    slot.close(code);
                    closed += 1;
                    false
                } else {
                    true
                }
            });
            !slots.is_empty()
        });
        closed
    }

    fn deliver(&self, event: &StoredEvent, audience: &[i64]) {
        if audience.is_empty() {
            return;
        }
        let json = ByteString::from(event.frame(self.cursors.encode(event.id)));
        let mut users = self.users();
        for user_id in audience {
            let Some(slots) = users.get_mut(user_id) else {
                continue;
            };
            slots.retain_mut(|slot| {
                let delivery = Delivery {
                    id: event.id,
                    json: json.clone(),
                };
                match slot.tx.try_send(delivery) {
                    Ok(()) => true,
                    Err(mpsc::error::TrySendError::Full(_)) => {
                        tracing::info!(
                            user.id = user_id,
                            connection.id = slot.id,
                            "slow websocket dropped"
                        );
                        slot.close(CLOSE_RESYNC);
                        false
                    }
                    Err(mpsc::error::TrySendError::Closed(_)) => false,
                }
            });
            if slots.is_empty() {
                users.remove(user_id);
            }
        }
    }
}

/// Realtime fan-out of this instance. Cheap to clone.
#[derive(Clone)]
pub struct Hub {
    inner: Arc<Inner>,
}

impl Hub {
    /// A hub on the in-process bus. Spawns its tasks: call inside the Tokio runtime. `secret` keys
    /// the cursors; `heartbeat` paces the session check.
    pub fn new(db: Db, secret: &[u8], heartbeat: Duration) -> Hub {
        Hub::with_bus(
            db,
            Arc::new(InProcessBus::new(BUS_CAPACITY)),
            secret,
            heartbeat,
        )
    }

    /// A hub on the given bus (subscribed to once, here).
    pub fn with_bus(db: Db, bus: Arc<dyn EventBus>, secret: &[u8], heartbeat: Duration) -> Hub {
        let rx = bus.subscribe();
        let inner = Arc::new(Inner {
            bus,
            db: db.clone(),
            cursors: CursorKey::new(secret),
            heartbeat,
            users: Mutex::new(HashMap::new()),
            next_id: AtomicU64::new(1),
        });
        tokio::spawn(relay(db, Arc::downgrade(&inner), rx));
        tokio::spawn(maintain(Arc::downgrade(&inner)));
        Hub { inner }
    }

    /// Maps event ids to the cursors clients see, and back.
    pub fn cursors(&self) -> &CursorKey {
        &self.inner.cursors
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
    /// (`db::unit_of_work`) calls it; a test there keeps services from publishing by hand.
    pub(crate) fn publish_all(&self, events: Vec<StoredEvent>) {
        for event in events {
            self.publish(event);
        }
    }

    /// Registers a websocket of `user_id`, signed in with the session whose hash is `session_hash`.
    pub fn register(&self, user_id: i64, organisation_id: i64, session_hash: &str) -> Connection {
        let id = self.inner.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, events) = mpsc::channel(WS_QUEUE_EVENTS);
        let (close, closed) = oneshot::channel();
        self.inner.users().entry(user_id).or_default().push(Slot {
            id,
            organisation_id,
            session_hash: session_hash.into(),
            tx,
            close: Some(close),
        });
        Connection {
            id,
            user_id,
            events,
            closed,
            done: false,
            hub: Arc::downgrade(&self.inner),
        }
    }

    /// Closes every connection of a person with [`CLOSE_SESSION_ENDED`] (deactivation, password
    /// reset). Returns how many were closed.
    pub fn disconnect_user(&self, user_id: i64) -> usize {
        self.inner
            .close_where(CLOSE_SESSION_ENDED, |user, _| user == user_id)
    }

    /// Closes the connections of one session (sign-out).
    pub fn disconnect_session(&self, session_hash: &str) -> usize {
        self.inner.close_where(CLOSE_SESSION_ENDED, |_, slot| {
            &*slot.session_hash == session_hash
        })
    }

    /// Closes a person's connections of every session but `keep_session_hash` (password change).
    pub fn disconnect_other_sessions(&self, user_id: i64, keep_session_hash: &str) -> usize {
        self.inner.close_where(CLOSE_SESSION_ENDED, |user, slot| {
            user == user_id && &*slot.session_hash != keep_session_hash
        })
    }

    /// Closes every connection of an organisation's members (suspension).
    pub fn disconnect_organisation(&self, organisation_id: i64) -> usize {
        self.inner.close_where(CLOSE_SESSION_ENDED, |_, slot| {
            slot.organisation_id == organisation_id
        })
    }

    /// Closes every connection with `code`, e.g. [`CLOSE_GOING_AWAY`] at shutdown.
    pub fn close_all(&self, code: u16) -> usize {
        self.inner.close_where(code, |_, _| true)
    }

    /// Open connections on this instance.
    pub fn connection_count(&self) -> usize {
        self.inner.users().values().map(Vec::len).sum()
    }

    /// Open connections of one person on this instance.
    pub fn user_connection_count(&self, user_id: i64) -> usize {
        self.inner.users().get(&user_id).map_or(0, Vec::len)
    }

    /// Closes the connections whose session no longer exists or has expired (ended on any
    /// instance) with [`CLOSE_SESSION_ENDED`]. Runs every heartbeat; returns how many it closed.
    pub async fn check_sessions(&self) -> AppResult<usize> {
        let hashes: Vec<String> = {
            let users = self.inner.users();
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
                let now = crate::time::now();
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
        Ok(self.inner.close_where(CLOSE_SESSION_ENDED, |_, slot| {
            checked.contains(&*slot.session_hash) && !live.contains(&*slot.session_hash)
        }))
    }
}

/// Consumes the bus: resolves each event's audience and delivers it, in order.
async fn relay(db: Db, hub: Weak<Inner>, rx: broadcast::Receiver<StoredEvent>) {
    if let Err(e) = db.write(super::events::prepare).await {
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
                        let idle = hub.upgrade().is_none_or(|h| h.users().is_empty());
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
                inner.close_where(CLOSE_RESYNC, |_, _| true);
            }
        }
    }
}

/// Session checks every heartbeat; event-log pruning every hour.
async fn maintain(hub: Weak<Inner>) {
    let every = match hub.upgrade() {
        Some(inner) => inner.heartbeat,
        None => return,
    };
    let mut heartbeat = tokio::time::interval(every);
    heartbeat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut prune = tokio::time::interval(PRUNE_EVERY);
    prune.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    heartbeat.tick().await;
    prune.tick().await;
    loop {
        tokio::select! {
            _ = heartbeat.tick() => {
                let Some(inner) = hub.upgrade() else { break };
                let hub = Hub { inner };
                if let Err(e) = hub.check_sessions().await {
                    tracing::warn!(error = ?e, "websocket session check failed");
                }
            }
            _ = prune.tick() => {
                let Some(inner) = hub.upgrade() else { break };
                let db = inner.db.clone();
                drop(inner);
                let before = crate::time::now() - chrono::Duration::days(RETENTION_DAYS);
                match db.write(move |conn| super::events::prune(conn, before)).await {
                    Ok(0) => {}
                    Ok(removed) => tracing::info!(removed, "pruned realtime events"),
                    Err(e) => tracing::warn!(error = ?e, "pruning realtime events failed"),
                }
            }
        }
    }
}
