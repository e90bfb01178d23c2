//! The websockets registered with this instance's hub: each one's bounded queue of deliveries and
//! its close signal, and the registry that finds them by person, session or organisation.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use agora_shared::events::CLOSE_RESYNC;
use agora_shared::limits::WS_QUEUE_EVENTS;
use bytestring::ByteString;
use tokio::sync::{mpsc, oneshot};

/// Close code when this instance shuts down (RFC 6455 "going away").
pub const CLOSE_GOING_AWAY: u16 = 1001;

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
    registry: Weak<Connections>,
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
        if let Some(registry) = self.registry.upgrade() {
            registry.unregister(self.user_id, self.id);
        }
    }
}

pub(super) struct Slot {
    pub(super) id: u64,
    pub(super) organisation_id: i64,
    pub(super) session_hash: Box<str>,
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

/// The open websockets of this instance, by user id.
pub(super) struct Connections {
    users: Mutex<HashMap<i64, Vec<Slot>>>,
    next_id: AtomicU64,
    /// Events queued for one connection before it counts as a slow consumer.
    pub(super) queue_events: usize,
}

impl Default for Connections {
    fn default() -> Self {
        Connections {
            users: Mutex::default(),
            next_id: AtomicU64::default(),
            queue_events: WS_QUEUE_EVENTS,
        }
    }
}

impl Connections {
    pub(super) fn users(&self) -> MutexGuard<'_, HashMap<i64, Vec<Slot>>> {
        self.users.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Registers a websocket of `user_id`, signed in with the session whose hash is `session_hash`.
    pub(super) fn register(
        self: &Arc<Self>,
        user_id: i64,
        organisation_id: i64,
        session_hash: &str,
    ) -> Connection {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        let (tx, events) = mpsc::channel(self.queue_events);
        let (close, closed) = oneshot::channel();
        self.users().entry(user_id).or_default().push(Slot {
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
            registry: Arc::downgrade(self),
        }
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
    pub(super) fn close_where(
        &self,
        code: u16,
        mut matches: impl FnMut(i64, &Slot) -> bool,
    ) -> usize {
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

    /// Queues `json`, the frame of event `event_id`, for every connection of `audience`.
    pub(super) fn deliver(&self, event_id: i64, json: &ByteString, audience: &[i64]) {
        let mut users = self.users();
        for user_id in audience {
            let Some(slots) = users.get_mut(user_id) else {
                continue;
            };
            slots.retain_mut(|slot| {
                let delivery = Delivery {
                    id: event_id,
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
