//! Realtime: the replay of the event log ([`replay`]; the log itself is stored by
//! `db::events`), the hub that fans events out to websockets ([`hub`]) and the websocket
//! endpoint `GET /api/v1/events` ([`ws`]). Who receives what is decided by
//! [`crate::policy::events`].
//!
//! A service that changes something people watch emits an event in its unit of work
//! (`unit_of_work`), which records it last in the transaction and publishes it after
//! the commit:
//!
//! ```ignore
//! state.transact(move |tx| {
//!     let message = /* ... insert the message ... */;
//!     tx.emit_in_channel(EventKind::MessageCreated, message.workspace_id, message.channel_id, data);
//!     Ok(message)
//! }).await?;
//! ```

pub mod bus;
pub mod connections;
pub mod cursor;
pub mod hub;
pub mod replay;
pub mod ws;

/// The event log, stored beside everything else; kept under this name for its readers.
pub use crate::db::events;
pub use events::{NewEvent, Replay, StoredEvent};
pub use hub::Hub;
