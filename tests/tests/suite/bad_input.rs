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

const LANGUAGES: [&str; 4] = ["en", "nl", "fr", "es"];

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Malformed bodies
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn malformed_json_bodies_are_rejected_and_change_nothing() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let s = &w.member_a.session;
    let before = me(s).await;

    let cases: &[(&str, &[u8])] = &[
        ("truncated JSON", br#"{"display_name": "Half"#),
        ("trailing garbage", br#"{"display_name": "Half"} x"#),
        ("not JSON at all", b"display_name=Half"),
        ("empty body", b""),
        ("JSON null", b"null"),
        ("JSON array", br#"["display_name", "Half"]"#),
        ("JSON string", br#""Half""#),
        ("wrong type: number for a string", br#"{"display_name": 5}"#),
        (
            "wrong type: object for a string",
            br#"{"display_name": {"first": "Half"}}"#,
        ),
        (
            "wrong type: string for a list",
            br#"{"languages_read": "fr"}"#,
        ),
        ("unknown enum value", br#"{"interface_language": "de"}"#),
        ("enum in the wrong case", br#"{"interface_language": "FR"}"#),
        (
            "unknown field beside a valid one",
            br#"{"display_name": "Half", "nickname": "H"}"#,
        ),
        ("unknown field alone", br#"{"role": "admin"}"#),
        (
            "duplicate field",
            br#"{"display_name": "Half", "display_name": "Other"}"#,
        ),
        (
            "invalid UTF-8 in a string",
            b"{\"display_name\": \"Ha\xff\xfelf\"}",
        ),
        (
            "invalid UTF-8 outside strings",
            b"{\"display_name\"\xc3\x28: \"Half\"}",
        ),
        (
            "lone surrogate escape",
            br#"{"display_name": "Ha\ud800lf"}"#,
        ),
    ];
    for (what, body) in cases {
        let res = send_raw(
            s,
            Method::PATCH,
            "/api/v1/me",
            Some("application/json"),
            body.to_vec(),
        )
        .await;
        expect_error(res, 400, "invalid_body", what).await;
    }

    let after = me(s).await;
    assert_eq!(
        after["user"], before["user"],
        "a rejected body changed the profile"
    );
    assert_eq!(display_name(s).await, "Mo Member");
    assert_eq!(app.drain_outbox().await, 0);
}

#[tokio::test]
async fn wrong_types_unknown_and_missing_fields_on_invitations_create_nothing() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let s = &w.admin_a.session;
    let path = format!("/api/v1/organisations/{}/invitations", w.org_a);
    let before = invitations(s, w.org_a).await;
    assert_eq!(before.len(), 1, "the fixture's pending invitation");

    let cases = [
        (
            "role as a number",
            json!({"email": "ana@aalst.test", "role": 5}),
        ),
        (
            "role unknown",
            json!({"email": "ana@aalst.test", "role": "owner"}),
        ),
        ("email as a number", json!({"email": 42, "role": "member"})),
        ("email as null", json!({"email": null, "role": "member"})),
        (
            "language unknown",
            json!({"email": "ana@aalst.test", "role": "member", "language": "de"}),
        ),
        ("missing role", json!({"email": "ana@aalst.test"})),
        ("missing email", json!({"role": "member"})),
        ("empty object", json!({})),
        (
            "unknown field",
            json!({"email": "ana@aalst.test", "role": "member", "note": "hi"}),
        ),
        (
            "organisation smuggled in",
            json!({"email": "ana@aalst.test", "role": "member", "organisation_id": w.org_b}),
        ),
    ];
    for (what, body) in cases {
        let res = s.api(Method::POST, &path, Some(body)).await;
        expect_error(res, 400, "invalid_body", what).await;
    }

    let after = invitations(s, w.org_a).await;
    assert_eq!(
        after.len(),
        before.len(),
        "a rejected invitation was created: {after:?}"
    );
    assert_eq!(
        app.drain_outbox().await,
        0,
        "a rejected invitation queued an email"
    );
}

#[tokio::test]
async fn non_json_content_types_are_unsupported() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let s = &w.member_a.session;
    let body = br#"{"display_name": "Changed"}"#.to_vec();

    for (what, ct) in [
        ("text/plain", Some("text/plain")),
        ("form", Some("application/x-www-form-urlencoded")),
        ("multipart", Some("multipart/form-data; boundary=x")),
        ("xml", Some("application/xml")),
        ("no content type", None),
    ] {
        let res = send_raw(s, Method::PATCH, "/api/v1/me", ct, body.clone()).await;
        expect_error(res, 415, "unsupported_media_type", what).await;
    }
    // A JSON call without any body at all: no content type either.
    let admin = &w.admin_a.session;
    let path = format!("/api/v1/organisations/{}/invitations", w.org_a);
    let res = admin.api(Method::POST, &path, None).await;
    expect_error(res, 415, "unsupported_media_type", "body-less POST").await;
    assert_eq!(invitations(admin, w.org_a).await.len(), 1);
    assert_eq!(app.drain_outbox().await, 0);

    assert_eq!(display_name(s).await, "Mo Member");

    // Signed-out endpoints behave the same.
    let anon = anonymous(&app);
    let res = send_raw(
        &anon,
        Method::POST,
        "/api/v1/session",
        Some("text/plain"),
        format!(r#"{{"email": "member@aalst.test", "password": "{PASSWORD}"}}"#).into_bytes(),
    )
    .await;
    expect_error(res, 415, "unsupported_media_type", "sign-in as text/plain").await;
}

#[tokio::test]
async fn bodies_over_the_limit_are_too_large_and_change_nothing() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let s = &w.member_a.session;

    // A valid JSON document, just over the limit.
    let filler = "x".repeat(MAX_BODY_BYTES);
    let body = serde_json::to_vec(&json!({ "display_name": filler })).expect("json");
    assert!(body.len() > MAX_BODY_BYTES);
    let res = send_raw(
        s,
        Method::PATCH,
        "/api/v1/me",
        Some("application/json"),
        body,
    )
    .await;
    expect_error(res, 413, "payload_too_large", "PATCH /me over the limit").await;

    // Exactly one byte over, on a signed-out endpoint.
    let anon = anonymous(&app);
    let prefix = r#"{"email": "member@aalst.test", "password": ""#;
    let suffix = r#""}"#;
    let password = "p".repeat(MAX_BODY_BYTES + 1 - prefix.len() - suffix.len());
    let body = format!("{prefix}{password}{suffix}").into_bytes();
    assert_eq!(body.len(), MAX_BODY_BYTES + 1);
    let res = send_raw(
        &anon,
        Method::POST,
        "/api/v1/password-resets",
        Some("application/json"),
        body,
    )
    .await;
    expect_error(res, 413, "payload_too_large", "reset request one byte over").await;

    // An invitation over the limit.
    let a = &w.admin_a.session;
    let res = a
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{}/invitations", w.org_a),
            Some(json!({"email": "ana@aalst.test", "role": "member", "language": "nl", "x": "y".repeat(MAX_BODY_BYTES)})),
        )
        .await;
    expect_error(res, 413, "payload_too_large", "invitation over the limit").await;

    assert_eq!(display_name(s).await, "Mo Member");
    assert_eq!(invitations(a, w.org_a).await.len(), 1);
    assert_eq!(app.drain_outbox().await, 0);
}

#[tokio::test]
async fn a_form_over_the_limit_is_too_large_not_a_server_error() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let mut s = w.member_a.session;
    let (status, _) = s.page("/profile").await;
    assert_eq!(status, 200);
    let name = "x".repeat(MAX_BODY_BYTES + 10);
    let res = s.post_form("/profile", &[("display_name", &name)]).await;
    let (status, content_type, body) = html(res).await;
    assert_html_page(
        status,
        &content_type,
        &body,
        413,
        "nl",
        "form over the limit",
    );
    assert_eq!(display_name(&s).await, "Mo Member");
}

// ---------------------------------------------------------------------------------------------
// Validation of values
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn overlong_display_name_is_field_too_long() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let s = &w.member_a.session;

    for (what, name) in [
        ("ASCII", "a".repeat(MAX_NAME_CHARS + 1)),
        ("multi-byte", "é".repeat(MAX_NAME_CHARS + 1)),
        ("emoji", "🙂".repeat(MAX_NAME_CHARS + 1)),
    ] {
        let res = s
            .api(
                Method::PATCH,
                "/api/v1/me",
                Some(json!({"display_name": name, "function": "Alderman"})),
            )
            .await;
        let body = expect_error(res, 422, "field_too_long", what).await;
        expect_field(&body, "display_name");
        let message = body["message"].as_str().expect("message");
        assert!(
            message.contains(&MAX_NAME_CHARS.to_string()),
            "{what}: limit not in {message:?}"
        );
    }
    // Nothing of the rejected request was kept, not even its valid field.
    let user = me(s).await["user"].clone();
    assert_eq!(user["display_name"], "Mo Member");
    assert_eq!(user["function"], "");

    // The limit counts characters, not bytes: exactly the limit in multi-byte characters is fine.
    let name = "é".repeat(MAX_NAME_CHARS);
    let res = s
        .api(
            Method::PATCH,
            "/api/v1/me",
            Some(json!({"display_name": name})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "a name of exactly the limit");
    assert_eq!(display_name(s).await, name);
}

#[tokio::test]
async fn control_characters_in_names_are_invalid() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let s = &w.member_a.session;

    for (what, name) in [
        ("NUL", "Mo\u{0}Member"),
        ("bell", "Mo\u{7}"),
        ("escape sequence", "\u{1b}[31mMo"),
        ("newline inside", "Mo\nMember"),
        ("DEL", "Mo\u{7f}"),
        ("C1 control", "Mo\u{85}Member"),
    ] {
        let res = s
            .api(
                Method::PATCH,
                "/api/v1/me",
                Some(json!({"display_name": name})),
            )
            .await;
        let body = expect_error(res, 422, "invalid_value", what).await;
        expect_field(&body, "display_name");

        let res = s
            .api(Method::PATCH, "/api/v1/me", Some(json!({"function": name})))
            .await;
        let body = expect_error(res, 422, "invalid_value", &format!("function with {what}")).await;
        expect_field(&body, "function");
    }
    let user = me(s).await["user"].clone();
    assert_eq!(user["display_name"], "Mo Member");
    assert_eq!(user["function"], "");

    // Organisation names, by the network administrator.
    let n = &w.network_admin.session;
    let path = format!("/api/v1/organisations/{}", w.org_a);
    let res = n
        .api(
            Method::PATCH,
            &path,
            Some(json!({"name": "Aalst\u{0}", "country": "NL"})),
        )
        .await;
    let body = expect_error(res, 422, "invalid_value", "organisation name with NUL").await;
    expect_field(&body, "name");
    let res = n.api(Method::GET, &path, None).await;
    let org: Value = res.json().await.expect("json");
    assert_eq!(org["name"], "Gemeente Aalst");
    assert_eq!(
        org["country"], "BE",
        "the valid field of a rejected update was kept"
    );

    // Blank after trimming is required, not accepted.
    let res = s
        .api(
            Method::PATCH,
            "/api/v1/me",
            Some(json!({"display_name": " \t "})),
        )
        .await;
    let body = expect_error(res, 422, "field_required", "blank name").await;
    expect_field(&body, "display_name");
    assert_eq!(display_name(s).await, "Mo Member");
}

#[tokio::test]
async fn invalid_email_on_invitation_creates_nothing() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let s = &w.admin_a.session;
    let path = format!("/api/v1/organisations/{}/invitations", w.org_a);

    for bad in [
        "not-an-email",
        "ana@",
        "@aalst.test",
        "ana@aalst",
        "ana@@aalst.test",
        "ana bob@aalst.test",
        "<ana@aalst.test>",
        "ana@aalst..test",
        "ana\u{0}@aalst.test",
        "ana@aalst.test\r\nBcc: x@evil.test",
    ] {
        let res = s
            .api(
                Method::POST,
                &path,
                Some(json!({"email": bad, "role": "member"})),
            )
            .await;
        let body = expect_error(res, 422, "invalid_email", &format!("email {bad:?}")).await;
        expect_field(&body, "email");
    }
    let res = s
        .api(
            Method::POST,
            &path,
            Some(json!({"email": "   ", "role": "member"})),
        )
        .await;
    let body = expect_error(res, 422, "field_required", "blank email").await;
    expect_field(&body, "email");
    let long = format!("{}@aalst.test", "a".repeat(300));
    let res = s
        .api(
            Method::POST,
            &path,
            Some(json!({"email": long, "role": "member"})),
        )
        .await;
    let body = expect_error(res, 422, "field_too_long", "overlong email").await;
    expect_field(&body, "email");

    assert_eq!(
        invitations(s, w.org_a).await.len(),
        1,
        "a rejected invitation was stored"
    );
    assert_eq!(
        app.drain_outbox().await,
        0,
        "a rejected invitation queued an email"
    );
}

// ---------------------------------------------------------------------------------------------
// Tokens and paths
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn bad_invitation_tokens_are_invalid_and_create_no_account() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let anon = anonymous(&app);
    let members_before = members(&w.admin_a.session, w.org_a).await.len();

    let unknown = "A".repeat(43);
    for (what, token) in [
        ("garbage", "garbage!".to_string()),
        ("empty", String::new()),
        ("too long", "a".repeat(44)),
        ("non-ASCII of the right length", "é".repeat(21) + "a"),
        ("well-formed but unknown", unknown.clone()),
        (
            "the fixture's stored hash",
            "not-a-real-token-hash".to_string(),
        ),
    ] {
        let res = anon
            .api(
                Method::POST,
                "/api/v1/invitations/accept",
                Some(json!({
                    "token": token,
                    "display_name": "Intruder",
                    "password": "a long enough password",
                    "interface_language": "en",
                })),
            )
            .await;
        let body = expect_error(res, 422, "invalid_token", what).await;
        expect_field(&body, "token");
    }
    // A bad token is reported even when the rest of the body is also bad.
    let res = anon
        .api(
            Method::POST,
            "/api/v1/invitations/accept",
            Some(json!({"token": unknown, "display_name": "", "password": "x", "interface_language": "en"})),
        )
        .await;
    expect_error(res, 422, "invalid_token", "unknown token with a bad body").await;

    assert_eq!(
        members(&w.admin_a.session, w.org_a).await.len(),
        members_before
    );
    let pending = invitations(&w.admin_a.session, w.org_a).await;
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0]["status"], "pending");
    // Nobody can sign in as the invitee.
    let res = anonymous(&app)
        .api(
            Method::POST,
            "/api/v1/session",
            Some(json!({"email": "new@aalst.test", "password": "a long enough password"})),
        )
        .await;
    expect_error(res, 401, "invalid_credentials", "invitee sign-in").await;
}

#[tokio::test]
async fn bad_reset_tokens_are_invalid_and_change_no_password() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let anon = anonymous(&app);

    for (what, token) in [
        ("garbage", "garbage!".to_string()),
        ("empty", String::new()),
        ("well-formed but unknown", "b".repeat(43)),
        ("well-formed with dashes", "-_".repeat(21) + "x"),
    ] {
        let res = anon
            .api(
                Method::POST,
                "/api/v1/password-resets/confirm",
                Some(json!({"token": token, "password": "a brand new password"})),
            )
            .await;
        let body = expect_error(res, 422, "invalid_token", what).await;
        expect_field(&body, "token");
    }
    // Missing password: the body itself is invalid.
    let res = anon
        .api(
            Method::POST,
            "/api/v1/password-resets/confirm",
            Some(json!({"token": "b".repeat(43)})),
        )
        .await;
    expect_error(res, 400, "invalid_body", "confirm without password").await;

    // The member's sessions survive and the old password still works.
    assert_eq!(display_name(&w.member_a.session).await, "Mo Member");
    let mut again = app.session();
    again.sign_in("member@aalst.test", PASSWORD).await;
    assert_eq!(app.drain_outbox().await, 0);
}

#[tokio::test]
async fn unknown_api_paths_and_non_numeric_ids_are_not_found() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let s = &w.admin_a.session;
    let a = w.org_a;

    let gets = [
        "/api/v1/nope".to_string(),
        "/api/v1/".to_string(),
        "/api/v2/me".to_string(),
        "/api/v1/organisations/abc".to_string(),
        "/api/v1/organisations/1.5".to_string(),
        "/api/v1/organisations/-1".to_string(),
        "/api/v1/organisations/99999999999999999999999".to_string(),
        "/api/v1/organisations/%00".to_string(),
        format!("/api/v1/organisations/{a}abc"),
        "/api/v1/organisations/abc/members".to_string(),
        format!("/api/v1/organisations/{a}/members/abc"),
    ];
    for path in &gets {
        let res = s.api(Method::GET, path, None).await;
        expect_error(res, 404, "not_found", &format!("GET {path}")).await;
    }

    let res = s
        .api(
            Method::PATCH,
            &format!("/api/v1/organisations/{a}/members/abc"),
            Some(json!({"role": "admin"})),
        )
        .await;
    expect_error(res, 404, "not_found", "PATCH member abc").await;
    let res = s
        .api(
            Method::PATCH,
            "/api/v1/organisations/abc",
            Some(json!({"name": "Renamed"})),
        )
        .await;
    expect_error(res, 404, "not_found", "PATCH organisation abc").await;
    let res = s
        .api(
            Method::DELETE,
            &format!("/api/v1/organisations/{a}/invitations/xyz"),
            None,
        )
        .await;
    expect_error(res, 404, "not_found", "DELETE invitation xyz").await;
    // A method that has no route is not found too.
    let res = s.api(Method::POST, "/api/v1/me", Some(json!({}))).await;
    expect_error(res, 404, "not_found", "POST /api/v1/me").await;

    let pending = invitations(s, a).await;
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0]["status"], "pending");
    let org: Value = s
        .api(Method::GET, &format!("/api/v1/organisations/{a}"), None)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(org["name"], "Gemeente Aalst");

    // Signed out, an unknown API path is still a JSON 404.
    let res = anonymous(&app)
        .api(Method::GET, "/api/v1/does-not-exist", None)
        .await;
    expect_error(res, 404, "not_found", "signed-out unknown path").await;
}

#[tokio::test]
async fn sign_in_with_odd_emails_is_invalid_credentials_not_a_server_error() {
    let app = spawn_app().await;
    let _w = World::build(&app).await;
    for (what, email) in [
        ("not an email", "not-an-email".to_string()),
        ("empty", String::new()),
        ("overlong", format!("{}@aalst.test", "a".repeat(1000))),
        ("unicode", "ßüñ@ex.test".to_string()),
    ] {
        let res = anonymous(&app)
            .api(
                Method::POST,
                "/api/v1/session",
                Some(json!({"email": email, "password": PASSWORD})),
            )
            .await;
        expect_error(res, 401, "invalid_credentials", what).await;
    }
}

#[tokio::test]
async fn sign_in_with_a_nul_byte_in_the_email_is_invalid_credentials() {
    let app = spawn_app().await;
    let _w = World::build(&app).await;
    let res = anonymous(&app)
        .api(
            Method::POST,
            "/api/v1/session",
            Some(json!({"email": "member@aalst.test\u{0}", "password": PASSWORD})),
        )
        .await;
    expect_error(res, 401, "invalid_credentials", "NUL in the sign-in email").await;

    // Same through the page.
    let mut s = app.session();
    s.page("/signin").await;
    let res = s
        .post_form(
            "/signin",
            &[("email", "member@aalst.test\u{0}"), ("password", PASSWORD)],
        )
        .await;
    let (status, content_type, body) = html(res).await;
    assert_html_page(
        status,
        &content_type,
        &body,
        401,
        "en",
        "sign-in page with NUL",
    );
    assert!(body.contains("class=\"error-summary\""));
}

// ---------------------------------------------------------------------------------------------
// Translated messages
// ---------------------------------------------------------------------------------------------

/// The messages of three codes, as `s` sees them now.
async fn messages(s: &Session, org: i64) -> [String; 3] {
    let res = s.api(Method::GET, "/api/v1/no-such-thing", None).await;
    let not_found = expect_error(res, 404, "not_found", "not_found").await;
    let res = s
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{org}/invitations"),
            Some(json!({"email": "not-an-email", "role": "member"})),
        )
        .await;
    let invalid_email = expect_error(res, 422, "invalid_email", "invalid_email").await;
    let res = s
        .api(
            Method::PATCH,
            "/api/v1/me",
            Some(json!({"display_name": "x".repeat(MAX_NAME_CHARS + 1)})),
        )
        .await;
    let too_long = expect_error(res, 422, "field_too_long", "field_too_long").await;
    [not_found, invalid_email, too_long]
        .map(|b| b["message"].as_str().expect("message").to_string())
}

#[tokio::test]
async fn error_messages_come_from_the_callers_language() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let s = &w.admin_a.session;
    for lang in LANGUAGES {
        set_language(s, lang).await;
        let [not_found, invalid_email, too_long] = messages(s, w.org_a).await;
        let expected =
            ftl_text(lang, "error-not-found").expect("a plain-text message to compare with");
        assert_eq!(not_found, expected, "not_found in {lang}");
        let expected =
            ftl_text(lang, "error-invalid-email").expect("a plain-text message to compare with");
        assert_eq!(invalid_email, expected, "invalid_email in {lang}");
        assert!(
            too_long.contains(&MAX_NAME_CHARS.to_string()),
            "field_too_long in {lang}: {too_long}"
        );
    }

    // A persona of B reads French without changing anything (B has the fixture's invitation).
    let pending = invitations(&w.admin_b.session, w.org_b).await;
    assert_eq!(pending.len(), 1, "{pending:?}");
    let [not_found, invalid_email, _] = messages(&w.admin_b.session, w.org_b).await;
    let expected = ftl_text("fr", "error-not-found").expect("a plain-text message to compare with");
    assert_eq!(not_found, expected);
    let expected =
        ftl_text("fr", "error-invalid-email").expect("a plain-text message to compare with");
    assert_eq!(invalid_email, expected);
    assert_eq!(invitations(&w.admin_b.session, w.org_b).await, pending);
    assert_eq!(app.drain_outbox().await, 0);
}

#[tokio::test]
async fn error_messages_differ_between_the_four_languages() {
    let app = spawn_app().await;
    let w = World::build(&app).await;

    // French persona of B against the English network administrator, same errors.
    let french = messages(&w.admin_b.session, w.org_b).await;
    let english = messages(&w.network_admin.session, w.operator_id).await;
    for (fr, en) in french.iter().zip(&english) {
        assert_ne!(fr, en, "the French message is the English one");
    }

    // The same person in each of the four languages.
    let s = &w.admin_a.session;
    let mut seen: Vec<(&str, [String; 3])> = Vec::new();
    for lang in LANGUAGES {
        set_language(s, lang).await;
        let current = messages(s, w.org_a).await;
        for (other, previous) in &seen {
            for (a, b) in current.iter().zip(previous) {
                assert_ne!(a, b, "{lang} and {other} share a message");
            }
        }
        seen.push((lang, current));
    }
}

// ---------------------------------------------------------------------------------------------
// HTML side
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn forms_without_csrf_token_answer_a_403_page_in_the_callers_language() {
    let app = spawn_app().await;
    let w = World::build(&app).await;

    // Signed in, French (B) and Dutch (A).
    for (persona, lang) in [(&w.member_b, "fr"), (&w.member_a, "nl")] {
        let before = display_name(&persona.session).await;
        let res =
            form_without_csrf(&persona.session, "/profile", &[("display_name", "Forged")]).await;
        let (status, content_type, body) = html(res).await;
        assert_html_page(
            status,
            &content_type,
            &body,
            403,
            lang,
            "profile form without token",
        );
        assert_eq!(display_name(&persona.session).await, before);

        // A wrong token is no better than none.
        let res = form_without_csrf(
            &persona.session,
            "/profile",
            &[("display_name", "Forged"), ("csrf_token", "AAAA")],
        )
        .await;
        let (status, content_type, body) = html(res).await;
        assert_html_page(
            status,
            &content_type,
            &body,
            403,
            lang,
            "profile form with a wrong token",
        );
        assert_eq!(display_name(&persona.session).await, before);
    }

    // An administrator's invitation form.
    let res = form_without_csrf(
        &w.admin_a.session,
        &format!("/orgs/{}/invitations", w.org_a),
        &[("email", "forged@aalst.test"), ("role", "admin")],
    )
    .await;
    let (status, content_type, body) = html(res).await;
    assert_html_page(
        status,
        &content_type,
        &body,
        403,
        "nl",
        "invitation form without token",
    );
    assert_eq!(invitations(&w.admin_a.session, w.org_a).await.len(), 1);
    assert_eq!(app.drain_outbox().await, 0);

    // Signed out, with the language picked by the switcher.
    let mut s = app.session();
    let (status, _) = s.page("/signin?lang=es").await;
    assert_eq!(status, 200);
    let res = form_without_csrf(
        &s,
        "/signin",
        &[("email", "member@aalst.test"), ("password", PASSWORD)],
    )
    .await;
    let (status, content_type, body) = html(res).await;
    assert_html_page(
        status,
        &content_type,
        &body,
        403,
        "es",
        "sign-in form without token",
    );
    assert!(
        is_signed_out(&s).await,
        "a sign-in without CSRF token signed in"
    );
}

/// Whether this client is signed out.
async fn is_signed_out(s: &Session) -> bool {
    s.api(Method::GET, "/api/v1/me", None)
        .await
        .status()
        .as_u16()
        == 401
}

#[tokio::test]
async fn unknown_pages_answer_a_404_page() {
    let app = spawn_app().await;
    let w = World::build(&app).await;

    let anon = anonymous(&app);
    // Each path says what a signed-out visitor gets: the 404 page, or the sign-in page first.
    for (path, signs_in) in [
        ("/no-such-page", false),
        ("/orgs/abc/members", true),
        ("/orgs/99999999999999999999/edit", true),
        ("/static/nope.css", false),
    ] {
        let res = anon.get(path).await;
        let location = res
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let (status, content_type, body) = html(res).await;
        if signs_in {
            assert_eq!(status, 303, "{path}");
            assert!(location.starts_with("/signin"), "{path}: {location}");
        } else {
            assert_html_page(status, &content_type, &body, 404, "en", path);
        }
    }
    let res = w.member_b.session.get("/no-such-page").await;
    let (status, content_type, body) = html(res).await;
    assert_html_page(
        status,
        &content_type,
        &body,
        404,
        "fr",
        "signed-in unknown page",
    );
    let res = w.member_a.session.get("/orgs/abc/members").await;
    let (status, content_type, body) = html(res).await;
    assert_html_page(
        status,
        &content_type,
        &body,
        404,
        "nl",
        "non-numeric organisation page",
    );
    let res = w.member_a.session.get("/invite/garbage").await;
    let (status, content_type, body) = html(res).await;
    assert!(
        (400..500).contains(&status),
        "bad invitation link: {status}"
    );
    assert!(
        content_type.starts_with("text/html"),
        "bad invitation link: {content_type}"
    );
    assert!(body.contains("<html lang=\"nl\""));
}

#[tokio::test]
async fn sign_in_form_with_a_bad_email_shows_the_form_again() {
    let app = spawn_app().await;
    let _w = World::build(&app).await;

    for email in ["not-an-email", "", "<script>alert(1)</script>", "a@b"] {
        let mut s = app.session();
        let (status, _) = s.page("/signin").await;
        assert_eq!(status, 200);
        let res = s
            .post_form(
                "/signin",
                &[("email", email), ("password", "whatever it is")],
            )
            .await;
        let (status, content_type, body) = html(res).await;
        assert!(
            status == 401 || status == 422,
            "{email:?}: status {status}: {body}"
        );
        assert!(
            content_type.starts_with("text/html"),
            "{email:?}: {content_type}"
        );
        assert!(
            body.contains("class=\"error-summary\""),
            "{email:?}: no error summary: {body}"
        );
        assert!(
            body.contains("name=\"csrf_token\""),
            "{email:?}: the form is not shown again"
        );
        assert!(
            !body.contains("<script>alert(1)</script>"),
            "the email is echoed unescaped"
        );
        assert!(is_signed_out(&s).await);
    }
}

// ---------------------------------------------------------------------------------------------
// CSRF for the API
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn api_calls_with_the_cookie_but_without_csrf_header_are_refused() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let m = &w.member_a.session;
    let a = &w.admin_a.session;

    let res = api_without_csrf(
        m,
        Method::PATCH,
        "/api/v1/me",
        json!({"display_name": "Forged"}),
    )
    .await;
    expect_error(res, 403, "csrf_failed", "PATCH /me without header").await;
    assert_eq!(display_name(m).await, "Mo Member");

    // Another session's token does not fit this session.
    let res = m
        .client
        .patch(format!("{}/api/v1/me", m.base))
        .header("x-csrf-token", &a.csrf)
        .json(&json!({"display_name": "Forged"}))
        .send()
        .await
        .expect("request");
    expect_error(
        res,
        403,
        "csrf_failed",
        "PATCH /me with another session's token",
    )
    .await;
    let res = m
        .client
        .patch(format!("{}/api/v1/me", m.base))
        .header("x-csrf-token", "")
        .json(&json!({"display_name": "Forged"}))
        .send()
        .await
        .expect("request");
    expect_error(res, 403, "csrf_failed", "PATCH /me with an empty token").await;
    assert_eq!(display_name(m).await, "Mo Member");

    let path = format!("/api/v1/organisations/{}/invitations", w.org_a);
    let res = api_without_csrf(
        a,
        Method::POST,
        &path,
        json!({"email": "forged@aalst.test", "role": "admin"}),
    )
    .await;
    expect_error(res, 403, "csrf_failed", "invitation without header").await;
    assert_eq!(invitations(a, w.org_a).await.len(), 1);
    assert_eq!(app.drain_outbox().await, 0);

    let res = api_without_csrf(
        a,
        Method::PATCH,
        &format!(
            "/api/v1/organisations/{}/members/{}",
            w.org_a, w.member_a.user_id
        ),
        json!({"status": "deactivated"}),
    )
    .await;
    expect_error(res, 403, "csrf_failed", "member update without header").await;
    assert_eq!(
        display_name(m).await,
        "Mo Member",
        "member_a was deactivated"
    );

    let res = a
        .client
        .delete(format!("{}/api/v1/session", a.base))
        .send()
        .await
        .expect("request");
    expect_error(res, 403, "csrf_failed", "sign-out without header").await;
    assert_eq!(display_name(a).await, "An Admin", "the session was ended");

    // Reading needs no token.
    let res = a
        .client
        .get(format!("{}/api/v1/me", a.base))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 200);

    // The CSRF answer is translated as well: member_b reads French.
    let res = api_without_csrf(
        &w.member_b.session,
        Method::PATCH,
        "/api/v1/me",
        json!({"display_name": "X"}),
    )
    .await;
    let body = expect_error(res, 403, "csrf_failed", "French csrf").await;
    let expected =
        ftl_text("fr", "error-csrf-failed").expect("a plain-text message to compare with");
    assert_eq!(body["message"], expected);
}

#[tokio::test]
async fn signed_out_api_calls_need_no_csrf_token() {
    let app = spawn_app().await;
    let _w = World::build(&app).await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");

    let res = client
        .post(app.url("/api/v1/session"))
        .json(&json!({"email": "member@aalst.test", "password": PASSWORD}))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 200, "sign-in without CSRF header");
    let body: Value = res.json().await.expect("json");
    let csrf = body["csrf_token"].as_str().expect("csrf").to_string();

    // Now signed in: the cookie is ambient, so the header is required.
    let res = client
        .patch(app.url("/api/v1/me"))
        .json(&json!({"display_name": "Forged"}))
        .send()
        .await
        .expect("request");
    expect_error(res, 403, "csrf_failed", "signed in, no header").await;
    let res = client
        .patch(app.url("/api/v1/me"))
        .header("x-csrf-token", csrf)
        .json(&json!({"display_name": "Mo Renamed"}))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 200, "with the header");

    // Password-reset requests, signed out, without header.
    let fresh = reqwest::Client::new();
    let res = fresh
        .post(app.url("/api/v1/password-resets"))
        .json(&json!({"email": "nobody@aalst.test"}))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 202);
}

// ---------------------------------------------------------------------------------------------
// Rate limits
// ---------------------------------------------------------------------------------------------

fn retry_after(res: &reqwest::Response) -> u64 {
    let value = res
        .headers()
        .get(RETRY_AFTER)
        .unwrap_or_else(|| panic!("no Retry-After on {}", res.status()))
        .to_str()
        .expect("ascii")
        .parse::<u64>()
        .expect("Retry-After in seconds");
    assert!(
        (1..=RATE_WINDOW_SECS).contains(&value),
        "Retry-After {value}"
    );
    value
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_account() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let anon = anonymous(&app);
    let sign_in = |password: &'static str| {
        anon.api(
            Method::POST,
            "/api/v1/session",
            Some(json!({"email": "member@aalst.test", "password": password})),
        )
    };

    for i in 0..SIGNIN_PER_ACCOUNT_ADDRESS {
        let res = sign_in("wrong password").await;
        assert!(
            res.headers().get(RETRY_AFTER).is_none(),
            "attempt {i} has Retry-After"
        );
        expect_error(res, 401, "invalid_credentials", &format!("attempt {i}")).await;
    }
    let res = sign_in("wrong password").await;
    retry_after(&res);
    expect_error(res, 429, "rate_limited", "one attempt over the limit").await;
    let res = sign_in(PASSWORD).await;
    retry_after(&res);
    expect_error(res, 429, "rate_limited", "right password over the limit").await;
    assert!(is_signed_out(&anon).await, "signed in despite the limit");

    // Differently written, same account.
    let res = anon
        .api(
            Method::POST,
            "/api/v1/session",
            Some(json!({"email": "  MEMBER@Aalst.TEST ", "password": PASSWORD})),
        )
        .await;
    expect_error(res, 429, "rate_limited", "same account, other case").await;

    // The page says so too, with the form and Retry-After.
    let mut s = app.session();
    s.page("/signin").await;
    let res = s
        .post_form(
            "/signin",
            &[("email", "member@aalst.test"), ("password", PASSWORD)],
        )
        .await;
    retry_after(&res);
    let (status, content_type, body) = html(res).await;
    assert_eq!(status, 429);
    assert!(content_type.starts_with("text/html"));
    assert!(body.contains("class=\"error-summary\""));

    // The limit is per account: another person signs in, and existing sessions still work.
    let mut other = app.session();
    other.sign_in("admin@bohicon.test", PASSWORD).await;
    assert_eq!(display_name(&w.member_a.session).await, "Mo Member");
}

#[tokio::test]
async fn unknown_accounts_are_rate_limited_like_known_ones() {
    let app = spawn_app().await;
    let anon = anonymous(&app);
    let mut answers = Vec::new();
    for _ in 0..=SIGNIN_PER_ACCOUNT_ADDRESS {
        let res = anon
            .api(
                Method::POST,
                "/api/v1/session",
                Some(json!({"email": "ghost@aalst.test", "password": "wrong password"})),
            )
            .await;
        answers.push(res.status().as_u16());
    }
    let mut expected = vec![401; SIGNIN_PER_ACCOUNT_ADDRESS as usize];
    expected.push(429);
    assert_eq!(answers, expected);
}

#[tokio::test]
async fn password_reset_requests_are_limited_and_reveal_nothing() {
    let app = spawn_app().await;
    let _w = World::build(&app).await;
    let anon = anonymous(&app);
    let request = |email: &'static str| {
        anon.api(
            Method::POST,
            "/api/v1/password-resets",
            Some(json!({"email": email})),
        )
    };

    for i in 0..RESET_PER_ACCOUNT {
        let known = request("member@aalst.test").await;
        let unknown = request("nobody@aalst.test").await;
        let (ks, us) = (known.status().as_u16(), unknown.status().as_u16());
        let (kb, ub) = (
            known.bytes().await.expect("body"),
            unknown.bytes().await.expect("body"),
        );
        assert_eq!(ks, 202, "request {i}");
        assert_eq!(
            (ks, &kb),
            (us, &ub),
            "request {i}: the answer tells the accounts apart"
        );
    }
    assert_eq!(
        app.drain_outbox().await,
        RESET_PER_ACCOUNT as usize,
        "one email per request to the known address"
    );

    let known = request("member@aalst.test").await;
    let unknown = request("nobody@aalst.test").await;
    retry_after(&known);
    retry_after(&unknown);
    let (ks, us) = (known.status().as_u16(), unknown.status().as_u16());
    let (kb, ub) = (
        known.bytes().await.expect("body"),
        unknown.bytes().await.expect("body"),
    );
    assert_eq!(
        (ks, &kb),
        (us, &ub),
        "over the limit, the answer tells the accounts apart"
    );
    let body: Value = serde_json::from_slice(&kb).expect("json");
    assert_eq!(ks, 429);
    assert_eq!(body["code"], "rate_limited");
    assert!(!body["message"].as_str().unwrap_or("").is_empty());
    assert_eq!(
        app.drain_outbox().await,
        0,
        "a limited request queued an email"
    );

    // An invalid address is a validation error, not a silent 202.
    let res = anon
        .api(
            Method::POST,
            "/api/v1/password-resets",
            Some(json!({"email": "not-an-email"})),
        )
        .await;
    let body = expect_error(res, 422, "invalid_email", "reset for an invalid address").await;
    expect_field(&body, "email");
}

// ---------------------------------------------------------------------------------------------
// Form bodies sent with the CSRF header, and bodies without a length
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_form_over_the_limit_with_the_csrf_header_is_too_large() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let s = &w.member_a.session;
    let body = format!(
        "current_password=x&new_password={}",
        "x".repeat(MAX_BODY_BYTES + 10)
    )
    .into_bytes();
    let res = send_raw(
        s,
        Method::POST,
        "/profile/password",
        Some("application/x-www-form-urlencoded"),
        body,
    )
    .await;
    let (status, content_type, body) = html(res).await;
    assert_html_page(
        status,
        &content_type,
        &body,
        413,
        "nl",
        "form over the limit, CSRF in the header",
    );
    assert_eq!(display_name(s).await, "Mo Member");
}

#[tokio::test]
async fn a_page_form_sent_as_json_is_an_unsupported_media_type() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let s = &w.member_a.session;
    let body =
        format!(r#"{{"current_password": "{PASSWORD}", "new_password": "a brand new password"}}"#)
            .into_bytes();
    let res = send_raw(
        s,
        Method::POST,
        "/profile/password",
        Some("application/json"),
        body,
    )
    .await;
    let (status, content_type, body) = html(res).await;
    assert_html_page(
        status,
        &content_type,
        &body,
        415,
        "nl",
        "JSON to a form route",
    );
    let mut again = app.session();
    again.sign_in("member@aalst.test", PASSWORD).await;
    assert_eq!(display_name(s).await, "Mo Member");
}

/// Sends a raw HTTP/1.1 request with a chunked body and returns the status line and the rest.
async fn chunked_request(
    app: &TestApp,
    path: &str,
    content_type: &str,
    body: &[u8],
) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = app.address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.expect("connect");
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {content_type}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    .into_bytes();
    for chunk in body.chunks(8 * 1024) {
        request.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        request.extend_from_slice(chunk);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"0\r\n\r\n");
    // The server may answer and close before reading everything; that is fine.
    let _ = stream.write_all(&request).await;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    (status, text)
}

#[tokio::test]
async fn chunked_bodies_over_the_limit_are_too_large() {
    let app = spawn_app().await;
    let _w = World::build(&app).await;
    let body = serde_json::to_vec(
        &json!({ "email": format!("{}@aalst.test", "a".repeat(MAX_BODY_BYTES)) }),
    )
    .expect("json");
    let (status, text) =
        chunked_request(&app, "/api/v1/password-resets", "application/json", &body).await;
    assert_eq!(status, 413, "{text}");
    assert!(text.contains("\"code\":\"payload_too_large\""), "{text}");

    // A chunked body within the limit is read normally.
    let body = serde_json::to_vec(&json!({ "email": "nobody@aalst.test" })).expect("json");
    let (status, text) =
        chunked_request(&app, "/api/v1/password-resets", "application/json", &body).await;
    assert_eq!(status, 202, "{text}");

    // A chunked form over the limit, signed out: the CSRF check reads it first.
    let body = format!("email={}", "a".repeat(MAX_BODY_BYTES + 1)).into_bytes();
    let (status, text) =
        chunked_request(&app, "/signin", "application/x-www-form-urlencoded", &body).await;
    assert!((400..500).contains(&status), "{text}");
    assert_eq!(app.drain_outbox().await, 0);
}
