//! One digest run: the people due ([`super::due`]) in batches; each one's digest composed
//! outside any write transaction, then, per batch, one unit of work that claims each period and
//! queues the digests worth sending. A claim lost to another run or instance queues nothing; the
//! outbox key `digest:{user}:{period}` keeps even a replayed claim from sending twice.

use agora_shared::ids::UserId;
use std::collections::{HashMap, VecDeque};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use tokio::task::JoinHandle;

use super::compose::{Links, compose, compose_batch};
use super::content::Digest;
use super::due::{DueReader, due, since};
use super::model::{DigestRun, RunCounts, claim_period, last_sent_at};
use crate::accounts::user::User;
use crate::db::schema::users;
use crate::email_settings::model::Preferences;
use crate::email_settings::unsubscribe::{List, headers};
use crate::error::{AppError, AppResult};
use crate::mail::OutgoingEmail;
use crate::state::AppState;

/// People looked at per batch: a batch is composed from one set of queries ([`super::batch`]).
pub const BATCH: i64 = 500;

/// One reader's digest, composed and not yet queued.
type Composed = (DueReader, User, Digest);

/// Runs the digests due at `now` to completion, records the run in `digest_runs` and returns
/// its counts: what the `digest` job, the crash test and benchmarks call.
pub async fn run(state: &AppState, now: NaiveDateTime) -> AppResult<RunCounts> {
    let run_id = state
        .db
        .write(move |conn| DigestRun::start(conn, now))
        .await?;
    let mut counts = RunCounts::default();
    let mut after = 0;
    let mut exhausted = false;
    // Composing only reads, so one batch per core is composed at a time, each on a blocking
    // thread of its own, while the batch before is claimed and queued in one unit of work.
    let mut composing: VecDeque<JoinHandle<AppResult<Vec<Composed>>>> = VecDeque::new();
    loop {
        while !exhausted && composing.len() < compose_concurrency() {
            let (batch, last) = state
                .db
                .read(move |conn| due(conn, now, after, BATCH))
                .await?;
            match last {
                None => exhausted = true,
                Some(last) => {
                    after = last;
                    if !batch.is_empty() {
                        composing.push_back(tokio::spawn(compose_due(state.clone(), batch, now)));
                    }
                }
            }
        }
        let Some(next) = composing.pop_front() else {
            break;
        };
        let composed = next.await.map_err(|e| AppError::internal(e.into()))??;
        let last = composed.last().map_or(after, |c| c.0.user_id);
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
            after = last,
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

/// Batches composed at once: one per core.
fn compose_concurrency() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// The digests of one batch of due readers, on one read connection.
async fn compose_due(
    state: AppState,
    batch: Vec<DueReader>,
    now: NaiveDateTime,
) -> AppResult<Vec<Composed>> {
    let st = state.clone();
    state
        .db
        .read(move |conn| {
            let ids: Vec<i64> = batch.iter().map(|r| r.user_id).collect();
            let mut users: HashMap<i64, User> = users::table
                .filter(users::id.eq_any(&ids))
                .select(User::as_select())
                .load::<User>(conn)?
                .into_iter()
                .map(|u| (u.id, u))
                .collect();
            let readers: Vec<(DueReader, User)> = batch
                .into_iter()
                .filter_map(|r| users.remove(&r.user_id).map(|u| (r, u)))
                .collect();
            let link = |path: &str| st.link(path);
            let links = Links {
                link: &link,
                secret: Some(&st.secret),
            };
            let pairs: Vec<(&User, NaiveDateTime)> =
                readers.iter().map(|(r, u)| (u, r.since)).collect();
            let digests = compose_batch(conn, &pairs, None, now, &links)?;
            Ok(readers
                .into_iter()
                .zip(digests)
                .map(|((r, u), d)| (r, u, d))
                .collect())
        })
        .await
}

/// Claims each person's period and queues the digests worth sending, in one unit of work.
async fn queue(state: &AppState, composed: Vec<Composed>) -> AppResult<RunCounts> {
    let mut emails = Vec::with_capacity(composed.len());
    for (reader, user, digest) in composed {
        let email = if digest.worth_sending() {
            Some(outgoing(state, &reader, &user, &digest)?)
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
fn outgoing(
    state: &AppState,
    reader: &DueReader,
    user: &User,
    digest: &Digest,
) -> AppResult<OutgoingEmail> {
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
