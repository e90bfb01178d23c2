//! Accepting an invitation from its email.

use super::*;

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
    browser.sign_in_directly(&app, &world.admin_a.email).await;
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
