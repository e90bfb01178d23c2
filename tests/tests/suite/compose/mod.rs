//! The composer's server side, on both backends: mentions typed by hand, `@channel`, mention
//! suggestions, image thumbnails and their limits, who reacted, the delete confirmation without
//! JavaScript, `:shortcodes:` and the Enter setting.

use agora_tests::personas::World;
use agora_tests::{Session, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

mod mentions;
mod messages;
mod previews;

async fn json_of(res: reqwest::Response, expected: u16) -> Value {
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    assert_eq!(status, expected, "{text}");
    if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap()
    }
}

async fn world() -> (TestApp, World) {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    (app, world)
}

/// Posts `body` in `channel` through the API and answers the message.
async fn post(session: &Session, channel: i64, body: &str) -> Value {
    json_of(
        session
            .api(
                Method::POST,
                &format!("/api/v1/channels/{channel}/messages"),
                Some(json!({"body": body, "language": "nl"})),
            )
            .await,
        201,
    )
    .await
}

/// Unread mentions of the session's person in `channel`.
async fn mentions_in(session: &Session, channel: i64) -> i64 {
    let view = json_of(session.api(Method::GET, "/api/v1/unread", None).await, 200).await;
    view["channels"]
        .as_array()
        .expect("channels")
        .iter()
        .find(|c| c["id"] == channel)
        .map_or(0, |c| c["mentions"].as_i64().expect("mentions"))
}

/// Uploads `bytes` as `name` into `channel`.
async fn upload(session: &Session, channel: i64, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    session
        .client
        .post(format!(
            "{}/api/v1/channels/{channel}/attachments?name={name}",
            session.base
        ))
        .header("x-csrf-token", &session.csrf)
        .body(bytes)
        .send()
        .await
        .unwrap()
}
