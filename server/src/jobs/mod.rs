//! The one scheduler of background work. [`all`] lists every periodic task with its interval and
//! where it runs ([`Runs`]); the [`Scheduler`] runs each when due, logs a failure (or a panic) and
//! carries on, and tests run the work to completion with [`run_due`] instead of waiting.
//!
//! Several instances each run their own scheduler. A job that must run once across them is
//! claimed in the database ([`claims`]); the outbox claims its rows one by one instead, so every
//! instance sends its share. Jobs stay idempotent all the same: a claim can outlive a crash.

pub mod claims;
mod event_pruning;
mod scheduler;
mod upload_cleanup;

use std::time::Duration;

use agora_shared::limits::UPLOAD_CLEANUP_EVERY_SECS;
use chrono::NaiveDateTime;

pub use scheduler::{Job, JobContext, JobFuture, Outcome, Runs, Scheduler};

use crate::error::AppResult;
use crate::state::AppState;

/// How often the event log is pruned.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);
/// How often due mention and direct-message emails are looked for: "right away" means within a
/// minute of the person's being away long enough.
const NOTIFY_EVERY: Duration = Duration::from_secs(60);
/// Every periodic task of the server.
pub fn all(state: &AppState) -> Vec<Job> {
    vec![
        Job::new(
            "outbox",
            state.config.outbox_poll,
            Runs::OnEveryWorker,
            |state: &AppState, _| Box::pin(state.mailer.drain(&*state.clock)),
        )
        .woken_by(state.mailer.wake.clone()),
        Job::new(
            "websocket_sessions",
            state.config.ws_heartbeat,
            Runs::OnEveryInstance,
            |state: &AppState, now| Box::pin(websocket_sessions(state, now)),
        ),
        Job::new(
            "event_pruning",
            PRUNE_EVERY,
            Runs::OnOneWorker,
            |state, now| Box::pin(event_pruning::run(state, now)),
        ),
        // Every worker: each person's items are claimed in the transaction that queues their
        // email, so instances share the work without sending anything twice.
        Job::new(
            "notifications",
            NOTIFY_EVERY,
            Runs::OnEveryWorker,
            |state, now| Box::pin(crate::notifications::run(state, now)),
        ),
        Job::new(
            "digest",
            state.config.digest_every,
            Runs::OnOneWorker,
            |state, now| {
                Box::pin(async move {
                    let counts = crate::digest::run(state, now).await?;
                    Ok(usize::try_from(counts.queued).unwrap_or(usize::MAX))
                })
            },
        ),
        Job::new(
            "upload_cleanup",
            Duration::from_secs(UPLOAD_CLEANUP_EVERY_SECS),
            Runs::OnOneWorker,
            |state, now| Box::pin(upload_cleanup::run(state, now)),
        ),
    ]
}

/// Closes the websockets whose session ended, and counts those still open as their people's
/// activity (someone reading in an open tab is not away).
async fn websocket_sessions(state: &AppState, now: NaiveDateTime) -> AppResult<usize> {
    let closed = state.hub.check_sessions(now).await?;
    let connected = state.hub.connected_users();
    if !connected.is_empty() {
        state
            .db
            .write(move |conn| crate::accounts::activity::record_connected(conn, &connected, now))
            .await?;
    }
    Ok(closed)
}

/// The jobs this instance runs: all of them with workers, else only its own upkeep.
pub fn scheduler(state: &AppState) -> Scheduler {
    let workers = state.config.workers;
    Scheduler::new(
        all(state)
            .into_iter()
            .filter(|job| workers || job.runs == Runs::OnEveryInstance)
            .collect(),
    )
}

/// Runs every job of [`all`] once at `now`, to completion, whatever its interval: what tests and
/// one-off commands call.
pub async fn run_due(state: &AppState, now: NaiveDateTime) -> Vec<Outcome> {
    Scheduler::new(all(state)).run_all(state, now).await
}

#[cfg(test)]
mod tests;
