//! The side navigation on every signed-in page: workspaces, channels, direct conversations,
//! counts, the current one marked, the total in the title; mark all as read.

use super::*;

#[tokio::test]
async fn the_side_navigation_lists_what_one_reads_with_counts() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    english(&world.admin_a.session).await;
    let general = world.general_channel;
    post(
        &world.admin_b.session,
        general,
        "Bonjour, the minutes are in the folder.",
    )
    .await;
    post(&world.admin_b.session, general, "And the budget too.").await;

    let (status, home) = world.admin_a.session.page("/").await;
    assert_eq!(status, 200);
    let nav = super::between(&home, "<nav id=\"side-nav\"", "</nav>");
    assert!(nav.contains(World::WORKSPACE_NAME), "{nav}");
    assert!(nav.contains(World::PRIVATE_CHANNEL_NAME), "{nav}");
    assert!(nav.contains(&format!("href='/channels/{general}#unread'")));
    // The direct conversation of member A and admin B is theirs alone.
    assert!(
        !nav.contains(&format!("/channels/{}#", world.direct)),
        "{nav}"
    );
    // Two unread messages: the channel's badge, its workspace's and the total in the title.
    let item = super::between(nav, &format!("<li data-c=\"{general}\""), "</li>");
    assert!(item.contains("2 unread messages"), "{item}");
    assert!(home.contains("<title>(2) "), "{home}");
    assert!(nav.contains(&format!("data-u=\"w{}\">", world.workspace)));
    assert!(nav.contains("data-words-u=\"Unread: #\""));

    // Member B is in no workspace: the navigation says so and lists no channel of A's.
    let (_, other) = world.member_b.session.page("/").await;
    let nav_b = super::between(&other, "<nav id=\"side-nav\"", "</nav>");
    assert!(!nav_b.contains(World::WORKSPACE_NAME), "{nav_b}");
    assert!(!nav_b.contains(World::PRIVATE_CHANNEL_NAME));

    // The direct conversation shows the other person's name for both of them.
    let (_, page) = world.member_a.session.page("/profile").await;
    let nav_m = super::between(&page, "<nav id=\"side-nav\"", "</nav>");
    assert!(
        nav_m.contains(&format!("/channels/{}#unread", world.direct)),
        "{nav_m}"
    );

    // Opening the channel reads it: its own page already counts nothing there, and marks it.
    let (_, channel) = world
        .admin_a
        .session
        .page(&format!("/channels/{general}"))
        .await;
    let nav = super::between(&channel, "<nav id=\"side-nav\"", "</nav>");
    let item = super::between(nav, &format!("<li data-c=\"{general}\""), "</li>");
    assert!(item.contains("aria-current=\"page\""), "{item}");
    assert!(!item.contains("unread message"), "{item}");
    assert!(!channel.contains("<title>(2)"));
    // A favicon of our own, cached like every asset.
    let icon = super::between(&channel, "rel=\"icon\" href=\"", "\" type");
    let icon = icon.trim_start_matches("rel=\"icon\" href=\"");
    let res = world.admin_a.session.get(icon).await;
    assert_eq!(res.status().as_u16(), 200, "{icon}");
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    app.stop().await;
}

#[tokio::test]
async fn mark_all_as_read_reads_every_channel_of_the_workspace() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    english(&world.admin_a.session).await;
    post(&world.member_a.session, world.general_channel, "One").await;
    post(&world.member_a.session, world.private_channel, "Two").await;
    let ws = world.workspace;
    let (_, page) = world
        .admin_a
        .session
        .page(&format!("/workspaces/{ws}"))
        .await;
    assert!(page.contains("<title>(2) "), "{page}");
    assert!(page.contains(&format!("action=\"/workspaces/{ws}/read\"")));
    let res = world
        .admin_a
        .session
        .post_form(&format!("/workspaces/{ws}/read"), &[])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(
        res.headers()["location"],
        format!("/workspaces/{ws}?notice=marked-read").as_str()
    );
    let (_, page) = world
        .admin_a
        .session
        .page(&format!("/workspaces/{ws}?notice=marked-read"))
        .await;
    assert!(!page.contains("<title>(2)"), "{page}");
    assert!(!page.contains("unread message"), "{page}");
    assert!(page.contains("Everything in this workspace is marked as read."));
    let res = world.admin_a.session.get("/api/v1/unread").await;
    let unread: serde_json::Value = res.json().await.expect("json");
    assert_eq!(unread["unread"], 0, "{unread}");
    // Member A's own counts are theirs: untouched.
    let res = world.admin_b.session.get("/api/v1/unread").await;
    let unread: serde_json::Value = res.json().await.expect("json");
    assert!(unread["unread"].as_i64() > Some(0), "{unread}");
    app.stop().await;
}
