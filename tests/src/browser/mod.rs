//! Headless Chromium driven over WebDriver (Debian's chromedriver + chromium),
//! for tests that use the application as a person would: real navigation,
//! real forms, the keyboard, and axe-core accessibility checks.
//!
//! Helpers panic with the CSS selector and the page URL on failure, which is
//! what a failing test wants to show; use `browser.client` directly to probe
//! for things that may legitimately be absent.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::cookies::Cookie;
use fantoccini::error::CmdError;
use fantoccini::wd::TimeoutConfiguration;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use tokio::process::{Child, Command};

use crate::app::TestApp;
use crate::direct_session::create_session;

mod axe;
mod driver;

pub use axe::{AxeViolation, format_violations};
use driver::{chrome_capabilities, delete_session, free_port, wait_until_ready};

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

    /// Signs `email` in without the sign-in form (whose own tests use it): the session is created
    /// directly and its cookie set as the server would set it, then the home page is loaded, where
    /// the form would have led.
    pub async fn sign_in_directly(&self, app: &TestApp, email: &str) {
        let (token, _) = create_session(app, email).await;
        // WebDriver sets cookies for the current document's origin only.
        self.goto(&app.url("/signin")).await;
        // The domain is spelled out: chromedriver refuses a cookie whose domain is null.
        let host = reqwest::Url::parse(&app.address)
            .ok()
            .and_then(|url| url.host_str().map(String::from))
            .expect("the application's host");
        let cookie = Cookie::parse(format!(
            "{}={token}; Domain={host}; Path=/; HttpOnly; SameSite=Lax",
            app.session_cookie_name()
        ))
        .expect("session cookie");
        let result = self.client.add_cookie(cookie).await;
        self.ok("setting the session cookie", result).await;
        self.goto(&app.url("/")).await;
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
        // Into the middle of the window first, as a person scrolls to what they click: WebDriver
        // would stop at the edge, where the chat layout's sticky composer covers it.
        let result = self
            .client
            .execute(
                "var e = document.querySelector(arguments[0]);\
                 if (e) e.scrollIntoView({block: 'center'});",
                vec![serde_json::json!(css)],
            )
            .await;
        self.ok(&format!("scrolling to {css}"), result).await;
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

fn unavailable<T>(what: &str, reason: &str) -> Option<T> {
    crate::skips::unavailable(what, reason)
}

#[cfg(test)]
mod tests;
