//! The conversation pages without JavaScript: plain forms (multipart with files, urlencoded),
//! Post/Redirect/Get, threads, edits, tombstones, reactions, search, jumps, paging, observers,
//! and outsiders who must not learn anything.

use agora_tests::api::text_in;
use agora_tests::app::{location, number_after};
use agora_tests::personas::World;
use agora_tests::{Session, TestApp, spawn_app};
use reqwest::Method;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use serde_json::{Value, json};

mod audience;
mod editing;
mod navigation;
mod posting;

const BOUNDARY: &str = "----agora-test-boundary-7MA4YWxkTrZu0gW";

/// A multipart body as a browser sends it: the fields in order, then the files.
fn multipart(fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (file_name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn multipart_headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_str(&format!("multipart/form-data; boundary={BOUNDARY}")).unwrap(),
    );
    headers
}

async fn english(session: &Session) {
    let res = session
        .api(
            Method::PATCH,
            "/api/v1/me",
            Some(json!({"interface_language": "en"})),
        )
        .await;
    assert_eq!(res.status(), 200);
}

async fn page(session: &Session, path: &str) -> (u16, String) {
    session.clone_page(path).await
}

/// The HTML of one message on a page, from its anchor to the end of its article.
fn article(html: &str, id: i64) -> &str {
    let start = html
        .find(&format!("id=\"m{id}\""))
        .unwrap_or_else(|| panic!("message {id} not on the page"));
    let end = html[start..].find("</article>").expect("article end") + start;
    &html[start..end]
}

async fn world() -> (TestApp, World) {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    english(&world.admin_a.session).await;
    english(&world.admin_b.session).await;
    english(&world.member_a.session).await;
    (app, world)
}
