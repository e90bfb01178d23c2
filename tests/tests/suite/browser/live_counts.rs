//! Unread and mention counts follow the event stream across tabs and people: admin B writes,
//! both of admin A's tabs count it; one of A's tabs reads the channel, the other's count drops.

use super::layout::{NARROW, WIDE, at_width};
use super::*;

/// Waits until `script` (returning a boolean) holds in `browser`.
async fn until(browser: &Browser, script: &str, what: &str) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        if browser.client.execute(script, vec![]).await.ok() == Some(json!(true)) {
            return;
        }
        let title = browser.client.title().await.unwrap_or_default();
        assert!(
            tokio::time::Instant::now() < deadline,
            "{what} (title {title:?})"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Whether the badge `[data-<attr>="<key>"]` in `scope` shows `n` (hidden for 0).
fn badge(scope: &str, attr: &str, key: &str, n: i64) -> String {
    let sel = format!("{scope} [data-{attr}=\"{key}\"]");
    if n == 0 {
        format!(
            "var b = document.querySelector('{sel}'); return !!b && b.hidden && getComputedStyle(b).display === 'none';"
        )
    } else {
        format!(
            "var b = document.querySelector('{sel}'); return !!b && !b.hidden && \
             getComputedStyle(b).display !== 'none' && b.textContent.indexOf('{n}') >= 0;"
        )
    }
}

#[tokio::test]
async fn counts_follow_other_tabs_and_other_people() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    set_interface_language(&world.admin_a.session, "en").await;
    let Some(home) = Browser::start().await else {
        return;
    };
    let Some(reader) = Browser::start().await else {
        return;
    };
    home.sign_in_directly(&app, &world.admin_a.email).await;
    reader.sign_in_directly(&app, &world.admin_a.email).await;
    let general = world.general_channel;
    let ws = world.workspace;
    for width in [WIDE, NARROW] {
        at_width(&home, width).await;
        at_width(&reader, width).await;
        // One tab on the workspace page, one at home.
        home.goto(&app.url(&format!("/workspaces/{ws}"))).await;
        reader.goto(&app.url("/")).await;
        mark_page(&home).await;
        let key = format!("c{general}");
        until(
            &home,
            &badge("#side-nav", "u", &key, 0),
            "nothing unread at first",
        )
        .await;

        // Admin B writes, once mentioning admin A.
        let mention = format!(
            "Bonjour @[An Admin](user:{}), le calendrier ?",
            world.admin_a.user_id
        );
        for body in ["Premier message", mention.as_str()] {
            let res = world
                .admin_b
                .session
                .api(
                    Method::POST,
                    &format!("/api/v1/channels/{general}/messages"),
                    Some(json!({"body": body})),
                )
                .await;
            assert_eq!(res.status().as_u16(), 201);
        }
        for b in [&home, &reader] {
            until(
                b,
                &badge("#side-nav", "u", &key, 2),
                "two unread in the side list",
            )
            .await;
            until(
                b,
                &badge("#side-nav", "m", &key, 1),
                "one mention in the side list",
            )
            .await;
            until(
                b,
                "return document.title.indexOf('(2) ') === 0;",
                "the total in the title",
            )
            .await;
        }
        // The workspace page's own lists follow too, in words.
        until(
            &home,
            &badge("main", "u", &key, 2),
            "the workspace page's channel",
        )
        .await;
        until(
            &reader,
            &badge("main", "u", &format!("w{ws}"), 2),
            "home's workspace",
        )
        .await;

        // The second tab reads the channel; the first tab's counts drop without a reload.
        reader
            .goto(&app.url(&format!("/channels/{general}#unread")))
            .await;
        until(
            &home,
            &badge("#side-nav", "u", &key, 0),
            "read in the other tab",
        )
        .await;
        until(&home, &badge("#side-nav", "m", &key, 0), "mention read").await;
        until(
            &home,
            &badge("main", "u", &key, 0),
            "the workspace page's channel",
        )
        .await;
        until(
            &home,
            "return document.title.indexOf('(') !== 0;",
            "no total left",
        )
        .await;
        assert_eq!(
            home.client
                .execute("return window.__agoraTestOldPage === true;", vec![])
                .await
                .expect("same page"),
            json!(true),
            "never reloaded"
        );
    }
    home.close().await;
    reader.close().await;
    app.stop().await;
}
