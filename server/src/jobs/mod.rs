//! The one scheduler of periodic work. [`all`] lists every task with its interval; the
//! [`Scheduler`] runs each when due, logs a failure (or a panic) and carries on, and tests run the
//! due work to completion with [`run_due`] instead of waiting.
//!
//! Jobs must be idempotent: several instances each run their own scheduler, so a job may run
//! twice at once. Work that must happen once per item claims it in the database (the upload
//! cleanup deletes each row with its condition and only removes the files of rows it deleted).
//!
//! Still started on their own and meant to move here: the outbox worker and event pruning.

mod upload_cleanup;

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::time::Duration;

use agora_shared::limits::UPLOAD_CLEANUP_EVERY_SECS;
use chrono::NaiveDateTime;
use futures_util::FutureExt;

use crate::error::AppResult;
use crate::state::AppState;

/// What a job run returns: how many items it handled (for the log), or why it failed.
pub type JobFuture<'a> = Pin<Box<dyn Future<Output = AppResult<usize>> + Send + 'a>>;

/// A periodic task over a context `C` (the [`AppState`] in the server).
pub struct Job<C = AppState> {
    /// Stable name for logs.
    pub name: &'static str,
    /// Time between the starts of two runs.
    pub every: Duration,
    run: for<'a> fn(&'a C, NaiveDateTime) -> JobFuture<'a>,
}

impl<C> Job<C> {
    pub fn new(
        name: &'static str,
        every: Duration,
        run: for<'a> fn(&'a C, NaiveDateTime) -> JobFuture<'a>,
    ) -> Job<C> {
        Job { name, every, run }
    }
}

/// Every periodic task of the server.
pub fn all() -> Vec<Job> {
    vec![Job::new(
        "upload_cleanup",
        Duration::from_secs(UPLOAD_CLEANUP_EVERY_SECS),
        |state, now| Box::pin(upload_cleanup::run(state, now)),
    )]
}

/// How one job run ended.
#[derive(Debug)]
pub struct Outcome {
    pub job: &'static str,
    /// Items handled, or the failure as logged.
    pub result: Result<usize, String>,
}

/// Runs every job of [`all`] once at `now`, to completion: what tests and one-off commands call.
pub async fn run_due(state: &AppState, now: NaiveDateTime) -> Vec<Outcome> {
    Scheduler::new(all()).run_due(state, now).await
}

/// The jobs and when each last started.
pub struct Scheduler<C = AppState> {
    jobs: Vec<(Job<C>, Option<NaiveDateTime>)>,
}

impl<C: Sync> Scheduler<C> {
    pub fn new(jobs: Vec<Job<C>>) -> Scheduler<C> {
        Scheduler {
            jobs: jobs.into_iter().map(|j| (j, None)).collect(),
        }
    }

    /// Runs, one after the other, the jobs whose interval has passed at `now` (all of them the
    /// first time). A failing or panicking job is logged and does not stop the others.
    pub async fn run_due(&mut self, ctx: &C, now: NaiveDateTime) -> Vec<Outcome> {
        let mut outcomes = Vec::new();
        for (job, last) in &mut self.jobs {
            let every = chrono::Duration::from_std(job.every).unwrap_or(chrono::Duration::MAX);
            if last.is_some_and(|t| now < t + every) {
                continue;
            }
            *last = Some(now);
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
            outcomes.push(Outcome {
                job: job.name,
                result,
            });
        }
        outcomes
    }
}

/// How often the scheduler looks for due jobs; short next to every interval in [`all`].
const TICK: Duration = Duration::from_secs(30);

impl Scheduler<AppState> {
    /// Runs due jobs on the state's clock until `shutdown` changes.
    pub async fn run(mut self, state: AppState, mut shutdown: tokio::sync::watch::Receiver<bool>) {
        loop {
            self.run_due(&state, state.clock.now()).await;
            tokio::select! {
                _ = tokio::time::sleep(TICK) => {}
                _ = shutdown.changed() => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::error::AppError;

    #[derive(Default)]
    struct Counts {
        fine: AtomicUsize,
        failing: AtomicUsize,
    }

    fn jobs() -> Vec<Job<Counts>> {
        vec![
            Job::new("panics", Duration::from_secs(60), |_, _| {
                Box::pin(async { panic!("a bug in one job") })
            }),
            Job::new("fails", Duration::from_secs(60), |c: &Counts, _| {
                Box::pin(async move {
                    c.failing.fetch_add(1, Ordering::SeqCst);
                    Err(AppError::not_found())
                })
            }),
            Job::new("hourly", Duration::from_secs(3600), |c: &Counts, _| {
                Box::pin(async move { Ok(c.fine.fetch_add(1, Ordering::SeqCst) + 1) })
            }),
        ]
    }

    #[tokio::test]
    async fn failures_are_reported_and_the_other_jobs_still_run() {
        let counts = Counts::default();
        let mut scheduler = Scheduler::new(jobs());
        let outcomes = scheduler.run_due(&counts, crate::time::now()).await;
        let results: Vec<_> = outcomes.iter().map(|o| (o.job, o.result.is_ok())).collect();
        assert_eq!(
            results,
            [("panics", false), ("fails", false), ("hourly", true)]
        );
        assert_eq!(counts.fine.load(Ordering::SeqCst), 1);
        assert_eq!(counts.failing.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn each_job_runs_at_its_own_interval() {
        let counts = Counts::default();
        let mut scheduler = Scheduler::new(jobs());
        let start = crate::time::now();
        scheduler.run_due(&counts, start).await;
        let names = |o: Vec<Outcome>| o.into_iter().map(|o| o.job).collect::<Vec<_>>();
        let soon = start + chrono::Duration::seconds(30);
        assert!(names(scheduler.run_due(&counts, soon).await).is_empty());
        let later = start + chrono::Duration::minutes(2);
        assert_eq!(
            names(scheduler.run_due(&counts, later).await),
            ["panics", "fails"]
        );
        let next_hour = start + chrono::Duration::minutes(61);
        assert_eq!(
            names(scheduler.run_due(&counts, next_hour).await),
            ["panics", "fails", "hourly"]
        );
        assert_eq!(counts.fine.load(Ordering::SeqCst), 2);
    }
}
