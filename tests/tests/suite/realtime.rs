//! The event stream at `/api/v1/events`: who receives what, replay after a reconnect, resync, slow
//! clients and ended sessions, with a real websocket client.

use std::time::Duration;

use agora::db::schema::{channels, read_markers, workspace_members, workspaces};
use agora::realtime::events::{self as realtime_events, NewEvent, StoredEvent};
use agora_shared::events::{CLOSE_RESYNC, CLOSE_SESSION_ENDED, EventKind};
use agora_shared::limits::{MAX_REPLAY_EVENTS, WS_QUEUE_EVENTS};
use agora_tests::personas::{PASSWORD, World};
use agora_tests::ws::{
    PATIENCE, Ws, connect, hello, next_json, next_json_within, nothing_before_sentinel,
    try_connect, try_connect_from, wait_for_connections,
};
use agora_tests::{TestApp, spawn_app};
use diesel::prelude::*;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;

/// Skips text frames until the server closes; returns the close code.
async fn close_code(ws: &mut Ws) -> u16 {
    loop {
        match tokio::time::timeout(PATIENCE, ws.next()).await {
            Ok(Some(Ok(Message::Close(Some(frame))))) => return u16::from(frame.code),
            Ok(Some(Ok(Message::Close(None)))) => panic!("closed without a code"),
            Ok(Some(Ok(_))) => continue,
            other => panic!("expected a close frame, got {other:?}"),
        }
    }
}

/// A workspace of organisation A with two channels: `channel` read by `readers`, `hidden` by nobody.
struct Place {
    workspace: i64,
    channel: i64,
    hidden: i64,
}

async fn place(app: &TestApp, world: &World, readers: &[i64], members: &[i64]) -> Place {
    let (org, readers, members) = (world.org_a, readers.to_vec(), members.to_vec());
    app.state
        .db
        .write(move |conn| {
            let now = agora::time::now();
            let workspace: i64 = diesel::insert_into(workspaces::table)
                .values((
                    workspaces::owner_organisation_id.eq(org),
                    workspaces::kind.eq("twinning"),
                    workspaces::name.eq("Aalst – Bohicon"),
                    workspaces::description.eq(""),
                    workspaces::sdg_tags.eq(""),
                    workspaces::visibility.eq("invite_only"),
                    workspaces::default_language.eq("nl"),
                    workspaces::created_at.eq(now),
                    workspaces::updated_at.eq(now),
                ))
                .returning(workspaces::id)
                .get_result(conn)?;
            let mut ids = Vec::new();
            for name in ["general", "hidden"] {
                let id: i64 = diesel::insert_into(channels::table)
                    .values((
                        channels::workspace_id.eq(Some(workspace)),
                        channels::kind.eq("channel"),
                        channels::name.eq(name),
                        channels::topic.eq(""),
                        channels::private.eq(name == "hidden"),
                        channels::last_seq.eq(0_i64),
                        channels::created_at.eq(now),
                        channels::updated_at.eq(now),
                    ))
                    .returning(channels::id)
                    .get_result(conn)?;
                ids.push(id);
            }
            for user in readers {
                diesel::insert_into(read_markers::table)
                    .values((
                        read_markers::user_id.eq(user),
                        read_markers::channel_id.eq(ids[0]),
                        read_markers::read_seq.eq(0_i64),
                        read_markers::updated_at.eq(now),
                    ))
                    .execute(conn)?;
            }
            for user in members {
                diesel::insert_into(workspace_members::table)
                    .values((
                        workspace_members::workspace_id.eq(workspace),
                        workspace_members::user_id.eq(user),
                        workspace_members::organisation_id.eq(org),
                        workspace_members::role.eq("member"),
                        workspace_members::created_at.eq(now),
                    ))
                    .execute(conn)?;
            }
            Ok(Place {
                workspace,
                channel: ids[0],
                hidden: ids[1],
            })
        })
        .await
        .expect("workspace fixture")
}

fn event(
    kind: EventKind,
    workspace: Option<i64>,
    channel: Option<i64>,
    user: Option<i64>,
    n: usize,
) -> NewEvent {
    NewEvent {
        kind,
        workspace_id: workspace,
        channel_id: channel,
        user_id: user,
        data: json!({ "n": n }),
    }
}

/// Records events in one transaction (not published).
async fn record_all(app: &TestApp, events: Vec<NewEvent>) -> Vec<StoredEvent> {
    let now = app.state.clock.now();
    app.state
        .db
        .write(move |conn| {
            events
                .into_iter()
                .map(|e| realtime_events::record(conn, e, now))
                .collect()
        })
        .await
        .expect("record events")
}

/// Records and publishes one event, as a service does after its commit.
async fn publish(app: &TestApp, new: NewEvent) -> StoredEvent {
    let stored = record_all(app, vec![new]).await.remove(0);
    app.state.hub.publish(stored.clone());
    stored
}

fn message_in(place: &Place, n: usize) -> NewEvent {
    event(
        EventKind::MessageCreated,
        Some(place.workspace),
        Some(place.channel),
        None,
        n,
    )
}

/// The cursor clients see for event `id`.
fn cursor(app: &TestApp, id: i64) -> i64 {
    app.state.hub.cursors().encode(id)
}

/// Event ids become visible in increasing order: a transaction that records an event after a
/// slower one did waits for it, so no client can see id N+1 and then never be sent N.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_commit_in_id_order() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let a = world.member_a.user_id;
    let place = place(&app, &world, &[a], &[a]).await;
    let (tx, rx) = tokio::sync::oneshot::channel();
    let db = app.state.db.clone();
    let first = message_in(&place, 1);
    let now = app.state.clock.now();
    let slow = tokio::spawn(async move {
        db.write(move |conn| {
            let event = realtime_events::record(conn, first, now)?;
            let _ = tx.send(event.id);
            std::thread::sleep(Duration::from_millis(400));
            Ok(event)
        })
        .await
    });
    let first_id = rx.await.expect("first recorded");
    let second = record_all(&app, vec![message_in(&place, 2)])
        .await
        .remove(0);
    assert!(second.id > first_id);
    let first_visible = app
        .state
        .db
        .read(move |conn| {
            Ok(agora::db::schema::events::table
                .find(first_id)
                .count()
                .get_result::<i64>(conn)?)
        })
        .await
        .expect("query");
    assert_eq!(
        first_visible, 1,
        "event {} committed while event {first_id} was still open",
        second.id
    );
    slow.await.expect("task").expect("first commits");
}

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

/// The status of a refused handshake.
fn refused(result: Result<Ws, tokio_tungstenite::tungstenite::Error>) -> u16 {
    match result {
        Err(tokio_tungstenite::tungstenite::Error::Http(res)) => res.status().as_u16(),
        Err(other) => panic!("handshake failed without an answer: {other}"),
        Ok(_) => panic!("handshake was accepted"),
    }
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
async fn events_reach_exactly_their_audience() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (a, b) = (world.member_a.user_id, world.member_b.user_id);
    // A reads the channel; both are workspace members; B holds no read marker.
    let place = place(&app, &world, &[a], &[a, b]).await;
    let (cookie_a, _) = app.session_cookie(&world.member_a.email).await;
    let (cookie_b, _) = app.session_cookie(&world.member_b.email).await;
    let mut ws_a = connect(&app, &cookie_a, None).await;
    let mut ws_b = connect(&app, &cookie_b, None).await;
    hello(&mut ws_a).await;
    hello(&mut ws_b).await;

    // A channel event: its readers only.
    let sent = publish(&app, message_in(&place, 1)).await;
    let got = next_json(&mut ws_a).await;
    assert_eq!(got["id"], cursor(&app, sent.id));
    assert_eq!(got["kind"], "message_created");
    assert_eq!(got["channel_id"], place.channel);
    assert_eq!(got["workspace_id"], place.workspace);
    assert_eq!(got["data"], json!({"n": 1}));

    // A channel nobody reads: nobody.
    publish(
        &app,
        event(
            EventKind::MessageCreated,
            Some(place.workspace),
            Some(place.hidden),
            None,
            2,
        ),
    )
    .await;
    // A workspace event: its members.
    let ws_event = publish(
        &app,
        event(
            EventKind::ChannelChanged,
            Some(place.workspace),
            None,
            None,
            3,
        ),
    )
    .await;
    // Both get it next: B nothing of the channel before, neither anything of the hidden one.
    assert_eq!(next_json(&mut ws_a).await["id"], cursor(&app, ws_event.id));
    let got = next_json(&mut ws_b).await;
    assert_eq!(
        got["id"],
        cursor(&app, ws_event.id),
        "a workspace member without a read marker got {got}"
    );

    // Addressed to one person: B's own read-marker sync, and A's marker in A's channel.
    let to_b = publish(&app, event(EventKind::ReadMarker, None, None, Some(b), 4)).await;
    assert_eq!(next_json(&mut ws_b).await["id"], cursor(&app, to_b.id));
    let to_a = publish(
        &app,
        event(
            EventKind::ReadMarker,
            Some(place.workspace),
            Some(place.channel),
            Some(a),
            5,
        ),
    )
    .await;
    assert_eq!(next_json(&mut ws_a).await["id"], cursor(&app, to_a.id));
    // B addressed in a channel B cannot read: nothing.
    publish(
        &app,
        event(
            EventKind::ReadMarker,
            Some(place.workspace),
            Some(place.channel),
            Some(b),
            6,
        ),
    )
    .await;
    nothing_before_sentinel(
        &app,
        &mut ws_a,
        a,
        "A, for events of others or of channels A cannot read",
    )
    .await;
    nothing_before_sentinel(
        &app,
        &mut ws_b,
        b,
        "B, for events of a channel B cannot read",
    )
    .await;

    // Member B of another organisation, outside the workspace, gets nothing of it either.
    let (cookie_admin_b, _) = app.session_cookie("admin@bohicon.test").await;
    let mut ws_admin_b = connect(&app, &cookie_admin_b, None).await;
    hello(&mut ws_admin_b).await;
    wait_for_connections(&app, 3).await;
    publish(
        &app,
        event(
            EventKind::ChannelChanged,
            Some(place.workspace),
            None,
            None,
            7,
        ),
    )
    .await;
    next_json(&mut ws_a).await;
    next_json(&mut ws_b).await;
    nothing_before_sentinel(
        &app,
        &mut ws_admin_b,
        world.admin_b.user_id,
        "someone outside the workspace",
    )
    .await;
}

#[tokio::test]
async fn a_reconnect_replays_what_was_missed_in_order_without_duplicates() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let a = world.member_a.user_id;
    let place = place(&app, &world, &[a], &[a]).await;
    let (cookie, _) = app.session_cookie(&world.member_a.email).await;

    let mut ws = connect(&app, &cookie, None).await;
    hello(&mut ws).await;
    let first = publish(&app, message_in(&place, 1)).await;
    assert_eq!(next_json(&mut ws).await["id"], cursor(&app, first.id));
    drop(ws);
    wait_for_connections(&app, 0).await;

    // Missed while away: three of A's, one of a channel A cannot read, one workspace event.
    let missed = record_all(
        &app,
        vec![
            message_in(&place, 2),
            event(
                EventKind::MessageCreated,
                Some(place.workspace),
                Some(place.hidden),
                None,
                3,
            ),
            message_in(&place, 4),
            event(
                EventKind::MembershipChanged,
                Some(place.workspace),
                None,
                None,
                5,
            ),
            message_in(&place, 6),
        ],
    )
    .await;
    for e in &missed {
        app.state.hub.publish(e.clone());
    }
    // Recorded before the reconnect but published after it: replay sends it, live must not.
    let late = record_all(&app, vec![message_in(&place, 7)])
        .await
        .remove(0);

    let mut ws = connect(&app, &cookie, Some(cursor(&app, first.id))).await;
    assert_eq!(hello(&mut ws).await, cursor(&app, first.id));
    let expected: Vec<i64> = missed
        .iter()
        .filter(|e| e.channel_id != Some(place.hidden))
        .map(|e| e.id)
        .chain([late.id])
        .map(|id| cursor(&app, id))
        .collect();
    let mut got = Vec::new();
    for _ in 0..expected.len() {
        got.push(next_json(&mut ws).await["id"].as_i64().expect("id"));
    }
    assert_eq!(
        got, expected,
        "replay in id order, without the hidden channel"
    );
    wait_for_connections(&app, 1).await;
    app.state.hub.publish(late.clone());
    let fresh = publish(&app, message_in(&place, 8)).await;
    assert_eq!(
        next_json(&mut ws).await["id"],
        cursor(&app, fresh.id),
        "the late publication of a replayed event is not sent twice"
    );
    let last = nothing_before_sentinel(&app, &mut ws, a, "a caught-up client").await;

    // Nothing missed (the sentinel was its last event): hello, then only live events.
    drop(ws);
    let mut ws = connect(&app, &cookie, Some(last)).await;
    assert_eq!(hello(&mut ws).await, last);
    nothing_before_sentinel(&app, &mut ws, a, "a client that missed nothing").await;
}

#[tokio::test]
async fn too_much_missed_unknown_or_pruned_positions_resync() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let a = world.member_a.user_id;
    let place = place(&app, &world, &[a], &[a]).await;
    let (cookie, _) = app.session_cookie(&world.member_a.email).await;

    let mut ws = connect(&app, &cookie, None).await;
    let start = hello(&mut ws).await;
    drop(ws);
    let many: Vec<NewEvent> = (0..=MAX_REPLAY_EVENTS as usize)
        .map(|n| message_in(&place, n))
        .collect();
    let recorded = record_all(&app, many).await;

    // One more than a replay holds.
    let mut ws = connect(&app, &cookie, Some(start)).await;
    assert_eq!(hello(&mut ws).await, start);
    let frame = next_json(&mut ws).await;
    assert_eq!(frame["type"], "resync", "{frame}");
    assert_eq!(close_code(&mut ws).await, CLOSE_RESYNC);

    // Exactly as many as a replay holds is still a replay.
    let mut ws = connect(&app, &cookie, Some(cursor(&app, recorded[0].id))).await;
    hello(&mut ws).await;
    for e in &recorded[1..] {
        assert_eq!(next_json(&mut ws).await["id"], cursor(&app, e.id));
    }
    drop(ws);

    // A position this database never gave.
    let newest = recorded.last().expect("events").id;
    for unknown in [cursor(&app, newest + 1000), 1 << 52, 1 << 60] {
        let mut ws = connect(&app, &cookie, Some(unknown)).await;
        hello(&mut ws).await;
        assert_eq!(next_json(&mut ws).await["type"], "resync");
        assert_eq!(close_code(&mut ws).await, CLOSE_RESYNC);
    }

    // Pruned: everything before now, except the newest event, which keeps ids from going back.
    let (removed, left) = app
        .state
        .db
        .write(|conn| {
            let removed =
                realtime_events::prune(conn, agora::time::now() + chrono::Duration::seconds(1))?;
            let left: Vec<i64> = agora::db::schema::events::table
                .select(agora::db::schema::events::id)
                .load(conn)?;
            Ok((removed, left))
        })
        .await
        .expect("prune");
    assert!(removed >= recorded.len() - 1, "removed {removed}");
    assert_eq!(left, vec![newest]);
    let mut ws = connect(&app, &cookie, Some(cursor(&app, recorded[10].id))).await;
    hello(&mut ws).await;
    assert_eq!(next_json(&mut ws).await["type"], "resync");
    assert_eq!(close_code(&mut ws).await, CLOSE_RESYNC);
    // From the cut on, replay works again.
    let later = record_all(&app, vec![message_in(&place, 9999)])
        .await
        .remove(0);
    let mut ws = connect(&app, &cookie, Some(cursor(&app, newest - 1))).await;
    hello(&mut ws).await;
    assert_eq!(next_json(&mut ws).await["id"], cursor(&app, newest));
    assert_eq!(next_json(&mut ws).await["id"], cursor(&app, later.id));
}

/// Publishes large events to a client that reads nothing until the hub drops it, `burst` of
/// `pad` bytes at a time; returns how many.
async fn flood_until_dropped(app: &TestApp, place: &Place, burst: usize, pad: usize) -> usize {
    let latest = app
        .state
        .db
        .read(realtime_events::latest_id)
        .await
        .expect("latest");
    // Large events fill the socket buffers, then the bounded queue; nothing is read meanwhile.
    let pad = "x".repeat(pad);
    let mut published = 0;
    while app.state.hub.connection_count() > 0 {
        assert!(
            published < 20 * WS_QUEUE_EVENTS * 8,
            "still connected after {published} unread events"
        );
        for _ in 0..burst {
            published += 1;
            let event = StoredEvent::new(
                latest + published as i64,
                NewEvent {
                    data: json!({ "pad": pad }),
                    ..message_in(place, published)
                },
            )
            .expect("event");
            app.state.hub.publish(event);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    published
}

#[tokio::test]
async fn a_client_that_does_not_read_is_dropped_with_resync() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let a = world.member_a.user_id;
    let place = place(&app, &world, &[a], &[a]).await;
    let (cookie, _) = app.session_cookie(&world.member_a.email).await;
    let mut ws = connect(&app, &cookie, None).await;
    hello(&mut ws).await;
    wait_for_connections(&app, 1).await;
    let published = flood_until_dropped(&app, &place, 32, 16 * 1024).await;
    assert!(
        published > WS_QUEUE_EVENTS,
        "dropped after only {published} events"
    );
    assert_eq!(close_code(&mut ws).await, CLOSE_RESYNC);
}

/// A client that stopped reading and comes back long after it was dropped still learns why: the
/// close frame waits behind what was already sent instead of being given up.
#[tokio::test]
async fn a_client_that_stopped_reading_gets_the_resync_code_when_it_reads_again() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let a = world.member_a.user_id;
    let place = place(&app, &world, &[a], &[a]).await;
    let (cookie, _) = app.session_cookie(&world.member_a.email).await;
    let mut ws = connect(&app, &cookie, None).await;
    hello(&mut ws).await;
    wait_for_connections(&app, 1).await;
    // Slow enough for the server to keep up, so that the socket's buffers fill before the queue
    // does: the server is then stuck on a full socket, as with a real slow consumer.
    flood_until_dropped(&app, &place, 4, 64 * 1024).await;
    // Longer than the server ever waited for room to queue a close frame (10 s).
    tokio::time::sleep(Duration::from_secs(11)).await;
    assert_eq!(close_code(&mut ws).await, CLOSE_RESYNC);
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

#[tokio::test]
async fn an_idle_stream_stays_open_with_heartbeats() {
    let every = Duration::from_millis(700);
    let app = agora_tests::app::spawn_app_with(|c| c.ws_heartbeat = every).await;
    let world = World::build(&app).await;
    let a = world.member_a.user_id;
    let place = place(&app, &world, &[a], &[a]).await;
    let (cookie, _) = app.session_cookie(&world.member_a.email).await;
    let mut ws = connect(&app, &cookie, None).await;
    hello(&mut ws).await;
    let started = std::time::Instant::now();
    for _ in 0..2 {
        let frame = next_json_within(&mut ws, every * 4).await;
        assert_eq!(frame["type"], "heartbeat", "{frame}");
    }
    assert!(started.elapsed() >= every * 2 - Duration::from_millis(100));
    // Still subscribed after the idle time and the heartbeats' session checks.
    let sent = publish(&app, message_in(&place, 1)).await;
    let got = loop {
        let frame = next_json(&mut ws).await;
        if frame["type"] != "heartbeat" {
            break frame;
        }
    };
    assert_eq!(got["id"], cursor(&app, sent.id));
    assert_eq!(app.state.hub.connection_count(), 1);
}

/// Resident memory of this process, in KiB.
fn rss_kib() -> i64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

/// Opens idle event streams with a raw client (no client-side buffers to speak of) and reports
/// the server's resident memory per connection. `cargo test -p agora-tests --test suite
/// realtime::idle_memory -- --ignored --nocapture`
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "measurement: prints memory per idle websocket"]
async fn idle_memory_per_connection() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    const N: usize = 2_000;
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (cookie, _) = app.session_cookie(&world.member_a.email).await;
    let addr = app.address.trim_start_matches("http://").to_string();
    let request = format!(
        "GET /api/v1/events HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
         Accept-Encoding: gzip, deflate, br\r\nCookie: {cookie}\r\n\r\n"
    );
    let open = |request: String, addr: String| async move {
        let mut socket = TcpStream::connect(addr).await.expect("connect");
        socket.write_all(request.as_bytes()).await.expect("send");
        // The 101 answer and the hello frame.
        let mut buf = [0u8; 1024];
        let mut seen = Vec::new();
        while !seen.windows(5).any(|w| w == b"hello") {
            let n = socket.read(&mut buf).await.expect("read");
            assert!(n > 0, "closed: {}", String::from_utf8_lossy(&seen));
            seen.extend_from_slice(&buf[..n]);
        }
        socket
    };
    // Warm up allocator pools and lazily created structures.
    let mut sockets = Vec::with_capacity(N + 100);
    for _ in 0..100 {
        sockets.push(open(request.clone(), addr.clone()).await);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = rss_kib();
    for _ in 0..N {
        sockets.push(open(request.clone(), addr.clone()).await);
    }
    wait_for_connections(&app, N + 100).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let after = rss_kib();
    let per = (after - before) as f64 / N as f64;
    eprintln!(
        "{N} idle websockets: {} KiB more resident, {per:.1} KiB each ({})",
        after - before,
        agora_tests::app::backend_name()
    );
}
