//! What a browser tab sends back per event, as `server/static/agora.js` does it, for the clients
//! of benchmark (a): a reader that only counts frames hides the requests every delivery causes.
//!
//! - [`Script::Tab`], today's script: a new message is fetched once (`GET /messages/{id}/fragment`;
//!   the poster's tab once too, for its form answer and the event together); the read position
//!   is sent at most every [`READ_EVERY`] (`POST /api/v1/channels/{id}/read`), never for one's own
//!   message.
//! - [`Script::OldTab`], the script before the one-way live path: every event fetched its message
//!   and marked it read at once; the poster's tab fetched its message twice (form answer, event).
//! - [`Script::Frames`]: no requests (the benchmark as it was).
//!
//! Each tab makes its requests on one keep-alive connection of its own, in order, off the task
//! that reads the websocket (a browser's fetches do not hold up its websocket either).

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::http;

/// The debounce of the script's mark-read (`READ_EVERY` in agora.js).
pub const READ_EVERY: Duration = Duration::from_millis(3000);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Frames,
    Tab,
    OldTab,
}

impl Script {
    pub fn parse(s: &str) -> Option<Script> {
        match s {
            "frames" => Some(Script::Frames),
            "tab" => Some(Script::Tab),
            "old-tab" => Some(Script::OldTab),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Script::Frames => "frames",
            Script::Tab => "tab",
            Script::OldTab => "old-tab",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Script::Frames => "clients only read frames",
            Script::Tab => "clients behave like today's browser tab",
            Script::OldTab => "clients behave like the browser tab before the one-way live path",
        }
    }
}

/// Requests made by all tabs of a client process.
#[derive(Default)]
pub struct Counts {
    pub fragments: AtomicU64,
    pub reads: AtomicU64,
    pub failed: AtomicU64,
    /// Requests still queued or in flight.
    pub pending: AtomicU64,
}

/// A signed-in reader: `token csrf user_id`, one line of the tokens file.
#[derive(Debug, Clone)]
pub struct Reader {
    pub token: String,
    pub csrf: String,
    pub user_id: i64,
}

impl Reader {
    pub fn parse(line: &str) -> Reader {
        let mut words = line.split_whitespace();
        Reader {
            token: words.next().unwrap_or_default().to_string(),
            csrf: words.next().unwrap_or_default().to_string(),
            user_id: words.next().and_then(|w| w.parse().ok()).unwrap_or(0),
        }
    }
}

/// What the script reads of an event.
struct Seen {
    channel: i64,
    message: i64,
    seq: i64,
    mine: bool,
}

fn seen(text: &str, me: i64) -> Option<Seen> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    if v["kind"] != "message_created" || !v["data"]["message"]["thread_root_id"].is_null() {
        return None;
    }
    let m = &v["data"]["message"];
    Some(Seen {
        channel: v["channel_id"].as_i64()?,
        message: m["id"].as_i64()?,
        seq: m["seq"].as_i64()?,
        mine: m["author"]["id"].as_i64() == Some(me),
    })
}

/// Starts the tab of `reader`; feed it every event frame it receives. `None` for
/// [`Script::Frames`].
pub fn open(
    addr: SocketAddr,
    reader: &Reader,
    script: Script,
    counts: Arc<Counts>,
) -> Option<mpsc::UnboundedSender<String>> {
    if script == Script::Frames {
        return None;
    }
    let (tx, rx) = mpsc::unbounded_channel();
    let client = http::Client::signed_in(addr, &reader.token, &reader.csrf);
    tokio::spawn(run(client, reader.user_id, script, counts, rx));
    Some(tx)
}

async fn run(
    mut client: http::Client,
    me: i64,
    script: Script,
    counts: Arc<Counts>,
    mut events: mpsc::UnboundedReceiver<String>,
) {
    let mut pending: Option<(i64, i64)> = None; // channel, seq
    let mut sent_at: Option<Instant> = None;
    let mut due: Option<Instant> = None;
    loop {
        let wake = due.unwrap_or_else(|| Instant::now() + Duration::from_secs(3600));
        tokio::select! {
            event = events.recv() => {
                let Some(text) = event else { break };
                let Some(s) = seen(&text, me) else { continue };
                let fetches = match (script, s.mine) {
                    (Script::OldTab, true) => 2,
                    _ => 1,
                };
                for _ in 0..fetches {
                    let path = format!("/messages/{}/fragment", s.message);
                    request(&mut client, &counts, "GET", &path, None, &counts.fragments).await;
                }
                match script {
                    Script::OldTab => read(&mut client, &counts, s.channel, s.seq).await,
                    Script::Tab if !s.mine => {
                        let seq = pending.map_or(s.seq, |(_, p)| p.max(s.seq));
                        pending = Some((s.channel, seq));
                        if due.is_none() {
                            let earliest = sent_at.map_or(Instant::now(), |t| t + READ_EVERY);
                            due = Some(earliest.max(Instant::now()));
                        }
                    }
                    _ => {}
                }
            }
            _ = tokio::time::sleep_until(wake), if due.is_some() => {
                due = None;
                if let Some((channel, seq)) = pending.take() {
                    sent_at = Some(Instant::now());
                    read(&mut client, &counts, channel, seq).await;
                }
            }
        }
    }
}

async fn read(client: &mut http::Client, counts: &Counts, channel: i64, seq: i64) {
    let body = serde_json::json!({ "seq": seq }).to_string();
    let path = format!("/api/v1/channels/{channel}/read");
    request(
        client,
        counts,
        "POST",
        &path,
        Some(body.as_bytes()),
        &counts.reads,
    )
    .await;
}

async fn request(
    client: &mut http::Client,
    counts: &Counts,
    method: &str,
    path: &str,
    body: Option<&[u8]>,
    kind: &AtomicU64,
) {
    counts.pending.fetch_add(1, Ordering::Relaxed);
    match client.send(method, path, body).await {
        Ok(r) if r.status == 200 => {
            kind.fetch_add(1, Ordering::Relaxed);
        }
        _ => {
            counts.failed.fetch_add(1, Ordering::Relaxed);
        }
    }
    counts.pending.fetch_sub(1, Ordering::Relaxed);
}
