//! `@Full Name` and `@first.last` typed by hand, `@channel`/`@here`, and the suggestions.

use super::*;

fn mentions_user(html: &str, id: i64) -> bool {
    html.contains(&format!("data-user-id=\"{id}\""))
}

#[tokio::test]
async fn a_typed_name_mentions_the_one_reader_with_that_name() {
    let (app, w) = world().await;
    let ch = w.general_channel;
    let m = post(
        &w.admin_a.session,
        ch,
        "Vraag @Mo Member en @mira.moderator, niet @Awa Membre of mail an@aalst.test",
    )
    .await;
    let html = m["html"].as_str().unwrap();
    assert!(mentions_user(html, w.member_a.user_id), "{html}");
    assert!(mentions_user(html, w.moderator.user_id), "{html}");
    // Member B does not read the channel: her name stays text and she learns nothing.
    assert!(!mentions_user(html, w.member_b.user_id), "{html}");
    assert!(html.contains("@Awa Membre"), "{html}");
    assert!(
        html.contains("an@aalst.test"),
        "an email address is no mention: {html}"
    );
    assert_eq!(mentions_in(&w.member_a.session, ch).await, 1);
    assert_eq!(mentions_in(&w.moderator.session, ch).await, 1);
    // The reader sees their own mention marked more strongly.
    let (_, page) = w
        .member_a
        .session
        .clone_page(&format!("/channels/{ch}"))
        .await;
    assert!(
        page.contains(&format!(
            "class=\"mention mention-me\" data-user-id=\"{}\"",
            w.member_a.user_id
        )),
        "own mention not marked"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_name_two_readers_share_mentions_nobody() {
    let (app, w) = world().await;
    let observer = w.observer.user_id;
    app.state
        .db
        .write(move |conn| {
            use agora::db::schema::users;
            use diesel::prelude::*;
            diesel::update(users::table.find(observer))
                .set(users::display_name.eq("Mo Member"))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    let m = post(&w.admin_a.session, w.general_channel, "Graag @Mo Member").await;
    let html = m["html"].as_str().unwrap();
    assert!(!html.contains("data-user-id"), "ambiguous: {html}");
    assert_eq!(mentions_in(&w.member_a.session, w.general_channel).await, 0);
    app.stop().await;
}

#[tokio::test]
async fn adding_a_mention_by_editing_notifies_like_a_new_one() {
    let (app, w) = world().await;
    let ch = w.general_channel;
    let m = post(&w.admin_a.session, ch, "Goedemorgen").await;
    assert_eq!(mentions_in(&w.member_a.session, ch).await, 0);
    let res = w
        .admin_a
        .session
        .post_form(
            &format!("/messages/{}/edit", m["id"]),
            &[("body", "Goedemorgen @mo.member"), ("language", "nl")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(mentions_in(&w.member_a.session, ch).await, 1);
    app.stop().await;
}

#[tokio::test]
async fn only_moderators_mention_the_whole_channel() {
    let (app, w) = world().await;
    let ch = w.general_channel;
    // A member's `@channel` is only text: nobody is notified.
    let m = post(&w.member_a.session, ch, "@channel wie komt er?").await;
    assert!(!m["html"].as_str().unwrap().contains("mention-all"));
    assert_eq!(mentions_in(&w.admin_b.session, ch).await, 0);
    // The moderator's `@here` mentions every reader but the moderator.
    let m = post(&w.moderator.session, ch, "@here de vergadering begint").await;
    assert!(m["html"].as_str().unwrap().contains("mention-all"), "{m}");
    assert_eq!(mentions_in(&w.admin_b.session, ch).await, 1);
    assert_eq!(mentions_in(&w.observer.session, ch).await, 1);
    assert_eq!(mentions_in(&w.moderator.session, ch).await, 0);
    // In code it is code.
    let m = post(&w.moderator.session, ch, "`@channel` is voor moderatoren").await;
    assert!(!m["html"].as_str().unwrap().contains("mention-all"));
    assert_eq!(mentions_in(&w.admin_b.session, ch).await, 1);
    app.stop().await;
}

#[tokio::test]
async fn suggestions_list_only_readers_by_prefix() {
    let (app, w) = world().await;
    let ch = w.general_channel;
    let list = |v: Value| -> Vec<String> {
        v["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect()
    };
    let res = w
        .admin_a
        .session
        .get(&format!("/channels/{ch}/mentions?q=M"))
        .await;
    let names = list(json_of(res, 200).await);
    assert!(names.contains(&"Mo Member".to_string()), "{names:?}");
    assert!(names.contains(&"Mira Moderator".to_string()), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("Awa")), "not a reader");
    let res = w
        .admin_a
        .session
        .get(&format!("/channels/{ch}/mentions?q=%40mira"))
        .await;
    let found = json_of(res, 200).await;
    assert_eq!(list(found.clone()), vec!["Mira Moderator".to_string()]);
    assert_eq!(found["people"][0]["handle"], "mira.moderator");
    // Someone outside the workspace learns nothing; the observer cannot post, so gets no list.
    let res = w
        .member_b
        .session
        .get(&format!("/channels/{ch}/mentions?q="))
        .await;
    assert_eq!(res.status(), 404);
    let res = w
        .observer
        .session
        .get(&format!("/channels/{ch}/mentions?q="))
        .await;
    assert_eq!(res.status(), 403);
    app.stop().await;
}
