//! Session expiry and sliding renewal. Time is moved by rewriting the session's timestamps in
//! the database, as if the person had been away.

use agora_shared::limits::SESSION_TTL_DAYS;
use agora_tests::personas::World;
use agora_tests::{Session, TestApp, spawn_app};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use reqwest::Method;

/// Sets `(last_seen_at, expires_at)` of every session of `user`.
async fn set_times(app: &TestApp, user: i64, last_seen: NaiveDateTime, expires: NaiveDateTime) {
    app.state
        .db
        .write(move |conn| {
            use agora::db::schema::sessions::dsl::*;
            diesel::update(sessions.filter(user_id.eq(user)))
                .set((last_seen_at.eq(last_seen), expires_at.eq(expires)))
                .execute(conn)?;
            Ok(())
        })
        .await
        .expect("set session times");
}

async fn times(app: &TestApp, user: i64) -> (NaiveDateTime, NaiveDateTime) {
    app.state
        .db
        .read(move |conn| {
            use agora::db::schema::sessions::dsl::*;
            Ok(sessions
                .filter(user_id.eq(user))
                .select((last_seen_at, expires_at))
                .first(conn)?)
        })
        .await
        .expect("session times")
}

async fn me(s: &Session) -> reqwest::Response {
    s.api(Method::GET, "/api/v1/me", None).await
}

fn now() -> NaiveDateTime {
    agora::time::now()
}

#[tokio::test]
async fn an_expired_session_signs_nobody_in() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let user = w.member_a.user_id;
    // A second before the end it still works...
    set_times(
        &app,
        user,
        now() - Duration::minutes(1),
        now() + Duration::seconds(30),
    )
    .await;
    assert_eq!(me(&w.member_a.session).await.status(), 200);
    // ...and a second after, the same cookie is refused, by the API and the pages.
    set_times(
        &app,
        user,
        now() - Duration::days(SESSION_TTL_DAYS),
        now() - Duration::seconds(1),
    )
    .await;
    assert_eq!(me(&w.member_a.session).await.status(), 401);
    let res = w.member_a.session.get("/profile").await;
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/signin")
    );
    // Other people's sessions are untouched.
    assert_eq!(me(&w.admin_a.session).await.status(), 200);
}

#[tokio::test]
async fn activity_slides_the_expiry_forward() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let user = w.member_a.user_id;
    // Signed in long ago, seen ten minutes ago, an hour left.
    let seen = now() - Duration::minutes(10);
    set_times(&app, user, seen, now() + Duration::hours(1)).await;
    let res = me(&w.member_a.session).await;
    assert_eq!(res.status(), 200);
    let (last_seen, expires) = times(&app, user).await;
    assert!(last_seen > seen, "last_seen_at not moved: {last_seen}");
    assert!(
        expires > now() + Duration::days(SESSION_TTL_DAYS) - Duration::minutes(5),
        "expiry not renewed to a full {SESSION_TTL_DAYS} days: {expires}"
    );
    // The browser is told too, or it would drop the cookie at its first Max-Age.
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_string())
        .find(|c| c.starts_with("agora_session="))
        .expect("renewed session cookie");
    let max_age = SESSION_TTL_DAYS * 24 * 3600;
    assert!(cookie.contains(&format!("Max-Age={max_age}")), "{cookie}");
    // The renewed session outlives the expiry it had before.
    set_times(
        &app,
        user,
        now() - Duration::minutes(1),
        now() + Duration::days(2),
    )
    .await;
    assert_eq!(me(&w.member_a.session).await.status(), 200);
}

#[tokio::test]
async fn renewal_writes_at_most_every_few_minutes() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let user = w.member_a.user_id;
    // Seen a minute ago: no write, the expiry stays where it was.
    let (seen, expires) = (now() - Duration::minutes(1), now() + Duration::hours(1));
    set_times(&app, user, seen, expires).await;
    let res = me(&w.member_a.session).await;
    assert_eq!(res.status(), 200);
    assert!(
        !res.headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("agora_session=")),
        "the cookie is re-sent on every request"
    );
    let (last_seen, expires_after) = times(&app, user).await;
    assert_eq!(last_seen, seen);
    assert_eq!(expires_after, expires);
}

#[tokio::test]
async fn an_idle_session_is_not_renewed_by_time_alone() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let user = w.member_a.user_id;
    let expires = now() + Duration::hours(1);
    set_times(&app, user, now() - Duration::days(3), expires).await;
    // Someone else's activity does not renew it.
    assert_eq!(me(&w.admin_a.session).await.status(), 200);
    assert_eq!(times(&app, user).await.1, expires);
}

/// The rows of `user`'s sessions: organisation, token hash length, lifetime.
async fn session_rows(app: &TestApp, user: i64) -> Vec<(i64, usize, Duration)> {
    let rows: Vec<(i64, String, NaiveDateTime, NaiveDateTime, NaiveDateTime)> = app
        .state
        .db
        .read(move |conn| {
            use agora::db::schema::sessions::dsl::*;
            Ok(sessions
                .filter(user_id.eq(user))
                .order(id)
                .select((
                    organisation_id,
                    token_hash,
                    created_at,
                    expires_at,
                    last_seen_at,
                ))
                .load(conn)?)
        })
        .await
        .expect("session rows");
    rows.into_iter()
        .map(|(org, hash, created, expires, seen)| {
            assert_eq!(created, seen, "a new session was seen when it was created");
            (org, hash.len(), expires - created)
        })
        .collect()
}

async fn rename(s: &Session) -> reqwest::Response {
    let body = serde_json::json!({"display_name": "Awa Directe"});
    s.api(Method::PATCH, "/api/v1/me", Some(body)).await
}

/// The personas' sessions are written straight into the database; the server must not be able to
/// tell them from a sign-in's: same row, same cookie, the CSRF token it hands out itself.
#[tokio::test]
async fn a_session_written_directly_is_the_one_a_sign_in_leaves() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let (email, user) = (&w.member_b.email, w.member_b.user_id);
    // Through the API: the cookie the server sets, and the row it writes.
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({"email": email, "password": agora_tests::personas::PASSWORD}))
        .send()
        .await
        .expect("sign-in");
    assert_eq!(res.status(), 200);
    let set_cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        set_cookie.starts_with(&format!("{}=", app.session_cookie_name())),
        "{set_cookie}"
    );
    let (_, cookie_value) = set_cookie
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap();
    let (direct_cookie, _) = app.session_cookie(email).await;
    assert_eq!(
        direct_cookie.split_once('=').unwrap().1.len(),
        cookie_value.len(),
        "tokens of the same shape"
    );
    let rows = session_rows(&app, user).await;
    // The persona's own session, the sign-in's and the one just written.
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows.iter().all(|r| *r == rows[1]), "{rows:?}");

    // The CSRF token the session knows is the one the server gives it, and it is checked.
    let direct = app.signed_in(email).await;
    let view: serde_json::Value = me(&direct).await.json().await.expect("json");
    assert_eq!(view["csrf_token"], direct.csrf.as_str());
    assert_eq!(view["user"]["id"], user);
    assert_eq!(rename(&direct).await.status(), 200);
    let forged = Session {
        client: direct.client.clone(),
        base: direct.base.clone(),
        csrf: w.member_a.session.csrf.clone(),
    };
    assert_eq!(
        rename(&forged).await.status(),
        403,
        "another session's token"
    );
    // Pages and their forms take it too.
    let mut browser = app.signed_in(email).await;
    let (status, _) = browser.page("/profile").await;
    assert_eq!(status, 200);
    assert_eq!(browser.post_form("/signout", &[]).await.status(), 303);
    assert_eq!(me(&browser).await.status(), 401, "signed out");
    assert_eq!(me(&direct).await.status(), 200, "other sessions go on");
}
