//! Reactions, direct conversations, read positions and edits sent twice at once.

use super::*;

#[tokio::test]
async fn identical_reactions_make_one_reaction_and_one_event() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let path = format!("/api/v1/messages/{}/reactions", world.message);
    let thumbs = Some(json!({"emoji": "👍"}));
    let s = &world.member_a.session;
    burst(s, 50, Method::PUT, &path, thumbs.clone(), &[200]).await;
    let (message, user, channel) = (world.message, world.member_a.user_id, world.general_channel);
    let mine = rows!(
        &app,
        reactions,
        reactions::message_id.eq(message),
        reactions::user_id.eq(user)
    );
    assert_eq!(mine, 1, "reaction rows");
    let kind = events::kind.eq("reaction_changed");
    let changes = rows!(&app, events, kind, events::channel_id.eq(channel));
    assert_eq!(
        changes, 1,
        "a repeated reaction changes nothing and tells nobody"
    );

    burst(s, 20, Method::DELETE, &path, thumbs, &[200]).await;
    let left = rows!(&app, reactions, reactions::message_id.eq(message));
    assert_eq!(left, 0, "reaction removed");
}

#[tokio::test]
async fn identical_direct_requests_open_one_conversation() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let me = world.member_a.user_id;
    let body = Some(json!({"user_ids": [world.admin_b.user_id]}));
    let s = &world.member_a.session;
    let answers = burst(s, 10, Method::POST, "/api/v1/direct", body, &[201]).await;
    let ids: std::collections::BTreeSet<i64> = answers
        .iter()
        .map(|(_, body)| serde_json::from_str::<Value>(body).expect("json")["id"].as_i64())
        .map(|id| id.expect("id"))
        .collect();
    assert_eq!(ids.len(), 1, "every answer, one conversation: {ids:?}");
    let mine = channel_members::table
        .filter(channel_members::user_id.eq(me))
        .select(channel_members::channel_id);
    let conversations = rows!(
        &app,
        channels,
        channels::kind.eq("direct"),
        channels::id.eq_any(mine)
    );
    assert_eq!(conversations, 1, "direct conversations of member A");
    // The same pair asked the other way round is still the same conversation.
    let s = &world.admin_b.session;
    let back = send(
        s,
        Method::POST,
        "/api/v1/direct",
        json!({"user_ids": [me]}),
        201,
    )
    .await;
    assert_eq!(back["id"].as_i64(), ids.first().copied());
}

#[tokio::test]
async fn identical_mark_reads_keep_one_marker() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (me, general) = (world.member_a.user_id, world.general_channel);
    let path = format!("/api/v1/channels/{general}/read");
    for _ in 0..3 {
        // A reader without a marker (data from before markers were kept for everyone):
        // mark-read creates it, which is the insert that raced.
        app.state
            .db
            .write(move |c| {
                let mine = read_markers::table
                    .filter(read_markers::user_id.eq(me))
                    .filter(read_markers::channel_id.eq(general));
                diesel::delete(mine).execute(c)?;
                Ok(())
            })
            .await
            .expect("marker removed");
        burst(
            &world.member_a.session,
            20,
            Method::POST,
            &path,
            Some(json!({})),
            &[200],
        )
        .await;
        assert_eq!(markers(&app, me, general).await, 1);
        let unread: Value = world
            .member_a
            .session
            .get("/api/v1/unread")
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(
            unread["unread"], 0,
            "read up to the newest message: {unread}"
        );
    }
}

#[tokio::test]
async fn an_edit_beside_a_deletion_brings_no_text_back() {
    use agora::db::schema::{message_edits, messages};
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let a = &world.admin_a.session;
    let posts = format!("/api/v1/channels/{}/messages", world.general_channel);
    for round in 0..3 {
        let draft = json!({"body": format!("Vertrouwelijk ontwerp {round}")});
        let id = send(a, Method::POST, &posts, draft, 201).await["id"].as_i64();
        let id = id.expect("message id");
        let path = format!("/api/v1/messages/{id}");
        let edit = Some(json!({"body": "Nog vertrouwelijker"}));
        let edits = fire(a, 5, Method::PATCH, &path, edit);
        let (edits, deletes) =
            futures_util::future::join(edits, fire(a, 5, Method::DELETE, &path, None)).await;
        for (status, body) in edits.iter().chain(&deletes) {
            assert!([200, 204, 404].contains(status), "{status} {body}");
        }
        assert!(
            deletes.iter().any(|(s, _)| *s == 204),
            "deleted: {deletes:?}"
        );
        let kept = rows!(&app, message_edits, message_edits::message_id.eq(id));
        assert_eq!(kept, 0, "no earlier version of a deleted message is kept");
        let (empty, gone) = (messages::body_md.eq(""), messages::deleted_at.is_not_null());
        assert_eq!(
            rows!(&app, messages, messages::id.eq(id), empty, gone),
            1,
            "deleted and empty"
        );
    }
}
