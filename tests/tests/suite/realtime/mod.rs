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

mod connecting;
mod delivery;
mod ended_sessions;
mod idle;
mod replay;
mod slow_clients;

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

/// The status of a refused handshake.
fn refused(result: Result<Ws, tokio_tungstenite::tungstenite::Error>) -> u16 {
    match result {
        Err(tokio_tungstenite::tungstenite::Error::Http(res)) => res.status().as_u16(),
        Err(other) => panic!("handshake failed without an answer: {other}"),
        Ok(_) => panic!("handshake was accepted"),
    }
}
