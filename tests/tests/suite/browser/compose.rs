//! The composer in the browser, at 1280 and at 360 px: @mention suggestions with the keyboard
//! (the combobox pattern), Enter to send and Shift+Enter for a new line, drafts kept per channel,
//! and image previews that fit the screen.

use super::*;

const DOWN: char = '\u{e015}';
const ESCAPE: char = '\u{e00c}';
const SHIFT: char = '\u{e008}';
const WIDTHS: [u32; 2] = [1280, 360];

async fn wait_for(browser: &Browser, css: &str, what: &str) -> fantoccini::elements::Element {
    browser
        .client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{what}: {css} did not appear within {WAIT:?}: {e}"))
}

async fn js(browser: &Browser, script: &str) -> serde_json::Value {
    browser
        .client
        .execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// Waits until `script` answers true.
async fn until(browser: &Browser, script: &str, what: &str) {
    let deadline = tokio::time::Instant::now() + WAIT;
    while js(browser, script).await != json!(true) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "{what}: `{script}` stayed false"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn no_overflow(browser: &Browser, width: u32) {
    let scroll = js(browser, "return document.documentElement.scrollWidth;").await;
    assert!(
        scroll.as_u64().unwrap() <= u64::from(width),
        "the page is wider than {width} px: {scroll}"
    );
}

async fn open_channel(width: u32) -> Option<(TestApp, World, Browser)> {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    set_interface_language(&world.admin_a.session, "en").await;
    let browser = Browser::start().await?;
    browser
        .client
        .set_window_size(width, 900)
        .await
        .expect("window size");
    browser.sign_in_directly(&app, &world.admin_a.email).await;
    browser
        .goto(&app.url(&format!("/channels/{}", world.general_channel)))
        .await;
    // The script has wrapped the field: suggestions can open.
    wait_for(
        &browser,
        ".mention-box #body[role=combobox]",
        "composer script",
    )
    .await;
    Some((app, world, browser))
}

#[tokio::test]
async fn mentions_are_picked_with_the_keyboard() {
    for width in WIDTHS {
        let Some((app, world, b)) = open_channel(width).await else {
            return;
        };
        b.click("#body").await;
        press_keys(&b, "Hello @Mo").await;
        wait_for(
            &b,
            "#mention-list:not([hidden]) li[role=option]",
            "suggestions",
        )
        .await;
        assert_eq!(
            attribute(&b, "#body", "aria-expanded").await.as_deref(),
            Some("true")
        );
        // Readers whose name has a word starting with "Mo", by name: Mira Moderator, Mo Member.
        assert_eq!(count(&b, "#mention-list li[role=option]").await, 2);
        assert_eq!(
            attribute(&b, "#body", "aria-activedescendant")
                .await
                .as_deref(),
            Some("mention-0")
        );
        press_keys(&b, &DOWN.to_string()).await;
        assert_eq!(
            attribute(&b, "#body", "aria-activedescendant")
                .await
                .as_deref(),
            Some("mention-1")
        );
        assert_eq!(
            attribute(&b, "#mention-1", "aria-selected")
                .await
                .as_deref(),
            Some("true")
        );
        no_overflow(&b, width).await;
        press_keys(&b, &ENTER.to_string()).await;
        assert_eq!(
            field_value(&b, "#body").await.as_deref(),
            Some("Hello @mo.member ")
        );
        assert_eq!(
            attribute(&b, "#body", "aria-expanded").await.as_deref(),
            Some("false")
        );
        // Escape closes the list without picking.
        press_keys(&b, "@Mi").await;
        wait_for(&b, "#mention-list:not([hidden]) li", "suggestions again").await;
        press_keys(&b, &ESCAPE.to_string()).await;
        assert_eq!(
            attribute(&b, "#body", "aria-expanded").await.as_deref(),
            Some("false")
        );
        assert_eq!(
            field_value(&b, "#body").await.as_deref(),
            Some("Hello @mo.member @Mi")
        );
        // Enter now sends; the mention shows highlighted in the message.
        press_keys(&b, &ENTER.to_string()).await;
        let mention = format!(
            "#messages .mention[data-user-id=\"{}\"]",
            world.member_a.user_id
        );
        wait_for(&b, &mention, "the sent mention").await;
        assert_eq!(b.text(&mention).await, "@Mo Member");
        b.close().await;
        app.stop().await;
    }
}

#[tokio::test]
async fn enter_sends_shift_enter_breaks_and_drafts_stay() {
    for width in WIDTHS {
        let Some((app, world, b)) = open_channel(width).await else {
            return;
        };
        b.click("#body").await;
        press_keys(&b, "first line").await;
        let mut keys = KeyActions::new("keyboard".to_string());
        keys = keys
            .then(KeyAction::Down { value: SHIFT })
            .then(KeyAction::Down { value: ENTER })
            .then(KeyAction::Up { value: ENTER })
            .then(KeyAction::Up { value: SHIFT });
        b.client.perform_actions(keys).await.expect("shift+enter");
        press_keys(&b, "second line").await;
        assert_eq!(
            field_value(&b, "#body").await.as_deref(),
            Some("first line\nsecond line")
        );
        // The draft survives a reload of the page.
        b.goto(&app.url(&format!("/channels/{}", world.general_channel)))
            .await;
        wait_for(&b, ".mention-box #body", "composer script").await;
        assert_eq!(
            field_value(&b, "#body").await.as_deref(),
            Some("first line\nsecond line")
        );
        b.click("#body").await;
        js(&b, "var t = document.getElementById('body'); t.setSelectionRange(t.value.length, t.value.length);").await;
        press_keys(&b, &ENTER.to_string()).await;
        b.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(
                r#"//article[contains(., "first line") and contains(., "second line")]"#,
            ))
            .await
            .expect("the two-line message, sent by Enter");
        until(
            &b,
            "return document.getElementById('body').value === '';",
            "field emptied",
        )
        .await;
        until(
            &b,
            &format!(
                "return localStorage.getItem('agora.draft.{}') === null;",
                world.general_channel
            ),
            "draft cleared once sent",
        )
        .await;
        no_overflow(&b, width).await;
        b.close().await;
        app.stop().await;
    }
}

fn photo() -> Vec<u8> {
    use image::ImageEncoder;
    let (w, h) = (1600, 1000);
    let pixels = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&pixels, w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

#[tokio::test]
async fn an_image_shows_as_a_preview_that_fits() {
    for width in WIDTHS {
        let app = spawn_app().await;
        let world = World::build(&app).await;
        let a = &world.admin_a.session;
        let file: serde_json::Value = a
            .client
            .post(format!(
                "{}/api/v1/channels/{}/attachments?name=watertoren.png",
                a.base, world.general_channel
            ))
            .header("x-csrf-token", &a.csrf)
            .body(photo())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let res = a
            .api(
                Method::POST,
                &format!("/api/v1/channels/{}/messages", world.general_channel),
                Some(json!({"body": "De watertoren", "attachment_ids": [file["id"]]})),
            )
            .await;
        assert_eq!(res.status(), 201);
        let Some(b) = Browser::start().await else {
            return;
        };
        b.client
            .set_window_size(width, 900)
            .await
            .expect("window size");
        b.sign_in_directly(&app, &world.member_a.email).await;
        b.goto(&app.url(&format!("/channels/{}", world.general_channel)))
            .await;
        let img = ".msg-preview img";
        wait_for(&b, img, "the preview").await;
        assert_eq!(attribute(&b, img, "width").await.as_deref(), Some("480"));
        assert_eq!(attribute(&b, img, "height").await.as_deref(), Some("300"));
        until(
            &b,
            "var i = document.querySelector('.msg-preview img'); return i.complete && i.naturalWidth === 480;",
            "the thumbnail loads",
        )
        .await;
        let shown = js(
            &b,
            "return document.querySelector('.msg-preview img').getBoundingClientRect().width;",
        )
        .await;
        assert!(
            shown.as_f64().unwrap() <= f64::from(width),
            "preview wider than the screen"
        );
        no_overflow(&b, width).await;
        b.close().await;
        app.stop().await;
    }
}
