//! Two people talking live in a channel.

use super::*;

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
    a.sign_in_directly(&app, &world.admin_a.email).await;
    b.sign_in_directly(&app, &world.admin_b.email).await;
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
