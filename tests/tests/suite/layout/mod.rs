//! The page layout without JavaScript: the side navigation with its counts, a channel opening at
//! its first unread message behind a "new messages" line, day separators, the older-messages
//! link, and "mark all as read" per workspace.

use agora_tests::personas::World;
use agora_tests::{Session, spawn_app};
use reqwest::Method;
use serde_json::json;

mod reading;
mod side_nav;

async fn english(session: &Session) {
    let res = session
        .api(
            Method::PATCH,
            "/api/v1/me",
            Some(json!({"interface_language": "en"})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
}

/// Posts `body` to `channel` through the API and returns the message's sequence number.
async fn post(session: &Session, channel: i64, body: &str) -> i64 {
    let res = session
        .api(
            Method::POST,
            &format!("/api/v1/channels/{channel}/messages"),
            Some(json!({"body": body, "language": "en"})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 201, "posting {body}");
    res.json::<serde_json::Value>().await.expect("json")["seq"]
        .as_i64()
        .expect("seq")
}

/// The text between `start` and the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start} missing in\n{html}"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}
