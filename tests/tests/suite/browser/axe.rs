//! axe-core's WCAG 2.1 A/AA rules on every page a person can reach, in every language.

use super::*;

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
        if lang == "en" {
            layout::screenshot(browser, label, layout::WIDE).await;
        }
        // The same page on a 360 px phone: nothing wider than the screen, the same rules.
        layout::at_width(browser, layout::NARROW).await;
        if let Some(wide) = layout::overflow(browser).await {
            self.failures
                .push(format!("[{lang}] {label} at 360 px ({url}): {wide}"));
        }
        let violations: Vec<AxeViolation> = browser.axe().await;
        if !violations.is_empty() {
            for violation in &violations {
                self.by_rule
                    .entry(violation.id.clone())
                    .or_default()
                    .push(format!("{lang} {label} 360 px"));
            }
            let report = format_violations(&url, &violations);
            self.failures
                .push(format!("[{lang}] {label} at 360 px\n{report}"));
        }
        if lang == "en" {
            layout::screenshot(browser, label, layout::NARROW).await;
        }
        layout::at_width(browser, layout::WIDE).await;
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

    // A one-time sign-in link (asked for once: the requests per address are limited), and the
    // unsubscribe page of member A's digest.
    let mut asker = app.session();
    asker.page("/signin/link").await;
    let res = asker
        .post_form("/signin/link", &[("email", &world.member_b.email)])
        .await;
    assert_eq!(res.status().as_u16(), 303, "asking for a sign-in link");
    let sign_in_link = link_in_email(&app, &world.member_b.email, "/signin/link/").await;
    let unsubscribe_path = format!(
        "/unsubscribe/{}",
        agora::email_settings::unsubscribe::token(
            &app.state.secret,
            agora_shared::ids::UserId::new(world.member_a.user_id),
            agora::email_settings::unsubscribe::List::Digest,
        )
    );
    let stop_form = format!(r#"form[action="{unsubscribe_path}"]"#);
    let undo_form = format!(r#"form[action="{unsubscribe_path}/undo"]"#);

    // Sessions created directly: the sign-in form has tests of its own.
    network_admin
        .sign_in_directly(&app, &world.network_admin.email)
        .await;
    assert_eq!(network_admin.current_url().await, app.url("/"));
    admin_a.sign_in_directly(&app, &world.admin_a.email).await;
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

        visitor.goto(&app.url("/signin/link")).await;
        audit.check(&visitor, lang, "sign-in link request").await;
        visitor.goto(&sign_in_link).await;
        audit.check(&visitor, lang, "sign-in link button").await;

        // The unsubscribe pages speak the token's person's language.
        set_interface_language(&world.member_a.session, lang).await;
        visitor.goto(&app.url(&unsubscribe_path)).await;
        audit
            .check(&visitor, lang, "unsubscribe confirmation")
            .await;
        visitor.submit_form(&stop_form).await;
        assert_eq!(
            count(&visitor, &undo_form).await,
            1,
            "stopped, with an undo"
        );
        audit.check(&visitor, lang, "unsubscribed, with undo").await;
        visitor.submit_form(&undo_form).await;

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
            ("/settings/email".to_string(), "email settings"),
            ("/orgs".to_string(), "organisations (network admin)"),
            (format!("/orgs/{}/edit", world.org_a), "edit organisation A"),
            (members_a.clone(), "members of A (network admin)"),
            ("/network/digests".to_string(), "digest runs"),
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
        for (path, label) in [
            (
                format!(
                    "/orgs/{}/members/{}/digest",
                    world.org_a, world.member_a.user_id
                ),
                "digest preview of member A (admin of A)",
            ),
            (
                format!("/orgs/{}/digest", world.org_a),
                "digest settings of A",
            ),
            ("/settings/email/digest".to_string(), "own digest preview"),
        ] {
            admin_a.goto(&app.url(&path)).await;
            audit.check(&admin_a, lang, label).await;
        }
        admin_a.goto(&app.url(&members_a)).await;

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
