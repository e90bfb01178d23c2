//! Keyboard only: signing in and getting around without a pointer.

use super::*;

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
