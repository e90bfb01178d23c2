//! Workspaces and conversations through the API: the alderman's story, and proof that nobody
//! sees a message, search hit, unread count, attachment or directory entry they may not.

use agora_shared::api::{Language, OrgRole};
use agora_tests::personas::{World, insert_user};
use agora_tests::{Session, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

struct Twinning {
    world: World,
    workspace: i64,
    general: i64,
    /// A Beninese colleague who is a member of the workspace.
    partner: Session,
    partner_id: i64,
}

async fn json(res: reqwest::Response, expected: u16) -> Value {
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    assert_eq!(status, expected, "{text}");
    if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap()
    }
}

/// Admin A creates a twinning, invites org B, admin B accepts, and B's finance director joins.
async fn twinning(app: &TestApp) -> Twinning {
    let world = World::build(app).await;
    let a = &world.admin_a.session;
    let ws = json(
        a.api(Method::POST, "/api/v1/workspaces", Some(json!({"kind": "twinning", "name": "Aalst – Bohicon", "description": "Stedenband", "sdg_tags": [11, 17, 11], "visibility": "invite_only", "default_language": "nl"}))).await,
        201,
    )
    .await;
    let workspace = ws["id"].as_i64().unwrap();
    assert_eq!(ws["sdg_tags"], json!([11, 17]));
    assert_eq!(ws["my_role"], "owner");
    json(
        a.api(
            Method::POST,
            &format!("/api/v1/workspaces/{workspace}/organisations"),
            Some(json!({"organisation_id": world.org_b})),
        )
        .await,
        204,
    )
    .await;
    // Until B's admin accepts, B's people cannot be added.
    let finance = insert_user(
        app,
        world.org_b,
        "finances@bohicon.test",
        "Koffi Finances",
        OrgRole::Member,
        Language::Fr,
    )
    .await;
    json(
        a.api(
            Method::POST,
            &format!("/api/v1/workspaces/{workspace}/members"),
            Some(json!({"user_id": finance, "role": "member"})),
        )
        .await,
        422,
    )
    .await;
    json(
        world
            .admin_b
            .session
            .api(
                Method::POST,
                &format!("/api/v1/workspaces/{workspace}/participation"),
                Some(json!({"accept": true})),
            )
            .await,
        204,
    )
    .await;
    json(
        a.api(
            Method::POST,
            &format!("/api/v1/workspaces/{workspace}/members"),
            Some(json!({"user_id": finance, "role": "member"})),
        )
        .await,
        204,
    )
    .await;
    json(
        a.api(
            Method::POST,
            &format!("/api/v1/workspaces/{workspace}/members"),
            Some(json!({"user_id": world.member_a.user_id, "role": "member"})),
        )
        .await,
        204,
    )
    .await;
    let channels = json(
        a.api(
            Method::GET,
            &format!("/api/v1/workspaces/{workspace}/channels"),
            None,
        )
        .await,
        200,
    )
    .await;
    let general = channels[0]["id"].as_i64().unwrap();
    let partner = app.signed_in("finances@bohicon.test").await;
    Twinning {
        world,
        workspace,
        general,
        partner,
        partner_id: finance,
    }
}

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

#[tokio::test]
async fn limits_are_enforced() {
    let app = spawn_app().await;
    let t = twinning(&app).await;
    let a = &t.world.admin_a.session;
    let long = "a".repeat(agora_shared::limits::MAX_MESSAGE_CHARS + 1);
    let res = json(
        a.api(
            Method::POST,
            &format!("/api/v1/channels/{}/messages", t.general),
            Some(json!({"body": long})),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(res["code"], "field_too_long");
    assert_eq!(
        json(
            a.api(
                Method::POST,
                &format!("/api/v1/channels/{}/messages", t.general),
                Some(json!({"body": "   "}))
            )
            .await,
            422
        )
        .await["code"],
        "field_required"
    );
    let big = vec![0u8; agora_shared::limits::MAX_ATTACHMENT_BYTES + 1];
    let res = a
        .client
        .post(format!(
            "{}/api/v1/channels/{}/attachments?name=big.bin",
            app.address, t.general
        ))
        .header("x-csrf-token", &a.csrf)
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    let ids: Vec<i64> = (0..6).collect();
    assert_eq!(
        json(
            a.api(
                Method::POST,
                &format!("/api/v1/channels/{}/messages", t.general),
                Some(json!({"body": "x", "attachment_ids": ids}))
            )
            .await,
            422
        )
        .await["code"],
        "field_too_long"
    );
    // Someone else's upload cannot be attached.
    let up = t
        .partner
        .client
        .post(format!(
            "{}/api/v1/channels/{}/attachments?name=a.txt",
            app.address, t.general
        ))
        .header("x-csrf-token", &t.partner.csrf)
        .body("hello")
        .send()
        .await
        .unwrap();
    let file = json(up, 201).await;
    assert_eq!(
        a.api(
            Method::POST,
            &format!("/api/v1/channels/{}/messages", t.general),
            Some(json!({"body": "x", "attachment_ids": [file["id"]]}))
        )
        .await
        .status(),
        422
    );
    // SVG is never served as an image.
    let up = a
        .client
        .post(format!(
            "{}/api/v1/channels/{}/attachments?name=x.svg",
            app.address, t.general
        ))
        .header("x-csrf-token", &a.csrf)
        .body("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")
        .send()
        .await
        .unwrap();
    let svg = json(up, 201).await;
    assert_eq!(svg["content_type"], "application/octet-stream");
}

#[tokio::test]
async fn organisation_admins_govern_their_own_people() {
    let app = spawn_app().await;
    let t = twinning(&app).await;
    let b_admin = &t.world.admin_b.session;
    let members = json(
        b_admin
            .api(
                Method::GET,
                &format!("/api/v1/workspaces/{}/members", t.workspace),
                None,
            )
            .await,
        200,
    )
    .await;
    assert!(
        members
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["user_id"] == t.partner_id)
    );
    // B's admin ends B's member's membership, but cannot touch A's people.
    assert_eq!(
        b_admin
            .api(
                Method::DELETE,
                &format!(
                    "/api/v1/workspaces/{}/members/{}",
                    t.workspace, t.world.member_a.user_id
                ),
                None
            )
            .await
            .status(),
        403
    );
    json(
        b_admin
            .api(
                Method::DELETE,
                &format!(
                    "/api/v1/workspaces/{}/members/{}",
                    t.workspace, t.partner_id
                ),
                None,
            )
            .await,
        204,
    )
    .await;
    assert_eq!(
        t.partner
            .api(
                Method::GET,
                &format!("/api/v1/channels/{}/messages", t.general),
                None
            )
            .await
            .status(),
        404
    );
    // The last owner cannot be removed.
    assert_eq!(
        t.world
            .admin_a
            .session
            .api(
                Method::DELETE,
                &format!(
                    "/api/v1/workspaces/{}/members/{}",
                    t.workspace, t.world.admin_a.user_id
                ),
                None
            )
            .await
            .status(),
        422
    );
}
