//! Edits with history, tombstones, reactions, and history pages in both directions.

use super::*;

#[tokio::test]
async fn edits_keep_history_deletes_leave_tombstones_and_reactions_count() {
    let app = spawn_app().await;
    let t = twinning(&app).await;
    let a = &t.world.admin_a.session;
    let m = json(
        a.api(
            Method::POST,
            &format!("/api/v1/channels/{}/messages", t.general),
            Some(json!({"body": "Vergadering om 10 uur"})),
        )
        .await,
        201,
    )
    .await;
    let id = m["id"].as_i64().unwrap();
    // Only the author edits.
    assert_eq!(
        t.partner
            .api(
                Method::PATCH,
                &format!("/api/v1/messages/{id}"),
                Some(json!({"body": "hacked"}))
            )
            .await
            .status(),
        403
    );
    let edited = json(
        a.api(
            Method::PATCH,
            &format!("/api/v1/messages/{id}"),
            Some(json!({"body": "Vergadering om 11 uur", "language": "nl"})),
        )
        .await,
        200,
    )
    .await;
    assert!(edited["edited_at"].is_string());
    let history = json(
        a.api(Method::GET, &format!("/api/v1/messages/{id}/history"), None)
            .await,
        200,
    )
    .await;
    assert_eq!(history[0]["markdown"], "Vergadering om 10 uur");
    // Reactions: counted per emoji, "mine" per reader.
    json(
        t.partner
            .api(
                Method::PUT,
                &format!("/api/v1/messages/{id}/reactions"),
                Some(json!({"emoji": "👍"})),
            )
            .await,
        200,
    )
    .await;
    let seen = json(
        a.api(
            Method::PUT,
            &format!("/api/v1/messages/{id}/reactions"),
            Some(json!({"emoji": "👍"})),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(seen["reactions"][0]["count"], 2);
    assert_eq!(seen["reactions"][0]["mine"], true);
    assert_eq!(
        a.api(
            Method::PUT,
            &format!("/api/v1/messages/{id}/reactions"),
            Some(json!({"emoji": "not an emoji"}))
        )
        .await
        .status(),
        422
    );
    // A member cannot delete another's message; the owner (a moderator) can; a tombstone stays.
    assert_eq!(
        t.partner
            .api(Method::DELETE, &format!("/api/v1/messages/{id}"), None)
            .await
            .status(),
        403
    );
    let p = json(
        t.partner
            .api(
                Method::POST,
                &format!("/api/v1/channels/{}/messages", t.general),
                Some(json!({"body": "Oups"})),
            )
            .await,
        201,
    )
    .await;
    json(
        a.api(
            Method::DELETE,
            &format!("/api/v1/messages/{}", p["id"]),
            None,
        )
        .await,
        204,
    )
    .await;
    let gone = json(
        a.api(Method::GET, &format!("/api/v1/messages/{}", p["id"]), None)
            .await,
        200,
    )
    .await;
    assert_eq!(gone["deleted"], true);
    assert_eq!(gone["html"], "");
    let hits = json(a.api(Method::GET, "/api/v1/search?q=oups", None).await, 200).await;
    assert_eq!(hits, json!([]));
}

#[tokio::test]
async fn history_pages_in_both_directions_and_jumps() {
    let app = spawn_app().await;
    let t = twinning(&app).await;
    let a = &t.world.admin_a.session;
    for i in 1..=25 {
        json(
            a.api(
                Method::POST,
                &format!("/api/v1/channels/{}/messages", t.general),
                Some(json!({"body": format!("Bericht nummer {i}")})),
            )
            .await,
            201,
        )
        .await;
    }
    let page = json(
        a.api(
            Method::GET,
            &format!("/api/v1/channels/{}/messages?limit=10", t.general),
            None,
        )
        .await,
        200,
    )
    .await;
    let seqs: Vec<i64> = page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(seqs, (16..=25).collect::<Vec<_>>());
    assert_eq!(
        (page["more_before"].as_bool(), page["more_after"].as_bool()),
        (Some(true), Some(false))
    );
    let older = json(
        a.api(
            Method::GET,
            &format!("/api/v1/channels/{}/messages?limit=10&before=16", t.general),
            None,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(older["messages"][0]["seq"], 6);
    let newer = json(
        a.api(
            Method::GET,
            &format!("/api/v1/channels/{}/messages?limit=10&after=3", t.general),
            None,
        )
        .await,
        200,
    )
    .await;
    assert_eq!(newer["messages"][0]["seq"], 4);
    assert_eq!(newer["more_before"], true);
    let around = json(
        a.api(
            Method::GET,
            &format!("/api/v1/channels/{}/messages?limit=10&around=12", t.general),
            None,
        )
        .await,
        200,
    )
    .await;
    let seqs: Vec<i64> = around["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["seq"].as_i64().unwrap())
        .collect();
    assert!(seqs.contains(&12) && seqs.len() == 10, "{seqs:?}");
    assert_eq!(
        a.api(
            Method::GET,
            &format!("/api/v1/channels/{}/messages?before=3&after=4", t.general),
            None
        )
        .await
        .status(),
        422
    );
}
