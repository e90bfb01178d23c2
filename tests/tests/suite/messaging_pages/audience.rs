//! What observers, outsiders and the people of a direct conversation are shown.

use super::*;

#[tokio::test]
async fn observers_read_without_a_composer() {
    let (app, world) = world().await;
    let res = world
        .admin_a
        .session
        .api(
            Method::PATCH,
            &format!(
                "/api/v1/workspaces/{}/members/{}",
                world.workspace, world.member_a.user_id
            ),
            Some(json!({"role": "observer"})),
        )
        .await;
    assert_eq!(res.status(), 204, "{}", res.text().await.unwrap());
    let observer = &world.member_a.session;
    let (status, html) = page(observer, &format!("/channels/{}", world.general_channel)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Welkom in de stedenband"));
    assert!(!html.contains("id=\"composer\""));
    assert!(html.contains("You can read this conversation, but not write in it."));
    assert!(!html.contains("/reactions\""), "no reaction buttons either");
    let res = observer
        .post_form(
            &format!("/channels/{}/messages", world.general_channel),
            &[("body", "Mag ik iets zeggen?")],
        )
        .await;
    assert_eq!(res.status(), 403);
    app.stop().await;
}

#[tokio::test]
async fn outsiders_get_404_everywhere() {
    let (app, world) = world().await;
    let outsider = &world.member_b.session;
    let general = world.general_channel;
    let message = world.message;
    for path in [
        format!("/channels/{general}"),
        format!("/channels/{}", world.private_channel),
        format!("/channels/{general}?around=1"),
        format!("/messages/{message}/thread"),
        format!("/messages/{message}/fragment"),
        format!("/messages/{message}/edit"),
        format!("/files/{}/{}", world.attachment, World::ATTACHMENT_NAME),
        "/channels/987654321".to_string(),
    ] {
        let res = outsider.get(&path).await;
        assert_eq!(res.status(), 404, "{path}");
    }
    // Admin B is in the workspace but not in its private channel.
    let (status, _) = page(
        &world.admin_b.session,
        &format!("/channels/{}", world.private_channel),
    )
    .await;
    assert_eq!(status, 404);
    for (path, fields) in [
        (
            format!("/channels/{general}/messages"),
            vec![("body", "hello")],
        ),
        (
            format!("/messages/{message}/reactions"),
            vec![("add", "👍")],
        ),
        (format!("/messages/{message}/edit"), vec![("body", "x")]),
        (format!("/messages/{message}/delete"), vec![]),
    ] {
        let res = outsider.post_form(&path, &fields).await;
        assert_eq!(res.status(), 404, "POST {path}");
    }
    // Signed out: to the sign-in page, and back afterwards.
    let res = app
        .session()
        .get(&format!("/channels/{general}?around=3"))
        .await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).starts_with("/signin?next=%2Fchannels%2F"));
    app.stop().await;
}

#[tokio::test]
async fn a_direct_conversation_names_the_other_people() {
    let (app, world) = world().await;
    let a = &world.admin_a.session;
    let res = a
        .api(
            Method::POST,
            "/api/v1/direct",
            Some(json!({"user_ids": [world.member_b.user_id]})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let channel = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let (status, html) = page(a, &format!("/channels/{channel}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<h1>Conversation with Awa Membre</h1>"),
        "{html}"
    );
    assert!(html.contains("id=\"composer\""));
    assert!(!html.contains("/workspaces/"), "no workspace to link to");
    // A file over the limit is explained beside the file input.
    let big = vec![b'x'; agora_shared::limits::MAX_ATTACHMENT_BYTES + 1];
    let res = a
        .raw(
            Method::POST,
            &format!("/channels/{channel}/messages"),
            multipart_headers(),
            multipart(
                &[("csrf_token", &a.csrf), ("body", "Het verslag")],
                &[("verslag.pdf", &big)],
            ),
        )
        .await;
    assert_eq!(res.status(), 413);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"file-error\""), "{html}");
    assert!(html.contains(">Het verslag</textarea>"), "the text is kept");
    // Nobody else reads it.
    let res = world
        .admin_b
        .session
        .get(&format!("/channels/{channel}"))
        .await;
    assert_eq!(res.status(), 404);
    app.stop().await;
}
