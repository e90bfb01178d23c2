//! Outgoing email: queued in the same transaction as the change that causes it, as a template
//! with its context ([`outbox`]); rendered in the recipient's language ([`templates`]) and sent
//! by a worker with retries ([`mailer`]) through a [`Transport`].

pub mod bounces;
pub mod dkim;
pub mod mailer;
pub mod outbox;
pub mod templates;
pub mod transport;

pub use mailer::Mailer;
pub use outbox::OutgoingEmail;
pub use transport::Transport;
