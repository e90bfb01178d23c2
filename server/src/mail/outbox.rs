//! The outbox table and the worker that drains it.

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use lettre::Message;
use lettre::message::{Mailbox, MultiPart};
use tokio::sync::Notify;

use super::transport::{SendError, Transport};
use crate::db::schema::outbox;
use crate::db::{Db, DbConnection, claim_due_outbox};
use crate::error::AppResult;
use crate::time::now;

/// After this many failed attempts an email is given up on.
pub const MAX_ATTEMPTS: i32 = 8;
/// How long a claimed email is reserved for the instance that claimed it.
const LEASE: chrono::Duration = chrono::Duration::minutes(2);
const BATCH: i64 = 20;

/// An email ready to be queued, already rendered in its recipient's language.
pub struct OutgoingEmail {
    /// Unique per logical email (`invitation:{id}`), so queuing twice sends once.
    pub key: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Insertable)]
#[diesel(table_name = outbox)]
struct NewOutboxRow<'a> {
    idempotency_key: &'a str,
    recipient: &'a str,
    subject: &'a str,
    text_body: &'a str,
    html_body: &'a str,
    message_id: &'a str,
    status: &'a str,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    created_at: NaiveDateTime,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = outbox)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
struct OutboxRow {
    recipient: String,
    subject: String,
    text_body: String,
    html_body: String,
    message_id: String,
    attempts: i32,
}

/// Queues `email` inside the caller's transaction. A second call with the same key does nothing.
pub fn enqueue(
    conn: &mut DbConnection,
    email: &OutgoingEmail,
    message_host: &str,
) -> AppResult<()> {
    let exists: i64 = outbox::table
        .filter(outbox::idempotency_key.eq(&email.key))
        .count()
        .get_result(conn)?;
    if exists > 0 {
        return Ok(());
    }
    let now = now();
    // A stable Message-ID lets receivers drop the duplicate a crash after delivery could cause.
    let message_id = format!("<{}@{}>", uuid::Uuid::new_v4().simple(), message_host);
    diesel::insert_into(outbox::table)
        .values(&NewOutboxRow {
            idempotency_key: &email.key,
            recipient: &email.to,
            subject: &email.subject,
            text_body: &email.text,
            html_body: &email.html,
            message_id: &message_id,
            status: "pending",
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
        })
        .execute(conn)?;
    Ok(())
}

/// Sends what the outbox holds. Shared by the background worker and by tests.
#[derive(Clone)]
pub struct Mailer {
    db: Db,
    transport: Arc<Transport>,
    from: Mailbox,
    /// Woken after a transaction that queued email commits, so sending does not wait for a poll.
    pub wake: Arc<Notify>,
}

impl Mailer {
    pub fn new(db: Db, transport: Transport, from: &str) -> anyhow::Result<Mailer> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| anyhow::anyhow!("AGORA_MAIL_FROM is not an address: {e}"))?;
        Ok(Mailer {
            db,
            transport: Arc::new(transport),
            from,
            wake: Arc::new(Notify::new()),
        })
    }

    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// Sends every due email, batch after batch; returns how many were accepted.
    pub async fn drain(&self) -> AppResult<usize> {
        let mut sent = 0;
        loop {
            let ids = self
                .db
                .write(|conn| {
                    let now = now();
                    claim_due_outbox(conn, now, now + LEASE, BATCH)
                })
                .await?;
            if ids.is_empty() {
                return Ok(sent);
            }
            for id in ids {
                if self.send_one(id).await? {
                    sent += 1;
                }
            }
        }
    }

    async fn send_one(&self, id: i64) -> AppResult<bool> {
        let row: OutboxRow = self
            .db
            .read(move |conn| {
                Ok(outbox::table
                    .find(id)
                    .select(OutboxRow::as_select())
                    .first(conn)?)
            })
            .await?;
        let result = match self.build(&row) {
            Ok(message) => self.transport.send(&message).await,
            Err(e) => Err(SendError::Permanent(e.to_string())),
        };
        let attempts = row.attempts + 1;
        let outcome = match &result {
            Ok(()) => ("sent", None),
            Err(SendError::Permanent(e)) => ("failed", Some(e.clone())),
            Err(SendError::Temporary(e)) if attempts >= MAX_ATTEMPTS => ("failed", Some(e.clone())),
            Err(SendError::Temporary(e)) => ("pending", Some(e.clone())),
        };
        if let Some(error) = &outcome.1 {
            tracing::warn!(outbox.id = id, attempts, status = outcome.0, error = %error, "email not sent");
        }
        self.db
            .write(move |conn| {
                let now = now();
                // 30 s, 1 min, 2 min, ... between attempts.
                let backoff = chrono::Duration::seconds(30 * (1i64 << (attempts - 1).min(10)));
                diesel::update(outbox::table.find(id))
                    .set((
                        outbox::status.eq(outcome.0),
                        outbox::attempts.eq(attempts),
                        outbox::last_error.eq(outcome.1),
                        outbox::lease_until.eq(None::<NaiveDateTime>),
                        outbox::next_attempt_at.eq(now + backoff),
                        outbox::sent_at.eq((outcome.0 == "sent").then_some(now)),
                    ))
                    .execute(conn)?;
                Ok(())
            })
            .await?;
        Ok(result.is_ok())
    }

    fn build(&self, row: &OutboxRow) -> anyhow::Result<Message> {
        let to: Mailbox = row.recipient.parse()?;
        Ok(Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(row.subject.clone())
            .message_id(Some(row.message_id.clone()))
            .multipart(MultiPart::alternative_plain_html(
                row.text_body.clone(),
                row.html_body.clone(),
            ))?)
    }

    /// Runs until `shutdown` resolves: drains on every wake-up and at least every `poll`.
    pub async fn run(self, poll: Duration, shutdown: tokio::sync::watch::Receiver<bool>) {
        let mut shutdown = shutdown;
        loop {
            if let Err(e) = self.drain().await {
                // Logged, not fatal: the next round tries again.
                tracing::error!(error = ?e, "outbox round failed");
            }
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(poll) => {}
                _ = shutdown.changed() => return,
            }
        }
    }
}
