//! Security headers, cookies and how passwords are stored.

use super::*;

#[tokio::test]
async fn security_headers_and_health() {
    let app = spawn_app().await;
    for path in ["/signin", "/api/v1/openapi.json", "/no-such-page"] {
        let res = app.session().get(path).await;
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self'")
                && !csp.contains("unsafe-inline")
                && csp.contains("frame-ancestors 'none'"),
            "{csp}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "strict-origin-when-cross-origin");
    }
    assert_eq!(app.session().get("/healthz").await.status(), 200);
    let ready: Value = app.session().get("/readyz").await.json().await.unwrap();
    assert_eq!(ready["database"], true);
}

#[tokio::test]
async fn https_deployments_use_host_prefixed_secure_cookies() {
    let app = agora_tests::app::spawn_app_with(|c| {
        c.public_url = "https://agora.example".parse().expect("url")
    })
    .await;
    let res = app.session().get("/signin").await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.starts_with("__Host-agora_pre=")
            && cookie.contains("Secure")
            && cookie.contains("HttpOnly"),
        "{cookie}"
    );
}

#[tokio::test]
async fn passwords_set_through_the_application_are_hashed_with_argon2id() {
    // The fixture's people have hashes the test made; these come from the real paths.
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let res = world
        .admin_a
        .session
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{}/invitations", world.org_a),
            Some(json!({"email": "argon@aalst.test", "role": "member"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let (link, _) = link_in_email(&app, "argon@aalst.test", "/invite/").await;
    let token = link.trim_start_matches("/invite/").to_string();
    let mut s = app.session();
    let res = s
        .api(Method::POST, "/api/v1/invitations/accept", Some(json!({"token": token, "display_name": "Ari Argon", "password": PASSWORD, "interface_language": "nl"})))
        .await;
    assert_eq!(res.status(), 201);
    let session: Value = res.json().await.unwrap();
    s.csrf = session["csrf_token"].as_str().expect("csrf").to_string();
    let accepted = password_hash_of(&app, "argon@aalst.test").await;
    assert!(accepted.starts_with(ARGON2ID), "{accepted}");
    assert!(!accepted.contains(PASSWORD));

    // A password change hashes the same way, with a fresh salt.
    let res = s
        .api(
            Method::PUT,
            "/api/v1/me/password",
            Some(json!({"current_password": PASSWORD, "new_password": "another long password"})),
        )
        .await;
    assert_eq!(res.status(), 204);
    let changed = password_hash_of(&app, "argon@aalst.test").await;
    assert!(changed.starts_with(ARGON2ID), "{changed}");
    assert_ne!(changed, accepted);
    // The hash is the one sign-in checks.
    let mut again = app.session();
    again
        .sign_in("argon@aalst.test", "another long password")
        .await;
}
