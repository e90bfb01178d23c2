//! Running [`Job`]s: each when its interval has passed (or when it is woken), claimed through
//! the database when only one instance may run it, with failures and panics logged and the
//! scheduler carrying on.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;
use futures_util::FutureExt;
use tokio::sync::{Notify, watch};

use super::claims;
use crate::db::Db;
use crate::error::AppResult;
use crate::state::AppState;

/// What a job run returns: how many items it handled (for the log), or why it failed.
pub type JobFuture<'a> = Pin<Box<dyn Future<Output = AppResult<usize>> + Send + 'a>>;

/// How long a claimed job is held before another instance may take it over (a run that crashed),
/// unless the context says otherwise.
const CLAIM_LEASE: chrono::Duration = chrono::Duration::minutes(10);

/// Where a job runs when several instances share one database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runs {
    /// On every instance, started with workers or not: upkeep of what the instance holds itself
    /// (its websockets). Never claimed.
    OnEveryInstance,
    /// On every instance started with workers, each claiming its own items (the outbox's rows).
    OnEveryWorker,
    /// On one instance started with workers at a time, at most once per interval across them:
    /// claimed in `job_claims` ([`claims`]).
    OnOneWorker,
}

/// What jobs run over: the [`AppState`] in the server.
pub trait JobContext: Send + Sync + 'static {
    /// Where [`Runs::OnOneWorker`] jobs are claimed.
    fn db(&self) -> &Db;
    /// The time jobs run at.
    fn now(&self) -> NaiveDateTime;
    /// How long a [`Runs::OnOneWorker`] run is held before another instance may take it over.
    fn claim_lease(&self) -> chrono::Duration {
        CLAIM_LEASE
    }
}

impl JobContext for AppState {
    fn db(&self) -> &Db {
        &self.db
    }

    fn now(&self) -> NaiveDateTime {
        self.clock.now()
    }

    fn claim_lease(&self) -> chrono::Duration {
        chrono::Duration::from_std(self.config.job_lease).unwrap_or(CLAIM_LEASE)
    }
}

/// A periodic task over a context `C`.
pub struct Job<C = AppState> {
    /// Stable name for logs and claims.
    pub name: &'static str,
    /// Time between the starts of two runs.
    pub every: Duration,
    pub runs: Runs,
    /// Runs early when this is notified (the outbox, after a commit that queued email).
    woken_by: Option<Arc<Notify>>,
    run: for<'a> fn(&'a C, NaiveDateTime) -> JobFuture<'a>,
}

impl<C> Job<C> {
    pub fn new(
        name: &'static str,
        every: Duration,
        runs: Runs,
        run: for<'a> fn(&'a C, NaiveDateTime) -> JobFuture<'a>,
    ) -> Job<C> {
        Job {
            name,
            every,
            runs,
            woken_by: None,
            run,
        }
    }

    /// The same job, also run as soon as `notify` is notified.
    pub fn woken_by(mut self, notify: Arc<Notify>) -> Job<C> {
        self.woken_by = Some(notify);
        self
    }

    fn interval(&self) -> chrono::Duration {
        chrono::Duration::from_std(self.every).unwrap_or(chrono::Duration::MAX)
    }
}

/// How one job run ended.
#[derive(Debug)]
pub struct Outcome {
    pub job: &'static str,
    /// Items handled, or the failure as logged.
    pub result: Result<usize, String>,
}

/// A job and when it last started here.
struct Scheduled<C> {
    job: Job<C>,
    last: Option<NaiveDateTime>,
}

impl<C: JobContext> Scheduled<C> {
    /// Runs the job at `now` if its interval has passed (always when `force`, as when woken), and,
    /// for a [`Runs::OnOneWorker`] job, if this instance wins its claim. `None` when it did not run.
    async fn run_if_due(&mut self, ctx: &C, now: NaiveDateTime, force: bool) -> Option<Outcome> {
        let job = &self.job;
        if !force && self.last.is_some_and(|t| now < t + job.interval()) {
            return None;
        }
        self.last = Some(now);
        let lease = match job.runs {
            Runs::OnOneWorker => {
                let interval = (!force).then(|| job.interval());
                match claims::claim(ctx.db(), job.name, now, interval, ctx.claim_lease()).await {
                    Ok(Some(lease)) => Some(lease),
                    // Another instance runs it, or ran it within its interval.
                    Ok(None) => return None,
                    Err(e) => {
                        tracing::error!(job = job.name, error = ?e, "claiming the job failed");
                        return Some(Outcome {
                            job: job.name,
                            result: Err(format!("{e:?}")),
                        });
                    }
                }
            }
            Runs::OnEveryInstance | Runs::OnEveryWorker => None,
        };
        let result = match AssertUnwindSafe((job.run)(ctx, now)).catch_unwind().await {
            Ok(Ok(n)) => {
                tracing::debug!(job = job.name, items = n, "job done");
                Ok(n)
            }
            Ok(Err(e)) => {
                tracing::error!(job = job.name, error = ?e, "job failed");
                Err(format!("{e:?}"))
            }
            Err(_) => {
                tracing::error!(job = job.name, "job panicked");
                Err("panicked".to_string())
            }
        };
        if let Some(lease) = lease
            && let Err(e) = claims::release(ctx.db(), lease).await
        {
            // The lease runs out by itself.
            tracing::warn!(job = job.name, error = ?e, "releasing the job failed");
        }
        Some(Outcome {
            job: job.name,
            result,
        })
    }
}

/// The jobs of one instance and when each last started here.
pub struct Scheduler<C = AppState> {
    jobs: Vec<Scheduled<C>>,
}

impl<C: JobContext> Scheduler<C> {
    pub fn new(jobs: Vec<Job<C>>) -> Scheduler<C> {
        Scheduler {
            jobs: jobs
                .into_iter()
                .map(|job| Scheduled { job, last: None })
                .collect(),
        }
    }

    /// Runs, one after the other, the jobs whose interval has passed at `now` (all of them the
    /// first time, claims permitting). A failing or panicking job is logged and does not stop
    /// the others.
    pub async fn run_due(&mut self, ctx: &C, now: NaiveDateTime) -> Vec<Outcome> {
        self.run(ctx, now, false).await
    }

    /// Runs every job at `now` whatever its interval (a claimed job only if no instance holds it):
    /// what tests and one-off commands call.
    pub async fn run_all(&mut self, ctx: &C, now: NaiveDateTime) -> Vec<Outcome> {
        self.run(ctx, now, true).await
    }

    async fn run(&mut self, ctx: &C, now: NaiveDateTime, force: bool) -> Vec<Outcome> {
        let mut outcomes = Vec::new();
        for scheduled in &mut self.jobs {
            outcomes.extend(scheduled.run_if_due(ctx, now, force).await);
        }
        outcomes
    }
}

impl<C: JobContext + Clone> Scheduler<C> {
    /// Runs each job in a task of its own (a slow one never holds up another) on the context's
    /// clock, until `shutdown` changes; returns once every job has finished its current run.
    pub async fn run_until(self, ctx: C, shutdown: watch::Receiver<bool>) {
        let tasks: Vec<_> = self
            .jobs
            .into_iter()
            .map(|scheduled| tokio::spawn(run_job(scheduled, ctx.clone(), shutdown.clone())))
            .collect();
        for task in tasks {
            let _ = task.await;
        }
    }
}

async fn run_job<C: JobContext>(
    mut scheduled: Scheduled<C>,
    ctx: C,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut woken = false;
    loop {
        if *shutdown.borrow() {
            return;
        }
        // The sleep below already waited out the interval here; a claimed job still checks its
        // interval across instances unless woken.
        scheduled.last = None;
        scheduled.run_if_due(&ctx, ctx.now(), woken).await;
        let notified = async {
            match &scheduled.job.woken_by {
                Some(notify) => notify.notified().await,
                None => std::future::pending().await,
            }
        };
        woken = tokio::select! {
            _ = tokio::time::sleep(scheduled.job.every) => false,
            _ = notified => true,
            _ = shutdown.changed() => return,
        };
    }
}
