//! The chromedriver process a [`super::Browser`] talks to: Chromium's options, a port, waiting
//! until it is ready, and ending its session from `Drop`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use fantoccini::wd::Capabilities;
use serde_json::json;

use super::{CHROMIUM, WAIT};

pub(super) fn chrome_capabilities(profile_dir: &Path) -> Capabilities {
    let options = json!({
        "binary": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox", // we run as root
            "--disable-gpu",
            // The machine has no network: keep Chromium from trying.
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
            format!("--user-data-dir={}", profile_dir.display()),
        ],
    });
    let mut capabilities = Capabilities::new();
    capabilities.insert("browserName".to_string(), json!("chrome"));
    capabilities.insert("goog:chromeOptions".to_string(), options);
    capabilities
}

/// A port that was free a moment ago (chromedriver needs a number up front).
pub(super) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("binding a local port to find a free one")
}

/// Polls chromedriver's `/status` until it says it is ready (10 s at most).
pub(super) async fn wait_until_ready(driver_url: &str) {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(1))
        .build()
        .expect("building an HTTP client");
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        if let Ok(response) = http.get(format!("{driver_url}/status")).send().await
            && let Ok(status) = response.json::<serde_json::Value>().await
            && status["value"]["ready"] == json!(true)
        {
            return;
        }
        if tokio::time::Instant::now() >= deadline {
            panic!("chromedriver at {driver_url} was not ready within {WAIT:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `DELETE /session/{id}` over a blocking socket: usable from `Drop`.
/// Best effort, errors are ignored (the test is ending anyway).
pub(super) fn delete_session(driver_port: u16, session_id: &str) {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", driver_port)) else {
        return;
    };
    let _ = stream.set_read_timeout(Some(WAIT));
    let _ = stream.set_write_timeout(Some(WAIT));
    let request = format!(
        "DELETE /session/{session_id} HTTP/1.1\r\nHost: 127.0.0.1:{driver_port}\r\n\
         Content-Length: 0\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_err() {
        return;
    }
    // The response comes once Chromium is shut down. Stop at the end of its
    // head: chromedriver keeps the socket open despite `Connection: close`.
    let mut response = Vec::new();
    let mut chunk = [0u8; 1024];
    while !response.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => response.extend_from_slice(&chunk[..n]),
        }
    }
}
