//! Crash safety of digests: the real `agora` binary runs the digests of 1,000 people due for one
//! and sends them to a real SMTP server (aiosmtpd); it is killed with SIGKILL at random moments
//! while it composes, queues and sends, at least 20 times, and restarted until every digest is
//! sent or given up on. Every person then has exactly one digest, or a recorded permanent
//! failure; a second copy only ever carries the same Message-ID (the kill fell between the end
//! of DATA and the commit that records it).
//!
//! The RNG seed is printed; `AGORA_TEST_CRASH_SEED=<n>` replays a run's kill moments.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use agora::config::Config;
use agora::db::Db;
use agora_tests::postgres;
use agora_tests::smtp::SmtpSink;
use diesel::prelude::*;
use tokio::process::{Child, Command};

use agora::demo::bulk;

use super::support::rows;

const PEOPLE: usize = 1_000;
/// Addresses the SMTP server refuses for good: they must end failed, with a bounce.
const REFUSED: usize = 10;
const KILLS: usize = 20;
/// The whole run, kills and final drain, must fit in this.
const BUDGET: Duration = Duration::from_secs(100);

/// A small seeded RNG (SplitMix64): the kill moments of a run can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Makes `people` members due for a daily digest now, each with a day of conversation to read
/// in their twinning; the server's `digest` job finds them. Returns the addresses that must each
/// receive one digest.
async fn make_people_due(db: &Db, people: usize) -> Vec<String> {
    let written = bulk::seed(
        db,
        bulk::Spec {
            people: people as i64,
            now: agora::time::now(),
            span: chrono::Duration::hours(20),
            daily: true,
        },
    )
    .await
    .expect("seed the network");
    assert_eq!(written.people, people as i64);
    (1..=people).map(bulk::address).collect()
}

/// The `agora` binary of this build, built first if need be (a no-op when it is up to date).
fn server_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable");
    // target/<profile>/deps/suite-<hash>
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>");
    let target_dir = profile_dir.parent().expect("target dir");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut build = std::process::Command::new(cargo);
    build
        .args([
            "build",
            "--quiet",
            "-p",
            "agora",
            "--bin",
            "agora",
            "--target-dir",
        ])
        .arg(target_dir)
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    if profile_dir.file_name().is_some_and(|n| n == "release") {
        build.arg("--release");
    }
    let status = build.status().expect("run cargo build");
    assert!(status.success(), "cargo build -p agora failed");
    let bin = profile_dir.join("agora");
    assert!(bin.exists(), "{} missing after the build", bin.display());
    bin
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port()
}

struct Server {
    bin: PathBuf,
    data_dir: PathBuf,
    database_url: String,
    smtp_url: String,
}

impl Server {
    fn start(&self) -> Child {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.data_dir.join("server.log"))
            .expect("server log");
        Command::new(&self.bin)
            .arg("serve")
            // No .env of the developer's is read from here.
            .current_dir(&self.data_dir)
            .env("AGORA_BIND", format!("127.0.0.1:{}", free_port()))
            .env("AGORA_DATA_DIR", &self.data_dir)
            .env("AGORA_DATABASE_URL", &self.database_url)
            .env("AGORA_SMTP_URL", &self.smtp_url)
            .env(
                "AGORA_SECRET_KEY",
                "crash test secret key that is long enough",
            )
            .env("AGORA_OUTBOX_POLL_SECS", "1")
            // Emails claimed by a killed instance are taken over after this.
            .env("AGORA_OUTBOX_LEASE_SECS", "2")
            // A digest run a kill interrupted is taken over, and looked for again, at once.
            .env("AGORA_JOB_LEASE_SECS", "2")
            .env("AGORA_DIGEST_EVERY_SECS", "1")
            .env("AGORA_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .expect("start the agora binary")
    }
}

/// The people whose digest is not yet sent or given up on: not queued yet, or queued and not
/// finished.
async fn unfinished(db: &Db) -> i64 {
    let finished: i64 = db
        .read(|conn| {
            use agora::db::schema::outbox::dsl::*;
            Ok(outbox
                .filter(status.eq_any(["sent", "failed"]))
                .count()
                .get_result(conn)?)
        })
        .await
        .expect("count finished");
    PEOPLE as i64 - finished
}

/// Digests queued plus messages received: what moves while a life works.
async fn progress(db: &Db, sink: &SmtpSink) -> usize {
    let queued: i64 = db
        .read(|conn| {
            use agora::db::schema::outbox::dsl::*;
            Ok(outbox.count().get_result(conn)?)
        })
        .await
        .expect("count queued");
    queued as usize + sink.received_count()
}

/// Recipient → the Message-IDs of every copy the SMTP server accepted for them.
fn received(sink: &SmtpSink) -> BTreeMap<String, Vec<String>> {
    let mut by_recipient: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for mail in sink.received_now() {
        let message_id = mail
            .raw
            .lines()
            .find_map(|l| {
                l.split_once(':')
                    .filter(|(name, _)| name.eq_ignore_ascii_case("message-id"))
                    .map(|(_, value)| value.trim().to_string())
            })
            .expect("a Message-ID");
        for to in mail.rcpt_to {
            by_recipient.entry(to).or_default().push(message_id.clone());
        }
    }
    by_recipient
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_server_while_it_sends_neither_loses_nor_doubles_an_email() {
    let Some(sink) = SmtpSink::start().await else {
        return;
    };
    let bin = server_binary();
    let data_dir =
        std::env::temp_dir().join(format!("agora-crash-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&data_dir).expect("data dir");
    let server_url = std::env::var("AGORA_TEST_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"));
    let (database_url, pg_name) = match &server_url {
        Some(url) => {
            let name = postgres::create_database(url);
            (postgres::database_url(url, &name), Some(name))
        }
        None => (format!("sqlite://{}/agora.db", data_dir.display()), None),
    };
    let mut config = Config::from_lookup(|_| None).expect("config");
    config.database_url = database_url.clone();
    config.data_dir = data_dir.clone();
    let db = agora::startup::open_database(&config)
        .await
        .expect("open database");

    let people = make_people_due(&db, PEOPLE).await;
    let refused: Vec<&str> = people
        .iter()
        .step_by(PEOPLE / REFUSED)
        .map(String::as_str)
        .collect();
    sink.set_refusals(&refused.iter().map(|a| (*a, 550, None)).collect::<Vec<_>>());

    let seed = std::env::var("AGORA_TEST_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| agora::time::now().and_utc().timestamp_micros() as u64);
    eprintln!("crash test seed: {seed} (replay with AGORA_TEST_CRASH_SEED={seed})");
    let mut rng = Rng(seed);
    let server = Server {
        bin,
        data_dir: data_dir.clone(),
        database_url,
        smtp_url: sink.url(),
    };

    let started = Instant::now();
    let mut kills_while_sending = 0;
    // How long a life may send before its kill; halved whenever the lives left would otherwise
    // send everything before the last kill (a faster machine or transport).
    let mut max_delay_ms = 120;
    while kills_while_sending < KILLS {
        assert!(
            started.elapsed() < BUDGET,
            "only {kills_while_sending} kills within {BUDGET:?}"
        );
        let before = progress(&db, &sink).await;
        let received_before = sink.received_count();
        let mut child = server.start();
        // Kill once this life has queued or sent something, at a random moment after that: the
        // kills land while digests are composed and queued, and while the SMTP conversation and
        // its commits are going on.
        let life = Instant::now();
        while progress(&db, &sink).await == before && life.elapsed() < Duration::from_secs(10) {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        tokio::time::sleep(Duration::from_millis(rng.below(max_delay_ms))).await;
        child.kill().await.expect("SIGKILL the server");
        let left = unfinished(&db).await;
        assert!(
            left > 0,
            "the outbox drained after {kills_while_sending} kills: too fast to kill {KILLS} times"
        );
        kills_while_sending += 1;
        let per_life = (sink.received_count() - received_before).max(1) as i64;
        let lives_left = (KILLS - kills_while_sending) as i64;
        if per_life * lives_left * 2 > left && max_delay_ms > 4 {
            max_delay_ms /= 2;
        }
    }

    // The last life runs until everything is sent or given up on.
    let mut child = server.start();
    while unfinished(&db).await > 0 {
        assert!(
            started.elapsed() < BUDGET,
            "the outbox did not drain within {BUDGET:?}; see {}",
            data_dir.join("server.log").display()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    child.kill().await.expect("stop the server");
    let elapsed = started.elapsed();

    let outbox = rows(&db).await;
    // One digest each: one outbox row per person (its key is `digest:{user}:{period}`).
    assert_eq!(outbox.len(), PEOPLE);
    let recipients: BTreeSet<&str> = outbox.iter().map(|r| r.recipient.as_str()).collect();
    assert_eq!(recipients.len(), PEOPLE, "someone has two digests");
    let copies = received(&sink);
    let refused: BTreeSet<&str> = refused.into_iter().collect();
    let mut duplicates = 0;
    for row in &outbox {
        let got = copies.get(&row.recipient).cloned().unwrap_or_default();
        if refused.contains(row.recipient.as_str()) {
            assert_eq!(row.status, "failed", "{row:?}");
            assert!(got.is_empty(), "{} received {got:?}", row.recipient);
            let address = row.recipient.clone();
            let bounced = db
                .read(move |conn| agora::mail::bounces::is_hard_bounced(conn, &address))
                .await
                .unwrap();
            assert!(bounced, "no bounce recorded for {}", row.recipient);
            continue;
        }
        assert_eq!(row.status, "sent", "{row:?}");
        assert!(!got.is_empty(), "{} received nothing", row.recipient);
        assert!(
            got.iter().all(|id| *id == row.message_id),
            "{} received other Message-IDs than {}: {got:?}",
            row.recipient,
            row.message_id
        );
        duplicates += got.len() - 1;
    }
    let strangers: Vec<&String> = copies
        .keys()
        .filter(|to| !outbox.iter().any(|r| &r.recipient == *to))
        .collect();
    assert!(
        strangers.is_empty(),
        "mail to unknown recipients: {strangers:?}"
    );
    eprintln!(
        "crash test ({}): {PEOPLE} people, {KILLS} kills, {duplicates} second copies with the \
         same Message-ID, {REFUSED} refused, {elapsed:?}",
        agora_tests::app::backend_name()
    );

    drop(db);
    if let (Some(url), Some(name)) = (server_url, pg_name) {
        postgres::drop_database(&url, &name).expect("drop the test database");
    }
    let _ = std::fs::remove_dir_all(&data_dir);
}
