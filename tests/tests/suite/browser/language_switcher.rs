//! The language switcher.

use super::*;

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
