//! A form shown again lists every error at once: beside each field and in a summary that names
//! the field, links to it and takes the focus; the page title starts with "Error".

use agora_tests::personas::World;
use agora_tests::spawn_app;

#[tokio::test]
async fn every_error_of_a_form_at_once_beside_its_field_and_in_a_focused_summary() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    // Admin A reads Dutch.
    let a = &mut world.admin_a.session;
    let (status, _) = a.page("/workspaces/new").await;
    assert_eq!(status, 200);
    let long = "x".repeat(2001);
    let res = a
        .post_form(
            "/workspaces",
            &[
                ("kind", "working_group"),
                ("name", "   "),
                ("description", &long),
                ("visibility", "invite_only"),
                ("default_language", "nl"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let body = res.text().await.expect("body");
    // The summary takes the focus without JavaScript and names both fields with links.
    assert!(
        body.contains(r#"class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus"#),
        "{body}"
    );
    assert!(
        body.contains(r##"<a href="#name">Naam van de werkruimte: "##),
        "{body}"
    );
    assert!(
        body.contains(r##"<a href="#description">Beschrijving: "##),
        "{body}"
    );
    // Each field is marked invalid and described by its own error, shown beside it.
    assert!(
        body.contains(r#"aria-describedby="name-hint name-error" aria-invalid="true""#),
        "{body}"
    );
    assert!(body.contains(r#"aria-describedby="description-error" aria-invalid="true""#));
    assert!(body.contains(r#"<span class="field-error" id="name-error">"#));
    assert!(body.contains(r#"<span class="field-error" id="description-error">"#));
    // The title says first that something is wrong.
    assert!(body.contains("<title>Fout: "), "{body}");
}

#[tokio::test]
async fn the_rate_limit_says_how_long_to_wait() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let mut s = app.session();
    let (status, _) = s.page("/signin").await;
    assert_eq!(status, 200);
    let mut last = String::new();
    for _ in 0..8 {
        let res = s
            .post_form(
                "/signin",
                &[
                    ("email", world.member_a.email.as_str()),
                    ("password", "wrong"),
                ],
            )
            .await;
        last = res.text().await.expect("body");
    }
    assert!(last.contains("Please wait "), "{last}");
    assert!(last.contains(" minute"), "{last}");
    assert!(!last.contains("a while"));
}

#[tokio::test]
async fn a_channel_page_offers_a_skip_link_to_the_composer() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    let path = format!("/channels/{}", world.general_channel);
    let (status, body) = world.member_a.session.page(&path).await;
    assert_eq!(status, 200);
    assert!(
        body.contains(r##"<a class="skip-link" href="#body">"##),
        "{body}"
    );
    assert!(body.contains(r#"id="body""#));
}
