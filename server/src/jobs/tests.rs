//! The scheduler on a real SQLite database: failures do not stop other jobs, each job keeps its
//! interval, and a claimed job runs on one instance at a time and once per interval across them.

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::db::Db;
use crate::error::AppError;

struct Counts {
    db: Db,
    fine: AtomicUsize,
    failing: AtomicUsize,
    claimed: AtomicUsize,
    path: std::path::PathBuf,
}

impl JobContext for Counts {
    fn db(&self) -> &Db {
        &self.db
    }

    fn now(&self) -> NaiveDateTime {
        start()
    }
}

impl Drop for Counts {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }
}

fn counts() -> Counts {
    let path = std::env::temp_dir().join(format!(
        "agora-jobs-{}.sqlite",
        uuid::Uuid::new_v4().simple()
    ));
    let db = Db::connect(&format!("sqlite://{}", path.display())).expect("open database");
    crate::db::run_migrations(&mut db.get().expect("connection")).expect("migrate");
    Counts {
        db,
        fine: AtomicUsize::new(0),
        failing: AtomicUsize::new(0),
        claimed: AtomicUsize::new(0),
        path,
    }
}

fn start() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 1)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .expect("date")
}

fn minutes(n: i64) -> NaiveDateTime {
    start() + chrono::Duration::minutes(n)
}

fn jobs() -> Vec<Job<Counts>> {
    vec![
        Job::new(
            "panics",
            Duration::from_secs(60),
            Runs::OnEveryInstance,
            |_, _| Box::pin(async { panic!("a bug in one job") }),
        ),
        Job::new(
            "fails",
            Duration::from_secs(60),
            Runs::OnEveryInstance,
            |c: &Counts, _| {
                Box::pin(async move {
                    c.failing.fetch_add(1, Ordering::SeqCst);
                    Err(AppError::not_found())
                })
            },
        ),
        Job::new(
            "hourly",
            Duration::from_secs(3600),
            Runs::OnEveryInstance,
            |c: &Counts, _| Box::pin(async move { Ok(c.fine.fetch_add(1, Ordering::SeqCst) + 1) }),
        ),
    ]
}

fn names(outcomes: Vec<Outcome>) -> Vec<&'static str> {
    outcomes.into_iter().map(|o| o.job).collect()
}

#[tokio::test]
async fn failures_are_reported_and_the_other_jobs_still_run() {
    let counts = counts();
    let mut scheduler = Scheduler::new(jobs());
    let outcomes = scheduler.run_due(&counts, start()).await;
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
    let counts = counts();
    let mut scheduler = Scheduler::new(jobs());
    scheduler.run_due(&counts, start()).await;
    let soon = start() + chrono::Duration::seconds(30);
    assert!(names(scheduler.run_due(&counts, soon).await).is_empty());
    assert_eq!(
        names(scheduler.run_due(&counts, minutes(2)).await),
        ["panics", "fails"]
    );
    assert_eq!(
        names(scheduler.run_due(&counts, minutes(61)).await),
        ["panics", "fails", "hourly"]
    );
    assert_eq!(counts.fine.load(Ordering::SeqCst), 2);
}

fn claimed_job() -> Job<Counts> {
    Job::new(
        "claimed",
        Duration::from_secs(3600),
        Runs::OnOneWorker,
        |c: &Counts, _| Box::pin(async move { Ok(c.claimed.fetch_add(1, Ordering::SeqCst) + 1) }),
    )
}

#[tokio::test]
async fn a_claimed_job_runs_once_per_interval_across_instances() {
    let counts = counts();
    // Two instances: two schedulers on one database.
    let mut first = Scheduler::new(vec![claimed_job()]);
    let mut second = Scheduler::new(vec![claimed_job()]);
    assert_eq!(names(first.run_due(&counts, start()).await), ["claimed"]);
    // The second instance has never run it, but the first did within the interval.
    assert!(names(second.run_due(&counts, minutes(1)).await).is_empty());
    assert_eq!(
        names(second.run_due(&counts, minutes(61)).await),
        ["claimed"]
    );
    assert!(names(first.run_due(&counts, minutes(62)).await).is_empty());
    assert_eq!(counts.claimed.load(Ordering::SeqCst), 2);
}

async fn claim_at(counts: &Counts, at: NaiveDateTime) -> Option<claims::Lease> {
    claims::claim(
        &counts.db,
        "claimed",
        at,
        None,
        chrono::Duration::minutes(10),
    )
    .await
    .expect("claim")
}

#[tokio::test]
async fn a_held_claim_keeps_every_other_instance_out_until_its_lease_ends() {
    let counts = counts();
    let first = claim_at(&counts, start()).await.expect("free at first");
    // Not even asked to run everything whatever the interval does another instance run it.
    let mut other = Scheduler::new(vec![claimed_job()]);
    assert!(names(other.run_all(&counts, minutes(5)).await).is_empty());
    // The lease ran out (a crashed holder): someone else may take it.
    let second = claim_at(&counts, minutes(11))
        .await
        .expect("free after the lease");
    // The first holder's late release leaves the new holder's claim alone.
    claims::release(&counts.db, first).await.expect("release");
    assert_eq!(claim_at(&counts, minutes(12)).await, None);
    claims::release(&counts.db, second).await.expect("release");
    assert_eq!(
        names(other.run_all(&counts, minutes(13)).await),
        ["claimed"]
    );
    assert_eq!(counts.claimed.load(Ordering::SeqCst), 1);
}
