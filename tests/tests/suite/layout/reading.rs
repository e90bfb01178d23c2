//! Reading a channel without JavaScript: it opens at the first unread message behind a "new
//! messages" line (the navigation's links point at `#unread`), or at its end when all is read;
//! days are separated and times say "today"; older history is a link.

use super::*;

/// Where `needle` is in `html`, or a panic naming it.
fn at(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("{needle} missing in\n{html}"))
}

#[tokio::test]
async fn a_channel_opens_at_its_first_unread_message() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    english(&world.admin_a.session).await;
    let general = world.general_channel;
    let path = format!("/channels/{general}");
    // Everything so far is read.
    let (_, page) = world.admin_a.session.page(&path).await;
    assert!(!page.contains("class=\"unread-sep\""), "{page}");
    assert!(page.contains("<div class=\"conv-end\" id=\"unread\"></div>"));
    // Three new messages of admin B.
    for text in ["Premier point", "Deuxième point", "Troisième point"] {
        post(&world.admin_b.session, general, text).await;
    }
    let (_, page) = world.admin_a.session.page(&path).await;
    let divider = at(
        &page,
        "<p class=\"unread-sep\" id=\"unread\">New messages</p>",
    );
    assert!(
        at(&page, World::GENERAL_TEXT) < divider,
        "read before the line"
    );
    assert!(divider < at(&page, "Premier point"), "unread after it");
    assert_eq!(page.matches("id=\"unread\"").count(), 1);
    assert!(page.contains("<div class=\"conv-end\"></div>"));
    // One separator for the day, and times relative to it.
    assert_eq!(page.matches("<p class=\"day-sep\">").count(), 1, "{page}");
    assert!(page.contains(">Today</time></p>"), "{page}");
    assert!(page.contains(">today "), "{page}");
    // Read now: the next visit has no line and ends at the composer.
    let (_, page) = world.admin_a.session.page(&path).await;
    assert!(!page.contains("unread-sep"));
    assert!(page.contains("<div class=\"conv-end\" id=\"unread\"></div>"));

    // In French, for admin B, who wrote them: their own messages are read.
    let (_, page) = world.admin_b.session.page(&path).await;
    assert!(!page.contains("unread-sep"), "{page}");
    assert!(page.contains(">Aujourd’hui</time>"), "{page}");
    app.stop().await;
}

#[tokio::test]
async fn more_than_a_page_unread_opens_at_the_newest_with_the_line_and_older_link() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    english(&world.admin_a.session).await;
    let general = world.general_channel;
    let path = format!("/channels/{general}");
    // Context the reader has read, then more than a page they have not.
    for i in 0..30 {
        post(&world.admin_a.session, general, &format!("Gelezen {i}")).await;
    }
    post(&world.admin_b.session, general, "Ongelezen 0").await;
    for i in 1..60 {
        post(&world.admin_b.session, general, &format!("Ongelezen {i}")).await;
    }
    let (_, page) = world.admin_a.session.page(&path).await;
    // The newest page, all unread: the line stands before its first message, and the link
    // to older messages leads to the first unread ones and what was read before them.
    let divider = at(&page, "id=\"unread\">New messages</p>");
    assert!(divider < at(&page, "Ongelezen 59<"));
    assert!(
        divider < at(&page, "<article"),
        "before the first message shown"
    );
    assert!(!page.contains("Gelezen 29<"), "{page}");
    assert!(!page.contains("?after="));
    // Reading the newest page reads the channel.
    let res = world.admin_a.session.get("/api/v1/unread").await;
    let unread: serde_json::Value = res.json().await.expect("json");
    assert_eq!(unread["unread"], 0, "{unread}");

    // The older-messages link leads to the messages before the first one shown.
    let older = super::between(
        &page,
        "<p class=\"pager\" id=\"older\"><a href=\"",
        "\" rel=\"prev\"",
    );
    let older = older
        .trim_start_matches("<p class=\"pager\" id=\"older\"><a href=\"")
        .replace("&#x3f;", "?")
        .replace("&#x3d;", "=");
    assert!(
        older.starts_with(&format!("/channels/{general}?before=")),
        "{older}"
    );
    let (status, earlier) = world.admin_a.session.page(&older).await;
    assert_eq!(status, 200);
    assert!(
        earlier.contains("Gelezen 29<") && earlier.contains("Ongelezen 0<"),
        "{earlier}"
    );
    // Now read, the older page has no line.
    assert!(!earlier.contains("unread-sep"), "{earlier}");
    app.stop().await;
}
