//! Who reacted, the delete confirmation without JavaScript, deleted messages without actions,
//! reply counts as links, `:shortcodes:`, the emoji picker and the Enter setting.

use agora_tests::app::location;

use super::*;

async fn react(session: &Session, message: i64, emoji: &str) {
    let res = session
        .api(
            Method::PUT,
            &format!("/api/v1/messages/{message}/reactions"),
            Some(json!({"emoji": emoji})),
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
}

#[tokio::test]
async fn who_reacted_names_the_people_of_each_reaction() {
    let (app, w) = world().await;
    react(&w.admin_a.session, w.message, "👍").await;
    react(&w.member_a.session, w.message, "👍").await;
    react(&w.admin_b.session, w.message, "🎉").await;
    let (status, html) = w
        .observer
        .session
        .clone_page(&format!("/messages/{}/reactions", w.message))
        .await;
    assert_eq!(status, 200);
    let thumbs = html.find("👍").expect("👍 listed");
    let party = html.find("🎉").expect("🎉 listed");
    let an = html.find("An Admin").expect("admin A named");
    let mo = html.find("Mo Member").expect("member A named");
    let bio = html.find("Bio Admin").expect("admin B named");
    assert!(
        thumbs < an && an < mo && mo < party && party < bio,
        "grouped by emoji"
    );
    // The channel page links to it.
    let (_, page) = w
        .observer
        .session
        .clone_page(&format!("/channels/{}", w.general_channel))
        .await;
    assert!(page.contains(&format!("href=\"/messages/{}/reactions\"", w.message)));
    let res = w
        .member_b
        .session
        .get(&format!("/messages/{}/reactions", w.message))
        .await;
    assert_eq!(res.status(), 404, "another tenant learns nothing");
    app.stop().await;
}

#[tokio::test]
async fn deleting_asks_first_and_a_deleted_message_offers_nothing() {
    let (app, w) = world().await;
    let ch = w.general_channel;
    let a = &w.admin_a.session;
    let root = post(a, ch, "Wordt gewist").await["id"].as_i64().unwrap();
    json_of(
        w.member_a
            .session
            .api(
                Method::POST,
                &format!("/api/v1/channels/{ch}/messages"),
                Some(json!({"body": "Een antwoord", "thread_root_id": root})),
            )
            .await,
        201,
    )
    .await;
    // The channel links the delete to its confirmation page, and the reply count to the thread.
    let (_, page) = a.clone_page(&format!("/channels/{ch}")).await;
    assert!(page.contains(&format!("href=\"/messages/{root}/delete\"")));
    assert!(page.contains(&format!(
        "class=\"reply-count\" href=\"/messages/{root}/thread\""
    )));
    // The confirmation page is a plain form; nothing is deleted by opening it.
    let (status, html) = a.clone_page(&format!("/messages/{root}/delete")).await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("action=\"/messages/{root}/delete\"")));
    assert!(html.contains("Wordt gewist"));
    let res = w
        .member_a
        .session
        .get(&format!("/messages/{root}/delete"))
        .await;
    assert_eq!(res.status(), 403, "not member A's to delete");
    let res = a.post_form(&format!("/messages/{root}/delete"), &[]).await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).starts_with(&format!("/channels/{ch}")));
    let (_, page) = a.clone_page(&format!("/channels/{ch}")).await;
    let start = page.find(&format!("id=\"m{root}\"")).expect("tombstone");
    let article = &page[start..start + page[start..].find("</article>").unwrap()];
    for action in ["/edit", "/delete", "/reactions", "/react", "Reply"] {
        assert!(
            !article.contains(action),
            "a deleted message offers {action}: {article}"
        );
    }
    assert!(
        article.contains("class=\"reply-count\""),
        "its replies stay reachable"
    );
    app.stop().await;
}

#[tokio::test]
async fn shortcodes_become_emoji_and_the_picker_searches() {
    let (app, w) = world().await;
    let m = post(
        &w.admin_a.session,
        w.general_channel,
        "Gelukt :tada: om 10:30",
    )
    .await;
    let html = m["html"].as_str().unwrap();
    assert!(html.contains("Gelukt 🎉 om 10:30"), "{html}");
    let (status, page) = w
        .member_a
        .session
        .clone_page(&format!("/messages/{}/react?q=red+heart", w.message))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("value=\"❤\u{fe0f}\""), "red heart offered");
    assert!(!page.contains("value=\"🎉\""), "only matches");
    app.stop().await;
}

#[tokio::test]
async fn the_enter_setting_is_kept_per_person() {
    let (app, w) = world().await;
    let path = format!("/channels/{}", w.general_channel);
    let (_, page) = w.member_a.session.clone_page(&path).await;
    assert!(page.contains("data-enter-sends=\"true\""));
    let res = w
        .member_a
        .session
        .post_form("/settings/composer", &[("back", &path)])
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), path);
    let (_, page) = w.member_a.session.clone_page(&path).await;
    assert!(page.contains("data-enter-sends=\"false\""));
    let (_, other) = w.admin_a.session.clone_page(&path).await;
    assert!(
        other.contains("data-enter-sends=\"true\""),
        "someone else's stays"
    );
    app.stop().await;
}
