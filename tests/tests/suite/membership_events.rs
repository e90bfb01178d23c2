//! Membership changes that change nothing record nothing: adding someone who is already a member
//! and an organisation accepting an invitation it has already accepted leave the event log as it
//! was, so nobody's open page is told of a change that did not happen.

use agora::db::schema::events;
use agora_tests::personas::World;
use agora_tests::{TestApp, rows, spawn_app};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::json;

async fn events_recorded(app: &TestApp) -> i64 {
    rows!(app, events)
}

#[tokio::test]
async fn adding_a_member_again_records_no_event() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let before = events_recorded(&app).await;
    let res = world
        .admin_a
        .session
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{}/members", world.workspace),
            Some(json!({"user_id": world.member_a.user_id, "role": "member"})),
        )
        .await;
    assert_eq!(res.status(), 409);
    assert_eq!(events_recorded(&app).await, before);
}

#[tokio::test]
async fn accepting_twice_records_no_event() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let before = events_recorded(&app).await;
    let res = world
        .admin_b
        .session
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{}/participation", world.workspace),
            Some(json!({"accept": true})),
        )
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(events_recorded(&app).await, before);
}
