//! Outgoing email: rendered in the recipient's language, written to the outbox in the same
//! transaction as the change that causes it, sent by a worker with retries.

pub mod outbox;
pub mod templates;
pub mod transport;

pub use outbox::{Mailer, OutgoingEmail};
pub use transport::Transport;
