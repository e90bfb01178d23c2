//! Who may open a stream, from where and how often, and pings.

use super::*;

#[tokio::test]
async fn anonymous_and_plain_requests_are_refused() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    assert_eq!(refused(try_connect(&app, None, None).await), 401);
    let res = world.member_a.session.get("/api/v1/events").await;
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["code"], "invalid_body");
    let res = world
        .member_a
        .session
        .get("/api/v1/events?last_event_id=-1")
        .await;
    assert_eq!(res.status(), 400);
    assert_eq!(app.state.hub.connection_count(), 0);
}

#[tokio::test]
async fn pages_of_other_origins_and_too_many_tabs_are_refused() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (cookie, _) = app.session_cookie(&world.member_a.email).await;
    // Another site's page would carry the visitor's cookie: websockets are exempt from CORS.
    let evil = try_connect_from(&app, Some(&cookie), None, Some("https://evil.example")).await;
    assert_eq!(refused(evil), 403);
    let own = try_connect_from(&app, Some(&cookie), None, Some(&app.address)).await;
    let mut own = own.expect("a page of this site connects");
    hello(&mut own).await;

    let max = agora::realtime::ws::MAX_STREAMS_PER_USER;
    let mut tabs = vec![own];
    while tabs.len() < max {
        tabs.push(connect(&app, &cookie, None).await);
    }
    assert_eq!(refused(try_connect(&app, Some(&cookie), None).await), 429);
    // Someone else is not affected, and a closed tab frees its place.
    let (cookie_b, _) = app.session_cookie(&world.member_b.email).await;
    let mut ws_b = connect(&app, &cookie_b, None).await;
    hello(&mut ws_b).await;
    drop(tabs.pop());
    wait_for_connections(&app, (max - 1) + 1).await;
    hello(&mut connect(&app, &cookie, None).await).await;
}

#[tokio::test]
async fn pings_are_answered() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (cookie, _) = app.session_cookie(&world.member_a.email).await;
    let mut ws = connect(&app, &cookie, None).await;
    hello(&mut ws).await;
    ws.send(Message::Ping("are you there".into()))
        .await
        .expect("ping");
    loop {
        match tokio::time::timeout(PATIENCE, ws.next()).await {
            Ok(Some(Ok(Message::Pong(payload)))) => {
                assert_eq!(&payload[..], b"are you there");
                break;
            }
            Ok(Some(Ok(Message::Text(_)))) => continue,
            other => panic!("expected a pong, got {other:?}"),
        }
    }
    // A client that says goodbye is forgotten.
    ws.close(None).await.expect("close");
    wait_for_connections(&app, 0).await;
}
