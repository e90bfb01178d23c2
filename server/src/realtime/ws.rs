//! `GET /api/v1/events`: one websocket per browser tab.
//!
//! 1. The connection is registered with the hub first, so nothing published from then on is lost.
//! 2. `{"type":"hello","last_event_id":C}`: where this stream starts, the client's own
//!    `last_event_id` or, without one, the cursor of the newest event this person may see.
//! 3. With a `last_event_id`, what the client missed as it may see it now, read from the database,
//!    oldest first; or `{"type":"resync",…}` and close code [`CLOSE_RESYNC`] when that is too much,
//!    pruned or unknown.
//! 4. Live events as [`agora_shared::events::EventEnvelope`] JSON, skipping those replay already
//!    sent; `{"type":"heartbeat"}` and a ping every heartbeat (`Config::ws_heartbeat`).
//!
//! Event ids and `last_event_id` are opaque cursors ([`super::cursor`]): clients store and send
//! them back, never compare them.
//!
//! The hub closes the socket with [`CLOSE_RESYNC`] when the client reads too slowly and with
//! [`CLOSE_SESSION_ENDED`](agora_shared::events::CLOSE_SESSION_ENDED) when its session ends. The
//! close frame has a place of its own in the outgoing queue, so it is sent even when the client
//! stopped reading: it arrives after what was already on its way. A client
//! silent for three heartbeats (browsers answer pings by themselves) is dropped. Clients send
//! nothing else, so incoming frames are capped at [`MAX_CLIENT_FRAME_BYTES`] to keep idle sockets
//! small.

use std::time::Duration;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use actix_ws::{CloseReason, Message, MessageStream, Session};
use agora_shared::ErrorCode;
use agora_shared::api::ErrorBody;
use agora_shared::events::{CLOSE_RESYNC, CLOSE_SESSION_ENDED, ControlFrame};
use agora_shared::limits::{MAX_REPLAY_EVENTS, WS_HEARTBEAT_SECS};
use futures_util::SinkExt;
use serde::Deserialize;
use tokio::time::Instant;

use super::cursor::CursorKey;
use super::hub::{CLOSE_GOING_AWAY, Connection, Next};
use super::replay::{self, MessageReader};
use crate::db::Db;
use crate::db::events::{self, Replay};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::extract::CurrentUser;

/// Largest frame a client may send: it only ever sends pongs and a close.
pub const MAX_CLIENT_FRAME_BYTES: usize = 512;
/// Streams one person may hold open at once (one per tab); vanished clients are dropped after
/// three silent heartbeats.
pub const MAX_STREAMS_PER_USER: usize = 20;
/// RFC 6455 codes.
const CLOSE_PROTOCOL_ERROR: u16 = 1002;
const CLOSE_INTERNAL_ERROR: u16 = 1011;

#[derive(Debug, Deserialize)]
pub struct EventsQuery {
    /// The cursor of the last event this client received (or of `hello`); omitted on a fresh
    /// start, `0` for everything it may see.
    pub last_event_id: Option<i64>,
}

fn bad_request() -> AppError {
    AppError::new(ErrorCode::InvalidBody, StatusCode::BAD_REQUEST)
}

/// The origin (`scheme://host[:port]`) of a URL.
fn origin_of(url: &str) -> &str {
    let host_start = url.find("://").map_or(0, |i| i + 3);
    url[host_start..]
        .find('/')
        .map_or(url, |end| &url[..host_start + end])
}

/// Browsers send `Origin` with every websocket handshake, and websockets are exempt from CORS:
/// a page of another origin must not open a stream with the visitor's cookie. Clients that send
/// no `Origin` (not browsers) are let through: they must present the cookie themselves.
fn same_origin(req: &HttpRequest, public_url: &str) -> bool {
    match req.headers().get(header::ORIGIN) {
        None => true,
        Some(origin) => origin
            .to_str()
            .is_ok_and(|o| o.eq_ignore_ascii_case(origin_of(public_url))),
    }
}

/// Whether the request asks for a websocket (the handshake checks the rest).
fn wants_websocket(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
}

#[utoipa::path(get, path = "/api/v1/events", tag = "events",
    params(("last_event_id" = Option<i64>, Query, description = "Opaque cursor: the `id` of the last event received, or `hello.last_event_id`; the server replays what came after it as the reader may see it now, or sends a resync frame and closes with 4000")),
    responses(
        (status = 101, description = "Websocket of event envelopes (`EventEnvelope`) and control frames (`hello`, `resync`, `heartbeat`); close code 4000 means resync, 4001 session ended"),
        (status = 400, description = "Not a websocket upgrade, or a negative `last_event_id`", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "`Origin` is not this site", body = ErrorBody),
        (status = 429, description = "Too many streams open for this person", body = ErrorBody)))]
pub async fn events(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<EventsQuery>,
    req: HttpRequest,
    body: web::Payload,
) -> AppResult<HttpResponse> {
    let requested = query.last_event_id;
    if requested.is_some_and(|id| id < 0) || !wants_websocket(&req) {
        return Err(bad_request());
    }
    if !same_origin(&req, state.config.public_url.as_str()) {
        return Err(AppError::forbidden());
    }
    let identity = &user.0;
    if state.hub.user_connection_count(identity.user.id) >= MAX_STREAMS_PER_USER {
        return Err(AppError::rate_limited(WS_HEARTBEAT_SECS));
    }
    let (response, session, stream) = actix_ws::handle(&req, body).map_err(|_| bad_request())?;
    let connection = state.hub.register(
        identity.user.id,
        identity.organisation.id,
        &identity.session_hash,
    );
    let stream = stream.max_frame_size(MAX_CLIENT_FRAME_BYTES);
    let link = Link {
        db: state.db.clone(),
        cursors: state.hub.cursors().clone(),
        heartbeat: state.hub.heartbeat(),
        read_message: state.hub.message_reader(),
    };
    actix_web::rt::spawn(serve(link, connection, session, stream, requested));
    Ok(response)
}

/// What a stream needs besides its socket.
struct Link {
    db: Db,
    cursors: CursorKey,
    heartbeat: Duration,
    read_message: MessageReader,
}

/// How a stream ends.
enum End {
    /// We close with this code.
    Close(u16),
    /// The client closed, or vanished.
    Gone,
}

fn close_reason(code: u16) -> CloseReason {
    let description = match code {
        CLOSE_RESYNC => "resync",
        CLOSE_SESSION_ENDED => "session ended",
        CLOSE_GOING_AWAY => "going away",
        CLOSE_PROTOCOL_ERROR => "protocol error",
        _ => "internal error",
    };
    CloseReason {
        code: code.into(),
        description: Some(description.into()),
    }
}

async fn serve(
    link: Link,
    mut connection: Connection,
    mut session: Session,
    mut stream: MessageStream,
    requested: Option<i64>,
) {
    // A clone reserves one place in the outgoing queue for the close frame before anything else
    // is queued: a client that stopped reading leaves no room later, and without it the stream
    // would end without telling the client why.
    let mut closer = session.clone();
    let reserved = std::future::poll_fn(|cx| closer.poll_ready_unpin(cx)).await;
    let end =
        match stream_events(&link, &mut connection, &mut session, &mut stream, requested).await {
            Ok(never) => match never {},
            Err(end) => end,
        };
    drop(connection);
    if let (End::Close(code), Ok(())) = (end, reserved) {
        let _ = closer.start_send_unpin(Message::Close(Some(close_reason(code))));
    }
    // Dropping the last handle ends the response once the close frame (if any) is written.
    drop(session);
    drop(closer);
}

/// Runs a send unless the hub closes the connection first: a client that does not read would
/// otherwise keep this task waiting.
async fn guarded(
    connection: &mut Connection,
    send: impl Future<Output = Result<(), actix_ws::Closed>>,
) -> Result<(), End> {
    tokio::select! {
        biased;
        code = connection.closed() => Err(End::Close(code)),
        sent = send => sent.map_err(|_| End::Gone),
    }
}

async fn send(
    session: &mut Session,
    connection: &mut Connection,
    text: impl Into<bytestring::ByteString>,
) -> Result<(), End> {
    guarded(connection, session.text(text)).await
}

async fn send_frame(
    session: &mut Session,
    connection: &mut Connection,
    frame: &ControlFrame,
) -> Result<(), End> {
    let text = serde_json::to_string(frame).map_err(|_| End::Close(CLOSE_INTERNAL_ERROR))?;
    send(session, connection, text).await
}

/// Hello, then replay or resync. Returns the id up to which live events were already sent.
/// (Boxed by the caller: its database futures would otherwise enlarge every idle connection.)
async fn start(
    link: &Link,
    connection: &mut Connection,
    session: &mut Session,
    requested: Option<i64>,
) -> Result<i64, End> {
    let user_id = connection.user_id;
    // Registered already: whatever is published while this reads reaches the queue too.
    let start = match requested.map(|cursor| (cursor, link.cursors.decode(cursor))) {
        // The client hears of the newest event it may see; live events up to the newest of all
        // predate the stream.
        None => link
            .db
            .read(move |conn| {
                // Bounded by the newest id so that whatever is visible and newer comes live.
                let latest = events::latest_id(conn)?;
                let visible = replay::last_visible_id(conn, user_id, latest)?;
                Ok((latest, visible, None))
            })
            .await
            .map(|(latest, visible, replay)| (latest, link.cursors.encode(visible), replay)),
        Some((cursor, None)) => Ok((0, cursor, Some(Replay::Resync))),
        Some((cursor, Some(after))) => {
            let read_message = link.read_message;
            link.db
                .read(move |conn| {
                    replay::replay(conn, user_id, after, MAX_REPLAY_EVENTS, read_message)
                })
                .await
                .map(|replay| (after, cursor, Some(replay)))
        }
    };
    let (position, hello, replay) = start.map_err(|e| {
        tracing::error!(user.id = user_id, error = ?e, "event stream could not start");
        End::Close(CLOSE_INTERNAL_ERROR)
    })?;
    send_frame(
        session,
        connection,
        &ControlFrame::Hello {
            last_event_id: hello,
        },
    )
    .await?;
    // Live events up to here were sent by replay or predate the stream.
    let mut floor = position;
    match replay {
        None => {}
        Some(Replay::Resync) => {
            send_frame(
                session,
                connection,
                &ControlFrame::Resync {
                    reason: "too_far_behind".into(),
                },
            )
            .await?;
            return Err(End::Close(CLOSE_RESYNC));
        }
        Some(Replay::Events(missed)) => {
            for event in missed {
                let frame = event.frame(link.cursors.encode(event.id));
                send(session, connection, frame).await?;
                floor = floor.max(event.id);
            }
        }
    }
    Ok(floor)
}

async fn stream_events(
    link: &Link,
    connection: &mut Connection,
    session: &mut Session,
    stream: &mut MessageStream,
    requested: Option<i64>,
) -> Result<std::convert::Infallible, End> {
    let floor = Box::pin(start(link, connection, session, requested)).await?;
    let every = link.heartbeat;
    let mut heartbeat = tokio::time::interval_at(Instant::now() + every, every);
    heartbeat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last_heard = Instant::now();
    loop {
        tokio::select! {
            next = connection.next() => match next {
                Next::Event(delivery) => {
                    if delivery.id > floor {
                        send(session, connection, delivery.json).await?;
                    }
                }
                Next::Close(code) => return Err(End::Close(code)),
            },
            incoming = stream.recv() => match incoming {
                Some(Ok(Message::Ping(bytes))) => {
                    last_heard = Instant::now();
                    guarded(connection, session.pong(&bytes)).await?;
                }
                Some(Ok(Message::Close(_))) | None => return Err(End::Gone),
                Some(Ok(_)) => last_heard = Instant::now(),
                Some(Err(_)) => return Err(End::Close(CLOSE_PROTOCOL_ERROR)),
            },
            _ = heartbeat.tick() => {
                if last_heard.elapsed() > every * 3 {
                    return Err(End::Gone);
                }
                send_frame(session, connection, &ControlFrame::Heartbeat).await?;
                guarded(connection, session.ping(b"")).await?;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn origins() {
        assert_eq!(origin_of("https://agora.example"), "https://agora.example");
        assert_eq!(origin_of("https://agora.example/"), "https://agora.example");
        assert_eq!(
            origin_of("http://127.0.0.1:8080/sub/path"),
            "http://127.0.0.1:8080"
        );
    }
}
