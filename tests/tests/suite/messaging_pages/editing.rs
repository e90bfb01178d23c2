//! Edits with their history, tombstones and reactions through the plain forms.

use super::*;

#[tokio::test]
async fn editing_marks_the_message_and_keeps_its_history() {
    let (app, world) = world().await;
    let a = &world.admin_a.session;
    let id = world.message;
    let (status, html) = page(a, &format!("/messages/{id}/edit")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Welkom in de stedenband</textarea>"));
    assert!(html.contains("<option value=\"nl\" lang=\"nl\" selected>"));

    let res = a
        .post_form(
            &format!("/messages/{id}/edit"),
            &[
                ("body", "Welkom in de stedenband Aalst – Bohicon"),
                ("language", "nl"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let to = location(&res);
    assert!(to.ends_with(&format!("#m{id}")), "{to}");
    let (_, html) = page(a, &to).await;
    let m = article(&html, id);
    assert!(
        m.contains("Aalst – Bohicon") && m.contains("(edited)"),
        "{m}"
    );

    let history: Value = a
        .api(Method::GET, &format!("/api/v1/messages/{id}/history"), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history[0]["markdown"], "Welkom in de stedenband");

    // Someone else may neither edit nor (not being a moderator) delete it.
    let b = &world.admin_b.session;
    let (status, _) = page(b, &format!("/messages/{id}/edit")).await;
    assert_eq!(status, 403);
    let res = b
        .post_form(&format!("/messages/{id}/edit"), &[("body", "hacked")])
        .await;
    assert_eq!(res.status(), 403);
    let (_, html) = page(b, &format!("/channels/{}", world.general_channel)).await;
    assert!(!article(&html, id).contains("/edit\""));

    // A language correction alone keeps the text.
    let res = a
        .post_form(
            &format!("/messages/{id}/edit"),
            &[
                ("body", "Welkom in de stedenband Aalst – Bohicon"),
                ("language", "fr"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, html) = page(a, &location(&res)).await;
    assert!(article(&html, id).contains("lang=\"fr\""));
    app.stop().await;
}

#[tokio::test]
async fn deleting_leaves_a_tombstone() {
    let (app, world) = world().await;
    let a = &world.admin_a.session;
    let id = world.message;
    let res = world
        .admin_b
        .session
        .post_form(&format!("/messages/{id}/delete"), &[])
        .await;
    assert_eq!(res.status(), 403, "only the author or a moderator");

    let res = a.post_form(&format!("/messages/{id}/delete"), &[]).await;
    assert_eq!(res.status(), 303);
    let (_, html) = page(&world.admin_b.session, &location(&res)).await;
    let m = article(&html, id);
    assert!(m.contains("This message was deleted."), "{m}");
    assert!(!m.contains("Welkom"), "{m}");
    assert!(!m.contains("/files/"), "its attachment is gone: {m}");
    assert!(!m.contains("reactions"), "no reacting to a tombstone: {m}");
    let res = world
        .admin_b
        .session
        .get(&format!("/files/{}/agenda.txt", world.attachment))
        .await;
    assert_eq!(res.status(), 404);
    app.stop().await;
}

#[tokio::test]
async fn reactions_toggle() {
    let (app, world) = world().await;
    let b = &world.admin_b.session;
    let id = world.message;
    let res = b
        .post_form(&format!("/messages/{id}/reactions"), &[("add", "🎉")])
        .await;
    assert_eq!(res.status(), 303);
    let to = location(&res);
    let (_, html) = page(b, &to).await;
    let m = article(&html, id);
    assert!(
        m.contains("name=\"remove\" value=\"🎉\" aria-pressed=\"true\""),
        "{m}"
    );
    assert!(m.contains("1 person reacted"));
    // Admin A sees it too, not as theirs.
    let (_, html) = page(&world.admin_a.session, &to).await;
    assert!(article(&html, id).contains("name=\"add\" value=\"🎉\" aria-pressed=\"false\""));

    let res = b
        .post_form(
            &format!("/messages/{id}/reactions"),
            &[("emoji", "🎉"), ("action", "remove")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, html) = page(b, &to).await;
    assert!(!article(&html, id).contains("aria-pressed"));

    let res = b
        .post_form(&format!("/messages/{id}/reactions"), &[("add", "abc")])
        .await;
    assert_eq!(res.status(), 422);
    app.stop().await;
}
