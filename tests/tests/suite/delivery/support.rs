//! Queuing emails the way the application does (`mail::outbox::enqueue`), without a feature
//! that sends them, and reading what became of them.

use agora::db::Db;
use agora::mail::OutgoingEmail;
use agora::mail::templates::Prerendered;
use agora_shared::api::Language;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// An email to `to` whose text names it, keyed `key`.
pub fn email(key: &str, to: &str) -> OutgoingEmail {
    OutgoingEmail::new(
        key,
        to,
        Language::En,
        &Prerendered {
            subject: format!("Test email {key}"),
            text: format!("Hello {to}, this is {key}."),
            html: format!("<p>Hello {to}, this is {key}.</p>"),
        },
    )
    .expect("email")
}

/// Queues `emails` in one transaction at `now`.
pub async fn queue(db: &Db, emails: Vec<OutgoingEmail>, now: NaiveDateTime) {
    db.write(move |conn| {
        for email in &emails {
            agora::mail::outbox::enqueue(conn, email, "agora.test", now)?;
        }
        Ok(())
    })
    .await
    .expect("queue emails");
}

/// One outbox row as the tests look at it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Row {
    pub recipient: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub message_id: String,
}

pub async fn rows(db: &Db) -> Vec<Row> {
    db.read(|conn| {
        use agora::db::schema::outbox::dsl::*;
        Ok(outbox
            .order(id)
            .select((recipient, status, attempts, next_attempt_at, message_id))
            .load(conn)?)
    })
    .await
    .expect("outbox rows")
}

pub async fn row_to(db: &Db, to: &str) -> Row {
    rows(db)
        .await
        .into_iter()
        .find(|r| r.recipient == to)
        .unwrap_or_else(|| panic!("no outbox row to {to}"))
}
