//! Idle streams: heartbeats keep them open, and what each costs in memory.

use super::*;

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
