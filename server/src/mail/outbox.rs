//! The outbox table. An email is queued in the transaction of the change that causes it as what
//! it is made of (template, context, language, headers), never as its rendering: rendering happens
//! when the [`super::Mailer`] sends it, outside any write transaction.

use agora_shared::api::Language;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::templates::Email;
use crate::db::DbConnection;
use crate::db::schema::outbox;
use crate::error::AppResult;

/// After this many failed attempts an email is given up on.
pub const MAX_ATTEMPTS: i32 = 8;

/// An email to queue: the template that renders it, its context, the recipient's language and
/// the headers it carries besides From, To, Subject and Message-ID.
#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    /// Unique per logical email (`invitation:{id}`), so queuing twice sends once.
    pub key: String,
    pub to: String,
    pub language: Language,
    /// A name `crate::emails::render` knows.
    pub template: &'static str,
    /// The template's typed context, as JSON.
    pub context: String,
    pub headers: Vec<(String, String)>,
}

impl OutgoingEmail {
    /// `email` to `to`, rendered in `language` when it is sent.
    pub fn new<E: Email>(
        key: impl Into<String>,
        to: impl Into<String>,
        language: Language,
        email: &E,
    ) -> anyhow::Result<OutgoingEmail> {
        Ok(OutgoingEmail {
            key: key.into(),
            to: to.into(),
            language,
            template: E::NAME,
            context: serde_json::to_string(email)?,
            headers: email.headers(),
        })
    }
}

#[derive(Insertable)]
#[diesel(table_name = outbox)]
struct NewOutboxRow<'a> {
    idempotency_key: &'a str,
    recipient: &'a str,
    template: &'a str,
    context: &'a str,
    language: &'a str,
    headers: &'a str,
    message_id: &'a str,
    status: &'a str,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    created_at: NaiveDateTime,
}

/// What sending one row needs.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = outbox)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct OutboxRow {
    pub id: i64,
    pub recipient: String,
    pub template: String,
    pub context: String,
    pub language: String,
    /// JSON list of `[name, value]` pairs.
    pub headers: String,
    pub message_id: String,
    pub attempts: i32,
}

/// Queues `email` inside the caller's transaction at `now`. A second call with the same key does
/// nothing.
pub fn enqueue(
    conn: &mut DbConnection,
    email: &OutgoingEmail,
    message_host: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let exists: i64 = outbox::table
        .filter(outbox::idempotency_key.eq(&email.key))
        .count()
        .get_result(conn)?;
    if exists > 0 {
        return Ok(());
    }
    // A stable Message-ID lets receivers drop the duplicate a crash after delivery could cause.
    let message_id = format!("<{}@{}>", uuid::Uuid::new_v4().simple(), message_host);
    let headers = serde_json::to_string(&email.headers).map_err(anyhow::Error::from)?;
    diesel::insert_into(outbox::table)
        .values(&NewOutboxRow {
            idempotency_key: &email.key,
            recipient: &email.to,
            template: email.template,
            context: &email.context,
            language: email.language.as_str(),
            headers: &headers,
            message_id: &message_id,
            status: "pending",
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
        })
        .execute(conn)?;
    Ok(())
}

impl OutboxRow {
    /// The rows of `ids` (a claimed batch), in id order.
    pub fn find_all(conn: &mut DbConnection, ids: &[i64]) -> AppResult<Vec<OutboxRow>> {
        Ok(outbox::table
            .filter(outbox::id.eq_any(ids))
            .order(outbox::id)
            .select(OutboxRow::as_select())
            .load(conn)?)
    }
}

/// How one attempt at sending a row ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Sent,
    /// Tried again at the row's next attempt.
    Pending,
    /// Given up on.
    Failed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Sent => "sent",
            Status::Pending => "pending",
            Status::Failed => "failed",
        }
    }
}

/// Records the `attempts`-th attempt at `now` and releases the row's lease.
pub fn record_attempt(
    conn: &mut DbConnection,
    id: i64,
    status: Status,
    attempts: i32,
    error: Option<String>,
    now: NaiveDateTime,
) -> AppResult<()> {
    // 30 s, 1 min, 2 min, ... between attempts.
    let backoff = chrono::Duration::seconds(30 * (1i64 << (attempts - 1).clamp(0, 10)));
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(status.as_str()),
            outbox::attempts.eq(attempts),
            outbox::last_error.eq(error),
            outbox::lease_until.eq(None::<NaiveDateTime>),
            outbox::next_attempt_at.eq(now + backoff),
            outbox::sent_at.eq((status == Status::Sent).then_some(now)),
        ))
        .execute(conn)?;
    Ok(())
}
