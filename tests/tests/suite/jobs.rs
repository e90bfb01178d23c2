//! Background work on a clock the test moves: retries wait for their backoff and old events are
//! pruned only once the clock has passed the retention; and two instances on one database never
//! both run a job that is claimed.

use std::sync::Arc;

use agora::clock::{Clock, TestClock};
use agora::config::MailTransportConfig;
use agora::jobs::{Scheduler, all};
use agora_tests::TestApp;
use agora_tests::app::spawn_app_with;
use agora_tests::personas::World;
use diesel::prelude::*;
use reqwest::Method;
use serde_json::json;

/// The app's state on a test clock stopped now.
fn on_test_clock(app: &TestApp) -> (agora::state::AppState, Arc<TestClock>) {
    let clock = Arc::new(TestClock::starting_now());
    let mut state = app.state.clone();
    state.clock = clock.clone();
    (state, clock)
}

async fn outbox_row(app: &TestApp, to: &'static str) -> (String, i32) {
    use agora::db::schema::outbox::dsl::*;
    app.state
        .db
        .read(move |conn| {
            Ok(outbox
                .filter(recipient.eq(to))
                .select((status, attempts))
                .first(conn)?)
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_failed_email_is_retried_once_the_clock_has_passed_its_backoff() {
    let app = spawn_app_with(|c| c.mail = MailTransportConfig::Files).await;
    let world = World::build(&app).await;
    let res = world
        .admin_a
        .session
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{}/invitations", world.org_a),
            Some(json!({"email": "retry@aalst.test", "role": "member"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    // A file where the mail folder should be: writing the email fails, for now.
    let dir = app.state.config.data_dir.join("mail");
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::write(&dir, "in the way").unwrap();
    let (state, clock) = on_test_clock(&app);
    assert_eq!(state.mailer.drain(&*state.clock).await.unwrap(), 0);
    assert_eq!(
        outbox_row(&app, "retry@aalst.test").await,
        ("pending".into(), 1)
    );

    std::fs::remove_file(&dir).unwrap();
    std::fs::create_dir(&dir).unwrap();
    // The first backoff is 30 s: not yet after 29.
    clock.advance(chrono::Duration::seconds(29));
    assert_eq!(state.mailer.drain(&*state.clock).await.unwrap(), 0);
    assert_eq!(
        outbox_row(&app, "retry@aalst.test").await,
        ("pending".into(), 1)
    );
    clock.advance(chrono::Duration::seconds(2));
    assert_eq!(state.mailer.drain(&*state.clock).await.unwrap(), 1);
    assert_eq!(
        outbox_row(&app, "retry@aalst.test").await,
        ("sent".into(), 2)
    );
}

async fn event_count(app: &TestApp) -> i64 {
    use agora::db::schema::events::dsl::*;
    app.state
        .db
        .read(|conn| Ok(events.count().get_result(conn)?))
        .await
        .unwrap()
}

#[tokio::test]
async fn old_events_are_pruned_only_once_the_clock_has_passed_the_retention() {
    let app = agora_tests::app::spawn_app().await;
    let world = World::build(&app).await;
    for name in ["kanaal-een", "kanaal-twee"] {
        let res = world
            .admin_a
            .session
            .api(
                Method::POST,
                &format!("/api/v1/workspaces/{}/channels", world.workspace),
                Some(json!({"name": name})),
            )
            .await;
        assert!(res.status().is_success(), "{}", res.status());
    }
    let before = event_count(&app).await;
    assert!(before >= 2, "{before} events");
    let (state, clock) = on_test_clock(&app);
    clock.advance(chrono::Duration::days(6));
    for outcome in agora::jobs::run_due(&state, state.clock.now()).await {
        assert!(outcome.result.is_ok(), "{outcome:?}");
    }
    assert_eq!(
        event_count(&app).await,
        before,
        "pruned before the retention"
    );
    clock.advance(chrono::Duration::days(2));
    for outcome in agora::jobs::run_due(&state, state.clock.now()).await {
        assert!(outcome.result.is_ok(), "{outcome:?}");
    }
    // The newest stays: it is where fresh streams start.
    assert_eq!(event_count(&app).await, 1);
}

fn names(outcomes: Vec<agora::jobs::Outcome>) -> Vec<&'static str> {
    outcomes.into_iter().map(|o| o.job).collect()
}

#[tokio::test]
async fn two_instances_on_one_database_do_not_both_run_a_claimed_job() {
    let first = agora_tests::app::spawn_app().await;
    let database_url = first.state.config.database_url.clone();
    let second = spawn_app_with(move |c| c.database_url = database_url).await;
    let (first_state, first_clock) = on_test_clock(&first);
    let (second_state, second_clock) = on_test_clock(&second);
    second_clock.set(first_clock.now());
    let mut on_first = Scheduler::new(all(&first_state));
    let mut on_second = Scheduler::new(all(&second_state));
    let everything = [
        "outbox",
        "websocket_sessions",
        "event_pruning",
        "notifications",
        "digest",
        "upload_cleanup",
    ];
    let mine = ["outbox", "websocket_sessions", "notifications"];
    assert_eq!(
        names(on_first.run_due(&first_state, first_clock.now()).await),
        everything
    );
    // A minute later the second instance sends its share of email and checks its own websockets,
    // but leaves the claimed jobs the first one ran within their interval.
    second_clock.advance(chrono::Duration::minutes(1));
    assert_eq!(
        names(on_second.run_due(&second_state, second_clock.now()).await),
        mine
    );
    // Past the upload cleanup's interval (15 min) and the digest's (5 min), not the pruning's
    // (1 h): one of them runs them.
    second_clock.advance(chrono::Duration::minutes(15));
    first_clock.advance(chrono::Duration::minutes(16));
    assert_eq!(
        names(on_second.run_due(&second_state, second_clock.now()).await),
        [
            "outbox",
            "websocket_sessions",
            "notifications",
            "digest",
            "upload_cleanup"
        ]
    );
    assert_eq!(
        names(on_first.run_due(&first_state, first_clock.now()).await),
        mine
    );
}
