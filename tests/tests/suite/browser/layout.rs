//! The layout in the browser at 1280 and 360 px: nothing wider than a phone, the compact menu
//! opening the side navigation without JavaScript's help, and screenshots for reviewers.

use super::*;

/// The widths every page is looked at: a laptop and a small phone.
pub(super) const WIDE: u32 = 1280;
pub(super) const NARROW: u32 = 360;

/// Resizes the window so that the page's viewport is `width` CSS pixels wide.
pub(super) async fn at_width(browser: &Browser, width: u32) {
    browser
        .client
        .set_window_size(width, 900)
        .await
        .unwrap_or_else(|e| panic!("resizing to {width} px: {e}"));
    // The window's frame may take a few pixels: correct once by what the page reports.
    let inner = browser
        .client
        .execute("return window.innerWidth;", vec![])
        .await
        .expect("innerWidth")
        .as_u64()
        .unwrap_or(u64::from(width)) as u32;
    if inner != width {
        // Grow or shrink the window by the frame's width.
        let outer = (i64::from(width) * 2 - i64::from(inner)).max(200) as u32;
        let _ = browser.client.set_window_size(outer, 900).await;
    }
}

/// `None` when the page fits its viewport, else the width and the widest elements.
pub(super) async fn overflow(browser: &Browser) -> Option<String> {
    let found = browser
        .client
        .execute(
            "var w = document.documentElement.clientWidth, s = document.documentElement.scrollWidth;\
             if (s <= w) return null;\
             var out = [];\
             document.querySelectorAll('body *').forEach(function (e) {\
               var r = e.getBoundingClientRect();\
               if (r.right > w + 1 && out.length < 5) out.push(e.tagName.toLowerCase() + \
                 (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + \
                 ' right=' + Math.round(r.right));\
             });\
             return 'scrollWidth ' + s + ' > ' + w + ': ' + out.join(', ');",
            vec![],
        )
        .await
        .expect("measuring the page");
    found.as_str().map(str::to_string)
}

/// Where screenshots go: `AGORA_TEST_SCREENSHOTS`, else `target/screenshots` of the workspace.
pub(super) fn screenshot_dir() -> std::path::PathBuf {
    std::env::var_os("AGORA_TEST_SCREENSHOTS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots")
        })
}

/// Saves what the browser shows as `<name>-<width>.png`.
pub(super) async fn screenshot(browser: &Browser, name: &str, width: u32) {
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let png = browser.client.screenshot().await.expect("screenshot");
    std::fs::write(dir.join(format!("{slug}-{width}.png")), png).expect("writing a screenshot");
}

#[tokio::test]
async fn the_compact_menu_opens_the_side_navigation_on_a_phone() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    set_interface_language(&world.admin_a.session, "en").await;
    let Some(browser) = Browser::start().await else {
        return;
    };
    browser.sign_in_directly(&app, &world.admin_a.email).await;
    for width in [WIDE, NARROW] {
        at_width(&browser, width).await;
        browser.goto(&app.url("/")).await;
        let side = browser
            .client
            .find(Locator::Css("#side-nav"))
            .await
            .expect("side navigation");
        let header_height = browser
            .client
            .execute(
                "return document.querySelector('.site-header').getBoundingClientRect().height;",
                vec![],
            )
            .await
            .expect("header")
            .as_f64()
            .expect("height");
        if width == WIDE {
            assert!(
                side.is_displayed().await.expect("displayed"),
                "beside the page"
            );
            continue;
        }
        // One row of header on a phone, the navigation one tap away.
        assert!(header_height < 80.0, "the header takes {header_height} px");
        assert!(!side.is_displayed().await.expect("displayed"));
        browser.click("a[href=\"#side-nav\"]").await;
        assert!(
            side.is_displayed().await.expect("displayed"),
            "opened by its link"
        );
        screenshot(&browser, "side-navigation-open", width).await;
        follow_link(
            &browser,
            &format!(
                "#side-nav a[href='/channels/{}#unread']",
                world.general_channel
            ),
        )
        .await;
        assert!(
            browser
                .current_url()
                .await
                .contains(&format!("/channels/{}", world.general_channel))
        );
        assert_eq!(overflow(&browser).await, None);
        browser.click("a[href=\"#menu\"]").await;
        let signout = browser
            .client
            .find(Locator::Css(SIGNOUT_FORM))
            .await
            .expect("sign-out form");
        assert!(
            signout.is_displayed().await.expect("displayed"),
            "in the menu"
        );
    }
    browser.close().await;
    app.stop().await;
}
