//! Signing in and out through the real forms: the one test of the browser that signs in that
//! way (besides the keyboard-only one); the others get a session created directly.

use super::*;

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
