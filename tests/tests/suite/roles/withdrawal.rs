//! An organisation that withdraws from a workspace: its people lose reading, posting and live
//! delivery at once; coming back takes a new invitation. The owning organisation cannot withdraw.

use agora_tests::ws::{Ws, connect, frames_before_sentinel, frames_until, hello, is_post_of};
use agora_tests::{Session, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

use super::{add, cast, role_of, status};

/// A websocket of a fresh session of `email`, past its `hello`.
async fn socket(app: &TestApp, email: &str) -> Ws {
    let (cookie, _) = app.session_cookie(email).await;
    let mut ws = connect(app, &cookie, None).await;
    hello(&mut ws).await;
    ws
}

async fn post(s: &Session, path: &str, body: &str) -> u16 {
    let res = s.api(Method::POST, path, Some(json!({"body": body}))).await;
    res.status().as_u16()
}

async fn accept(s: &Session, ws: i64) -> u16 {
    let path = format!("/api/v1/workspaces/{ws}/participation");
    let res = s
        .api(Method::POST, &path, Some(json!({"accept": true})))
        .await;
    res.status().as_u16()
}

/// Whether a `message_created` frame carrying `text` is among `frames`.
fn carries(frames: &[Value], text: &str) -> bool {
    frames
        .iter()
        .any(|f| f["kind"] == "message_created" && f.to_string().contains(text))
}

#[tokio::test]
async fn a_withdrawing_organisation_loses_reading_posting_and_live_delivery_at_once() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let w = &c.world;
    let (ws, general) = (w.workspace, w.general_channel);
    let messages = format!("/api/v1/channels/{general}/messages");
    let mut live_b = socket(&app, "t@bohicon.test").await;
    assert_eq!(
        post(&w.admin_a.session, &messages, "Voor de vertrekkers").await,
        201
    );
    let before = frames_until(&mut live_b, |f| is_post_of(f, "Voor de vertrekkers")).await;
    assert!(carries(&before, "Voor de vertrekkers"), "{before:?}");

    let leave = w
        .admin_b
        .session
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{ws}/participation"),
            Some(json!({"accept": false})),
        )
        .await;
    assert_eq!(leave.status().as_u16(), 204);
    for user in [w.admin_b.user_id, c.target] {
        assert_eq!(
            role_of(&app, ws, user).await,
            None,
            "user {user} left with B"
        );
    }
    // What B's people see now is what any outsider of an invite-only workspace sees.
    let b = &w.admin_b.session;
    assert_eq!(b.get(&messages).await.status().as_u16(), 404);
    assert_eq!(post(b, &messages, "Nog steeds hier?").await, 404);
    let ws_path = format!("/api/v1/workspaces/{ws}");
    assert_eq!(b.get(&ws_path).await.status().as_u16(), 404);
    assert_eq!(
        post(&w.admin_a.session, &messages, "Na het vertrek").await,
        201
    );
    let (after, _) = frames_before_sentinel(&app, &mut live_b, c.target).await;
    assert!(!carries(&after, "Na het vertrek"), "{after:?}");
    // The person is told, and told nothing else.
    assert!(
        after.iter().any(|f| f["kind"] == "membership_changed"),
        "{after:?}"
    );
    assert!(
        after.iter().all(|f| f["kind"] == "membership_changed"),
        "{after:?}"
    );

    // No way back without an invitation.
    let again = accept(b, ws).await;
    assert!(
        again == 404 || again == 403,
        "re-accepting uninvited: {again}"
    );
    assert_eq!(role_of(&app, ws, w.admin_b.user_id).await, None);
    let invite = w
        .admin_a
        .session
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{ws}/organisations"),
            Some(json!({"organisation_id": w.org_b})),
        )
        .await;
    assert_eq!(invite.status().as_u16(), 204);
    assert_eq!(accept(b, ws).await, 204);
    assert_eq!(b.get(&messages).await.status().as_u16(), 200);
    // People come back one by one, as anyone is added.
    assert_eq!(role_of(&app, ws, c.target).await, None);
    assert_eq!(add(b, ws, c.target, "member").await.0, 204);
}

#[tokio::test]
async fn the_owning_organisation_cannot_withdraw() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let w = &c.world;
    let ws = w.workspace;
    let res = w
        .admin_a
        .session
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{ws}/participation"),
            Some(json!({"accept": false})),
        )
        .await;
    let (code, body) = status(res).await;
    assert_eq!(code, 409, "{body}");
    assert_eq!(body["code"], "owner_organisation_cannot_leave");
    assert_eq!(
        role_of(&app, ws, w.admin_a.user_id).await.as_deref(),
        Some("owner")
    );
    let listed = w
        .admin_a
        .session
        .get(&format!("/api/v1/workspaces/{ws}"))
        .await;
    let view: Value = listed.json().await.expect("json");
    assert!(
        view["organisations"]
            .as_array()
            .expect("organisations")
            .iter()
            .any(|o| o["organisation_id"] == w.org_a && o["status"] == "active"),
        "{view}"
    );
}

#[tokio::test]
async fn the_workspace_page_offers_withdrawal_to_partner_admins_only() {
    let app = spawn_app().await;
    let mut c = cast(&app).await;
    let ws = c.world.workspace;
    let path = format!("/workspaces/{ws}");
    let withdraw = "name=\"decision\" value=\"withdraw\"";
    let (_, owner_page) = c.world.admin_a.session.page(&path).await;
    assert!(
        !owner_page.contains(withdraw),
        "the owning organisation stays"
    );
    let (_, member_page) = c.world.member_a.session.page(&path).await;
    assert!(!member_page.contains(withdraw));
    let (code, partner_page) = c.world.admin_b.session.page(&path).await;
    assert_eq!(code, 200);
    assert!(partner_page.contains(withdraw), "{partner_page}");
    let res = c
        .world
        .admin_b
        .session
        .post_form(
            &format!("/workspaces/{ws}/participation"),
            &[("decision", "withdraw")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(
        res.headers()["location"].to_str().unwrap(),
        "/?notice=participation-withdrawn"
    );
    assert_eq!(role_of(&app, ws, c.world.admin_b.user_id).await, None);
    assert_eq!(role_of(&app, ws, c.target).await, None);
    let (code, _) = c.world.admin_b.session.page(&path).await;
    assert_eq!(code, 404);
}
