//! The foundation's story end to end: setup, organisations, invitations, sign-in, resets,
//! sessions, deactivation and suspension, on whichever engine the run uses.

use agora::audit;
use agora_tests::app::{extract_csrf, find_link};
use agora_tests::personas::{PASSWORD, World};
use agora_tests::{TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

async fn audit_actions(app: &TestApp) -> Vec<String> {
    app.state
        .db
        .read(|conn| audit::list_actions(conn, 200))
        .await
        .expect("audit")
        .into_iter()
        .map(|(action, _, _)| action)
        .collect()
}

/// The first link to `path_prefix` in the plain-text part of the last email to `to`.
async fn link_in_email(app: &TestApp, to: &str, path_prefix: &str) -> (String, String) {
    let mail = app.last_email_to(to).await;
    let text = agora_tests::smtp::mime_part(&mail.raw, "text/plain").expect("text part");
    let link = find_link(&text, &format!("{}{path_prefix}", app.address)).expect("link in email");
    (link.trim_start_matches(&app.address).to_string(), mail.raw)
}

#[tokio::test]
async fn setup_link_creates_the_operator_once() {
    let app = spawn_app().await;
    let link = app
        .setup_link
        .clone()
        .expect("empty database prints a setup link");
    let path = link.trim_start_matches(&app.address).to_string();
    let token = path.split("token=").nth(1).expect("token").to_string();
    let mut browser = app.session();
    let (status, page) = browser.page(&path).await;
    assert_eq!(status, 200, "{page}");
    let res = browser
        .post_form(
            "/setup",
            &[
                ("token", &token),
                ("organisation_name", "VVSG Internationaal"),
                ("country", "be"),
                ("language", "nl"),
                ("display_name", "Nele Netwerk"),
                ("email", "Nele@Example.BE"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/orgs");
    // Signed in, as a network administrator, in Dutch.
    let (status, page) = browser.page("/orgs").await;
    assert_eq!(status, 200);
    assert!(page.contains("<html lang=\"nl\">"), "{page}");
    assert!(page.contains("VVSG Internationaal"));
    let me: Value = browser
        .api(Method::GET, "/api/v1/me", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["email"], "nele@example.be");
    assert_eq!(me["user"]["network_admin"], true);
    let hash = password_hash_of(&app, "nele@example.be").await;
    assert!(hash.starts_with(ARGON2ID), "setup stored {hash}");
    assert_eq!(me["organisation"]["country"], "BE");
    // The link is spent.
    let again = app.session().get(&path).await;
    assert_eq!(again.status(), 422);
    assert!(
        audit_actions(&app)
            .await
            .contains(&"setup.completed".to_string())
    );
}

#[tokio::test]
async fn setup_rejects_a_wrong_token() {
    let app = spawn_app().await;
    let res = app
        .session()
        .get("/setup?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .await;
    assert_eq!(res.status(), 422);
    let res = app.session().get("/setup").await;
    assert_eq!(res.status(), 422);
}

#[tokio::test]
async fn operator_creates_an_organisation_whose_admin_invites_a_colleague() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let net = &world.network_admin.session;

    let res = net
        .api(Method::POST, "/api/v1/organisations", Some(json!({"name": "Commune de Dogbo", "kind": "partner_municipality", "country": "bj", "default_language": "fr"})))
        .await;
    assert_eq!(res.status(), 201);
    let org: Value = res.json().await.unwrap();
    let org_id = org["id"].as_i64().unwrap();
    assert_eq!(org["country"], "BJ");

    // The operator invites the organisation's first administrator; the email is in French.
    let res = net
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{org_id}/invitations"),
            Some(json!({"email": "Maire@Dogbo.BJ", "role": "admin"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let invitation: Value = res.json().await.unwrap();
    assert_eq!(invitation["email"], "maire@dogbo.bj");
    assert_eq!(invitation["language"], "fr");
    assert_eq!(invitation["status"], "pending");
    let (link, raw) = link_in_email(&app, "maire@dogbo.bj", "/invite/").await;
    assert!(raw.contains("Subject: ") && raw.contains("Dogbo"), "{raw}");
    let html = agora_tests::smtp::mime_part(&raw, "text/html").expect("html part");
    assert!(html.contains("lang=\"fr\""), "{html}");
    assert!(
        html.contains("invitation"),
        "French invitation email expected: {html}"
    );

    // The invitee opens the link, chooses a name, password and language, and is signed in.
    let mut mayor = app.session();
    let (status, page) = mayor.page(&link).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Commune de Dogbo"));
    let res = mayor
        .post_form(
            &link,
            &[
                ("display_name", "Adjoa Maire"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                ("interface_language", "fr"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let (status, page) = mayor.page("/profile").await;
    assert_eq!(status, 200);
    assert!(page.contains("<html lang=\"fr\">"));
    assert!(page.contains("Adjoa Maire"));
    // The link works once.
    assert_eq!(app.session().get(&link).await.status(), 422);

    // The new administrator invites a colleague, who accepts through the API in Spanish.
    let (_, members_page) = mayor.page(&format!("/orgs/{org_id}/members")).await;
    assert!(members_page.contains("Adjoa Maire"));
    let res = mayor
        .post_form(
            &format!("/orgs/{org_id}/invitations"),
            &[
                ("email", "finance@dogbo.bj"),
                ("role", "member"),
                ("language", "es"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (link, _) = link_in_email(&app, "finance@dogbo.bj", "/invite/").await;
    let token = link.trim_start_matches("/invite/").to_string();
    let res = app
        .session()
        .api(Method::POST, "/api/v1/invitations/accept", Some(json!({"token": token, "display_name": "Koffi Finance", "password": PASSWORD, "interface_language": "es"})))
        .await;
    assert_eq!(res.status(), 201);
    let session: Value = res.json().await.unwrap();
    assert_eq!(session["user"]["role"], "member");
    assert_eq!(session["user"]["organisation_id"], org_id);
    assert_eq!(session["user"]["interface_language"], "es");

    let actions = audit_actions(&app).await;
    for action in [
        "organisation.created",
        "invitation.created",
        "invitation.accepted",
    ] {
        assert!(
            actions.contains(&action.to_string()),
            "{action} not audited: {actions:?}"
        );
    }
}

#[tokio::test]
async fn invitation_tokens_are_hashed_single_use_and_expire() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let admin = &world.admin_a.session;
    let res = admin
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{}/invitations", world.org_a),
            Some(json!({"email": "x@aalst.test", "role": "member"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let (link, _) = link_in_email(&app, "x@aalst.test", "/invite/").await;
    let token = link.trim_start_matches("/invite/").to_string();
    assert_eq!(token.len(), 43, "256-bit token expected");
    let hashes: Vec<String> = app
        .state
        .db
        .read(|conn| {
            use agora::db::schema::invitations::dsl::*;
            use diesel::prelude::*;
            Ok(invitations.select(token_hash).load(conn)?)
        })
        .await
        .unwrap();
    assert!(!hashes.contains(&token), "the raw token is stored");

    // Expire it: acceptance fails.
    app.state
        .db
        .write(|conn| {
            use agora::db::schema::invitations::dsl::*;
            use diesel::prelude::*;
            diesel::update(invitations)
                .set(expires_at.eq(agora::time::now() - chrono::Duration::minutes(1)))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    let res = app
        .session()
        .api(Method::POST, "/api/v1/invitations/accept", Some(json!({"token": token, "display_name": "X", "password": PASSWORD, "interface_language": "nl"})))
        .await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "invalid_token");

    // A revoked invitation fails too; inviting again replaces the link.
    let res = admin
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{}/invitations", world.org_a),
            Some(json!({"email": "y@aalst.test", "role": "member"})),
        )
        .await;
    let inv: Value = res.json().await.unwrap();
    let (link, _) = link_in_email(&app, "y@aalst.test", "/invite/").await;
    let res = admin
        .api(
            Method::DELETE,
            &format!(
                "/api/v1/organisations/{}/invitations/{}",
                world.org_a, inv["id"]
            ),
            None,
        )
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(app.session().get(&link).await.status(), 422);

    // An address with an account elsewhere gets no usable link, but the inviting organisation
    // is not told so (tests/tests/invitation_probing.rs); its own members it is told about.
    let res = admin
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{}/invitations", world.org_a),
            Some(json!({"email": "member@bohicon.test", "role": "member"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let mail = app.last_email_to("member@bohicon.test").await;
    assert!(!mail.raw.contains("/invite/"), "{}", mail.raw);
    let res = admin
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{}/invitations", world.org_a),
            Some(json!({"email": "member@aalst.test", "role": "member"})),
        )
        .await;
    assert_eq!(res.status(), 409);
}

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

#[tokio::test]
async fn deactivation_ends_sessions_at_once_and_blocks_sign_in() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    assert_eq!(
        world
            .member_a
            .session
            .api(Method::GET, "/api/v1/me", None)
            .await
            .status(),
        200
    );
    let res = world
        .admin_a
        .session
        .api(
            Method::PATCH,
            &format!(
                "/api/v1/organisations/{}/members/{}",
                world.org_a, world.member_a.user_id
            ),
            Some(json!({"status": "deactivated"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        world
            .member_a
            .session
            .api(Method::GET, "/api/v1/me", None)
            .await
            .status(),
        401
    );
    let res = app
        .session()
        .api(
            Method::POST,
            "/api/v1/session",
            Some(json!({"email": "member@aalst.test", "password": PASSWORD})),
        )
        .await;
    assert_eq!(res.status(), 401);
    // Admins cannot change themselves, so an organisation keeps its administrator.
    let res = world
        .admin_a
        .session
        .api(
            Method::PATCH,
            &format!(
                "/api/v1/organisations/{}/members/{}",
                world.org_a, world.admin_a.user_id
            ),
            Some(json!({"role": "member"})),
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = world
        .admin_a
        .session
        .api(
            Method::PATCH,
            &format!(
                "/api/v1/organisations/{}/members/{}",
                world.org_a, world.member_a.user_id
            ),
            Some(json!({"status": "active", "role": "admin"})),
        )
        .await;
    let member: Value = res.json().await.unwrap();
    assert_eq!(member["role"], "admin");
    let actions = audit_actions(&app).await;
    for action in [
        "member.deactivated",
        "member.reactivated",
        "member.role_changed",
    ] {
        assert!(
            actions.contains(&action.to_string()),
            "{action} missing from {actions:?}"
        );
    }
}

#[tokio::test]
async fn suspending_an_organisation_signs_its_members_out() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let res = world
        .network_admin
        .session
        .api(
            Method::PATCH,
            &format!("/api/v1/organisations/{}", world.org_b),
            Some(json!({"status": "suspended"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        world
            .member_b
            .session
            .api(Method::GET, "/api/v1/me", None)
            .await
            .status(),
        401
    );
    let res = app
        .session()
        .api(
            Method::POST,
            "/api/v1/session",
            Some(json!({"email": "admin@bohicon.test", "password": PASSWORD})),
        )
        .await;
    assert_eq!(res.status(), 403);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "organisation_suspended");
    // Others are unaffected; the operator cannot suspend itself.
    assert_eq!(
        world
            .member_a
            .session
            .api(Method::GET, "/api/v1/me", None)
            .await
            .status(),
        200
    );
    let res = world
        .network_admin
        .session
        .api(
            Method::PATCH,
            &format!("/api/v1/organisations/{}", world.operator_id),
            Some(json!({"status": "suspended"})),
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        audit_actions(&app)
            .await
            .contains(&"organisation.suspended".to_string())
    );
}

#[tokio::test]
async fn profile_and_password_change() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let s = &world.member_b.session;
    let res = s
        .api(Method::PATCH, "/api/v1/me", Some(json!({"display_name": "Awa Diallo", "function": "Directrice financière", "kind": "official", "languages_read": ["fr", "wo", "fr"], "time_zone": "Africa/Porto-Novo", "interface_language": "es"})))
        .await;
    assert_eq!(res.status(), 200);
    let user: Value = res.json().await.unwrap();
    assert_eq!(user["languages_read"], json!(["fr", "wo"]));
    assert_eq!(user["time_zone"], "Africa/Porto-Novo");
    let (_, page) = s.clone_page("/profile").await;
    assert!(page.contains("<html lang=\"es\">"));
    assert!(page.contains("Directrice financière"));
    let res = s
        .api(
            Method::PATCH,
            "/api/v1/me",
            Some(json!({"time_zone": "Mars/Olympus"})),
        )
        .await;
    assert_eq!(res.status(), 422);

    // Changing the password ends the person's other sessions but keeps this one.
    let mut other = app.session();
    other.sign_in("member@bohicon.test", PASSWORD).await;
    let res = s
        .api(
            Method::PUT,
            "/api/v1/me/password",
            Some(json!({"current_password": PASSWORD, "new_password": "another long password"})),
        )
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(s.api(Method::GET, "/api/v1/me", None).await.status(), 200);
    assert_eq!(
        other.api(Method::GET, "/api/v1/me", None).await.status(),
        401
    );
}

#[tokio::test]
async fn interface_language_follows_choice_then_browser_then_organisation() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let page = |lang: Option<&'static str>| {
        let url = app.url("/signin");
        async move {
            let mut req = reqwest::Client::new().get(url);
            if let Some(l) = lang {
                req = req.header("accept-language", l);
            }
            req.send().await.unwrap().text().await.unwrap()
        }
    };
    assert!(page(None).await.contains("<html lang=\"en\">"));
    assert!(
        page(Some("fr-BJ,fr;q=0.9"))
            .await
            .contains("<html lang=\"fr\">")
    );
    assert!(page(Some("es-EC")).await.contains("<html lang=\"es\">"));
    assert!(page(Some("de")).await.contains("<html lang=\"en\">"));
    // The switcher sets a cookie that beats the browser's preference.
    let browser = app.session();
    let res = browser.get("/signin?lang=nl").await;
    assert!(
        res.headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("agora_lang=nl"))
    );
    let text = browser
        .client
        .get(app.url("/reset"))
        .header("accept-language", "fr")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("<html lang=\"nl\">"));
    // A person's own choice beats everything (admin B chose French).
    let text = world
        .admin_b
        .session
        .client
        .get(app.url("/profile"))
        .header("accept-language", "es")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("<html lang=\"fr\">"));
}

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

/// The stored hash of `email`'s password.
async fn password_hash_of(app: &TestApp, email: &'static str) -> String {
    app.state
        .db
        .read(move |conn| {
            use agora::db::schema::users::dsl;
            use diesel::prelude::*;
            Ok(dsl::users
                .filter(dsl::email.eq(email))
                .select(dsl::password_hash)
                .first(conn)?)
        })
        .await
        .expect("user's hash")
}

/// OWASP's Argon2id minimum (19 MiB, 2 passes, 1 lane), as DESIGN.md asks.
const ARGON2ID: &str = "$argon2id$v=19$m=19456,t=2,p=1$";

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
