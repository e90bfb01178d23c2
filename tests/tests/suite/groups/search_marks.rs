//! Search hits mark the words searched for, in the text only and escaped; the author filter
//! keeps one person's messages.

use agora_tests::api::text_in;
use agora_tests::personas::World;
use agora_tests::spawn_app;

#[tokio::test]
async fn hits_mark_the_words_safely_and_the_author_filter_narrows() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    let channel = world.general_channel;
    world
        .member_a
        .session
        .post_message(
            channel,
            text_in(
                "De watertoren <script>alert(1)</script> krijgt een nieuw dak",
                "nl",
            ),
        )
        .await;
    world
        .moderator
        .session
        .post_message(channel, text_in("Wie betaalt de watertoren?", "nl"))
        .await;
    let (status, body) = world.admin_a.session.page("/search?q=watertoren").await;
    assert_eq!(status, 200);
    assert!(body.contains("<mark>watertoren</mark>"), "{body}");
    assert!(!body.contains("<script>alert"), "{body}");
    assert!(body.contains("krijgt een nieuw dak") && body.contains("Wie betaalt"));
    // Only the moderator's message with the author filter.
    let path = format!("/search?q=watertoren&author={}", world.moderator.user_id);
    let (status, body) = world.admin_a.session.page(&path).await;
    assert_eq!(status, 200);
    assert!(body.contains("Wie betaalt"), "{body}");
    assert!(!body.contains("krijgt een nieuw dak"), "{body}");
}
