use super::axe::axe_source;
use super::*;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// The same policy as the application: no inline script.
const CSP: &str = "default-src 'self'; script-src 'self'";
const START: &str = r##"<!doctype html><html lang="de"><head><title>Start</title></head>
<body><a id="skip" href="#main">Zum Inhalt</a><main id="main"><h1 id="title">Hallo</h1>
<img src="/missing.png"><form id="f" action="/done" method="get">
<label for="q">Suche</label><input id="q" name="q"><button>Senden</button></form>
<script>document.getElementById('title').textContent = 'inline script ran';</script>
</main></body></html>"##;
const DONE: &str = r#"<!doctype html><html lang="de"><head><title>Fertig</title></head>
<body><main><h1 id="title">Fertig</h1></main></body></html>"#;

/// Serves START at `/` and DONE at `/done`, with the CSP header, until
/// the test ends. Each connection gets its own task: Chromium opens
/// speculative connections that never send a request.
async fn serve_pages() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local addr");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                let Ok(Some(request_line)) = lines.next_line().await else {
                    return;
                };
                while let Ok(Some(line)) = lines.next_line().await {
                    if line.is_empty() {
                        break;
                    }
                }
                let path = request_line.split(' ').nth(1).unwrap_or("/");
                let (status, body) = match path.split('?').next() {
                    Some("/") => ("200 OK", START),
                    Some("/done") => ("200 OK", DONE),
                    _ => ("404 Not Found", ""),
                };
                let response = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n\
                     Content-Security-Policy: {CSP}\r\nContent-Length: {}\r\n\
                     Connection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = write.write_all(response.as_bytes()).await;
            });
        }
    });
    format!("http://{addr}")
}

/// Every helper against a page with a strict CSP, including axe-core
/// injection, which must not be blocked by the page's policy.
#[tokio::test]
async fn helpers_work_on_a_page_with_strict_csp() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let base = serve_pages().await;
    browser.goto(&format!("{base}/")).await;

    assert_eq!(browser.html_lang().await.as_deref(), Some("de"));
    // The inline script was blocked, so the CSP is in force.
    assert_eq!(browser.text("#title").await, "Hallo");
    assert_eq!(
        browser.press_tab_and_active_element_description().await,
        r#"a#skip "Zum Inhalt""#
    );

    if axe_source().is_ok() || std::env::var_os(crate::skips::REQUIRE_ALL).is_some() {
        let violations = browser.axe().await;
        assert!(
            violations.iter().any(|v| v.id == "image-alt"),
            "expected image-alt, got {}",
            format_violations(&base, &violations)
        );
        let report = format_violations(&base, &violations);
        assert!(report.contains("img"), "{report}");
    }

    browser.fill("#q", "hello world").await;
    browser.submit_form("#f").await;
    assert_eq!(
        browser.current_url().await,
        format!("{base}/done?q=hello+world")
    );
    assert_eq!(browser.text("#title").await, "Fertig");
    // axe again on the new page: it must be injected afresh.
    if axe_source().is_ok() || std::env::var_os(crate::skips::REQUIRE_ALL).is_some() {
        assert_eq!(browser.axe().await.len(), 0);
    }
    browser.close().await;
}
