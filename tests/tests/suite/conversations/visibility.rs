//! Nobody outside sees anything, and private channels and observers see what they may.

use super::*;

#[tokio::test]
async fn nobody_outside_sees_anything() {
    let app = spawn_app().await;
    let t = twinning(&app).await;
    let outsider = &t.world.member_b.session; // of org B, but not a member of the workspace
    let stranger = &t.world.member_a.session; // member of the workspace, used as a contrast
    let msg = json(
        t.partner
            .api(
                Method::POST,
                &format!("/api/v1/channels/{}/messages", t.general),
                Some(json!({"body": "Confidentiel : budget participatif 2027"})),
            )
            .await,
        201,
    )
    .await;
    let upload = t
        .partner
        .client
        .post(format!(
            "{}/api/v1/channels/{}/attachments?name=budget.pdf",
            app.address, t.general
        ))
        .header("x-csrf-token", &t.partner.csrf)
        .body(b"%PDF-1.4 budget".to_vec())
        .send()
        .await
        .unwrap();
    let file = json(upload, 201).await;
    let with_file = json(
        t.partner
            .api(
                Method::POST,
                &format!("/api/v1/channels/{}/messages", t.general),
                Some(json!({"body": "Le fichier", "attachment_ids": [file["id"]]})),
            )
            .await,
        201,
    )
    .await;
    let url = with_file["attachments"][0]["url"]
        .as_str()
        .unwrap()
        .to_string();

    for path in [
        format!("/api/v1/workspaces/{}", t.workspace),
        format!("/api/v1/workspaces/{}/channels", t.workspace),
        format!("/api/v1/channels/{}", t.general),
        format!("/api/v1/channels/{}/messages", t.general),
        format!("/api/v1/messages/{}", msg["id"]),
        format!("/api/v1/messages/{}/thread", msg["id"]),
        url.clone(),
    ] {
        assert_eq!(
            outsider.api(Method::GET, &path, None).await.status(),
            404,
            "{path}"
        );
    }
    // Writing is refused the same way.
    let res = outsider
        .api(
            Method::POST,
            &format!("/api/v1/channels/{}/messages", t.general),
            Some(json!({"body": "x"})),
        )
        .await;
    assert_eq!(res.status(), 404);
    let res = outsider
        .api(
            Method::PUT,
            &format!("/api/v1/messages/{}/reactions", msg["id"]),
            Some(json!({"emoji": "👍"})),
        )
        .await;
    assert_eq!(res.status(), 404);
    // Search, unread counts and the workspace list show nothing of it.
    let hits = json(
        outsider
            .api(Method::GET, "/api/v1/search?q=budget", None)
            .await,
        200,
    )
    .await;
    assert_eq!(hits, json!([]));
    let unread = json(outsider.api(Method::GET, "/api/v1/unread", None).await, 200).await;
    assert_eq!(unread["unread"], 0);
    let list = json(
        outsider.api(Method::GET, "/api/v1/workspaces", None).await,
        200,
    )
    .await;
    assert_eq!(list, json!([]));
    // A member of the workspace does see it: the 404s above are about access, not data.
    assert_eq!(
        stranger
            .api(
                Method::GET,
                &format!("/api/v1/messages/{}", msg["id"]),
                None
            )
            .await
            .status(),
        200
    );
    let got = stranger.get(&url).await;
    assert_eq!(got.status(), 200);
    assert_eq!(
        got.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .split(';')
            .next(),
        Some("attachment")
    );
    assert_eq!(got.headers()["x-content-type-options"], "nosniff");

    // Removing a member ends their access to history, search and counts at once.
    json(
        t.world
            .admin_a
            .session
            .api(
                Method::DELETE,
                &format!(
                    "/api/v1/workspaces/{}/members/{}",
                    t.workspace, t.world.member_a.user_id
                ),
                None,
            )
            .await,
        204,
    )
    .await;
    assert_eq!(
        stranger
            .api(
                Method::GET,
                &format!("/api/v1/messages/{}", msg["id"]),
                None
            )
            .await
            .status(),
        404
    );
    assert_eq!(
        json(
            stranger
                .api(Method::GET, "/api/v1/search?q=budget", None)
                .await,
            200
        )
        .await,
        json!([])
    );
    assert_eq!(stranger.get(&url).await.status(), 404);

    // The directory never lists deactivated people.
    json(
        t.world
            .admin_b
            .session
            .api(
                Method::PATCH,
                &format!(
                    "/api/v1/organisations/{}/members/{}",
                    t.world.org_b, t.partner_id
                ),
                Some(json!({"status": "deactivated"})),
            )
            .await,
        200,
    )
    .await;
    let people = json(
        outsider
            .api(Method::GET, "/api/v1/directory?q=finances", None)
            .await,
        200,
    )
    .await;
    assert_eq!(people, json!([]));
    assert_eq!(
        outsider
            .api(
                Method::GET,
                &format!("/api/v1/people/{}", t.partner_id),
                None
            )
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn private_channels_and_observers() {
    let app = spawn_app().await;
    let t = twinning(&app).await;
    let a = &t.world.admin_a.session;
    let private = json(
        a.api(
            Method::POST,
            &format!("/api/v1/workspaces/{}/channels", t.workspace),
            Some(json!({"name": "budget-team", "private": true, "member_ids": [t.partner_id]})),
        )
        .await,
        201,
    )
    .await;
    let id = private["id"].as_i64().unwrap();
    json(
        t.partner
            .api(
                Method::POST,
                &format!("/api/v1/channels/{id}/messages"),
                Some(json!({"body": "Entre nous"})),
            )
            .await,
        201,
    )
    .await;
    // member A is in the workspace but not in the private channel.
    assert_eq!(
        t.world
            .member_a
            .session
            .api(
                Method::GET,
                &format!("/api/v1/channels/{id}/messages"),
                None
            )
            .await
            .status(),
        404
    );
    let listed = json(
        t.world
            .member_a
            .session
            .api(
                Method::GET,
                &format!("/api/v1/workspaces/{}/channels", t.workspace),
                None,
            )
            .await,
        200,
    )
    .await;
    let listed = listed.as_array().unwrap();
    assert!(
        listed.iter().any(|c| c["id"] == t.general),
        "the general channel is listed: {listed:?}"
    );
    assert!(listed.iter().all(|c| c["id"] != id));
    // Observers read but cannot post or react.
    json(
        a.api(
            Method::PATCH,
            &format!(
                "/api/v1/workspaces/{}/members/{}",
                t.workspace, t.world.member_a.user_id
            ),
            Some(json!({"role": "observer"})),
        )
        .await,
        204,
    )
    .await;
    let m = &t.world.member_a.session;
    assert_eq!(
        m.api(
            Method::GET,
            &format!("/api/v1/channels/{}/messages", t.general),
            None
        )
        .await
        .status(),
        200
    );
    assert_eq!(
        m.api(
            Method::POST,
            &format!("/api/v1/channels/{}/messages", t.general),
            Some(json!({"body": "x"}))
        )
        .await
        .status(),
        403
    );
    // Archiving a channel freezes it.
    json(
        a.api(
            Method::PATCH,
            &format!("/api/v1/channels/{}", t.general),
            Some(json!({"archived": true})),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        t.partner
            .api(
                Method::POST,
                &format!("/api/v1/channels/{}/messages", t.general),
                Some(json!({"body": "x"}))
            )
            .await
            .status(),
        403
    );
}
