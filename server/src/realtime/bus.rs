//! The event bus: how recorded events reach the hub of every instance.

use tokio::sync::broadcast;

use super::events::StoredEvent;

/// Events the in-process bus holds for a hub that falls behind; past that it resyncs everyone.
pub const BUS_CAPACITY: usize = 4096;

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
