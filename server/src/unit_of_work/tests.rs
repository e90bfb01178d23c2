//! The unit of work on a real SQLite database: nothing leaves on rollback, events are recorded
//! after the change, and publishing, waking the mailer and disconnecting happen after the commit.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use agora_shared::events::EventKind;
use diesel::prelude::*;
use serde_json::json;
use tokio::sync::{Notify, broadcast};

use super::*;
use crate::db::schema::{events, instance_settings, outbox};
use crate::error::AppError;
use crate::realtime::hub::EventBus;

/// What the bus saw: each published event's id, and whether the change that caused it was
/// visible to another connection at that moment (i.e. committed).
#[derive(Default)]
struct Seen {
    published: Mutex<Vec<(i64, bool)>>,
}

struct TestBus {
    db: Db,
    seen: Arc<Seen>,
    tx: broadcast::Sender<StoredEvent>,
}

impl EventBus for TestBus {
    fn publish(&self, event: StoredEvent) {
        let committed = setting(&self.db).is_some();
        self.seen
            .published
            .lock()
            .unwrap()
            .push((event.id, committed));
    }

    fn subscribe(&self) -> broadcast::Receiver<StoredEvent> {
        self.tx.subscribe()
    }
}

const KEY: &str = "test.unit_of_work";

/// The row the test transactions write, read through a connection of its own.
fn setting(db: &Db) -> Option<String> {
    let mut conn = db.get().expect("connection");
    instance_settings::table
        .find(KEY)
        .select(instance_settings::value)
        .first(&mut *conn)
        .optional()
        .expect("read setting")
}

fn count_events(conn: &mut DbConnection) -> i64 {
    events::table
        .count()
        .get_result(conn)
        .expect("count events")
}

fn count_outbox(db: &Db) -> i64 {
    let mut conn = db.get().expect("connection");
    outbox::table
        .count()
        .get_result(&mut *conn)
        .expect("count outbox")
}

struct Fixture {
    db: Db,
    hub: Hub,
    mailer: Arc<Notify>,
    seen: Arc<Seen>,
    path: std::path::PathBuf,
}

impl Drop for Fixture {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }
}

fn fixture() -> Fixture {
    let path = std::env::temp_dir().join(format!(
        "agora-uow-{}.sqlite",
        uuid::Uuid::new_v4().simple()
    ));
    let db = Db::connect(&format!("sqlite://{}", path.display())).expect("open database");
    crate::db::run_migrations(&mut db.get().expect("connection")).expect("migrate");
    let seen = Arc::new(Seen::default());
    let bus = Arc::new(TestBus {
        db: db.clone(),
        seen: seen.clone(),
        tx: broadcast::channel(16).0,
    });
    // A heartbeat far away: the session check must not close the test's connections.
    let hub = Hub::with_bus(
        db.clone(),
        bus,
        b"test secret",
        Duration::from_secs(3600),
        |_, _, _, _| Ok(None),
    );
    Fixture {
        db,
        hub,
        mailer: Arc::new(Notify::new()),
        seen,
        path,
    }
}

fn email() -> OutgoingEmail {
    let prerendered = crate::mail::templates::Prerendered {
        subject: "Subject".into(),
        text: "Text".into(),
        html: "<p>Html</p>".into(),
    };
    OutgoingEmail::new(
        "test:unit-of-work",
        "someone@example.org",
        agora_shared::api::Language::En,
        &prerendered,
    )
    .expect("email")
}

fn event(n: i64) -> NewEvent {
    NewEvent {
        kind: EventKind::ChannelChanged,
        workspace_id: Some(1),
        channel_id: None,
        user_id: None,
        data: json!({ "n": n }),
    }
}

/// Whether the mailer was woken (a stored permit), without waiting long.
async fn woken(mailer: &Notify) -> bool {
    tokio::time::timeout(Duration::from_millis(50), mailer.notified())
        .await
        .is_ok()
}

/// Runs `f` through [`transact`] with the fixture's handles.
async fn run_unit<T: Send + 'static>(
    fx: &Fixture,
    f: impl FnOnce(&mut Tx<'_>) -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    let clock = Arc::new(crate::clock::SystemClock);
    transact(&fx.db, &fx.hub, &fx.mailer, "example.org".into(), clock, f).await
}

fn write_setting(tx: &mut Tx<'_>) {
    diesel::insert_into(instance_settings::table)
        .values((
            instance_settings::name.eq(KEY),
            instance_settings::value.eq("changed"),
        ))
        .execute(tx.conn())
        .expect("write setting");
}

#[tokio::test]
async fn a_rollback_records_publishes_queues_and_disconnects_nothing() {
    let fx = fixture();
    let _socket = fx.hub.register(7, 3, "session-of-7");
    let before = count_events(&mut fx.db.get().expect("connection"));
    let result: AppResult<()> = run_unit(&fx, |tx| {
        write_setting(tx);
        tx.emit(event(1));
        tx.email(&email())?;
        tx.disconnect(Disconnect::User(7));
        tx.disconnect(Disconnect::Organisation(3));
        Err(AppError::not_found())
    })
    .await;
    assert!(result.is_err());
    assert_eq!(setting(&fx.db), None, "the change was rolled back");
    assert_eq!(count_events(&mut fx.db.get().expect("connection")), before);
    assert_eq!(count_outbox(&fx.db), 0, "no email was queued");
    assert!(fx.seen.published.lock().unwrap().is_empty());
    assert!(!woken(&fx.mailer).await, "the mailer was not woken");
    assert_eq!(
        fx.hub.user_connection_count(7),
        1,
        "nobody was disconnected"
    );
}

#[tokio::test]
async fn events_are_recorded_after_the_change_and_published_after_the_commit() {
    let fx = fixture();
    let before = count_events(&mut fx.db.get().expect("connection"));
    let pending = run_unit(&fx, |tx| {
        tx.emit(event(1));
        write_setting(tx);
        tx.emit_in_workspace(EventKind::MembershipChanged, 1, json!({ "n": 2 }));
        // Emitting records nothing yet: the rows come last, just before the commit.
        Ok(count_events(tx.conn()))
    })
    .await
    .expect("commit");
    assert_eq!(
        pending, before,
        "no event row was written while the change ran"
    );
    let mut conn = fx.db.get().expect("connection");
    let rows: Vec<(i64, String)> = events::table
        .select((events::id, events::payload))
        .order(events::id)
        .load(&mut *conn)
        .expect("events");
    assert_eq!(rows.len() as i64, before + 2);
    let published = fx.seen.published.lock().unwrap().clone();
    let recorded: Vec<i64> = rows.iter().rev().take(2).rev().map(|r| r.0).collect();
    assert_eq!(
        published.iter().map(|p| p.0).collect::<Vec<_>>(),
        recorded,
        "both events were published, in the order they were emitted"
    );
    assert!(
        published.iter().all(|p| p.1) && published.len() == 2,
        "each event was published once its change was visible to others: {published:?}"
    );
}

#[tokio::test]
async fn the_mailer_is_woken_after_the_commit_that_queued_the_email() {
    let fx = fixture();
    // Counts, the moment it is woken, what another connection sees in the outbox.
    let waiter = {
        let (db, mailer) = (fx.db.clone(), fx.mailer.clone());
        tokio::spawn(async move {
            mailer.notified().await;
            count_outbox(&db)
        })
    };
    tokio::task::yield_now().await;
    run_unit(&fx, |tx| {
        tx.email(&email())?;
        // Written at once in the transaction, not yet visible outside it.
        let inside: i64 = outbox::table.count().get_result(tx.conn())?;
        assert_eq!(inside, 1);
        Ok(())
    })
    .await
    .expect("commit");
    let seen_when_woken = tokio::time::timeout(Duration::from_secs(5), waiter)
        .await
        .expect("the mailer was woken")
        .expect("waiter");
    assert_eq!(
        seen_when_woken, 1,
        "the email was committed before the wake-up"
    );
}

#[tokio::test]
async fn a_unit_without_email_leaves_the_mailer_asleep() {
    let fx = fixture();
    run_unit(&fx, |tx| {
        write_setting(tx);
        Ok(())
    })
    .await
    .expect("commit");
    assert_eq!(setting(&fx.db).as_deref(), Some("changed"));
    assert!(!woken(&fx.mailer).await);
}

#[tokio::test]
async fn disconnects_happen_after_the_commit() {
    let fx = fixture();
    let _a = fx.hub.register(1, 10, "a");
    let _b1 = fx.hub.register(2, 10, "b1");
    let _b2 = fx.hub.register(2, 10, "b2");
    let _c = fx.hub.register(3, 20, "c1");
    let _d = fx.hub.register(4, 30, "d1");
    run_unit(&fx, |tx| {
        tx.disconnect(Disconnect::User(1));
        tx.disconnect(Disconnect::OtherSessions {
            user_id: 2,
            keep_session_hash: "b1".into(),
        });
        tx.disconnect(Disconnect::Organisation(20));
        tx.disconnect(Disconnect::Session("d1".into()));
        Ok(())
    })
    .await
    .expect("commit");
    let open: Vec<usize> = (1..=4).map(|u| fx.hub.user_connection_count(u)).collect();
    assert_eq!(open, [0, 1, 0, 0]);
}

/// Services go through the unit of work: no file outside it and the realtime module publishes,
/// wakes the mailer or closes websockets by hand.
#[test]
fn nothing_publishes_wakes_or_disconnects_by_hand() {
    const FORBIDDEN: [&str; 8] = [
        "publish(",
        "publish_all(",
        "wake.notify",
        "disconnect_user(",
        "disconnect_session(",
        "disconnect_other_sessions(",
        "disconnect_organisation(",
        "events::record(",
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.clone()];
    let mut offences = Vec::new();
    let mut scanned = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(
                std::fs::read_dir(&path)
                    .expect("read dir")
                    .map(|e| e.expect("entry").path()),
            );
            continue;
        }
        let relative = path.strip_prefix(&root).expect("under src");
        let name = relative.to_string_lossy().replace('\\', "/");
        let allowed = name.starts_with("realtime/") || name.starts_with("unit_of_work/");
        if allowed || path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        scanned += 1;
        let text = std::fs::read_to_string(&path).expect("read source");
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for needle in FORBIDDEN {
                if code.contains(needle) {
                    offences.push(format!("{}:{}: {}", relative.display(), n + 1, code));
                }
            }
        }
    }
    assert!(scanned > 20, "the source tree was found ({scanned} files)");
    assert!(offences.is_empty(), "use state.transact: {offences:#?}");
}
