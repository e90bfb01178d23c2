//! The unit of work: one write transaction whose effects (realtime events, queued email, closed
//! websockets) leave only once it has committed.
//!
//! ```ignore
//! let message = state.transact(move |tx| {
//!     let message = Message::insert(tx, ..)?;
//!     tx.emit_in_channel(EventKind::MessageCreated, workspace_id, channel_id, data);
//!     tx.email(&email)?; // a template and its context: rendered when sent, never here
//!     Ok(message)
//! }).await?;
//! ```
//!
//! - Events are recorded last, just before the commit: they get ids after everything the change
//!   wrote, hold the event-order lock as briefly as possible, and nothing is recorded on rollback.
//! - Emails are written to the outbox at once, inside the transaction, so they commit with the
//!   change; the mailer is woken after the commit.
//! - After the commit, in this order: the events go to the hub, the mailer wakes, the scheduled
//!   disconnects close their websockets. On any error nothing leaves.
//!
//! Services never publish, wake the mailer or disconnect by hand (a test below greps for it).
//!
//! It sits above storage (`db`), the hub and the mailer, which it ties together, rather than
//! inside `db`: storage then depends on nothing but itself.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use agora_shared::events::EventKind;
use chrono::NaiveDateTime;
use tokio::sync::Notify;

use crate::clock::Clock;
use crate::db::events::{NewEvent, StoredEvent, record};
use crate::db::{Db, DbConnection, run_blocking};
use crate::error::AppResult;
use crate::mail::{OutgoingEmail, outbox};
use crate::realtime::hub::Hub;
use crate::state::AppState;

/// Websockets to close once the transaction that ended their access has committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Disconnect {
    /// Every connection of a person (deactivation, password reset).
    User(i64),
    /// The connections of one session, by its hash (sign-out).
    Session(String),
    /// A person's connections of every session but one (password change).
    OtherSessions {
        user_id: i64,
        keep_session_hash: String,
    },
    /// Every connection of an organisation's members (suspension).
    Organisation(i64),
}

/// The open transaction: the connection, and the effects collected for after the commit.
/// Derefs to the connection, so `Model::find(tx, ..)` works as with a bare connection.
pub struct Tx<'c> {
    conn: &'c mut DbConnection,
    mail_host: &'c str,
    now: NaiveDateTime,
    events: Vec<NewEvent>,
    emails: usize,
    disconnects: Vec<Disconnect>,
}

impl<'c> Tx<'c> {
    /// The connection, for diesel calls generic over their connection.
    pub fn conn(&mut self) -> &mut DbConnection {
        self.conn
    }

    /// The time of this transaction, read once from the application's clock when it began.
    pub fn now(&self) -> NaiveDateTime {
        self.now
    }

    /// Records `event` at the end of this transaction and publishes it after the commit.
    pub fn emit(&mut self, event: NewEvent) {
        self.events.push(event);
    }

    /// An event for the members of a workspace.
    pub fn emit_in_workspace(
        &mut self,
        kind: EventKind,
        workspace_id: i64,
        data: serde_json::Value,
    ) {
        self.emit(NewEvent {
            kind,
            workspace_id: Some(workspace_id),
            channel_id: None,
            user_id: None,
            data,
        });
    }

    /// An event for the readers of a channel (`workspace_id` is `None` for direct conversations).
    pub fn emit_in_channel(
        &mut self,
        kind: EventKind,
        workspace_id: Option<i64>,
        channel_id: i64,
        data: serde_json::Value,
    ) {
        self.emit(NewEvent {
            kind,
            workspace_id,
            channel_id: Some(channel_id),
            user_id: None,
            data,
        });
    }

    /// An event for one person only, wherever they are connected.
    pub fn emit_to_user(&mut self, kind: EventKind, user_id: i64, data: serde_json::Value) {
        self.emit(NewEvent {
            kind,
            workspace_id: None,
            channel_id: None,
            user_id: Some(user_id),
            data,
        });
    }

    /// Queues an email in this transaction (rendered when sent); the mailer wakes after the commit.
    pub fn email(&mut self, email: &OutgoingEmail) -> AppResult<()> {
        outbox::enqueue(self.conn, email, self.mail_host, self.now)?;
        self.emails += 1;
        Ok(())
    }

    /// Closes websockets once this transaction has committed.
    pub fn disconnect(&mut self, disconnect: Disconnect) {
        self.disconnects.push(disconnect);
    }
}

impl Deref for Tx<'_> {
    type Target = DbConnection;

    fn deref(&self) -> &DbConnection {
        self.conn
    }
}

impl DerefMut for Tx<'_> {
    fn deref_mut(&mut self) -> &mut DbConnection {
        self.conn
    }
}

/// What a committed transaction leaves to do. Only [`run`] makes one.
#[must_use]
struct Committed {
    events: Vec<StoredEvent>,
    wake_mailer: bool,
    disconnects: Vec<Disconnect>,
}

impl Committed {
    fn deliver(self, hub: &Hub, mailer: &Notify) {
        hub.publish_all(self.events);
        if self.wake_mailer {
            mailer.notify_one();
        }
        for d in self.disconnects {
            match d {
                Disconnect::User(id) => hub.disconnect_user(id),
                Disconnect::Session(hash) => hub.disconnect_session(&hash),
                Disconnect::OtherSessions {
                    user_id,
                    keep_session_hash,
                } => hub.disconnect_other_sessions(user_id, &keep_session_hash),
                Disconnect::Organisation(id) => hub.disconnect_organisation(id),
            };
        }
    }
}

/// Runs `f` in one write transaction, records its events last and commits.
fn run<T>(
    db: &Db,
    mail_host: &str,
    clock: &dyn Clock,
    f: impl FnOnce(&mut Tx<'_>) -> AppResult<T>,
) -> AppResult<(T, Committed)> {
    db.write_blocking(|conn| {
        let mut tx = Tx {
            conn,
            mail_host,
            now: clock.now(),
            events: Vec::new(),
            emails: 0,
            disconnects: Vec::new(),
        };
        let value = f(&mut tx)?;
        let Tx {
            conn,
            now,
            events,
            emails,
            disconnects,
            ..
        } = tx;
        let events = events
            .into_iter()
            .map(|event| record(conn, event, now))
            .collect::<AppResult<Vec<_>>>()?;
        Ok((
            value,
            Committed {
                events,
                wake_mailer: emails > 0,
                disconnects,
            },
        ))
    })
}

/// [`AppState::transact`] with its handles spelled out.
pub async fn transact<T, F>(
    db: &Db,
    hub: &Hub,
    mailer: &Notify,
    mail_host: String,
    clock: Arc<dyn Clock>,
    f: F,
) -> AppResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut Tx<'_>) -> AppResult<T> + Send + 'static,
{
    let db2 = db.clone();
    let (value, committed) = run_blocking(move || run(&db2, &mail_host, &*clock, f)).await?;
    committed.deliver(hub, mailer);
    Ok(value)
}

impl AppState {
    /// Runs `f` as one unit of work on a blocking thread; see the [module](self) documentation.
    pub async fn transact<T, F>(&self, f: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Tx<'_>) -> AppResult<T> + Send + 'static,
    {
        transact(
            &self.db,
            &self.hub,
            &self.mailer.wake,
            self.mail_host(),
            self.clock.clone(),
            f,
        )
        .await
    }
}

#[cfg(test)]
mod tests;
