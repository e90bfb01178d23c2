//! Streams that end when access, the session, the person or the organisation does.

use super::*;

#[tokio::test]
async fn losing_access_ends_the_stream_at_once() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let a = world.member_a.user_id;
    let (cookie_a, _) = app.session_cookie(&world.member_a.email).await;
    let (cookie_a2, _) = app.session_cookie(&world.member_a.email).await;
    let (cookie_b, _) = app.session_cookie(&world.member_b.email).await;
    let (cookie_admin_b, _) = app.session_cookie("admin@bohicon.test").await;
    let mut tab_1 = connect(&app, &cookie_a, None).await;
    let mut tab_2 = connect(&app, &cookie_a2, None).await;
    let mut ws_b = connect(&app, &cookie_b, None).await;
    let mut ws_admin_b = connect(&app, &cookie_admin_b, None).await;
    for ws in [&mut tab_1, &mut tab_2, &mut ws_b, &mut ws_admin_b] {
        hello(ws).await;
    }
    wait_for_connections(&app, 4).await;

    // A person: every tab.
    assert_eq!(app.state.hub.disconnect_user(a), 2);
    assert_eq!(close_code(&mut tab_1).await, CLOSE_SESSION_ENDED);
    assert_eq!(close_code(&mut tab_2).await, CLOSE_SESSION_ENDED);
    nothing_before_sentinel(&app, &mut ws_b, world.member_b.user_id, "someone else").await;

    // An organisation: all its people.
    assert_eq!(app.state.hub.disconnect_organisation(world.org_b), 2);
    assert_eq!(close_code(&mut ws_b).await, CLOSE_SESSION_ENDED);
    assert_eq!(close_code(&mut ws_admin_b).await, CLOSE_SESSION_ENDED);
    wait_for_connections(&app, 0).await;
}

#[tokio::test]
async fn sessions_ended_elsewhere_are_closed_by_the_session_check() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (cookie_1, _) = app.session_cookie(&world.member_a.email).await;
    let (cookie_2, _) = app.session_cookie(&world.member_a.email).await;
    let mut signed_out = connect(&app, &cookie_1, None).await;
    let mut other_tab = connect(&app, &cookie_2, None).await;
    hello(&mut signed_out).await;
    hello(&mut other_tab).await;
    wait_for_connections(&app, 2).await;

    // The first session ends on another instance (a sign-out there): only its row goes.
    let token = cookie_1
        .split_once('=')
        .expect("cookie value")
        .1
        .to_string();
    app.state
        .db
        .write(move |conn| agora::accounts::session::delete_by_token(conn, &token))
        .await
        .expect("end session");
    assert_eq!(app.state.hub.connection_count(), 2);
    assert_eq!(
        app.state
            .hub
            .check_sessions(app.state.clock.now())
            .await
            .expect("check"),
        1
    );
    assert_eq!(close_code(&mut signed_out).await, CLOSE_SESSION_ENDED);
    nothing_before_sentinel(
        &app,
        &mut other_tab,
        world.member_a.user_id,
        "the tab of a session that goes on",
    )
    .await;
    assert_eq!(app.state.hub.connection_count(), 1);

    // A cookie of an ended session cannot reconnect.
    assert_eq!(refused(try_connect(&app, Some(&cookie_1), None).await), 401);
}

/// Deactivates member A through the API, as A's administrator does.
async fn deactivate_member_a(world: &World) {
    let res = world
        .admin_a
        .session
        .api(
            reqwest::Method::PATCH,
            &format!(
                "/api/v1/organisations/{}/members/{}",
                world.org_a, world.member_a.user_id
            ),
            Some(json!({"status": "deactivated"})),
        )
        .await;
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn a_deactivated_person_is_cut_off_by_the_session_check() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (cookie, _) = app.session_cookie(&world.member_a.email).await;
    let mut ws = connect(&app, &cookie, None).await;
    hello(&mut ws).await;
    wait_for_connections(&app, 1).await;
    deactivate_member_a(&world).await;
    // Immediately when the service calls `disconnect_user`, else at the next heartbeat's check.
    app.state
        .hub
        .check_sessions(app.state.clock.now())
        .await
        .expect("check");
    assert_eq!(close_code(&mut ws).await, CLOSE_SESSION_ENDED);
}

#[tokio::test]
async fn a_deactivated_person_is_cut_off_at_once() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (cookie, _) = app.session_cookie(&world.member_a.email).await;
    let mut ws = connect(&app, &cookie, None).await;
    hello(&mut ws).await;
    wait_for_connections(&app, 1).await;
    deactivate_member_a(&world).await;
    assert_eq!(close_code(&mut ws).await, CLOSE_SESSION_ENDED);
}

#[tokio::test]
async fn signing_out_ends_that_sessions_stream_at_once() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (cookie_1, csrf_1) = app.session_cookie(&world.member_a.email).await;
    let (cookie_2, _) = app.session_cookie(&world.member_a.email).await;
    let mut signed_out = connect(&app, &cookie_1, None).await;
    let mut other = connect(&app, &cookie_2, None).await;
    hello(&mut signed_out).await;
    hello(&mut other).await;
    let res = reqwest::Client::new()
        .delete(app.url("/api/v1/session"))
        .header("cookie", &cookie_1)
        .header("x-csrf-token", &csrf_1)
        .send()
        .await
        .expect("sign out");
    assert_eq!(res.status(), 204);
    assert_eq!(close_code(&mut signed_out).await, CLOSE_SESSION_ENDED);
    nothing_before_sentinel(
        &app,
        &mut other,
        world.member_a.user_id,
        "another session's tab",
    )
    .await;
}

#[tokio::test]
async fn a_password_change_ends_the_other_sessions_streams_at_once() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (cookie_1, csrf_1) = app.session_cookie(&world.member_a.email).await;
    let (cookie_2, _) = app.session_cookie(&world.member_a.email).await;
    let mut this_tab = connect(&app, &cookie_1, None).await;
    let mut elsewhere = connect(&app, &cookie_2, None).await;
    hello(&mut this_tab).await;
    hello(&mut elsewhere).await;
    let res = reqwest::Client::new()
        .put(app.url("/api/v1/me/password"))
        .header("cookie", &cookie_1)
        .header("x-csrf-token", &csrf_1)
        .json(&json!({"current_password": PASSWORD, "new_password": "another long passphrase"}))
        .send()
        .await
        .expect("change password");
    assert_eq!(res.status(), 204);
    assert_eq!(close_code(&mut elsewhere).await, CLOSE_SESSION_ENDED);
    nothing_before_sentinel(
        &app,
        &mut this_tab,
        world.member_a.user_id,
        "the tab that changed the password",
    )
    .await;
}

#[tokio::test]
async fn a_password_reset_ends_every_stream_at_once() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (cookie, _) = app.session_cookie(&world.member_a.email).await;
    let mut ws = connect(&app, &cookie, None).await;
    hello(&mut ws).await;
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/password-resets"))
        .json(&json!({"email": world.member_a.email}))
        .send()
        .await
        .expect("request reset");
    assert_eq!(res.status(), 202);
    let mail = app.last_email_to(&world.member_a.email).await;
    let text = agora_tests::smtp::mime_part(&mail.raw, "text/plain").expect("text part");
    let link =
        agora_tests::app::find_link(&text, &format!("{}/reset/", app.address)).expect("reset link");
    let token = link.rsplit('/').next().expect("token");
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/password-resets/confirm"))
        .json(&json!({"token": token, "password": "another long passphrase"}))
        .send()
        .await
        .expect("confirm reset");
    assert!(res.status().is_success(), "{}", res.status());
    assert_eq!(close_code(&mut ws).await, CLOSE_SESSION_ENDED);
}

#[tokio::test]
async fn suspending_an_organisation_ends_its_streams_at_once() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (cookie_a, _) = app.session_cookie(&world.member_a.email).await;
    let (cookie_b, _) = app.session_cookie(&world.member_b.email).await;
    let mut ws_a = connect(&app, &cookie_a, None).await;
    let mut ws_b = connect(&app, &cookie_b, None).await;
    hello(&mut ws_a).await;
    hello(&mut ws_b).await;
    let res = world
        .network_admin
        .session
        .api(
            reqwest::Method::PATCH,
            &format!("/api/v1/organisations/{}", world.org_b),
            Some(json!({"status": "suspended"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(close_code(&mut ws_b).await, CLOSE_SESSION_ENDED);
    nothing_before_sentinel(
        &app,
        &mut ws_a,
        world.member_a.user_id,
        "a member of another organisation",
    )
    .await;
}
