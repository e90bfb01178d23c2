//! Bad tokens and paths: invitation and reset tokens, unknown API paths and ids, odd sign-in
//! addresses.

use super::*;

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
