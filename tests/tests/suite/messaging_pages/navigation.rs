//! Search, paging and jumping to a message.

use super::*;

#[tokio::test]
async fn search_finds_french_words_in_other_forms() {
    let (app, world) = world().await;
    let b = &world.admin_b.session;
    let posted = b
        .post_message(
            world.general_channel,
            text_in(
                "Nous préparons le budget participatif de Bohicon avec les quartiers.",
                "fr",
            ),
        )
        .await;
    let (id, seq) = (posted.id, posted.seq);
    let (status, html) = page(b, "/search?q=budgets+participatifs").await;
    assert_eq!(status, 200);
    assert!(html.contains("One message found"), "{html}");
    assert!(html.contains(&format!(
        "href=\"/channels/{}?around={seq}#m{id}\"",
        world.general_channel
    )));
    assert!(html.contains("budget participatif"));
    assert!(html.contains("Aalst – Bohicon"), "the workspace is named");

    // Filters: another workspace, dates, a channel.
    let (_, html) = page(b, "/search?q=budgets+participatifs&until=2000-01-01").await;
    assert!(html.contains("No messages found"));
    let (status, html) = page(b, "/search?q=budget&from=yesterday").await;
    assert_eq!(status, 422);
    assert!(html.contains("class=\"error-summary\""));
    let (_, html) = page(
        b,
        &format!(
            "/search?q=budget&channel={}&workspace=",
            world.general_channel
        ),
    )
    .await;
    assert!(html.contains("One message found"));

    // Someone outside the workspace finds nothing.
    let (status, html) = page(&world.member_b.session, "/search?q=budgets+participatifs").await;
    assert_eq!(status, 200);
    assert!(!html.contains("budget participatif"));
    app.stop().await;
}

#[tokio::test]
async fn paging_and_jumping_to_a_message() {
    let (app, world) = world().await;
    let a = &world.admin_a.session;
    let channel = world.general_channel;
    let mut ids = Vec::new();
    for i in 1..=120 {
        let m = a
            .post_message(channel, text_in(&format!("Bericht nummer {i}"), "nl"))
            .await;
        ids.push((m.id, m.seq));
    }
    let (_, html) = page(a, &format!("/channels/{channel}")).await;
    assert_eq!(html.matches("<article").count(), 50);
    assert!(html.contains("Bericht nummer 120<"));
    assert!(!html.contains("Bericht nummer 70<"));
    assert!(html.contains("data-live=\"1\""), "the newest page is live");
    let older = format!("/channels/{channel}?before={}", ids[70].1);
    assert!(html.contains(&format!("href=\"{older}\"")), "{older}");
    assert!(!html.contains("?after="));

    let (_, html) = page(a, &older).await;
    assert_eq!(html.matches("<article").count(), 50);
    assert!(html.contains("Bericht nummer 21<") && html.contains("Bericht nummer 70<"));
    assert!(
        html.contains(&format!("?after={}", ids[69].1)),
        "newer link"
    );
    assert!(
        html.contains(&format!("?before={}", ids[20].1)),
        "older link"
    );
    assert!(
        !html.contains("data-live"),
        "an older page is not appended to"
    );

    // Jump to message 10: it is on the page, marked and focusable.
    let (id, seq) = ids[9];
    let (status, html) = page(a, &format!("/channels/{channel}?around={seq}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(&format!(
            "class=\"msg msg-target\" id=\"m{id}\" data-author=\""
        )),
        "{html}"
    );
    assert!(article(&html, id).contains("tabindex=\"-1\""));
    // The ten messages before it fit on the page; the newer ones do not.
    assert!(!html.contains("rel=\"prev\"") && html.contains("rel=\"next\""));
    assert!(html.contains("Bericht nummer 1<") && !html.contains("Bericht nummer 120<"));

    // Reading the newest page reads the channel.
    let b = &world.admin_b.session;
    let unread: Value = b
        .api(Method::GET, "/api/v1/unread", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(unread["unread"], 121);
    page(b, &format!("/channels/{channel}")).await;
    let unread: Value = b
        .api(Method::GET, "/api/v1/unread", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(unread["unread"], 0);
    app.stop().await;
}
