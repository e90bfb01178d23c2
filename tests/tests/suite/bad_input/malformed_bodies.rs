//! Malformed bodies: broken JSON, wrong types, unknown and missing fields, other content
//! types and bodies over the limit.

use super::*;

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
