//! Rules that one flipped operator would open, each tried from both sides through the API:
//! where a thread reply may hang, and what archiving a workspace or a channel freezes.

use agora_tests::personas::World;
use agora_tests::{Session, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

async fn call(s: &Session, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let res = s.api(method, path, body).await;
    let status = res.status().as_u16();
    let text = res.text().await.expect("body");
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    assert!(status < 500, "{path} answered {status}: {value}");
    (status, value)
}

async fn post(s: &Session, channel: i64, body: Value) -> (u16, Value) {
    call(
        s,
        Method::POST,
        &format!("/api/v1/channels/{channel}/messages"),
        Some(body),
    )
    .await
}

/// The bodies of a channel's messages, oldest first.
async fn bodies(s: &Session, channel: i64) -> Vec<String> {
    let (status, page) = call(
        s,
        Method::GET,
        &format!("/api/v1/channels/{channel}/messages"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{page}");
    page["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .map(|m| m["markdown"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// The bodies of a thread's replies, oldest first.
async fn replies(s: &Session, root: i64) -> Vec<String> {
    let (status, thread) = call(
        s,
        Method::GET,
        &format!("/api/v1/messages/{root}/thread"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{thread}");
    thread["replies"]
        .as_array()
        .expect("replies")
        .iter()
        .map(|m| m["markdown"].as_str().unwrap_or_default().to_string())
        .collect()
}

async fn reply_count(s: &Session, message: i64) -> i64 {
    let (status, m) = call(s, Method::GET, &format!("/api/v1/messages/{message}"), None).await;
    assert_eq!(status, 200, "{m}");
    m["reply_count"].as_i64().expect("reply_count")
}

fn assert_invalid_root(status: u16, body: &Value, what: &str) {
    assert_eq!(status, 422, "{what}: {body}");
    assert_eq!(body["code"], "invalid_value", "{what}: {body}");
    assert_eq!(body["field"], "thread_root_id", "{what}: {body}");
}

#[tokio::test]
async fn a_reply_hangs_under_a_root_of_the_same_channel_and_never_under_a_reply() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let a = &w.admin_a.session;
    let general = w.general_channel;
    let before = bodies(a, general).await;

    // The rule's positive side, so that the refusals below are about the root alone.
    let (status, reply) = post(
        a,
        general,
        json!({"body": "Antwoord in de draad", "thread_root_id": w.message}),
    )
    .await;
    assert_eq!(status, 201, "{reply}");
    assert_eq!(reply["thread_root_id"], w.message);
    assert_eq!(reply_count(a, w.message).await, 1);
    let reply_id = reply["id"].as_i64().expect("id");

    // A root in another channel the author may read and post in: the private channel.
    let (status, body) = post(
        a,
        general,
        json!({"body": "Verkeerde draad", "thread_root_id": w.private_message}),
    )
    .await;
    assert_invalid_root(status, &body, "root in another channel");
    // The same root from its own channel is fine, so the refusal was about the channel.
    let (status, body) = post(
        a,
        w.private_channel,
        json!({"body": "Juiste draad", "thread_root_id": w.private_message}),
    )
    .await;
    assert_eq!(status, 201, "{body}");

    // A reply is no root: threads are one level deep.
    let (status, body) = post(
        a,
        general,
        json!({"body": "Draad in een draad", "thread_root_id": reply_id}),
    )
    .await;
    assert_invalid_root(status, &body, "root that is itself a reply");

    // Another tenant's message and a missing one look the same.
    let (status, foreign) = post(
        &w.admin_b.session,
        general,
        json!({"body": "Onder ons?", "thread_root_id": w.direct_message}),
    )
    .await;
    assert_eq!(status, 422, "{foreign}");
    let (status, missing) = post(
        &w.admin_b.session,
        general,
        json!({"body": "Onder ons?", "thread_root_id": 987_654_321}),
    )
    .await;
    assert_invalid_root(status, &missing, "missing root");
    assert_eq!(
        foreign, missing,
        "a foreign root differs from a missing one"
    );

    // Nothing of the refused posts was written.
    assert_eq!(bodies(a, general).await, before);
    assert_eq!(replies(a, w.message).await, ["Antwoord in de draad"]);
    assert_eq!(
        replies(a, w.private_message).await,
        ["Juiste draad"],
        "the refused reply landed under the private root"
    );
    assert_eq!(reply_count(a, w.message).await, 1);
    assert_eq!(reply_count(a, reply_id).await, 0);
    app.stop().await;
}

async fn patch(s: &Session, path: &str, body: Value) -> u16 {
    let (status, _) = call(s, Method::PATCH, path, Some(body)).await;
    status
}

async fn create_channel(s: &Session, workspace: i64, name: &str) -> u16 {
    let (status, _) = call(
        s,
        Method::POST,
        &format!("/api/v1/workspaces/{workspace}/channels"),
        Some(json!({"name": name, "topic": ""})),
    )
    .await;
    status
}

#[tokio::test]
async fn an_archived_workspace_is_read_only_until_its_owner_reopens_it() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let ws = format!("/api/v1/workspaces/{}", w.workspace);
    let (owner, moderator, member) = (
        &w.admin_a.session,
        &w.moderator.session,
        &w.member_a.session,
    );
    // Only the owner archives.
    assert_eq!(patch(moderator, &ws, json!({"archived": true})).await, 403);
    assert_eq!(patch(owner, &ws, json!({"archived": true})).await, 200);
    let (_, summary) = call(member, Method::GET, &ws, None).await;
    assert_eq!(summary["archived"], true, "{summary}");

    // Nobody posts or creates channels, not even the owner.
    for s in [owner, moderator, member] {
        let (status, body) = post(s, w.general_channel, json!({"body": "Nog iets?"})).await;
        assert_eq!(status, 403, "{body}");
    }
    assert_eq!(create_channel(owner, w.workspace, "na-afloop").await, 403);
    assert_eq!(
        create_channel(moderator, w.workspace, "na-afloop").await,
        403
    );
    // Channels cannot be moderated either.
    let channel = format!("/api/v1/channels/{}", w.general_channel);
    assert_eq!(patch(moderator, &channel, json!({"topic": "x"})).await, 403);

    // Reading goes on.
    for s in [owner, moderator, member, &w.observer.session] {
        let read = bodies(s, w.general_channel).await;
        assert!(read.iter().any(|b| b == World::GENERAL_TEXT), "{read:?}");
    }

    // Reopening is the owner's: a moderator cannot, the owner can, and then posting works.
    assert_eq!(patch(moderator, &ws, json!({"archived": false})).await, 403);
    assert_eq!(patch(member, &ws, json!({"archived": false})).await, 403);
    let (status, _) = post(member, w.general_channel, json!({"body": "x"})).await;
    assert_eq!(status, 403, "still archived");
    assert_eq!(patch(owner, &ws, json!({"archived": false})).await, 200);
    let (status, body) = post(member, w.general_channel, json!({"body": "Weer open"})).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        create_channel(moderator, w.workspace, "heropend").await,
        201
    );
    app.stop().await;
}

#[tokio::test]
async fn an_archived_channel_is_read_only_until_a_moderator_reopens_it() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let channel = format!("/api/v1/channels/{}", w.general_channel);
    let (moderator, member) = (&w.moderator.session, &w.member_a.session);
    // Posting works before, so that the refusals below are about archiving.
    let (status, own) = post(member, w.general_channel, json!({"body": "Eigen bericht"})).await;
    assert_eq!(status, 201, "{own}");
    let own = own["id"].as_i64().expect("id");

    assert_eq!(
        patch(member, &channel, json!({"archived": true})).await,
        403
    );
    assert_eq!(
        patch(moderator, &channel, json!({"archived": true})).await,
        200
    );
    let (status, body) = post(member, w.general_channel, json!({"body": "Nog iets?"})).await;
    assert_eq!(status, 403, "{body}");
    let (status, body) = post(moderator, w.general_channel, json!({"body": "Nog iets?"})).await;
    assert_eq!(status, 403, "{body}");
    // Editing one's own message and reacting are posting too.
    let message = format!("/api/v1/messages/{own}");
    assert_eq!(
        patch(member, &message, json!({"body": "Gewijzigd"})).await,
        403
    );
    let (status, _) = call(
        member,
        Method::PUT,
        &format!("/api/v1/messages/{}/reactions", w.message),
        Some(json!({"emoji": "👍"})),
    )
    .await;
    assert_eq!(status, 403);
    // Reading goes on; the rest of the workspace is not frozen.
    let read = bodies(member, w.general_channel).await;
    assert!(read.iter().any(|b| b == "Eigen bericht"), "{read:?}");
    let (status, body) = post(member, w.private_channel, json!({"body": "Hier wel"})).await;
    assert_eq!(status, 201, "{body}");

    assert_eq!(
        patch(member, &channel, json!({"archived": false})).await,
        403
    );
    assert_eq!(
        patch(moderator, &channel, json!({"archived": false})).await,
        200
    );
    let (status, body) = post(member, w.general_channel, json!({"body": "Weer open"})).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        patch(member, &message, json!({"body": "Gewijzigd"})).await,
        200
    );
    app.stop().await;
}
