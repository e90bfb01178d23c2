//! Websocket clients of `GET /api/v1/events`, run in a separate process so that they neither
//! share the server's async runtime nor count in its memory.

use std::io::BufRead;
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context, bail};
use futures_util::StreamExt;
use tokio::net::TcpStream;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

use crate::http;
use crate::tab::{self, Reader, Script};

pub type Socket = WebSocketStream<TcpStream>;

/// Client buffers: 4 KiB to read (events are a few hundred bytes to a few KiB), nothing
/// buffered for writing (clients only answer pings).
pub fn small_config() -> WebSocketConfig {
    WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0)
}

/// Opens the event stream with `token` as the session cookie and waits for its `hello` frame.
pub async fn connect(
    addr: SocketAddr,
    token: &str,
    config: Option<WebSocketConfig>,
) -> anyhow::Result<Socket> {
    let stream = http::connect(addr, None).await?;
    let mut request = format!("ws://{addr}/api/v1/events").into_client_request()?;
    request.headers_mut().insert(
        "cookie",
        HeaderValue::from_str(&format!("agora_session={token}"))?,
    );
    let (mut socket, _) =
        tokio_tungstenite::client_async_with_config(request, stream, config).await?;
    let first = tokio::time::timeout(Duration::from_secs(10), socket.next())
        .await
        .context("no hello frame within 10 s")?
        .context("stream ended before hello")??;
    match first {
        Message::Text(t) if t.contains("\"hello\"") => Ok(socket),
        other => bail!("expected hello, got {other:?}"),
    }
}

/// Microseconds since the Unix epoch: the clock both processes of the latency benchmark share.
pub fn wall_us() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as u64)
}

/// Lines of this process's stdin, read on a thread (the runtime has no async stdin here).
fn stdin_lines() -> tokio::sync::mpsc::UnboundedReceiver<String> {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// The websocket client process: `--ws-child <mode>:<port>:<tokens file>[:<warm-up>[:<script>]]`.
/// Each line of the tokens file is `token csrf user_id` ([`crate::tab::Reader`]).
///
/// - `idle`: on `open N` opens N more websockets (tokens round-robin), each drained by its own
///   task like a browser tab, and answers `ok <open>`; `quit` ends it.
/// - `latency`: one websocket per token, then answers `ready`; records the delay of every probe
///   event (see [`crate::probe::body`]); on `stop <expected>` waits (at most 10 s) for
///   that many, then prints `result <json>` and ends. Probes numbered below the warm-up are
///   counted but left out of the percentiles. Each client answers events as `script`
///   ([`crate::tab::Script`]) says.
pub async fn child(spec: &str) -> anyhow::Result<()> {
    let mut parts = spec.split(':');
    let mode = parts.next().unwrap_or("");
    let port = parts.next().context("port")?;
    let tokens_file = parts.next().context("tokens file")?;
    let warmup: u64 = parts.next().and_then(|w| w.parse().ok()).unwrap_or(0);
    let script = Script::parse(parts.next().unwrap_or("frames")).context("script")?;
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
    let readers: Vec<Reader> = std::fs::read_to_string(tokens_file)?
        .lines()
        .map(Reader::parse)
        .collect();
    anyhow::ensure!(!readers.is_empty(), "no tokens");
    let commands = stdin_lines();
    match mode {
        "idle" => {
            let tokens = readers.into_iter().map(|r| r.token).collect();
            idle(addr, tokens, commands).await
        }
        "latency" => latency(addr, readers, warmup, script, commands).await,
        other => bail!("unknown mode {other}"),
    }
}

async fn idle(
    addr: SocketAddr,
    tokens: Vec<String>,
    mut commands: tokio::sync::mpsc::UnboundedReceiver<String>,
) -> anyhow::Result<()> {
    let mut open = 0usize;
    let mut tasks = Vec::new();
    println!("ready");
    while let Some(line) = commands.recv().await {
        let mut words = line.split_whitespace();
        match (
            words.next(),
            words.next().and_then(|n| n.parse::<usize>().ok()),
        ) {
            (Some("open"), Some(n)) => {
                let sockets = futures_util::stream::iter(open..open + n)
                    .map(|i| {
                        let token = tokens[i % tokens.len()].clone();
                        async move { connect(addr, &token, Some(small_config())).await }
                    })
                    .buffer_unordered(32)
                    .collect::<Vec<_>>()
                    .await;
                for socket in sockets {
                    let mut socket = socket?;
                    tasks.push(tokio::spawn(async move {
                        while let Some(Ok(m)) = socket.next().await {
                            if matches!(m, Message::Close(_)) {
                                break;
                            }
                        }
                    }));
                }
                open += n;
                println!("ok {open}");
            }
            (Some("quit"), _) => break,
            _ => bail!("unknown command {line:?}"),
        }
    }
    for t in tasks {
        t.abort();
    }
    Ok(())
}

async fn latency(
    addr: SocketAddr,
    people: Vec<Reader>,
    warmup: u64,
    script: Script,
    mut commands: tokio::sync::mpsc::UnboundedReceiver<String>,
) -> anyhow::Result<()> {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    let sockets = futures_util::stream::iter(people)
        .map(|r| async move { connect(addr, &r.token, None).await.map(|s| (s, r)) })
        .buffer_unordered(16)
        .collect::<Vec<_>>()
        .await;
    let received = Arc::new(AtomicU64::new(0));
    let counts = Arc::new(tab::Counts::default());
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut readers = Vec::new();
    for socket in sockets {
        let (mut socket, reader) = socket?;
        let tab = tab::open(addr, &reader, script, counts.clone());
        let received = received.clone();
        let mut stop = stop_rx.clone();
        readers.push(tokio::spawn(async move {
            let mut delays: Vec<(u64, u64)> = Vec::new();
            let mut ended = None;
            loop {
                tokio::select! {
                    m = socket.next() => match m {
                        Some(Ok(Message::Text(t))) => {
                            let now = wall_us();
                            if let Some((seq, sent)) = crate::probe::parse(&t) {
                                delays.push((seq, now.saturating_sub(sent)));
                                received.fetch_add(1, Ordering::Relaxed);
                            }
                            if let Some(tab) = &tab {
                                let _ = tab.send(t.as_str().to_string());
                            }
                        }
                        Some(Ok(Message::Close(frame))) => {
                            ended = Some(format!("closed by the server: {frame:?}"));
                            break;
                        }
                        Some(Ok(_)) => {}
                        Some(Err(e)) => {
                            ended = Some(e.to_string());
                            break;
                        }
                        None => {
                            ended = Some("stream ended".into());
                            break;
                        }
                    },
                    _ = stop.changed() => break,
                }
            }
            let _ = tokio::time::timeout(Duration::from_secs(1), socket.close(None)).await;
            (delays, ended)
        }));
    }
    println!("ready {}", readers.len());
    let expected = loop {
        let line = commands.recv().await.context("no stop command")?;
        if let Some(n) = line.strip_prefix("stop ") {
            break n.trim().parse::<u64>()?;
        }
    };
    let waiting = std::time::Instant::now();
    while received.load(Ordering::Relaxed) < expected && waiting.elapsed() < Duration::from_secs(10)
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stop_tx.send(true)?;
    let mut samples = crate::stats::Samples::default();
    let (mut all, mut ended) = (0u64, Vec::new());
    for r in readers {
        let (delays, end) = r.await?;
        all += delays.len() as u64;
        for (seq, delay) in delays {
            if seq >= warmup {
                samples.push_micros(delay);
            }
        }
        ended.extend(end);
    }
    let us = |d: Duration| d.as_micros() as u64;
    println!(
        "result {}",
        serde_json::json!({
            "received": all,
            "ended": ended.len(),
            "first_end": ended.first(),
            "n": samples.len(),
            "p50": us(samples.percentile(50.0)),
            "p90": us(samples.percentile(90.0)),
            "p99": us(samples.percentile(99.0)),
            "p999": us(samples.percentile(99.9)),
            "max": us(samples.max()),
            "fragments": counts.fragments.load(Ordering::Relaxed),
            "reads": counts.reads.load(Ordering::Relaxed),
            "failed": counts.failed.load(Ordering::Relaxed),
            "in_flight": counts.pending.load(Ordering::Relaxed),
        })
    );
    Ok(())
}
