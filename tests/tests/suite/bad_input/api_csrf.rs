//! CSRF for the API: the session cookie without the header is refused; signed-out calls need
//! no token.

use super::*;

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
