//! The one-way live path: a post with open readers records one event, and moving a read marker to
//! where it already is writes nothing. What the live script does per delivery is replayed here
//! against the API: readers whose position does not move, and the poster, cause no event.

use agora::db::schema::{events, read_markers};
use agora_shared::events::EventKind;
use agora_tests::api::text_in;
use agora_tests::personas::{Persona, World};
use agora_tests::ws::{connect, frames_until, hello, is_post_of, wait_for_connections};
use agora_tests::{TestApp, rows, spawn_app};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::{Value, json};

async fn events_recorded(app: &TestApp) -> i64 {
    rows!(app, events)
}

async fn read_markers_of(app: &TestApp, kind: EventKind) -> i64 {
    let kind = kind.as_str();
    rows!(app, events, events::kind.eq(kind))
}

/// `who`'s read position in `channel`, and when it was last written.
async fn marker(app: &TestApp, who: &Persona, channel: i64) -> (i64, chrono::NaiveDateTime) {
    let user_id = who.user_id;
    app.state
        .db
        .read(move |conn| {
            Ok(read_markers::table
                .filter(read_markers::user_id.eq(user_id))
                .filter(read_markers::channel_id.eq(channel))
                .select((read_markers::read_seq, read_markers::updated_at))
                .first(conn)?)
        })
        .await
        .expect("read marker")
}

async fn mark_read(who: &Persona, channel: i64, seq: i64) -> Value {
    let res = who
        .session
        .api(
            Method::POST,
            &format!("/api/v1/channels/{channel}/read"),
            Some(json!({ "seq": seq })),
        )
        .await;
    assert_eq!(res.status(), 200, "mark read in {channel}");
    res.json().await.expect("channel")
}

#[tokio::test]
async fn a_post_with_open_readers_records_exactly_one_event() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let channel = world.general_channel;
    let poster = &world.admin_a;
    let readers = [&world.admin_a, &world.member_a, &world.admin_b];
    // Every reader has read everything so far.
    let first = mark_read(poster, channel, i64::MAX).await;
    let before_seq = first["last_seq"].as_i64().expect("last_seq");
    for r in &readers[1..] {
        mark_read(r, channel, before_seq).await;
    }
    let mut sockets = Vec::new();
    for r in &readers {
        let (cookie, _) = app.session_cookie(&r.email).await;
        let mut ws = connect(&app, &cookie, None).await;
        hello(&mut ws).await;
        sockets.push(ws);
    }
    wait_for_connections(&app, readers.len()).await;

    let before = events_recorded(&app).await;
    let body = "Live: one post, one event.";
    let seq = poster
        .session
        .post_message(channel, text_in(body, "en"))
        .await
        .seq;
    for ws in &mut sockets {
        frames_until(ws, |f| is_post_of(f, body)).await;
    }
    // What tabs send back: the poster's own tab marks its own message read (the old script did),
    // the others send the position they already hold (a tab that was hidden, or a repeat).
    let own = mark_read(poster, channel, seq).await;
    assert_eq!(own["unread"], 0, "the poster's marker moved with the post");
    for r in &readers[1..] {
        mark_read(r, channel, before_seq).await;
    }
    assert_eq!(
        events_recorded(&app).await,
        before + 1,
        "one post with {} open readers records one event",
        readers.len()
    );
    app.stop().await;
}

#[tokio::test]
async fn marking_the_same_position_twice_writes_nothing() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let channel = world.general_channel;
    let reader = &world.member_a;
    let view = mark_read(reader, channel, i64::MAX).await;
    let seq = view["last_seq"].as_i64().expect("last_seq");
    assert!(seq > 0, "the channel has messages");
    let markers = read_markers_of(&app, EventKind::ReadMarker).await;
    mark_read(reader, channel, 0).await;
    // A move is recorded once.
    mark_read(reader, channel, seq).await;
    assert_eq!(
        read_markers_of(&app, EventKind::ReadMarker).await,
        markers + 2
    );
    let written = marker(&app, reader, channel).await;
    assert_eq!(written.0, seq);
    let before = events_recorded(&app).await;
    let again = mark_read(reader, channel, seq).await;
    assert_eq!(again["unread"], 0);
    assert_eq!(again, mark_read(reader, channel, seq).await);
    assert_eq!(events_recorded(&app).await, before, "no event for no move");
    assert_eq!(
        marker(&app, reader, channel).await,
        written,
        "the marker row was not written again"
    );
    app.stop().await;
}
