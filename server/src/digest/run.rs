//! One digest run: the people due ([`super::due`]) in batches; each one's digest composed
//! outside any write transaction, then, per batch, one unit of work that claims each period and
//! queues the digests worth sending. A claim lost to another run or instance queues nothing; the
//! outbox key `digest:{user}:{period}` keeps even a replayed claim from sending twice.

use agora_shared::ids::UserId;
use chrono::NaiveDateTime;
use futures_util::{StreamExt, TryStreamExt};

use super::compose::{Links, compose};
use super::content::Digest;
use super::due::{DueReader, due, since};
use super::model::{DigestRun, RunCounts, claim_period, last_sent_at};
use crate::accounts::user::User;
use crate::email_settings::model::Preferences;
use crate::email_settings::unsubscribe::{List, headers};
use crate::error::{AppError, AppResult};
use crate::mail::OutgoingEmail;
use crate::state::AppState;

/// People looked at per batch.
pub const BATCH: i64 = 200;

/// Runs the digests due at `now` to completion, records the run in `digest_runs` and returns
/// its counts: what the `digest` job, the crash test and benchmarks call.
pub async fn run(state: &AppState, now: NaiveDateTime) -> AppResult<RunCounts> {
    let run_id = state
        .db
        .write(move |conn| DigestRun::start(conn, now))
        .await?;
    let mut counts = RunCounts::default();
    let mut after = 0;
    loop {
        let (batch, last) = state
            .db
            .read(move |conn| due(conn, now, after, BATCH))
            .await?;
        let Some(last) = last else { break };
        after = last;
        // Composing only reads, so the batch is composed on as many connections as there are
        // cores; the claims and the outbox rows are then written in one unit of work.
        let composed: Vec<(DueReader, Digest)> = futures_util::stream::iter(batch)
            .map(|reader| async move {
                let digest = compose_due(state, &reader, now).await?;
                Ok::<_, AppError>((reader, digest))
            })
            .buffered(compose_concurrency())
            .try_collect()
            .await?;
        let done = queue(state, composed).await?;
        counts.considered += done.considered;
        counts.queued += done.queued;
        counts.skipped_quiet += done.skipped_quiet;
        state
            .db
            .write(move |conn| DigestRun::record(conn, run_id, counts, None))
            .await?;
        tracing::info!(
            digest.run = run_id,
            after,
            considered = counts.considered,
            queued = counts.queued,
            quiet = counts.skipped_quiet,
            "digest batch done"
        );
    }
    let finished = state.clock.now().max(now);
    state
        .db
        .write(move |conn| DigestRun::record(conn, run_id, counts, Some(finished)))
        .await?;
    tracing::info!(
        digest.run = run_id,
        considered = counts.considered,
        queued = counts.queued,
        quiet = counts.skipped_quiet,
        "digest run finished"
    );
    Ok(counts)
}

/// Digests composed at once: one per core.
fn compose_concurrency() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

async fn compose_due(
    state: &AppState,
    reader: &DueReader,
    now: NaiveDateTime,
) -> AppResult<Digest> {
    let (user_id, since) = (reader.user_id, reader.since);
    let st = state.clone();
    state
        .db
        .read(move |conn| {
            let user = User::find(conn, user_id)?;
            let link = |path: &str| st.link(path);
            let links = Links {
                link: &link,
                secret: Some(&st.secret),
            };
            compose(conn, &user, None, since, now, &links)
        })
        .await
}

/// Claims each person's period and queues the digests worth sending, in one unit of work.
async fn queue(state: &AppState, composed: Vec<(DueReader, Digest)>) -> AppResult<RunCounts> {
    let mut emails = Vec::with_capacity(composed.len());
    for (reader, digest) in composed {
        let email = if digest.worth_sending() {
            Some(outgoing(state, &reader, &digest).await?)
        } else {
            None
        };
        emails.push((reader, email));
    }
    state
        .transact(move |tx| {
            let mut counts = RunCounts::default();
            let now = tx.now();
            for (reader, email) in &emails {
                let period = reader.period_key();
                let won = claim_period(
                    tx,
                    reader.user_id,
                    reader.organisation_id,
                    &period,
                    email.is_some(),
                    now,
                )?;
                if !won {
                    continue;
                }
                counts.considered += 1;
                match email {
                    Some(email) => {
                        tx.email(email)?;
                        counts.queued += 1;
                    }
                    None => counts.skipped_quiet += 1,
                }
            }
            Ok(counts)
        })
        .await
}

/// The outbox row of `digest` for `reader`, with its unsubscribe headers.
async fn outgoing(
    state: &AppState,
    reader: &DueReader,
    digest: &Digest,
) -> AppResult<OutgoingEmail> {
    let user_id = reader.user_id;
    let user = state.db.read(move |conn| User::find(conn, user_id)).await?;
    let key = format!("digest:{}:{}", reader.user_id, reader.period_key());
    let mut email = OutgoingEmail::new(key, &user.email, user.interface_language, digest)
        .map_err(crate::error::AppError::internal)?;
    email.headers.extend(
        headers(state, UserId::new(user.id), List::Digest)
            .into_iter()
            .map(|(name, value)| (name.to_string(), value)),
    );
    Ok(email)
}

/// The digest `user_id` would get if it were sent at `now`, composed and not sent; with `viewer`
/// (an organisation admin previewing it), narrowed to what the viewer may read too. The preview
/// page and benchmarks call it; `with_links` adds the signed unsubscribe links an email carries.
pub async fn next_digest(
    state: &AppState,
    user_id: i64,
    viewer: Option<i64>,
    now: NaiveDateTime,
    with_links: bool,
) -> AppResult<(User, Digest)> {
    let st = state.clone();
    state
        .db
        .read(move |conn| {
            let user = User::find(conn, user_id)?;
            let prefs = Preferences::find(conn, user_id)?;
            let from = since(
                prefs.digest_cadence,
                user.last_active_at.filter(|_| viewer.is_some()),
                last_sent_at(conn, user_id)?,
                now,
            );
            let link = |path: &str| st.link(path);
            let links = Links {
                link: &link,
                secret: with_links.then_some(st.secret.as_slice()),
            };
            let digest = compose(conn, &user, viewer, from, now, &links)?;
            Ok((user, digest))
        })
        .await
}
