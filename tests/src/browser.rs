//! Headless Chromium driven over WebDriver (Debian's chromedriver + chromium),
//! for tests that use the application as a person would: real navigation,
//! real forms, the keyboard, and axe-core accessibility checks.
//!
//! Helpers panic with the CSS selector and the page URL on failure, which is
//! what a failing test wants to show; use `browser.client` directly to probe
//! for things that may legitimately be absent.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::OnceLock;
use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::error::CmdError;
use fantoccini::wd::{Capabilities, TimeoutConfiguration};
use fantoccini::{Client, ClientBuilder, Locator};
use serde::Deserialize;
use serde_json::json;
use tokio::process::{Child, Command};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Env var naming axe-core's `axe.min.js` (installed from npm by `.ci/run`).
const AXE_JS: &str = "AGORA_TEST_AXE_JS";
/// How long helpers wait for an element to appear or a page to load.
const WAIT: Duration = Duration::from_secs(10);
/// WebDriver's key code for Tab (the same as `fantoccini::key::Key::Tab`).
const TAB: char = '\u{e004}';

/// A Chromium session with its own chromedriver process and profile dir.
/// Call [`Browser::close`] at the end of a test; dropping it also cleans up,
/// so a panicking test does not leave Chromium behind.
pub struct Browser {
    pub client: Client,
    driver: Child,
    driver_port: u16,
    session_id: Option<String>,
    profile_dir: PathBuf,
    closed: bool,
}

/// One failed axe-core rule, with every element that failed it.
#[derive(Debug, Clone, Deserialize)]
pub struct AxeViolation {
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: Option<String>,
    pub help: String,
    /// One entry per failing element: its CSS target, then its HTML.
    pub nodes: Vec<String>,
}

impl Browser {
    /// Starts chromedriver on a free port and opens a headless Chromium
    /// session. Returns `None` (after printing `SKIPPED: ...`) when Chromium
    /// or chromedriver is not installed, unless `AGORA_TEST_REQUIRE_ALL` is
    /// set, in which case it panics. Panics if they are installed but fail.
    pub async fn start() -> Option<Browser> {
        for binary in [CHROMIUM, CHROMEDRIVER] {
            if !Path::new(binary).exists() {
                return unavailable(
                    "browser",
                    &format!("{binary} not found (apt-get install chromium chromium-driver)"),
                );
            }
        }

        let driver_port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={driver_port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null()) // only a start-up banner
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("spawning {CHROMEDRIVER}: {e}"));
        let driver_url = format!("http://127.0.0.1:{driver_port}");
        wait_until_ready(&driver_url).await;

        let profile_dir =
            std::env::temp_dir().join(format!("agora-chromium-{}", uuid::Uuid::new_v4()));
        let capabilities = chrome_capabilities(&profile_dir);

        // The workspace enables both of rustls' crypto providers, so rustls
        // cannot pick one by itself; fantoccini's connector needs a default.
        // Failing only means one is installed already.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = ClientBuilder::rustls()
            .expect("loading native root certificates for the WebDriver client")
            .capabilities(capabilities)
            .connect(&driver_url)
            .await
            .unwrap_or_else(|e| panic!("starting Chromium through chromedriver: {e}"));
        let session_id = client.session_id().await.ok().flatten();

        let browser = Browser {
            client,
            driver,
            driver_port,
            session_id,
            profile_dir,
            closed: false,
        };
        let timeouts = TimeoutConfiguration::new(Some(WAIT * 3), Some(WAIT * 3), None);
        let result = browser.client.update_timeouts(timeouts).await;
        browser.ok("setting WebDriver timeouts", result).await;
        Some(browser)
    }

    /// Loads `url` and waits for it to finish loading.
    pub async fn goto(&self, url: &str) {
        let result = self.client.goto(url).await;
        self.ok(&format!("goto {url}"), result).await;
    }

    /// Replaces the value of the input matched by `css` with `value`, typing it.
    pub async fn fill(&self, css: &str, value: &str) {
        let element = self.find(css).await;
        let result = element.clear().await;
        self.ok(&format!("clearing {css}"), result).await;
        let result = element.send_keys(value).await;
        self.ok(&format!("typing into {css}"), result).await;
    }

    /// Clicks the element matched by `css`.
    pub async fn click(&self, css: &str) {
        let result = self.find(css).await.click().await;
        self.ok(&format!("clicking {css}"), result).await;
    }

    /// Submits a form as a person would and waits for the page that comes
    /// back. `css` may match the form (its first submit button is clicked,
    /// or, without one, it is submitted as if by Enter) or a submit button.
    /// Panics if no new page loads, e.g. when the browser's own validation
    /// blocks the submission: use [`Browser::click`] to test that.
    pub async fn submit_form(&self, css: &str) {
        let element = self.find(css).await;
        // Mark the current document; a new page has a fresh `window`.
        let result = self.client.execute(MARK_PAGE, vec![]).await;
        self.ok("marking the current page", result).await;

        let tag = self
            .ok(&format!("tag of {css}"), element.tag_name().await)
            .await;
        let result = if tag.eq_ignore_ascii_case("form") {
            match element.find(Locator::Css(SUBMIT_BUTTONS)).await {
                Ok(button) => button.click().await,
                Err(_) => {
                    let form = serde_json::to_value(&element).expect("element serializes");
                    self.client
                        .execute("arguments[0].requestSubmit();", vec![form])
                        .await
                        .map(drop)
                }
            }
        } else {
            element.click().await
        };
        self.ok(&format!("submitting {css}"), result).await;
        self.wait_for_new_page(&format!("page after submitting {css}"))
            .await;
    }

    /// The visible text of the element matched by `css`.
    pub async fn text(&self, css: &str) -> String {
        let result = self.find(css).await.text().await;
        self.ok(&format!("text of {css}"), result).await
    }

    /// The URL of the current page.
    pub async fn current_url(&self) -> String {
        let result = self.client.current_url().await;
        self.ok("reading the current URL", result).await.to_string()
    }

    /// The `lang` attribute of `<html>`, if it has one.
    pub async fn html_lang(&self) -> Option<String> {
        let result = self.find("html").await.attr("lang").await;
        self.ok("reading <html lang>", result).await
    }

    /// Presses Tab as a keyboard user would and describes the element that
    /// then has focus as `tag#id "text"` (id and text only when present;
    /// text is the visible text, or the value or aria-label for inputs),
    /// e.g. `a#skip-link "Skip to content"`.
    pub async fn press_tab_and_active_element_description(&self) -> String {
        let tab = KeyActions::new("keyboard".to_string())
            .then(KeyAction::Down { value: TAB })
            .then(KeyAction::Up { value: TAB });
        let result = self.client.perform_actions(tab).await;
        self.ok("pressing Tab", result).await;
        let result = self.client.execute(DESCRIBE_ACTIVE_ELEMENT, vec![]).await;
        let description = self.ok("describing the focused element", result).await;
        description.as_str().unwrap_or_default().to_string()
    }

    /// Runs axe-core's WCAG 2.0/2.1 A and AA rules on the current page.
    /// axe is injected through WebDriver, which page CSP does not restrict.
    /// Without axe (`AGORA_TEST_AXE_JS` unset or unreadable) this prints
    /// `SKIPPED: ...` and returns no violations, or panics under
    /// `AGORA_TEST_REQUIRE_ALL`.
    pub async fn axe(&self) -> Vec<AxeViolation> {
        let source = match axe_source() {
            Ok(source) => source,
            Err(reason) => return unavailable("axe-core", reason).unwrap_or_default(),
        };
        // Inject once per page: the script is large and a new page loses it.
        let result = self.client.execute(AXE_LOADED, vec![]).await;
        let loaded = self.ok("checking for axe-core", result).await;
        if loaded != json!(true) {
            let result = self.client.execute(source, vec![]).await;
            self.ok("injecting axe-core", result).await;
        }

        let result = self.client.execute_async(AXE_RUN, vec![]).await;
        let outcome = self.ok("running axe-core", result).await;
        if let Some(error) = outcome.get("error") {
            let url = self.current_url().await;
            panic!("axe-core failed on {url}: {error}");
        }
        serde_json::from_value(outcome["violations"].clone())
            .unwrap_or_else(|e| panic!("unexpected axe-core result {outcome}: {e}"))
    }

    /// Ends the WebDriver session (closing Chromium) and stops chromedriver.
    pub async fn close(mut self) {
        if let Err(e) = self.client.clone().close().await {
            eprintln!("closing the WebDriver session: {e}");
        }
        self.closed = true;
        // Drop stops chromedriver and removes the profile dir.
    }

    /// Waits up to 10 s for the element matched by `css`: pages may still be
    /// loading after a click.
    async fn find(&self, css: &str) -> fantoccini::elements::Element {
        let result = self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await;
        self.ok(&format!("finding {css}"), result).await
    }

    /// Waits until the document marked by `MARK_PAGE` has been replaced by a
    /// fully loaded one.
    async fn wait_for_new_page(&self, what: &str) {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            // Errors are expected while the old page is being torn down.
            if let Ok(done) = self.client.execute(NEW_PAGE_LOADED, vec![]).await
                && done == json!(true)
            {
                return;
            }
            if tokio::time::Instant::now() >= deadline {
                let url = self.current_url().await;
                panic!("{what}: no new page loaded within {WAIT:?} (still at {url})");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Unwraps a WebDriver result, or panics naming what was being done and
    /// where the browser was.
    async fn ok<T>(&self, what: &str, result: Result<T, CmdError>) -> T {
        match result {
            Ok(value) => value,
            Err(error) => {
                let url = match self.client.current_url().await {
                    Ok(url) => url.to_string(),
                    Err(_) => "an unknown page".to_string(),
                };
                panic!("browser: {what} failed at {url}: {error}");
            }
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Killing chromedriver (kill_on_drop) would orphan Chromium, and the
        // async session shutdown may never run once the test's runtime is
        // gone, so end the session with a plain blocking request first.
        if !self.closed
            && let Some(session_id) = &self.session_id
        {
            delete_session(self.driver_port, session_id);
        }
        let _ = self.driver.start_kill();
        let _ = std::fs::remove_dir_all(&self.profile_dir);
    }
}

/// A readable report for an assertion message, e.g.
/// `assert!(v.is_empty(), "{}", format_violations(&url, &v))`.
pub fn format_violations(url: &str, violations: &[AxeViolation]) -> String {
    let mut report = format!(
        "{} accessibility violation(s) on {url}:\n",
        violations.len()
    );
    for violation in violations {
        let impact = violation.impact.as_deref().unwrap_or("unknown impact");
        let _ = writeln!(report, "- [{impact}] {}: {}", violation.id, violation.help);
        for node in &violation.nodes {
            let _ = writeln!(report, "    {node}");
        }
    }
    report
}

const SUBMIT_BUTTONS: &str = "button:not([type]), button[type=submit], input[type=submit]";
const MARK_PAGE: &str = "window.__agoraOldPage = true;";
const NEW_PAGE_LOADED: &str =
    "return window.__agoraOldPage === undefined && document.readyState === 'complete';";
const DESCRIBE_ACTIVE_ELEMENT: &str = r#"
    const el = document.activeElement;
    if (!el) return '';
    let description = el.tagName.toLowerCase();
    if (el.id) description += '#' + el.id;
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '')
        .trim().replace(/\s+/g, ' ');
    if (text) description += ' "' + text + '"';
    return description;
"#;
const AXE_LOADED: &str = "return typeof window.axe === 'object';";
const AXE_RUN: &str = r#"
    const done = arguments[arguments.length - 1];
    axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
    }).then(
        (results) => done({
            violations: results.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + n.html),
            })),
        }),
        (error) => done({ error: String(error) }),
    );
"#;

fn chrome_capabilities(profile_dir: &Path) -> Capabilities {
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
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("binding a local port to find a free one")
}

/// Polls chromedriver's `/status` until it says it is ready (10 s at most).
async fn wait_until_ready(driver_url: &str) {
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
fn delete_session(driver_port: u16, session_id: &str) {
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

/// axe-core's source, read once per test process.
fn axe_source() -> Result<&'static str, &'static str> {
    static SOURCE: OnceLock<Result<String, String>> = OnceLock::new();
    SOURCE
        .get_or_init(|| {
            let path =
                std::env::var(AXE_JS).map_err(|_| format!("{AXE_JS} is not set (see .ci/run)"))?;
            std::fs::read_to_string(&path).map_err(|e| format!("{AXE_JS}={path}: {e}"))
        })
        .as_ref()
        .map(String::as_str)
        .map_err(String::as_str)
}

fn unavailable<T>(what: &str, reason: &str) -> Option<T> {
    crate::skips::unavailable(what, reason)
}

#[cfg(test)]
mod tests {
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
}
