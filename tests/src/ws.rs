//! A websocket client of `/api/v1/events` for the realtime tests: connect with a session cookie
//! ([`TestApp::session_cookie`]) with or without a cursor, read frames, and wait for a sentinel event instead of sleeping.

use std::time::Duration;

use futures_util::StreamExt;
use serde_json::Value;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::TestApp;

pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// How long a frame that should arrive may take.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// Opens the event stream with `cookie`, from `last_event_id` when given.
pub async fn connect(app: &TestApp, cookie: &str, last_event_id: Option<i64>) -> Ws {
    try_connect(app, Some(cookie), last_event_id)
        .await
        .expect("websocket connects")
}

/// A handshake with or without a session cookie; the error when the server refuses it.
pub async fn try_connect(
    app: &TestApp,
    cookie: Option<&str>,
    last_event_id: Option<i64>,
) -> Result<Ws, tokio_tungstenite::tungstenite::Error> {
    try_connect_from(app, cookie, last_event_id, None).await
}

/// A handshake as a browser page of `origin` makes it.
pub async fn try_connect_from(
    app: &TestApp,
    cookie: Option<&str>,
    last_event_id: Option<i64>,
    origin: Option<&str>,
) -> Result<Ws, tokio_tungstenite::tungstenite::Error> {
    let mut url = format!("{}/api/v1/events", app.address.replacen("http", "ws", 1));
    if let Some(id) = last_event_id {
        url.push_str(&format!("?last_event_id={id}"));
    }
    let mut request = url.into_client_request().expect("request");
    if let Some(cookie) = cookie {
        request
            .headers_mut()
            .insert("cookie", cookie.parse().expect("cookie header"));
    }
    if let Some(origin) = origin {
        request
            .headers_mut()
            .insert("origin", origin.parse().expect("origin header"));
    }
    tokio_tungstenite::connect_async(request)
        .await
        .map(|(ws, _)| ws)
}

/// The next text frame as JSON.
pub async fn next_json(ws: &mut Ws) -> Value {
    next_json_within(ws, PATIENCE).await
}

/// The next text frame as JSON, waiting at most `patience`.
pub async fn next_json_within(ws: &mut Ws, patience: Duration) -> Value {
    loop {
        match tokio::time::timeout(patience, ws.next()).await {
            Ok(Some(Ok(Message::Text(text)))) => {
                return serde_json::from_str(text.as_str()).expect("frame is JSON");
            }
            Ok(Some(Ok(Message::Ping(_) | Message::Pong(_)))) => continue,
            other => panic!("expected a text frame, got {other:?}"),
        }
    }
}

/// Reads the `hello` frame and returns its cursor.
pub async fn hello(ws: &mut Ws) -> i64 {
    let frame = next_json(ws).await;
    assert_eq!(frame["type"], "hello", "{frame}");
    frame["last_event_id"].as_i64().expect("last_event_id")
}

/// Every event frame up to and including the first that `sentinel` matches; panics when the
/// sentinel does not come.
pub async fn frames_until(ws: &mut Ws, sentinel: impl Fn(&Value) -> bool) -> Vec<Value> {
    let mut frames = Vec::new();
    loop {
        let frame = next_json(ws).await;
        let done = sentinel(&frame);
        frames.push(frame);
        if done {
            return frames;
        }
    }
}

/// Records and publishes an event that only `user`'s streams receive, as a sentinel: events reach a
/// stream in order, so whatever arrives before it arrived in reply to what came before. Returns
/// its cursor.
pub async fn send_sentinel(app: &TestApp, user: i64) -> i64 {
    let now = app.state.clock.now();
    let stored = app
        .state
        .db
        .write(move |conn| {
            agora::realtime::events::record(
                conn,
                agora::realtime::events::NewEvent {
                    kind: agora_shared::events::EventKind::ReadMarker,
                    workspace_id: None,
                    channel_id: None,
                    user_id: Some(user),
                    data: serde_json::json!({ "sentinel": true }),
                },
                now,
            )
        })
        .await
        .expect("record sentinel");
    let cursor = app.state.hub.cursors().encode(stored.id);
    app.state.hub.publish(stored);
    cursor
}

/// The frames (heartbeats aside) that arrive before the sentinel of `user`
/// ([`send_sentinel`]), which is sent now, and the sentinel's cursor; panics when it does not come.
pub async fn frames_before_sentinel(app: &TestApp, ws: &mut Ws, user: i64) -> (Vec<Value>, i64) {
    let sentinel = send_sentinel(app, user).await;
    let mut frames = frames_until(ws, |f| f["id"] == sentinel).await;
    frames.pop();
    frames.retain(|f| f["type"] != "heartbeat");
    (frames, sentinel)
}

/// Asserts that `user`'s stream `ws` receives nothing before a sentinel sent now: a negative check
/// that neither sleeps nor passes because a frame was slow. Returns the sentinel's cursor.
pub async fn nothing_before_sentinel(app: &TestApp, ws: &mut Ws, user: i64, who: &str) -> i64 {
    let (frames, sentinel) = frames_before_sentinel(app, ws, user).await;
    assert!(
        frames.is_empty(),
        "{who} should have received nothing, got {frames:?}"
    );
    sentinel
}

/// Whether `frame` is the `message_created` event of the message whose body is `body`.
pub fn is_post_of(frame: &Value, body: &str) -> bool {
    frame["kind"] == "message_created" && frame["data"]["message"]["markdown"] == body
}

/// The texts a reader must never see, searched in every frame it got.
pub fn assert_absent(frames: &[Value], secrets: &[&str], who: &str) {
    for frame in frames {
        let text = frame.to_string();
        for secret in secrets {
            assert!(
                !text.contains(secret),
                "{who} received {secret:?} in {frame}"
            );
        }
    }
}

/// Waits until the hub has registered `n` connections (the upgrade answer comes first).
pub async fn wait_for_connections(app: &TestApp, n: usize) {
    for _ in 0..500 {
        if app.state.hub.connection_count() == n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!(
        "expected {n} connections, have {}",
        app.state.hub.connection_count()
    );
}
