//! What the event stream gives after real changes made through the API: replay shows the current
//! state of messages and nothing from before the reader could read; live delivery follows
//! membership changes; cursors and message ids reveal nothing of other tenants' activity.
//!
//! Negative checks wait for a sentinel event that the reader must receive after the one it must
//! not, so they neither sleep nor pass because a frame was slow.

use agora_shared::conversations::{ChannelView, MessageView};
use agora_tests::api::text_in;
use agora_tests::personas::{Persona, World};
use agora_tests::spawn_app;
use agora_tests::ws::{
    assert_absent, connect, frames_until, hello, is_post_of, wait_for_connections,
};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::{Value, json};

/// Posts `body` in `channel` as `who`, in English.
async fn post(who: &Persona, channel: i64, body: &str) -> MessageView {
    who.session.post_message(channel, text_in(body, "en")).await
}

/// Adds `user` to the fixture workspace through the API, as its owner does.
async fn add_to_workspace(world: &World, user: i64) {
    let res = world
        .admin_a
        .session
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{}/members", world.workspace),
            Some(json!({"user_id": user, "role": "member"})),
        )
        .await;
    assert!(res.status().is_success(), "add member: {}", res.status());
}

#[tokio::test]
async fn deleted_or_edited_text_never_comes_back_through_replay() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let general = world.general_channel;
    let (cookie, _) = app.session_cookie(&world.member_a.email).await;
    let mut ws = connect(&app, &cookie, None).await;
    let before = hello(&mut ws).await;
    drop(ws);

    let edited = post(&world.admin_a, general, "first draft with a typo").await;
    let res = world
        .admin_a
        .session
        .api(
            Method::PATCH,
            &format!("/api/v1/messages/{}", edited.id),
            Some(json!({"body": "final wording"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let deleted = post(&world.admin_a, general, "posted by mistake").await;
    let res = world
        .admin_a
        .session
        .api(
            Method::DELETE,
            &format!("/api/v1/messages/{}", deleted.id),
            None,
        )
        .await;
    assert_eq!(res.status(), 204);
    let secrets = ["first draft with a typo", "posted by mistake"];

    // From the cursor of before the changes, and from the very start.
    for from in [before, 0] {
        let mut ws = connect(&app, &cookie, Some(from)).await;
        hello(&mut ws).await;
        wait_for_connections(&app, 1).await;
        post(&world.admin_a, general, "sentinel").await;
        let frames = frames_until(&mut ws, |f| is_post_of(f, "sentinel")).await;
        assert_absent(&frames, &secrets, "a replay");
        // The edited message replays as it is now; the deleted one at most as a tombstone.
        let current: Vec<&Value> = frames
            .iter()
            .filter(|f| f["data"]["message"]["id"] == edited.id)
            .collect();
        assert!(!current.is_empty(), "the edited message is replayed");
        for frame in current {
            assert_eq!(frame["data"]["message"]["markdown"], "final wording");
        }
        for frame in frames
            .iter()
            .filter(|f| f["data"]["message"]["id"] == deleted.id)
        {
            assert_eq!(frame["data"]["message"]["deleted"], true, "{frame}");
        }
        drop(ws);
        wait_for_connections(&app, 0).await;
    }

    // Nor does the log keep it for the retention period.
    let payloads: Vec<String> = app
        .state
        .db
        .read(|conn| {
            Ok(agora::db::schema::events::table
                .select(agora::db::schema::events::payload)
                .load(conn)?)
        })
        .await
        .expect("payloads");
    assert!(!payloads.is_empty());
    for payload in payloads {
        for secret in secrets {
            assert!(!payload.contains(secret), "the log keeps {secret:?}");
        }
    }
}

#[tokio::test]
async fn someone_who_joins_receives_nothing_from_before() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    post(&world.admin_a, world.general_channel, "before Awa joined").await;
    add_to_workspace(&world, world.member_b.user_id).await;
    let (cookie, _) = app.session_cookie(&world.member_b.email).await;
    let mut ws = connect(&app, &cookie, Some(0)).await;
    hello(&mut ws).await;
    wait_for_connections(&app, 1).await;
    post(&world.admin_a, world.general_channel, "after Awa joined").await;
    let frames = frames_until(&mut ws, |f| is_post_of(f, "after Awa joined")).await;
    assert_absent(&frames, &["before Awa joined", "Welkom"], "a newcomer");
    // Only the announcement of joining itself and what came after.
    assert!(frames.len() <= 2, "{frames:?}");
}

#[tokio::test]
async fn a_member_removed_through_the_api_hears_nothing_more() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let general = world.general_channel;
    let (cookie_b, _) = app.session_cookie(&world.admin_b.email).await;
    let (cookie_a, _) = app.session_cookie(&world.member_a.email).await;
    let mut ws_b = connect(&app, &cookie_b, None).await;
    let mut ws_a = connect(&app, &cookie_a, None).await;
    hello(&mut ws_b).await;
    hello(&mut ws_a).await;
    wait_for_connections(&app, 2).await;
    post(&world.admin_a, general, "while Bio is here").await;
    let frames = frames_until(&mut ws_b, |f| is_post_of(f, "while Bio is here")).await;
    assert_eq!(frames.len(), 1, "a member hears the channel: {frames:?}");

    let res = world
        .admin_a
        .session
        .api(
            Method::DELETE,
            &format!(
                "/api/v1/workspaces/{}/members/{}",
                world.workspace, world.admin_b.user_id
            ),
            None,
        )
        .await;
    assert_eq!(res.status(), 204);
    post(&world.admin_a, general, "after Bio left").await;
    frames_until(&mut ws_a, |f| is_post_of(f, "after Bio left")).await;
    // B is told that B was removed, then hears a direct conversation, and nothing in between.
    let res = world
        .member_b
        .session
        .api(
            Method::POST,
            "/api/v1/direct",
            Some(json!({"user_ids": [world.admin_b.user_id]})),
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let direct: ChannelView = res.json().await.expect("direct");
    post(&world.member_b, direct.id, "direct sentinel").await;
    let after = frames_until(&mut ws_b, |f| is_post_of(f, "direct sentinel")).await;
    assert_absent(&after, &["after Bio left"], "a removed member");
    let notice = &after[0];
    assert_eq!(notice["kind"], "membership_changed", "{notice}");
    assert_eq!(notice["workspace_id"], Value::Null, "{notice}");
    assert_eq!(notice["data"]["removed"], true);
    assert!(
        after[1..].iter().all(|f| f["workspace_id"].is_null()),
        "{after:?}"
    );
    // A reconnect from the start replays nothing of the workspace: the removal notice is last.
    drop(ws_b);
    let mut ws_b = connect(&app, &cookie_b, Some(0)).await;
    hello(&mut ws_b).await;
    let frames = frames_until(&mut ws_b, |f| {
        f["kind"] == "membership_changed" && f["data"]["removed"] == true
    })
    .await;
    // Only what lies outside the workspace (the world's direct conversation of admin B) comes back.
    assert!(
        frames
            .iter()
            .all(|f| f["workspace_id"].is_null() && f["channel_id"] != json!(general)),
        "{frames:?}"
    );
    assert_absent(
        &frames,
        &["after Bio left", "while Bio is here"],
        "a removed member",
    );

    let unread: Value = world
        .admin_b
        .session
        .get("/api/v1/unread")
        .await
        .json()
        .await
        .expect("unread");
    let workspaces = unread["workspaces"].as_array().expect("workspaces");
    assert!(
        !workspaces.iter().any(|w| w["id"] == world.workspace),
        "{unread}"
    );
    let channels = unread["channels"].as_array().expect("channels");
    assert!(!channels.iter().any(|c| c["id"] == general), "{unread}");
}

#[tokio::test]
async fn a_private_channel_reaches_no_workspace_member_outside_it() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    // Admin B is a workspace member outside the private channel; member B joins later.
    add_to_workspace(&world, world.member_b.user_id).await;
    let mut streams = Vec::new();
    for who in [&world.admin_b, &world.member_b] {
        let (cookie, _) = app.session_cookie(&who.email).await;
        let mut ws = connect(&app, &cookie, None).await;
        hello(&mut ws).await;
        streams.push((cookie, ws));
    }
    let (cookie_a, _) = app.session_cookie(&world.member_a.email).await;
    let mut ws_a = connect(&app, &cookie_a, None).await;
    hello(&mut ws_a).await;
    wait_for_connections(&app, 3).await;

    post(&world.admin_a, world.private_channel, "kernteam only").await;
    post(&world.admin_a, world.general_channel, "for everyone").await;
    let inside = frames_until(&mut ws_a, |f| is_post_of(f, "for everyone")).await;
    assert!(
        inside.iter().any(|f| is_post_of(f, "kernteam only")),
        "a channel member hears it: {inside:?}"
    );
    for (cookie, mut ws) in streams {
        let live = frames_until(&mut ws, |f| is_post_of(f, "for everyone")).await;
        assert_absent(&live, &["kernteam only"], "a member outside the channel");
        drop(ws);
        let mut ws = connect(&app, &cookie, Some(0)).await;
        hello(&mut ws).await;
        post(&world.admin_a, world.general_channel, "replay sentinel").await;
        let replayed = frames_until(&mut ws, |f| is_post_of(f, "replay sentinel")).await;
        assert_absent(
            &replayed,
            &["kernteam only"],
            "a replay outside the channel",
        );
    }
}

#[tokio::test]
async fn the_hello_cursor_does_not_move_with_other_tenants() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (cookie_outside, _) = app.session_cookie(&world.member_b.email).await;
    let (cookie_member, _) = app.session_cookie(&world.admin_b.email).await;
    let mut first = Vec::new();
    for cookie in [&cookie_outside, &cookie_member] {
        let mut ws = connect(&app, cookie, None).await;
        first.push(hello(&mut ws).await);
    }
    // Activity that neither may see: a private channel of the workspace.
    for n in 0..3 {
        post(
            &world.admin_a,
            world.private_channel,
            &format!("private {n}"),
        )
        .await;
    }
    for (cookie, before) in [&cookie_outside, &cookie_member].into_iter().zip(&first) {
        let mut ws = connect(&app, cookie, None).await;
        assert_eq!(hello(&mut ws).await, *before, "the cursor moved");
    }
    // What the workspace member may see moves the member's cursor, and only that one's.
    post(&world.admin_a, world.general_channel, "for the workspace").await;
    let mut ws = connect(&app, &cookie_member, None).await;
    let moved = hello(&mut ws).await;
    assert_ne!(moved, first[1], "a visible event moves the cursor");
    let mut ws = connect(&app, &cookie_outside, None).await;
    assert_eq!(hello(&mut ws).await, first[0]);
    // The cursor is where replay starts: nothing is sent twice or skipped.
    let mut ws = connect(&app, &cookie_member, Some(first[1])).await;
    hello(&mut ws).await;
    let frames = frames_until(&mut ws, |f| is_post_of(f, "for the workspace")).await;
    assert_eq!(frames.len(), 1, "{frames:?}");
    assert_eq!(frames[0]["id"], moved);
}

#[tokio::test]
async fn message_ids_do_not_count_other_tenants_posts() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let mut ids = Vec::new();
    for n in 0..12 {
        let mine = post(&world.member_a, world.general_channel, &format!("n{n}")).await;
        ids.push(mine.id);
        // Someone else's activity between two of one's own posts.
        post(&world.admin_a, world.private_channel, "elsewhere").await;
    }
    let steps: Vec<i64> = ids.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(
        steps.iter().any(|s| *s < 0) && steps.iter().any(|s| *s > 0),
        "ids follow a counter: {ids:?}"
    );
    assert!(
        ids.iter().all(|id| *id > 0 && *id < (1_i64 << 53)),
        "{ids:?}"
    );
    // Order still comes from the channel's sequence numbers.
    let page = world.member_a.session.history(world.general_channel).await;
    let got: Vec<i64> = page
        .messages
        .iter()
        .filter(|m| m.markdown.starts_with('n'))
        .map(|m| m.id)
        .collect();
    assert_eq!(got, ids, "history in posting order");
}

/// Foreign and missing objects answer alike: same status, same body, same headers.
#[tokio::test]
async fn foreign_and_missing_objects_answer_alike() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let missing = 9_000_000_000_i64;
    let pairs = [
        (
            format!("/api/v1/messages/{}", world.message),
            format!("/api/v1/messages/{missing}"),
        ),
        (
            format!("/api/v1/channels/{}", world.private_channel),
            format!("/api/v1/channels/{missing}"),
        ),
        (
            format!("/api/v1/workspaces/{}", world.workspace),
            format!("/api/v1/workspaces/{missing}"),
        ),
    ];
    for (foreign, absent) in pairs {
        let a = world.member_b.session.get(&foreign).await;
        let b = world.member_b.session.get(&absent).await;
        assert_eq!(a.status(), 404, "{foreign}");
        assert_eq!(a.status(), b.status(), "{foreign}");
        let headers = |r: &reqwest::Response| {
            let mut h: Vec<(String, String)> = r
                .headers()
                .iter()
                // Like the date, the request id differs on every answer and tells nothing.
                .filter(|(k, _)| *k != "date" && *k != "x-request-id")
                .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
                .collect();
            h.sort();
            h
        };
        assert_eq!(headers(&a), headers(&b), "{foreign}");
        let (a, b) = (a.text().await.expect("body"), b.text().await.expect("body"));
        assert_eq!(a, b, "{foreign}");
    }
}
