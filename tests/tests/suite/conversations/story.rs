//! The alderman's story: twinning two towns from the first workspace to the last message.

use super::*;

#[tokio::test]
async fn the_aldermans_story() {
    let app = spawn_app().await;
    let t = twinning(&app).await;
    let alderman = &t.world.admin_a.session;

    // A French message with a mention; its language is detected and it is rendered safely.
    let root = json(
        t.partner
            .api(Method::POST, &format!("/api/v1/channels/{}/messages", t.general), Some(json!({"body": format!("Bonjour @[An Admin](user:{}) ! Voici le compte rendu sur le **budget participatif** de Bohicon. <script>alert(1)</script>", t.world.admin_a.user_id)}))).await,
        201,
    )
    .await;
    assert_eq!(root["language"], "fr");
    let html = root["html"].as_str().unwrap();
    assert!(
        html.contains("<strong>budget participatif</strong>") && !html.contains("<script"),
        "{html}"
    );

    // The alderman sees one unread message and one mention, in the workspace and in total.
    let unread = json(alderman.api(Method::GET, "/api/v1/unread", None).await, 200).await;
    assert_eq!(unread["unread"], 1);
    assert_eq!(unread["mentions"], 1);
    let list = json(
        alderman.api(Method::GET, "/api/v1/workspaces", None).await,
        200,
    )
    .await;
    let ws = list
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["id"] == t.workspace)
        .unwrap();
    assert_eq!(
        (ws["unread"].as_i64(), ws["mentions"].as_i64()),
        (Some(1), Some(1))
    );

    // She replies in the thread in Dutch; the reply is marked Dutch and counted on the root.
    let reply = json(
        alderman
            .api(Method::POST, &format!("/api/v1/channels/{}/messages", t.general), Some(json!({"body": "Dank je, we bespreken het participatief budget volgende week op het schepencollege.", "thread_root_id": root["id"]}))).await,
        201,
    )
    .await;
    assert_eq!(reply["language"], "nl");
    let thread = json(
        alderman
            .api(
                Method::GET,
                &format!("/api/v1/messages/{}/thread", root["id"]),
                None,
            )
            .await,
        200,
    )
    .await;
    assert_eq!(thread["root"]["reply_count"], 1);
    assert_eq!(thread["replies"][0]["id"], reply["id"]);
    // Replies stay out of the channel's top-level history.
    let history = json(
        alderman
            .api(
                Method::GET,
                &format!("/api/v1/channels/{}/messages", t.general),
                None,
            )
            .await,
        200,
    )
    .await;
    assert_eq!(history["messages"].as_array().unwrap().len(), 1);

    // Posting marked her own reply read, not the partner's message before it.
    json(
        alderman
            .api(
                Method::POST,
                &format!("/api/v1/channels/{}/read", t.general),
                Some(json!({})),
            )
            .await,
        200,
    )
    .await;
    let unread = json(alderman.api(Method::GET, "/api/v1/unread", None).await, 200).await;
    assert_eq!(
        (unread["unread"].as_i64(), unread["mentions"].as_i64()),
        (Some(0), Some(0))
    );

    // She searches "budget participatif" in any inflection and finds the thread.
    for q in [
        "budget participatif",
        "budgets participatifs",
        "participatief budget",
    ] {
        let hits = json(
            alderman
                .api(
                    Method::GET,
                    &format!("/api/v1/search?q={}", q.replace(' ', "%20")),
                    None,
                )
                .await,
            200,
        )
        .await;
        assert!(!hits.as_array().unwrap().is_empty(), "no hit for {q}");
    }
    let hits = json(
        alderman
            .api(
                Method::GET,
                &format!(
                    "/api/v1/search?q=compte%20rendu&workspace={}&author={}",
                    t.workspace, t.partner_id
                ),
                None,
            )
            .await,
        200,
    )
    .await;
    assert_eq!(hits[0]["message"]["id"], root["id"]);
    assert_eq!(hits[0]["workspace_name"], "Aalst – Bohicon");

    // The directory finds the financial director; she sends him a direct message.
    let people = json(
        alderman
            .api(
                Method::GET,
                "/api/v1/directory?q=finances&country=BJ&language=fr",
                None,
            )
            .await,
        200,
    )
    .await;
    assert_eq!(people[0]["user_id"], t.partner_id);
    let dm = json(
        alderman
            .api(
                Method::POST,
                "/api/v1/direct",
                Some(json!({"user_ids": [t.partner_id]})),
            )
            .await,
        201,
    )
    .await;
    let again = json(
        alderman
            .api(
                Method::POST,
                "/api/v1/direct",
                Some(json!({"user_ids": [t.partner_id]})),
            )
            .await,
        201,
    )
    .await;
    assert_eq!(
        dm["id"], again["id"],
        "the same pair reuses its conversation"
    );
    json(
        alderman
            .api(
                Method::POST,
                &format!("/api/v1/channels/{}/messages", dm["id"]),
                Some(json!({"body": "Bonjour, pouvez-vous m'envoyer le budget 2027 ?"})),
            )
            .await,
        201,
    )
    .await;
    let theirs = json(
        t.partner.api(Method::GET, "/api/v1/direct", None).await,
        200,
    )
    .await;
    assert_eq!(theirs[0]["channel"]["unread"], 1);
}
