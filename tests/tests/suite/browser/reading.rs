//! Opening a channel in the browser, at 1280 and 360 px: at the first unread message behind its
//! "new messages" line, or at the newest with the composer in view; older history loads by itself.

use super::layout::{NARROW, WIDE, at_width, screenshot};
use super::*;

/// Whether the element matched by `css` is (at least partly) inside the viewport.
async fn in_view(browser: &Browser, css: &str) -> bool {
    browser
        .client
        .execute(
            "var r = document.querySelector(arguments[0]).getBoundingClientRect();\
             return r.bottom > 0 && r.top < window.innerHeight;",
            vec![json!(css)],
        )
        .await
        .expect("measuring")
        == json!(true)
}

async fn post(session: &agora_tests::Session, channel: i64, body: &str) {
    let res = session
        .api(
            Method::POST,
            &format!("/api/v1/channels/{channel}/messages"),
            Some(json!({"body": body, "language": "fr"})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 201);
}

#[tokio::test]
async fn a_channel_opens_at_the_first_unread_message() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    set_interface_language(&world.admin_a.session, "en").await;
    let Some(browser) = Browser::start().await else {
        return;
    };
    browser.sign_in_directly(&app, &world.admin_a.email).await;
    let general = world.general_channel;
    let channel = app.url(&format!("/channels/{general}"));
    for width in [WIDE, NARROW] {
        at_width(&browser, width).await;
        // Away from the channel, so that an open tab does not read what comes next.
        browser.goto(&app.url("/")).await;
        // A long history, all read, then three new messages.
        for i in 0..40 {
            post(&world.admin_a.session, general, &format!("Lu {width} {i}")).await;
        }
        for i in 0..3 {
            post(
                &world.admin_b.session,
                general,
                &format!("Nouveau {width} {i}"),
            )
            .await;
        }
        browser.goto(&channel).await;
        assert_eq!(count(&browser, "#unread.unread-sep").await, 1, "{width} px");
        assert!(
            in_view(&browser, "#unread").await,
            "the line is in view at {width} px"
        );
        assert!(
            !in_view(&browser, "#messages > article:first-of-type").await,
            "the oldest messages are above at {width} px"
        );
        screenshot(&browser, "channel-first-unread", width).await;
        // Read now: the next visit opens at the newest, with the composer in view.
        browser.goto(&channel).await;
        assert_eq!(count(&browser, ".unread-sep").await, 0);
        assert!(
            in_view(&browser, "#messages > article:last-of-type").await,
            "{width} px"
        );
        assert!(
            in_view(&browser, "#composer button[type=submit]").await,
            "{width} px"
        );
        screenshot(&browser, "channel-newest", width).await;
    }
    // More than a page of history: scrolling up loads the older page in place.
    let before = count(&browser, "#messages > article").await;
    assert_eq!(count(&browser, "#older").await, 1, "an older-messages link");
    mark_page(&browser).await;
    browser
        .client
        .execute("window.scrollTo(0, 0);", vec![])
        .await
        .expect("scrolling up");
    let deadline = tokio::time::Instant::now() + WAIT;
    while count(&browser, "#messages > article").await <= before {
        assert!(
            tokio::time::Instant::now() < deadline,
            "older messages did not load"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        browser
            .client
            .execute("return window.__agoraTestOldPage === true;", vec![])
            .await
            .expect("same page"),
        json!(true),
        "loaded without leaving the page"
    );
    browser.close().await;
    app.stop().await;
}
