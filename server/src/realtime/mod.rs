//! Realtime: the event log ([`events`]), the hub that fans events out to websockets ([`hub`]) and
//! the websocket endpoint `GET /api/v1/events` ([`ws`]). Who receives what is decided by
//! [`crate::policy::events`].
//!
//! A service that changes something people watch records an event in its transaction and publishes
//! it after the commit:
//!
//! ```ignore
//! let event = state.db.write(move |conn| {
//!     let message = /* ... insert the message ... */;
//!     realtime::events::record(conn, NewEvent {
//!         kind: EventKind::MessageCreated,
//!         workspace_id: message.workspace_id,
//!         channel_id: Some(message.channel_id),
//!         user_id: None,
//!         data: serde_json::to_value(&view)?,
//!     })
//! }).await?;
//! state.hub.publish(event);
//! ```

pub mod cursor;
pub mod events;
pub mod hub;
pub mod ws;

pub use events::{NewEvent, Replay, StoredEvent};
pub use hub::Hub;
