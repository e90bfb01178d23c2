//! "Holds a read marker" ⇔ `policy::channel(Read)` allows, for every (person, channel) of the
//! test network, after each kind of membership change the access table makes. Search, unread
//! counts and realtime delivery filter by read markers, so this is what keeps them on the
//! policy's rule. The access table itself checks the same invariant after each change it makes.

use agora_tests::markers::assert_markers_follow_policy;
use agora_tests::personas::World;
use agora_tests::{Session, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

/// Sends one change and insists it was accepted, so a step that silently fails cannot pass.
async fn change(session: &Session, method: Method, path: &str, body: Value) -> Value {
    let res = session.api(method.clone(), path, Some(body)).await;
    let status = res.status().as_u16();
    let text = res.text().await.unwrap_or_default();
    assert!(
        (200..300).contains(&status),
        "{method} {path} answered {status}: {text}"
    );
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

#[tokio::test]
async fn read_markers_follow_the_policy_through_every_membership_change() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    assert_markers_follow_policy(&app, "building the world").await;
    let ws = w.workspace;
    let members = format!("/api/v1/workspaces/{ws}/members");
    let member_b = w.member_b.user_id;
    let owner = &w.admin_a.session;

    change(
        owner,
        Method::POST,
        &members,
        json!({"user_id": member_b, "role": "member"}),
    )
    .await;
    assert_markers_follow_policy(&app, "adding a member").await;

    change(
        owner,
        Method::PATCH,
        &format!("{members}/{member_b}"),
        json!({"role": "observer"}),
    )
    .await;
    assert_markers_follow_policy(&app, "changing a role").await;

    let private = change(
        owner,
        Method::POST,
        &format!("/api/v1/workspaces/{ws}/channels"),
        json!({"name": "raad", "private": true, "member_ids": [member_b, w.observer.user_id]}),
    )
    .await;
    assert!(private["id"].is_i64(), "a private channel: {private}");
    assert_markers_follow_policy(&app, "creating a private channel with members").await;

    change(
        owner,
        Method::POST,
        &format!("/api/v1/workspaces/{ws}/channels"),
        json!({"name": "budget", "topic": "Participatief budget"}),
    )
    .await;
    assert_markers_follow_policy(&app, "creating a public channel").await;

    change(
        owner,
        Method::DELETE,
        &format!("{members}/{member_b}"),
        json!({}),
    )
    .await;
    assert_markers_follow_policy(&app, "removing a member of a private channel").await;

    change(
        owner,
        Method::POST,
        &members,
        json!({"user_id": member_b, "role": "member"}),
    )
    .await;
    assert_markers_follow_policy(&app, "adding a removed member back").await;

    let participation = format!("/api/v1/workspaces/{ws}/participation");
    change(
        &w.admin_b.session,
        Method::POST,
        &participation,
        json!({"accept": false}),
    )
    .await;
    assert_markers_follow_policy(&app, "an organisation withdrawing").await;

    change(
        &w.member_b.session,
        Method::POST,
        "/api/v1/direct",
        json!({"user_ids": [w.admin_a.user_id, w.moderator.user_id]}),
    )
    .await;
    assert_markers_follow_policy(&app, "starting a direct conversation").await;

    change(
        &w.moderator.session,
        Method::POST,
        &format!("/api/v1/channels/{}/read", w.general_channel),
        json!({}),
    )
    .await;
    assert_markers_follow_policy(&app, "marking a channel read").await;

    change(
        owner,
        Method::PATCH,
        &format!(
            "/api/v1/organisations/{}/members/{}",
            w.org_a, w.member_a.user_id
        ),
        json!({"status": "deactivated"}),
    )
    .await;
    assert_markers_follow_policy(&app, "deactivating a person").await;

    app.stop().await;
}
