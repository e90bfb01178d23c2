//! The application in a real browser: signing in and out through the forms, accepting an
//! invitation from its email, the language switcher, keyboard-only use, and axe-core's WCAG 2.1
//! A/AA rules on every page a person can reach, in each of the four interface languages.
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
