//! A person's last activity moves on every kind of signed-in request (page view, post, API call,
//! websocket connect) and while a websocket stays open, but is written at most every few
//! minutes: a fresh value stays as it is.

use agora::accounts::activity::EVERY;
use agora_tests::api::text;
use agora_tests::personas::World;
use agora_tests::{TestApp, spawn_app};
use chrono::{Duration, NaiveDateTime};
use reqwest::Method;

async fn set_last_active(app: &TestApp, user: i64, at: NaiveDateTime) {
    app.state
        .db
        .write(move |conn| {
            use agora::db::schema::users::dsl::*;
            use diesel::prelude::*;
            diesel::update(users.find(user))
                .set(last_active_at.eq(Some(at)))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
}

async fn last_active(app: &TestApp, user: i64) -> Option<NaiveDateTime> {
    app.state
        .db
        .read(move |conn| {
            use agora::db::schema::users::dsl::*;
            use diesel::prelude::*;
            Ok(users.find(user).select(last_active_at).first(conn)?)
        })
        .await
        .unwrap()
}

/// Puts the person's last activity `ago` in the past and returns that time.
async fn backdate(app: &TestApp, user: i64, ago: Duration) -> NaiveDateTime {
    let at = app.state.clock.now() - ago;
    set_last_active(app, user, at).await;
    at
}

#[tokio::test]
async fn every_kind_of_request_records_activity_when_the_stored_value_is_stale() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let user = world.member_a.user_id;
    let stale = EVERY + Duration::minutes(1);

    let old = backdate(&app, user, stale).await;
    assert_eq!(world.member_a.session.get("/").await.status(), 200);
    let after_page = last_active(&app, user).await.expect("recorded");
    assert!(after_page > old, "a page view was not recorded");

    let old = backdate(&app, user, stale).await;
    let res = world
        .member_a
        .session
        .api(Method::GET, "/api/v1/me", None)
        .await;
    assert_eq!(res.status(), 200);
    assert!(last_active(&app, user).await.unwrap() > old, "an API call");

    let old = backdate(&app, user, stale).await;
    world
        .member_a
        .session
        .post_message(world.general_channel, text("Wie komt er dinsdag?"))
        .await;
    assert!(last_active(&app, user).await.unwrap() > old, "a post");

    let old = backdate(&app, user, stale).await;
    let (cookie, _) = app.session_cookie(&world.member_a.email).await;
    let mut ws = agora_tests::ws::connect(&app, &cookie, None).await;
    agora_tests::ws::hello(&mut ws).await;
    assert!(
        last_active(&app, user).await.unwrap() > old,
        "a websocket connect"
    );
}

#[tokio::test]
async fn a_recent_value_is_not_written_again() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let user = world.member_a.user_id;
    let recent = backdate(&app, user, Duration::minutes(1)).await;
    for _ in 0..3 {
        let res = world
            .member_a
            .session
            .api(Method::GET, "/api/v1/me", None)
            .await;
        assert_eq!(res.status(), 200);
    }
    let res = world.member_a.session.get("/").await;
    assert_eq!(res.status(), 200);
    assert_eq!(last_active(&app, user).await, Some(recent));
    // Someone else's requests leave this person's value alone.
    let other = world.member_b.user_id;
    let before = backdate(&app, user, EVERY * 2).await;
    world.member_b.session.get("/").await;
    assert_eq!(last_active(&app, user).await, Some(before));
    assert!(last_active(&app, other).await.unwrap() > before);
}

#[tokio::test]
async fn an_open_websocket_keeps_its_person_active_and_no_one_else() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (reader, away) = (world.member_a.user_id, world.member_b.user_id);
    let (cookie, _) = app.session_cookie(&world.member_a.email).await;
    let mut ws = agora_tests::ws::connect(&app, &cookie, None).await;
    agora_tests::ws::hello(&mut ws).await;
    // Both have done nothing for longer than the interval; only one has a tab open.
    let stale = EVERY + Duration::minutes(1);
    let reader_before = backdate(&app, reader, stale).await;
    let away_before = backdate(&app, away, stale).await;
    agora::jobs::run_due(&app.state, app.state.clock.now()).await;
    assert!(
        last_active(&app, reader).await.unwrap() > reader_before,
        "an open websocket did not count as activity"
    );
    assert_eq!(last_active(&app, away).await, Some(away_before));
    // Once the tab is closed, the heartbeat no longer counts the person.
    drop(ws);
    for _ in 0..100 {
        if !app.state.hub.connected_users().contains(&reader) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(!app.state.hub.connected_users().contains(&reader));
    let closed_at = backdate(&app, reader, stale).await;
    agora::jobs::run_due(&app.state, app.state.clock.now()).await;
    assert_eq!(last_active(&app, reader).await, Some(closed_at));
}
