//! Signing in and out, and resetting a password by email.

use super::*;

#[tokio::test]
async fn sign_in_rotates_the_session_and_sign_out_ends_it() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let mut browser = app.session();
    let (_, page) = browser.page("/signin").await;
    assert!(extract_csrf(&page).is_some());
    let res = browser
        .post_form(
            "/signin",
            &[
                ("email", &world.member_a.email),
                ("password", PASSWORD),
                ("next", "/profile"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/profile");
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("agora_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );
    let first = cookie.split(';').next().unwrap().to_string();

    // Signing in again in the same browser gives a new token and ends the old session.
    browser.page("/profile").await;
    let res = browser
        .post_form(
            "/signin",
            &[("email", &world.member_a.email), ("password", PASSWORD)],
        )
        .await;
    let second = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_ne!(first, second);
    let stale = reqwest::Client::new()
        .get(app.url("/api/v1/me"))
        .header("cookie", &first)
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 401);

    // An open redirect is refused.
    browser.page("/signin").await;
    let res = browser
        .post_form(
            "/signin",
            &[
                ("email", &world.member_a.email),
                ("password", PASSWORD),
                ("next", "//evil.example"),
            ],
        )
        .await;
    assert_eq!(res.headers()["location"], "/");

    browser.page("/profile").await;
    let res = browser.post_form("/signout", &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(browser.get("/profile").await.status(), 303);
    let actions = audit_actions(&app).await;
    assert!(actions.contains(&"signin.succeeded".to_string()));
    assert!(actions.contains(&"signin.signed_out".to_string()));
}

#[tokio::test]
async fn wrong_password_and_unknown_address_get_the_same_answer() {
    let app = spawn_app().await;
    let _world = World::build(&app).await;
    let s = app.session();
    let a = s
        .api(
            Method::POST,
            "/api/v1/session",
            Some(json!({"email": "member@aalst.test", "password": "not the password"})),
        )
        .await;
    let b = s
        .api(
            Method::POST,
            "/api/v1/session",
            Some(json!({"email": "nobody@aalst.test", "password": "not the password"})),
        )
        .await;
    assert_eq!(a.status(), 401);
    assert_eq!(b.status(), 401);
    assert_eq!(a.text().await.unwrap(), b.text().await.unwrap());
    assert!(
        audit_actions(&app)
            .await
            .contains(&"signin.failed".to_string())
    );
}

#[tokio::test]
async fn password_reset_by_email_ends_every_session() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let mut browser = app.session();
    browser.page("/reset").await;
    let res = browser
        .post_form("/reset", &[("email", "MEMBER@aalst.test")])
        .await;
    assert_eq!(res.status(), 303);
    let (link, raw) = link_in_email(&app, "member@aalst.test", "/reset/").await;
    // member A reads Dutch.
    let text = agora_tests::smtp::mime_part(&raw, "text/plain").unwrap();
    assert!(text.contains("Mo Member"), "{text}");
    assert!(
        app.state
            .i18n
            .has(agora_shared::api::Language::Nl, "email-reset-intro")
    );
    let (status, _) = browser.page(&link).await;
    assert_eq!(status, 200);
    let res = browser
        .post_form(
            &link,
            &[
                ("password", "a brand new password"),
                ("password_confirm", "a brand new password"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    // The old session is gone, the old password too; the new one works; the link is spent.
    assert_eq!(
        world
            .member_a
            .session
            .api(Method::GET, "/api/v1/me", None)
            .await
            .status(),
        401
    );
    let s = app.session();
    assert_eq!(
        s.api(
            Method::POST,
            "/api/v1/session",
            Some(json!({"email": "member@aalst.test", "password": PASSWORD}))
        )
        .await
        .status(),
        401
    );
    assert_eq!(
        s.api(
            Method::POST,
            "/api/v1/session",
            Some(json!({"email": "member@aalst.test", "password": "a brand new password"}))
        )
        .await
        .status(),
        200
    );
    assert_eq!(app.session().get(&link).await.status(), 422);
    // Unknown addresses get the same answer and no email.
    let before = app.sent_emails().len();
    browser.page("/reset").await;
    let res = browser
        .post_form("/reset", &[("email", "nobody@aalst.test")])
        .await;
    assert_eq!(res.status(), 303);
    app.drain_outbox().await;
    assert_eq!(app.sent_emails().len(), before);
}
