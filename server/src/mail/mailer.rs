//! Sending what the outbox holds: due rows are claimed with a lease, rendered in the recipient's
//! language (here, outside any write transaction), signed when DKIM is configured and handed to
//! the transport, several at once over the SMTP pool. Temporary failures are retried with
//! backoff up to [`MAX_ATTEMPTS`]; a permanent refusal (5xx) is given up on at once and recorded
//! as a hard bounce ([`super::bounces`]), and a row that cannot be rendered is given up on with
//! its reason.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use agora_shared::api::Language;
use chrono::NaiveDateTime;
use futures_util::StreamExt;
use lettre::Message;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use tokio::sync::Notify;

use super::bounces;
use super::dkim::DkimSigner;
use super::outbox::{MAX_ATTEMPTS, OutboxRow, Status, record_attempt};
use super::templates::Renderer;
use super::transport::{SendError, Transport};
use crate::clock::Clock;
use crate::config::Config;
use crate::db::{Db, claim_due_outbox};
use crate::error::AppResult;
use crate::i18n::{I18n, Tr};

const BATCH: i64 = 20;

/// Headers the message builder sets itself; a stored header may not replace them.
const RESERVED_HEADERS: [&str; 9] = [
    "from",
    "to",
    "cc",
    "bcc",
    "subject",
    "message-id",
    "date",
    "mime-version",
    "sender",
];

/// Sends what the outbox holds: the `outbox` job and tests call [`Mailer::drain`].
#[derive(Clone)]
pub struct Mailer {
    db: Db,
    transport: Arc<Transport>,
    from: Mailbox,
    i18n: Arc<I18n>,
    dkim: Option<Arc<DkimSigner>>,
    /// How long a claimed email is reserved for the instance that claimed it.
    lease: chrono::Duration,
    /// Emails handed to the transport at once: the SMTP pool's size.
    concurrency: usize,
    /// Woken after a transaction that queued email commits, so sending does not wait for a poll.
    pub wake: Arc<Notify>,
    render: Renderer,
}

impl Mailer {
    /// Fails when `AGORA_MAIL_FROM` is not an address or the DKIM key cannot be used.
    pub fn new(
        db: Db,
        transport: Transport,
        config: &Config,
        i18n: Arc<I18n>,
        render: Renderer,
    ) -> anyhow::Result<Mailer> {
        let from: Mailbox = config
            .mail_from
            .parse()
            .map_err(|e| anyhow::anyhow!("AGORA_MAIL_FROM is not an address: {e}"))?;
        let dkim = match &config.dkim {
            Some(settings) => Some(Arc::new(DkimSigner::load(settings)?)),
            None => None,
        };
        let lease = chrono::Duration::from_std(config.outbox_lease)
            .map_err(|_| anyhow::anyhow!("AGORA_OUTBOX_LEASE_SECS is too large"))?;
        // Files and memory keep the order emails were queued in: tests and readers rely on it.
        let concurrency = match transport {
            Transport::Smtp(_) => config.smtp_pool_max.max(1) as usize,
            Transport::Files(_) | Transport::Memory(_) => 1,
        };
        Ok(Mailer {
            db,
            transport: Arc::new(transport),
            from,
            i18n,
            dkim,
            lease,
            concurrency,
            wake: Arc::new(Notify::new()),
            render,
        })
    }

    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// Sends every email due on `clock`, batch after batch; returns how many were accepted.
    pub async fn drain(&self, clock: &dyn Clock) -> AppResult<usize> {
        let mut sent = 0;
        loop {
            let now = clock.now();
            let lease_until = now + self.lease;
            let ids = self
                .db
                .write(move |conn| claim_due_outbox(conn, now, lease_until, BATCH))
                .await?;
            if ids.is_empty() {
                return Ok(sent);
            }
            let rows = self
                .db
                .read(move |conn| OutboxRow::find_all(conn, &ids))
                .await?;
            // Each email is recorded as soon as it is handed over, so a crash repeats as few as
            // possible, and a failure of one does not stop the others of the batch.
            let results: Vec<AppResult<bool>> = futures_util::stream::iter(rows)
                .map(|row| self.send_one(row, clock))
                .buffer_unordered(self.concurrency)
                .collect()
                .await;
            for result in results {
                if result? {
                    sent += 1;
                }
            }
        }
    }

    async fn send_one(&self, row: OutboxRow, clock: &dyn Clock) -> AppResult<bool> {
        let id = row.id;
        let result = match self.message(&row, clock.now()) {
            Ok(message) => self.transport.send(&message, clock.now()).await,
            Err(reason) => Err(SendError::Permanent(reason)),
        };
        let attempts = row.attempts + 1;
        let refused = matches!(result, Err(SendError::Refused(_)));
        let (status, error) = match result {
            Ok(()) => (Status::Sent, None),
            Err(SendError::Permanent(e) | SendError::Refused(e)) => (Status::Failed, Some(e)),
            Err(SendError::Temporary(e)) if attempts >= MAX_ATTEMPTS => (Status::Failed, Some(e)),
            Err(SendError::Temporary(e)) => (Status::Pending, Some(e)),
        };
        if let Some(error) = &error {
            tracing::warn!(
                outbox.id = %id,
                email.template = %row.template,
                attempts,
                status = status.as_str(),
                error = %error,
                "email not sent"
            );
        }
        let now = clock.now();
        let recipient = row.recipient;
        self.db
            .write(move |conn| {
                if refused {
                    bounces::record(conn, &recipient, error.as_deref().unwrap_or_default(), now)?;
                } else if status == Status::Sent {
                    bounces::clear(conn, &recipient)?;
                }
                record_attempt(conn, id, status, attempts, error, now)
            })
            .await?;
        Ok(status == Status::Sent)
    }

    /// The row rendered into a message dated `now`, or why it never can be.
    fn message(&self, row: &OutboxRow, now: NaiveDateTime) -> Result<Message, String> {
        let language = Language::parse(&row.language)
            .ok_or_else(|| format!("unknown email language `{}`", row.language))?;
        let rendered = (self.render)(
            &row.template,
            &row.context,
            &Tr::new(self.i18n.clone(), language),
        )
        .map_err(|e| e.to_string())?;
        let to: Mailbox = row
            .recipient
            .parse()
            .map_err(|e| format!("recipient is not an address: {e}"))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(rendered.subject)
            .date(system_time(now))
            .message_id(Some(row.message_id.clone()))
            // The language the email is written in (RFC 3282); excerpts carry their own `lang`.
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Content-Language"),
                language.as_str().to_string(),
            ));
        for header in stored_headers(&row.headers)? {
            builder = builder.raw_header(header);
        }
        let mut message = builder
            .multipart(MultiPart::alternative_plain_html(
                rendered.text,
                rendered.html,
            ))
            .map_err(|e| format!("building the message: {e}"))?;
        if let Some(dkim) = &self.dkim {
            dkim.sign(&mut message);
        }
        Ok(message)
    }
}

fn system_time(t: NaiveDateTime) -> SystemTime {
    let secs = t.and_utc().timestamp();
    SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(secs).unwrap_or(0))
}

/// The headers stored with a row, as the message builder takes them.
fn stored_headers(json: &str) -> Result<Vec<HeaderValue>, String> {
    let pairs: Vec<(String, String)> =
        serde_json::from_str(json).map_err(|e| format!("stored headers do not fit: {e}"))?;
    pairs
        .into_iter()
        .map(|(name, value)| {
            if RESERVED_HEADERS.contains(&name.to_ascii_lowercase().as_str())
                || name.to_ascii_lowercase().starts_with("content-")
            {
                return Err(format!("stored header `{name}` is set by the mailer"));
            }
            let name = HeaderName::new_from_ascii(name.clone())
                .map_err(|_| format!("stored header `{name}` is not a header name"))?;
            // Encoded (RFC 2047) and folded by lettre: a value cannot inject a header.
            Ok(HeaderValue::new(name, value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_headers_cannot_replace_what_the_mailer_sets() {
        let ok = stored_headers(r#"[["Auto-Submitted","auto-generated"]]"#).unwrap();
        assert_eq!(ok.len(), 1);
        for bad in [
            r#"[["To","someone@else.test"]]"#,
            r#"[["content-type","text/plain"]]"#,
            r#"[["Bad Name","x"]]"#,
            r#"{"Auto-Submitted":"auto-generated"}"#,
        ] {
            assert!(stored_headers(bad).is_err(), "{bad} accepted");
        }
    }
}
