//! The application in a real browser: signing in and out through the forms, accepting an
//! invitation from its email, the language switcher, keyboard-only use, two people talking live in
//! a channel, and axe-core's WCAG 2.1 A/AA rules on every page a person can reach, in each of the
//! four interface languages.
//!
//! Every test starts its own application and its own Chromium; without Chromium (or without
//! axe-core for the accessibility checks) they print `SKIPPED` and pass, unless
//! `AGORA_TEST_REQUIRE_ALL` is set.

use std::collections::BTreeMap;
use std::time::Duration;

use agora_tests::app::{TestApp, find_link};
use agora_tests::browser::{AxeViolation, Browser, format_violations};
use agora_tests::personas::{PASSWORD, World};
use agora_tests::smtp::mime_part;
use agora_tests::spawn_app;
use fantoccini::Locator;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use reqwest::Method;
use serde_json::json;

mod axe;
mod compose;
mod invitation;
mod keyboard;
mod language_switcher;
mod layout;
mod live;
mod live_counts;
mod reading;
mod sign_in;

/// The interface languages, as `<html lang>` and `?lang=` spell them.
const LANGUAGES: [&str; 4] = ["en", "nl", "fr", "es"];
/// How long the helpers of this file wait for the browser.
const WAIT: Duration = Duration::from_secs(10);
/// WebDriver's key code for Enter (`fantoccini::key::Key::Enter`).
const ENTER: char = '\u{e007}';
/// The sign-in form of `/signin` (the header holds the sign-out form when signed in).
const SIGNIN_FORM: &str = r#"main form[action="/signin"]"#;
/// The sign-out button's form in the header.
const SIGNOUT_FORM: &str = "header form.signout";

/// Signs in through the real form of `/signin` and waits for the page that comes back.
async fn sign_in_through_form(browser: &Browser, app: &TestApp, email: &str, password: &str) {
    browser.goto(&app.url("/signin")).await;
    browser.fill("#email", email).await;
    browser.fill("#password", password).await;
    browser.submit_form(SIGNIN_FORM).await;
}

/// Chooses the option with `value` in the `<select>` matched by `css`.
async fn select(browser: &Browser, css: &str, value: &str) {
    let element = browser
        .client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("finding {css}: {e}"));
    element
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("choosing {value} in {css}: {e}"));
}

/// How many elements match `css` on the current page (no waiting: for things that may be absent).
async fn count(browser: &Browser, css: &str) -> usize {
    browser
        .client
        .find_all(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("looking for {css}: {e}"))
        .len()
}

/// The value of `attribute` on the element matched by `css`.
async fn attribute(browser: &Browser, css: &str, attribute: &str) -> Option<String> {
    browser
        .client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("finding {css}: {e}"))
        .attr(attribute)
        .await
        .unwrap_or_else(|e| panic!("reading {attribute} of {css}: {e}"))
}

/// The current value of the form field matched by `css` (its property, not its attribute).
async fn field_value(browser: &Browser, css: &str) -> Option<String> {
    browser
        .client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("finding {css}: {e}"))
        .prop("value")
        .await
        .unwrap_or_else(|e| panic!("reading the value of {css}: {e}"))
}

/// Marks the current document so that [`wait_for_new_page`] can tell when it has been replaced.
async fn mark_page(browser: &Browser) {
    browser
        .client
        .execute("window.__agoraTestOldPage = true;", vec![])
        .await
        .expect("marking the current page");
}

/// Waits until the document marked by [`mark_page`] has been replaced by a fully loaded one.
async fn wait_for_new_page(browser: &Browser, what: &str) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        // Errors are expected while the old page is being torn down.
        if let Ok(done) = browser
            .client
            .execute(
                "return window.__agoraTestOldPage === undefined \
                 && document.readyState === 'complete';",
                vec![],
            )
            .await
            && done == json!(true)
        {
            return;
        }
        if tokio::time::Instant::now() >= deadline {
            let url = browser.current_url().await;
            panic!("{what}: no new page loaded within {WAIT:?} (still at {url})");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Clicks the link matched by `css` and waits for the page it leads to.
async fn follow_link(browser: &Browser, css: &str) {
    mark_page(browser).await;
    browser.click(css).await;
    wait_for_new_page(browser, &format!("following {css}")).await;
}

/// Presses the keys of `text` one after the other, as a keyboard would, into whatever element
/// has focus. `ENTER` and the other WebDriver key codes may be part of it.
async fn press_keys(browser: &Browser, text: &str) {
    let mut keys = KeyActions::new("keyboard".to_string());
    for key in text.chars() {
        keys = keys
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
    }
    browser
        .client
        .perform_actions(keys)
        .await
        .unwrap_or_else(|e| panic!("typing {text:?}: {e}"));
}

/// The plain-text part of the last email to `to`. The raw message may be quoted-printable
/// (soft line breaks, `=3D`), so it is decoded: links can then be found whole.
async fn email_text(app: &TestApp, to: &str) -> String {
    let mail = app.last_email_to(to).await;
    mime_part(&mail.raw, "text/plain")
        .unwrap_or_else(|| panic!("no text/plain part in the email to {to}:\n{}", mail.raw))
}

/// The first link starting with `app.url(path)` in an email's text.
fn link_in(app: &TestApp, text: &str, path: &str) -> String {
    find_link(text, &app.url(path))
        .unwrap_or_else(|| panic!("no {path} link in the email:\n{text}"))
}

/// The first link starting with `app.url(path)` in the last email to `to`.
async fn link_in_email(app: &TestApp, to: &str, path: &str) -> String {
    link_in(app, &email_text(app, to).await, path)
}

/// Sets a persona's interface language through the API, as the profile page would.
async fn set_interface_language(session: &agora_tests::Session, lang: &str) {
    let res = session
        .api(
            Method::PATCH,
            "/api/v1/me",
            Some(json!({ "interface_language": lang })),
        )
        .await;
    let status = res.status().as_u16();
    let body = res.text().await.unwrap_or_default();
    assert_eq!(
        status, 200,
        "PATCH /api/v1/me to interface language {lang}: {body}"
    );
}

/// Messages in the fixture workspace beyond the fixture's own one.
struct Conversation {
    /// A thread reply to the fixture message.
    reply_seq: i64,
}

impl Conversation {
    /// `(path, label)` of every conversation page admin A can reach.
    fn pages(&self, world: &World) -> Vec<(String, &'static str)> {
        let (general, message) = (world.general_channel, world.message);
        vec![
            (format!("/channels/{general}"), "channel"),
            (
                format!("/channels/{general}?around={}", self.reply_seq),
                "channel, jumped to a message",
            ),
            (format!("/messages/{message}/thread"), "thread"),
            (format!("/messages/{message}/edit"), "edit a message"),
            ("/search?q=stedenband".to_string(), "search results"),
            ("/search".to_string(), "search form"),
        ]
    }
}

async fn api_json(
    session: &agora_tests::Session,
    method: Method,
    path: &str,
    body: serde_json::Value,
) -> serde_json::Value {
    let res = session.api(method, path, Some(body)).await;
    let status = res.status().as_u16();
    let text = res.text().await.unwrap_or_default();
    assert!(status < 300, "{path}: {status} {text}");
    serde_json::from_str(&text).unwrap_or_default()
}

async fn conversation_fixture(world: &World) -> Conversation {
    let b = &world.admin_b.session;
    let general = world.general_channel;
    let messages = format!("/api/v1/channels/{general}/messages");
    let reply = api_json(
        b,
        Method::POST,
        &messages,
        json!({"body": "Merci ! Nous en parlons au conseil **jeudi**.", "thread_root_id": world.message, "language": "fr"}),
    )
    .await;
    api_json(
        b,
        Method::PUT,
        &format!("/api/v1/messages/{}/reactions", world.message),
        json!({"emoji": "👍"}),
    )
    .await;
    let edited = api_json(
        b,
        Method::POST,
        &messages,
        json!({"body": "Le rapport sur la stedenband arrive demain.", "language": "fr"}),
    )
    .await;
    api_json(
        b,
        Method::PATCH,
        &format!("/api/v1/messages/{}", edited["id"]),
        json!({"body": "Le rapport sur la stedenband arrive vendredi."}),
    )
    .await;
    let gone = api_json(
        b,
        Method::POST,
        &messages,
        json!({"body": "Message envoyé par erreur", "language": "fr"}),
    )
    .await;
    let res = b
        .api(
            Method::DELETE,
            &format!("/api/v1/messages/{}", gone["id"]),
            None,
        )
        .await;
    assert_eq!(res.status().as_u16(), 204);
    Conversation {
        reply_seq: reply["seq"].as_i64().expect("seq"),
    }
}

/// A workspace of B that invites A, and a direct conversation from member B to admin A.
struct WorkspacePages {
    invited_workspace: i64,
    direct: i64,
}

impl WorkspacePages {
    /// `(path, label)` of the workspace, directory and direct-message pages admin A can reach.
    fn for_admin_a(&self, world: &World) -> Vec<(String, &'static str)> {
        let ws = world.workspace;
        vec![
            (
                "/".to_string(),
                "home with workspaces, an invitation and a DM",
            ),
            ("/workspaces/new".to_string(), "new workspace"),
            (format!("/workspaces/{ws}"), "workspace"),
            (
                format!("/workspaces/{ws}/admin"),
                "workspace administration",
            ),
            (
                format!("/workspaces/{}", self.invited_workspace),
                "workspace A is invited to",
            ),
            ("/directory".to_string(), "directory"),
            (
                "/directory?q=a&country=BJ&language=fr&theme=&kind=&organisation=".to_string(),
                "directory search",
            ),
            (format!("/people/{}", world.member_b.user_id), "person"),
            (
                format!("/people/{}", world.admin_a.user_id),
                "own person page",
            ),
            ("/direct".to_string(), "direct messages"),
            (format!("/channels/{}", self.direct), "direct conversation"),
        ]
    }
}

async fn workspace_pages_fixture(world: &World) -> WorkspacePages {
    let b = &world.admin_b.session;
    let res = b
        .api(
            Method::POST,
            "/api/v1/workspaces",
            Some(json!({"kind": "experiment", "name": "Budget participatif", "description": "Un projet pilote\nà Bohicon", "sdg_tags": [16], "visibility": "invite_only", "default_language": "fr"})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 201, "creating B's workspace");
    let invited_workspace = res.json::<serde_json::Value>().await.expect("json")["id"]
        .as_i64()
        .expect("id");
    let res = b
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{invited_workspace}/organisations"),
            Some(json!({ "organisation_id": world.org_a })),
        )
        .await;
    assert_eq!(res.status().as_u16(), 204, "inviting A");
    let m = &world.member_b.session;
    let res = m
        .api(
            Method::POST,
            "/api/v1/direct",
            Some(json!({ "user_ids": [world.admin_a.user_id] })),
        )
        .await;
    assert_eq!(res.status().as_u16(), 201, "starting a direct conversation");
    let direct = res.json::<serde_json::Value>().await.expect("json")["id"]
        .as_i64()
        .expect("id");
    let res = m
        .api(
            Method::POST,
            &format!("/api/v1/channels/{direct}/messages"),
            Some(json!({ "body": "Bonjour, avez-vous reçu le calendrier ?" })),
        )
        .await;
    assert_eq!(res.status().as_u16(), 201, "a direct message");
    WorkspacePages {
        invited_workspace,
        direct,
    }
}
