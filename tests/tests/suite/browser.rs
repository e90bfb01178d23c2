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

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// 1. Signing in and out
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn sign_in_and_out() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let Some(browser) = Browser::start().await else {
        return;
    };

    browser.goto(&app.url("/")).await;
    assert_eq!(
        browser.current_url().await,
        app.url("/signin"),
        "signed out, / sends the visitor to the sign-in page"
    );

    sign_in_through_form(&browser, &app, &world.member_a.email, PASSWORD).await;
    assert_eq!(browser.current_url().await, app.url("/"));
    let heading = browser.text("h1").await;
    assert!(
        heading.contains("Mo Member"),
        "the home page greets the person by name, got {heading:?}"
    );
    // Signed-in pages follow the profile's interface language (Dutch for Mo).
    assert_eq!(browser.html_lang().await.as_deref(), Some("nl"));
    assert_eq!(count(&browser, SIGNOUT_FORM).await, 1);

    // The header's sign-out button.
    browser.submit_form(SIGNOUT_FORM).await;
    assert_eq!(
        browser.current_url().await,
        app.url("/signin?notice=signed-out")
    );
    assert_eq!(count(&browser, ".notice[role=status]").await, 1);
    assert_eq!(
        count(&browser, SIGNOUT_FORM).await,
        0,
        "signed out: no sign-out button"
    );
    assert_eq!(count(&browser, SIGNIN_FORM).await, 1);

    // The session is really gone: the home page asks to sign in again.
    browser.goto(&app.url("/")).await;
    assert_eq!(browser.current_url().await, app.url("/signin"));

    browser.close().await;
    app.stop().await;
}

// ---------------------------------------------------------------------------------------------
// 2. Accepting an invitation from its email
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn invitation_acceptance() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let Some(browser) = Browser::start().await else {
        return;
    };
    let invitee = "invitee@aalst.test";
    let members = format!("/orgs/{}/members", world.org_a);

    // The admin of A invites a new person, with a French invitation.
    sign_in_through_form(&browser, &app, &world.admin_a.email, PASSWORD).await;
    assert_eq!(browser.current_url().await, app.url("/"));
    browser.goto(&app.url(&members)).await;
    browser.fill("#email", invitee).await;
    select(&browser, "#role", "member").await;
    select(&browser, "#language", "fr").await;
    browser
        .submit_form(&format!(
            r#"form[action="/orgs/{}/invitations"]"#,
            world.org_a
        ))
        .await;
    assert_eq!(
        browser.current_url().await,
        app.url(&format!("{members}?notice=invitation-sent"))
    );
    let table = browser
        .text(r#"[aria-labelledby="invitations-heading"] table"#)
        .await;
    assert!(
        table.contains(invitee),
        "the new invitation is listed: {table}"
    );

    let text = email_text(&app, invitee).await;
    assert!(
        text.contains("Cette invitation est valable"),
        "the invitation email is in the language chosen for it (fr):\n{text}"
    );
    let link = link_in(&app, &text, "/invite/");

    browser.submit_form(SIGNOUT_FORM).await;
    assert_eq!(
        browser.current_url().await,
        app.url("/signin?notice=signed-out")
    );
    // What this signed-out visitor gets everywhere: no `?lang=` cookie was ever set, so it is
    // Chromium's Accept-Language (en-US by default).
    let visitor_lang = browser.html_lang().await;

    browser.goto(&link).await;
    assert_eq!(count(&browser, "main form").await, 1, "the acceptance form");
    // The invitation's language ("fr") only chooses the email's language. The page itself is
    // negotiated like every signed-out page: `?lang=` cookie, then Accept-Language, then English.
    let page_lang = browser.html_lang().await;
    assert_eq!(
        page_lang, visitor_lang,
        "the invitation page follows the visitor's language negotiation"
    );
    assert_eq!(
        page_lang.as_deref(),
        Some("en"),
        "headless Chromium asks for en-US; the invitation's \"fr\" is not used for the page"
    );
    let intro = browser.text("main p").await;
    assert!(
        intro.contains(invitee) && intro.contains("Gemeente Aalst"),
        "the page names the address and the organisation: {intro:?}"
    );
    // The language choice defaults to the one the inviter chose for the invitee.
    assert_eq!(
        attribute(&browser, "#interface_language option[selected]", "value")
            .await
            .as_deref(),
        Some("fr")
    );

    browser.fill("#display_name", "Ines Invitee").await;
    browser.fill("#password", "a long enough password").await;
    browser
        .fill("#password_confirm", "a long enough password")
        .await;
    select(&browser, "#interface_language", "es").await;
    browser
        .submit_form(r#"main form[action^="/invite/"]"#)
        .await;

    assert_eq!(browser.current_url().await, app.url("/profile"));
    assert_eq!(browser.html_lang().await.as_deref(), Some("es"));
    assert_eq!(
        attribute(&browser, "#display_name", "value")
            .await
            .as_deref(),
        Some("Ines Invitee")
    );
    assert_eq!(
        count(&browser, SIGNOUT_FORM).await,
        1,
        "signed in after accepting"
    );

    // The link is used up.
    browser.goto(&link).await;
    assert_eq!(count(&browser, "#password_confirm").await, 0);

    browser.close().await;
    app.stop().await;
}

// ---------------------------------------------------------------------------------------------
// 3. The language switcher
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn language_switcher() {
    let app = spawn_app().await;
    let Some(browser) = Browser::start().await else {
        return;
    };

    // The English texts to compare with.
    browser.goto(&app.url("/reset?lang=en")).await;
    assert_eq!(browser.html_lang().await.as_deref(), Some("en"));
    let english_reset = browser.text("h1").await;
    browser.goto(&app.url("/signin")).await;
    assert_eq!(browser.html_lang().await.as_deref(), Some("en"));
    let english_signin = browser.text("h1").await;

    let dutch_link = r#"nav.lang-switch a[hreflang="nl"]"#;
    assert_eq!(browser.text(dutch_link).await, "Nederlands");
    assert_eq!(
        attribute(&browser, dutch_link, "lang").await.as_deref(),
        Some("nl")
    );
    follow_link(&browser, dutch_link).await;

    assert_eq!(browser.current_url().await, app.url("/signin?lang=nl"));
    assert_eq!(browser.html_lang().await.as_deref(), Some("nl"));
    assert_eq!(
        attribute(&browser, dutch_link, "aria-current")
            .await
            .as_deref(),
        Some("true"),
        "the switcher marks the current language"
    );
    let dutch_signin = browser.text("h1").await;

    // The choice is remembered (cookie) on the next page, without `?lang=`.
    browser.goto(&app.url("/reset")).await;
    assert_eq!(browser.html_lang().await.as_deref(), Some("nl"));
    let dutch_reset = browser.text("h1").await;

    assert_ne!(
        dutch_signin, english_signin,
        "the Dutch sign-in page still has the English heading (locales/nl/account.ftl: signin-title)"
    );
    assert_ne!(
        dutch_reset, english_reset,
        "the Dutch reset page still has the English heading (locales/nl/account.ftl: reset-title)"
    );

    browser.close().await;
    app.stop().await;
}

// ---------------------------------------------------------------------------------------------
// 4. Keyboard only
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn keyboard_only() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let Some(browser) = Browser::start().await else {
        return;
    };

    browser.goto(&app.url("/signin?lang=en")).await;
    // The first Tab reaches the skip link.
    assert_eq!(
        browser.press_tab_and_active_element_description().await,
        r#"a "Skip to main content""#
    );
    // Enter follows it: focus moves to <main> (tabindex=-1), so the next Tab is in the form.
    press_keys(&browser, &ENTER.to_string()).await;
    assert_eq!(
        browser.press_tab_and_active_element_description().await,
        "input#email"
    );
    press_keys(&browser, &world.network_admin.email).await;
    assert_eq!(
        browser.press_tab_and_active_element_description().await,
        "input#password"
    );
    press_keys(&browser, PASSWORD).await;
    assert_eq!(
        field_value(&browser, "#email").await.as_deref(),
        Some(world.network_admin.email.as_str())
    );

    // Enter in the password field submits the form.
    mark_page(&browser).await;
    press_keys(&browser, &ENTER.to_string()).await;
    wait_for_new_page(&browser, "pressing Enter in the sign-in form").await;
    assert_eq!(browser.current_url().await, app.url("/"));
    let heading = browser.text("h1").await;
    assert!(
        heading.contains("Nora Network"),
        "signed in by keyboard, got {heading:?}"
    );

    // Signed in, the skip link still comes first.
    assert_eq!(
        browser.press_tab_and_active_element_description().await,
        r#"a "Skip to main content""#
    );

    browser.close().await;
    app.stop().await;
}

// ---------------------------------------------------------------------------------------------
// 5. axe-core on every page, in every language
// ---------------------------------------------------------------------------------------------

/// What the accessibility sweep found, page by page.
#[derive(Default)]
struct Audit {
    pages: usize,
    failures: Vec<String>,
    /// Rule id -> the pages (`lang label`) that fail it, for the summary.
    by_rule: BTreeMap<String, Vec<String>>,
}

impl Audit {
    /// Checks the page the browser is on: `<html lang>` and axe-core's violations.
    async fn check(&mut self, browser: &Browser, lang: &str, label: &str) {
        self.pages += 1;
        let url = browser.current_url().await;
        let html_lang = browser.html_lang().await;
        if html_lang.as_deref() != Some(lang) {
            self.failures.push(format!(
                "[{lang}] {label} ({url}): <html lang> is {html_lang:?}, expected {lang:?}"
            ));
        }
        let violations: Vec<AxeViolation> = browser.axe().await;
        if !violations.is_empty() {
            for violation in &violations {
                self.by_rule
                    .entry(violation.id.clone())
                    .or_default()
                    .push(format!("{lang} {label}"));
            }
            let report = format_violations(&url, &violations);
            eprintln!("[{lang}] {label}\n{report}");
            self.failures.push(format!("[{lang}] {label}\n{report}"));
        }
    }
}

#[tokio::test]
async fn axe_every_page_in_four_languages() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    // First-run setup needs a database without organisations.
    let empty = spawn_app().await;
    let setup_link = empty
        .setup_link
        .clone()
        .expect("an empty database offers a setup link");

    // Signed out, in one browser; the network admin and the admin of A each in their own.
    let Some(visitor) = Browser::start().await else {
        return;
    };
    let Some(network_admin) = Browser::start().await else {
        return;
    };
    let Some(admin_a) = Browser::start().await else {
        return;
    };

    // A valid password-reset link (requesting one needs no session).
    let res = app
        .session()
        .api(
            Method::POST,
            "/api/v1/password-resets",
            Some(json!({ "email": world.member_a.email })),
        )
        .await;
    assert_eq!(res.status().as_u16(), 202, "requesting a password reset");
    let reset_link = link_in_email(&app, &world.member_a.email, "/reset/").await;

    // A valid invitation link, created by the admin of A.
    let invitee = "axe-invitee@aalst.test";
    let res = world
        .admin_a
        .session
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{}/invitations", world.org_a),
            Some(json!({ "email": invitee, "role": "member", "language": "en" })),
        )
        .await;
    assert_eq!(res.status().as_u16(), 201, "creating an invitation");
    let invite_link = link_in_email(&app, invitee, "/invite/").await;

    // Signed-in sessions can only come from the form: the session cookie is HttpOnly.
    sign_in_through_form(&network_admin, &app, &world.network_admin.email, PASSWORD).await;
    assert_eq!(network_admin.current_url().await, app.url("/"));
    sign_in_through_form(&admin_a, &app, &world.admin_a.email, PASSWORD).await;
    assert_eq!(admin_a.current_url().await, app.url("/"));

    // Conversation pages with what a message can carry: a thread reply, a reaction, an edit, a
    // tombstone, an attachment (the fixture message's), several languages.
    let conversation = conversation_fixture(&world).await;
    // What the workspace pages show beyond the fixture: an invitation for A to decide on, a
    // direct conversation with an unread message.
    let pages = workspace_pages_fixture(&world).await;

    let members_a = format!("/orgs/{}/members", world.org_a);
    let invite_form_a = format!(r#"form[action="/orgs/{}/invitations"]"#, world.org_a);
    let mut audit = Audit::default();

    for lang in LANGUAGES {
        // Signed out: `?lang=` sets the language cookie, which the following pages use.
        visitor
            .goto(&app.url(&format!("/signin?lang={lang}")))
            .await;
        audit.check(&visitor, lang, "sign-in").await;

        visitor.goto(&app.url("/reset")).await;
        audit.check(&visitor, lang, "password reset request").await;

        visitor.goto(&reset_link).await;
        assert_eq!(count(&visitor, "#password_confirm").await, 1, "reset form");
        audit
            .check(&visitor, lang, "new password (reset link)")
            .await;

        visitor.goto(&invite_link).await;
        assert_eq!(count(&visitor, "#password_confirm").await, 1, "accept form");
        audit.check(&visitor, lang, "invitation acceptance").await;

        visitor.goto(&app.url("/no-such-page")).await;
        audit.check(&visitor, lang, "404 page (signed out)").await;

        // The sign-in form shown again with an error.
        visitor.goto(&app.url("/signin")).await;
        visitor.fill("#email", &world.member_b.email).await;
        visitor.fill("#password", "not the right password").await;
        visitor.submit_form(SIGNIN_FORM).await;
        assert_eq!(count(&visitor, ".error-summary").await, 1, "sign-in error");
        audit
            .check(&visitor, lang, "sign-in with a wrong password")
            .await;

        // First-run setup, on the empty application.
        visitor.goto(&format!("{setup_link}&lang={lang}")).await;
        assert_eq!(count(&visitor, "#organisation_name").await, 1, "setup form");
        audit.check(&visitor, lang, "first-run setup").await;

        // The network admin, in his interface language.
        set_interface_language(&world.network_admin.session, lang).await;
        for (path, label) in [
            ("/".to_string(), "home"),
            ("/profile".to_string(), "profile"),
            ("/orgs".to_string(), "organisations (network admin)"),
            (format!("/orgs/{}/edit", world.org_a), "edit organisation A"),
            (members_a.clone(), "members of A (network admin)"),
            ("/no-such-page".to_string(), "404 page (signed in)"),
        ] {
            network_admin.goto(&app.url(&path)).await;
            audit.check(&network_admin, lang, label).await;
        }
        network_admin.goto(&app.url(&members_a)).await;
        assert_eq!(
            count(&network_admin, "#invitations-heading").await,
            1,
            "the network admin sees A's invitations"
        );

        // The admin of A: the member-management table, and the invite form with an error.
        set_interface_language(&world.admin_a.session, lang).await;
        admin_a.goto(&app.url(&members_a)).await;
        assert!(
            count(&admin_a, "td form button").await > 0,
            "the admin of A can manage members"
        );
        audit
            .check(&admin_a, lang, "members of A (admin of A)")
            .await;

        admin_a.fill("#email", "not-an-email").await;
        admin_a.submit_form(&invite_form_a).await;
        assert_eq!(count(&admin_a, ".error-summary").await, 1, "invite error");
        assert_eq!(
            attribute(&admin_a, "#email", "aria-invalid")
                .await
                .as_deref(),
            Some("true")
        );
        audit
            .check(&admin_a, lang, "invite form with an invalid email")
            .await;

        // The conversation pages, as the owner of the workspace sees them.
        for (path, label) in conversation.pages(&world) {
            admin_a.goto(&app.url(&path)).await;
            assert_eq!(count(&admin_a, "main h1").await, 1, "{label}");
            audit.check(&admin_a, lang, label).await;
        }
        // The composer sent empty (through htmx): its errors replace it in place.
        admin_a
            .goto(&app.url(&format!("/channels/{}", world.general_channel)))
            .await;
        assert!(
            count(&admin_a, "article.msg").await >= 3,
            "the channel's messages"
        );
        admin_a.click("#composer button[type=submit]").await;
        admin_a.text("#composer .error-summary").await;
        assert_eq!(
            attribute(&admin_a, "#body", "aria-invalid")
                .await
                .as_deref(),
            Some("true")
        );
        audit
            .check(&admin_a, lang, "composer with an empty message")
            .await;

        // Workspaces, the directory and direct messages, as the owner of the workspace sees them.
        for (path, label) in pages.for_admin_a(&world) {
            admin_a.goto(&app.url(&path)).await;
            assert_eq!(count(&admin_a, "main h1").await, 1, "{label}");
            audit.check(&admin_a, lang, label).await;
        }
        admin_a.goto(&app.url("/")).await;
        assert_eq!(
            count(&admin_a, "main form[action$=\"/participation\"]").await,
            2,
            "the invitation's accept and decline buttons"
        );
        // The new-workspace form sent without a name.
        admin_a.goto(&app.url("/workspaces/new")).await;
        admin_a
            .submit_form(r#"main form[action="/workspaces"]"#)
            .await;
        assert_eq!(
            count(&admin_a, ".error-summary").await,
            1,
            "workspace error"
        );
        assert_eq!(
            attribute(&admin_a, "#name", "aria-invalid")
                .await
                .as_deref(),
            Some("true")
        );
        audit
            .check(&admin_a, lang, "new workspace without a name")
            .await;
        // The network admin chooses the owner of a new workspace.
        network_admin.goto(&app.url("/workspaces/new")).await;
        assert_eq!(count(&network_admin, "#owner_organisation_id").await, 1);
        audit
            .check(&network_admin, lang, "new workspace (network admin)")
            .await;
    }

    let mut summary = format!(
        "{} page(s) checked, {} with problems",
        audit.pages,
        audit.failures.len()
    );
    for (rule, pages) in &audit.by_rule {
        summary.push_str(&format!("\n  {rule}: {}", pages.join(", ")));
    }
    eprintln!("{summary}");

    visitor.close().await;
    network_admin.close().await;
    admin_a.close().await;
    empty.stop().await;
    app.stop().await;

    assert!(
        audit.failures.is_empty(),
        "{summary}\n\n{}",
        audit.failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// 6. Conversations, live
// ---------------------------------------------------------------------------------------------

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

/// Waits up to 10 s for `css` on the page, without reloading it.
async fn wait_for(browser: &Browser, css: &str, what: &str) {
    browser
        .client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{what}: {css} did not appear within {WAIT:?}: {e}"));
}

/// Whether the document marked by [`mark_page`] is still the one shown (no reload, no navigation).
async fn same_page(browser: &Browser) -> bool {
    browser
        .client
        .execute("return window.__agoraTestOldPage === true;", vec![])
        .await
        .expect("checking the page mark")
        == json!(true)
}

/// How many requests the page in `browser` has made to URLs containing `part` since it loaded.
async fn requests(browser: &Browser, part: &str) -> usize {
    let n = browser
        .client
        .execute(
            "var part = arguments[0]; return performance.getEntriesByType('resource')\
               .filter(function (e) { return e.name.indexOf(part) >= 0; }).length;",
            vec![json!(part)],
        )
        .await
        .expect("counting requests");
    n.as_u64().expect("a count") as usize
}

#[tokio::test]
async fn two_people_talk_live() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    set_interface_language(&world.admin_a.session, "en").await;
    set_interface_language(&world.admin_b.session, "en").await;
    let Some(a) = Browser::start().await else {
        return;
    };
    let Some(b) = Browser::start().await else {
        return;
    };
    sign_in_through_form(&a, &app, &world.admin_a.email, PASSWORD).await;
    sign_in_through_form(&b, &app, &world.admin_b.email, PASSWORD).await;
    let channel = app.url(&format!("/channels/{}", world.general_channel));
    a.goto(&channel).await;
    b.goto(&channel).await;
    mark_page(&a).await;
    mark_page(&b).await;

    // A writes through the composer; the page stays, the text is sent and the field emptied.
    let text = "Goedemorgen Bohicon, de delegatie landt dinsdag.";
    a.fill("#body", text).await;
    a.click("#composer button[type=submit]").await;
    let own = format!(r#"//article[contains(., "{text}")]"#);
    a.client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&own))
        .await
        .expect("A's message on A's page");
    assert!(same_page(&a).await, "posting did not reload A's page");
    assert_eq!(field_value(&a, "#body").await.as_deref(), Some(""));

    // B sees it without reloading, announced politely.
    let article = b
        .client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&own))
        .await
        .expect("A's message appears live on B's page");
    let id = article.attr("id").await.unwrap().expect("message anchor");
    assert!(same_page(&b).await, "B's page was not reloaded");
    // The live message carries the HTML the server rendered when it was written.
    let message_id: i64 = id.trim_start_matches('m').parse().expect("message id");
    let res = world
        .admin_a
        .session
        .get(&format!("/api/v1/messages/{message_id}"))
        .await;
    let stored: serde_json::Value = res.json().await.expect("message json");
    let body_html = b
        .client
        .execute(
            "return document.querySelector(arguments[0]).innerHTML;",
            vec![json!(format!("#{id} .msg-body"))],
        )
        .await
        .expect("reading the live message body");
    assert_eq!(
        body_html.as_str().map(str::trim),
        stored["html"].as_str().map(str::trim),
        "the live message shows its HTML"
    );
    // One request per new message and tab: the poster's tab fetches its message once, whether
    // its form answer or the event comes first, and never marks its own message read.
    assert_eq!(requests(&a, "/fragment").await, 1, "A's fragment requests");
    assert_eq!(requests(&b, "/fragment").await, 1, "B's fragment requests");
    assert_eq!(requests(&a, "/read").await, 0, "A's mark-read requests");
    // B's tab moves its read position, debounced, once.
    let general = world.general_channel;
    let seq = stored["seq"].as_i64().expect("seq");
    let b_id = world.admin_b.user_id;
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let read = agora_tests::burst::count(&app, move |c| {
            use agora::db::schema::read_markers as rm;
            use diesel::prelude::*;
            rm::table
                .filter(rm::user_id.eq(b_id))
                .filter(rm::channel_id.eq(general))
                .select(rm::read_seq)
                .first(c)
        })
        .await;
        if read == seq {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "B's marker stays at {read}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(requests(&b, "/read").await, 1, "B's mark-read requests");
    let live = b
        .client
        .find(Locator::Css("#live"))
        .await
        .unwrap()
        .prop("textContent")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(live, "New message from An Admin");

    // B replies in the thread.
    follow_link(&b, &format!("#{id} a[href$=\"/thread\"]")).await;
    mark_page(&b).await;
    let reply = "Bienvenue ! Nous vous attendons à l'aéroport.";
    b.fill("#body", reply).await;
    b.click("#composer button[type=submit]").await;
    let reply_xpath = format!(r#"//div[@id="messages"]/article[contains(., "{reply}")]"#);
    b.client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&reply_xpath))
        .await
        .expect("B's reply in the thread");
    assert!(same_page(&b).await);
    // A's channel page counts the reply, live.
    a.client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&format!(
            r#"//article[@id="{id}"]//*[contains(., "1 reply")]"#
        )))
        .await
        .expect("the reply count updates on A's page");

    // B reacts to A's message from the thread page, with the keyboard-reachable picker.
    b.click(&format!("#{id} details.react-pick summary")).await;
    b.click(&format!("#{id} details.react-pick button[value=\"👍\"]"))
        .await;
    wait_for(
        &b,
        &format!("#{id} button.reaction[name=\"remove\"][value=\"👍\"]"),
        "B's own reaction",
    )
    .await;
    wait_for(
        &a,
        &format!("#{id} button.reaction[name=\"add\"][value=\"👍\"][aria-pressed=\"false\"]"),
        "B's reaction on A's page",
    )
    .await;
    assert!(same_page(&a).await, "A's page was never reloaded");
    assert!(same_page(&b).await);

    a.close().await;
    b.close().await;
    app.stop().await;
}

// ---------------------------------------------------------------------------------------------
// 7. Workspace, directory and direct-message pages
// ---------------------------------------------------------------------------------------------

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
