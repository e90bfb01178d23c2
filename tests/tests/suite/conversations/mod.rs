//! Workspaces and conversations through the API: the alderman's story, and proof that nobody
//! sees a message, search hit, unread count, attachment or directory entry they may not.

use agora_shared::api::{Language, OrgRole};
use agora_tests::personas::{World, insert_user};
use agora_tests::{Session, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

mod governance;
mod limits;
mod messages;
mod story;
mod visibility;

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
