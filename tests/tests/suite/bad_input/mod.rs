//! Bad input, from the outside: malformed and oversized bodies, wrong types, unknown fields, bad
//! tokens and paths, missing CSRF tokens and exhausted rate limits. Every rejection must be a 4xx
//! with a stable code and a translated message, and must leave nothing half-written behind.

use agora_shared::limits::{
    MAX_BODY_BYTES, MAX_NAME_CHARS, RATE_WINDOW_SECS, RESET_PER_ACCOUNT, SIGNIN_PER_ACCOUNT_ADDRESS,
};
use agora_tests::personas::{PASSWORD, World};
use agora_tests::{Session, TestApp, spawn_app};
use reqwest::Method;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue, RETRY_AFTER};
use serde_json::{Value, json};

mod api_csrf;
mod body_framing;
mod html_pages;
mod invalid_values;
mod malformed_bodies;
mod rate_limits;
mod tokens_and_paths;
mod translated_messages;

const LANGUAGES: [&str; 4] = ["en", "nl", "fr", "es"];

/// Checks an API error answer: the expected 4xx status, a JSON body with the expected stable code
/// and a non-empty, actually translated message. Returns the body.
async fn expect_error(res: reqwest::Response, status: u16, code: &str, what: &str) -> Value {
    let got = res.status().as_u16();
    let content_type = res
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let text = res.text().await.expect("body");
    assert!(
        (400..500).contains(&got),
        "{what}: expected a 4xx, got {got}: {text}"
    );
    assert_eq!(got, status, "{what}: status (body {text})");
    assert!(
        content_type.starts_with("application/json"),
        "{what}: error body is not JSON ({content_type}): {text}"
    );
    let body: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{what}: error body is not JSON ({e}): {text}"));
    assert_eq!(body["code"], code, "{what}: code (body {body})");
    let message = body["message"]
        .as_str()
        .unwrap_or_else(|| panic!("{what}: no message in {body}"));
    assert!(!message.trim().is_empty(), "{what}: empty message");
    assert!(
        !message.starts_with("error-"),
        "{what}: message is an untranslated id: {message}"
    );
    body
}

/// Checks the `field` member of an error body.
fn expect_field(body: &Value, field: &str) {
    assert_eq!(body["field"], field, "field of {body}");
}

/// A request with this session's cookie and CSRF header but an arbitrary body and content type.
async fn send_raw(
    s: &Session,
    method: Method,
    path: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> reqwest::Response {
    let mut headers = HeaderMap::new();
    headers.insert(
        "x-csrf-token",
        HeaderValue::from_str(&s.csrf).expect("csrf header"),
    );
    if let Some(ct) = content_type {
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_str(ct).expect("content type"),
        );
    }
    s.raw(method, path, headers, body).await
}

/// A JSON call with the session cookie but without any `X-CSRF-Token` header.
async fn api_without_csrf(
    s: &Session,
    method: Method,
    path: &str,
    body: Value,
) -> reqwest::Response {
    s.client
        .request(method, format!("{}{}", s.base, path))
        .json(&body)
        .send()
        .await
        .expect("request")
}

/// A form post with the session cookie but without the `csrf_token` field.
async fn form_without_csrf(s: &Session, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    s.client
        .post(format!("{}{}", s.base, path))
        .form(fields)
        .send()
        .await
        .expect("request")
}

async fn me(s: &Session) -> Value {
    let res = s.api(Method::GET, "/api/v1/me", None).await;
    assert_eq!(res.status().as_u16(), 200, "GET /api/v1/me");
    res.json().await.expect("json")
}

async fn display_name(s: &Session) -> String {
    me(s).await["user"]["display_name"]
        .as_str()
        .expect("display_name")
        .to_string()
}

async fn invitations(s: &Session, org: i64) -> Vec<Value> {
    let res = s
        .api(
            Method::GET,
            &format!("/api/v1/organisations/{org}/invitations"),
            None,
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "list invitations");
    res.json().await.expect("json")
}

async fn members(s: &Session, org: i64) -> Vec<Value> {
    let res = s
        .api(
            Method::GET,
            &format!("/api/v1/organisations/{org}/members"),
            None,
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "list members");
    res.json().await.expect("json")
}

async fn set_language(s: &Session, lang: &str) {
    let res = s
        .api(
            Method::PATCH,
            "/api/v1/me",
            Some(json!({ "interface_language": lang })),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "switching to {lang}");
}

/// A fresh, signed-out client that sends no CSRF header at all.
fn anonymous(app: &TestApp) -> Session {
    app.session()
}

/// Status, content type and body of an HTML answer.
async fn html(res: reqwest::Response) -> (u16, String, String) {
    let status = res.status().as_u16();
    let content_type = res
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, content_type, res.text().await.expect("body"))
}

fn assert_html_page(
    status: u16,
    content_type: &str,
    body: &str,
    expected_status: u16,
    lang: &str,
    what: &str,
) {
    assert_eq!(status, expected_status, "{what}: status; body: {body}");
    assert!(
        content_type.starts_with("text/html"),
        "{what}: not HTML ({content_type}): {body}"
    );
    assert!(
        serde_json::from_str::<Value>(body).is_err(),
        "{what}: a JSON body on a page route: {body}"
    );
    assert!(
        body.contains(&format!("<html lang=\"{lang}\"")),
        "{what}: expected <html lang=\"{lang}\">: {body}"
    );
}

/// The text of a Fluent message without placeables, straight from `locales/<lang>/errors.ftl`.
fn ftl_text(lang: &str, id: &str) -> Option<String> {
    let path = format!(
        "{}/../locales/{lang}/errors.ftl",
        env!("CARGO_MANIFEST_DIR")
    );
    let source = std::fs::read_to_string(&path).expect("locale file");
    let resource = fluent_syntax::parser::parse(source.as_str()).unwrap_or_else(|(r, _)| r);
    resource.body.iter().find_map(|entry| match entry {
        fluent_syntax::ast::Entry::Message(m) if m.id.name == id => {
            let pattern = m.value.as_ref()?;
            let mut text = String::new();
            for element in &pattern.elements {
                match element {
                    fluent_syntax::ast::PatternElement::TextElement { value } => {
                        text.push_str(value)
                    }
                    fluent_syntax::ast::PatternElement::Placeable { .. } => return None,
                }
            }
            Some(text)
        }
        _ => None,
    })
}

/// Whether this client is signed out.
async fn is_signed_out(s: &Session) -> bool {
    s.api(Method::GET, "/api/v1/me", None)
        .await
        .status()
        .as_u16()
        == 401
}
