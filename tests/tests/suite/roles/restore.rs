//! Repairing a workspace without a rightful owner: who may restore one, that it is audited, and
//! what the administration page offers.

use agora_tests::spawn_app;
use agora_tests::{Session, TestApp};
use reqwest::Method;
use serde_json::{Value, json};

use super::{cast, patch, role_of, status};

async fn restore(ws: i64, s: &Session, user: i64) -> (u16, Value) {
    let path = format!("/api/v1/workspaces/{ws}/owner");
    status(
        s.api(Method::POST, &path, Some(json!({"user_id": user})))
            .await,
    )
    .await
}

async fn audited_restorations(app: &TestApp) -> Vec<(Option<i64>, Option<i64>)> {
    app.state
        .db
        .read(|conn| agora::audit::list_actions(conn, 100))
        .await
        .expect("audit")
        .into_iter()
        .filter(|(action, _, _)| action == "workspace.owner_restored")
        .map(|(_, org, target)| (org, target))
        .collect()
}

#[tokio::test]
async fn the_network_operator_and_the_owning_organisation_restore_an_owner_audited() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let w = &c.world;
    let (ws, a) = (w.workspace, w.admin_a.user_id);
    // Admin A made admin B an owner, who then demoted admin A: the "wrongly demoted" owner.
    assert_eq!(
        patch(&w.admin_a.session, ws, w.admin_b.user_id, "owner")
            .await
            .0,
        204
    );
    assert_eq!(patch(&w.admin_b.session, ws, a, "observer").await.0, 204);
    assert!(audited_restorations(&app).await.is_empty());
    // Neither the partner organisation, nor an outsider, nor a moderator restores.
    assert_eq!(
        restore(ws, &w.admin_b.session, w.admin_b.user_id).await.0,
        403
    );
    assert_eq!(
        restore(ws, &c.moderator.session, c.moderator.user_id)
            .await
            .0,
        403
    );
    assert_eq!(
        restore(ws, &w.member_b.session, w.member_b.user_id).await.0,
        404
    );
    // The owning organisation's admins restore their own people, not others.
    let (code, body) = restore(ws, &w.admin_a.session, w.member_b.user_id).await;
    assert_eq!((code, body["code"].as_str()), (422, Some("invalid_value")));
    assert_eq!(restore(ws, &w.admin_a.session, a).await.0, 204);
    assert_eq!(role_of(&app, ws, a).await.as_deref(), Some("owner"));
    // The network operator for anyone of a participating organisation, member or not yet.
    let (code, _) = restore(ws, &w.network_admin.session, w.network_admin.user_id).await;
    assert_eq!(code, 422, "the operator does not take part");
    assert_eq!(
        restore(ws, &w.network_admin.session, w.member_b.user_id)
            .await
            .0,
        204
    );
    assert_eq!(
        role_of(&app, ws, w.member_b.user_id).await.as_deref(),
        Some("owner")
    );
    let channels = w
        .member_b
        .session
        .api(
            Method::GET,
            &format!("/api/v1/channels/{}/messages", w.general_channel),
            None,
        )
        .await;
    assert_eq!(channels.status().as_u16(), 200);
    assert_eq!(
        audited_restorations(&app).await,
        vec![
            (Some(w.org_a), Some(w.member_b.user_id)),
            (Some(w.org_a), Some(a)),
        ]
    );
}

#[tokio::test]
async fn the_administration_page_offers_what_the_policy_allows() {
    let app = spawn_app().await;
    let mut c = cast(&app).await;
    let ws = c.world.workspace;
    let path = format!("/workspaces/{ws}/admin");
    let role_form = |user: i64| format!("action=\"/workspaces/{ws}/members/{user}/role\"");
    let remove_form = |user: i64| format!("action=\"/workspaces/{ws}/members/{user}/remove\"");
    let owner = c.world.admin_a.user_id;
    let (code, body) = c.moderator.session.page(&path).await;
    assert_eq!(code, 200);
    assert!(
        !body.contains(&role_form(owner)),
        "moderators do not touch owners"
    );
    assert!(!body.contains(&remove_form(owner)));
    assert!(body.contains(&role_form(c.target)));
    assert!(
        !body.contains("<option value=\"owner\""),
        "only owners make owners"
    );
    assert!(!body.contains(&format!("action=\"/workspaces/{ws}/owner\"")));
    let (code, body) = c.outside_admin_b.session.page(&path).await;
    assert_eq!(code, 200);
    assert!(body.contains(&role_form(c.target)), "B's own member");
    assert!(!body.contains("<option value=\"moderator\""), "{body}");
    let (_, body) = c.world.admin_a.session.page(&path).await;
    assert!(body.contains(&format!("action=\"/workspaces/{ws}/owner\"")));
    assert!(
        !body.contains(&role_form(owner)),
        "the last owner cannot step down"
    );
    // The restoration form works and says so.
    let res = c
        .world
        .admin_a
        .session
        .post_form(
            &format!("/workspaces/{ws}/owner"),
            &[("user_id", &c.moderator.user_id.to_string())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(location, format!("{path}?notice=owner-restored"));
    assert_eq!(
        role_of(&app, ws, c.moderator.user_id).await.as_deref(),
        Some("owner")
    );
}

#[tokio::test]
async fn restoring_someone_who_is_already_an_owner_changes_and_records_nothing() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let w = &c.world;
    let (ws, a) = (w.workspace, w.admin_a.user_id);
    assert_eq!(role_of(&app, ws, a).await.as_deref(), Some("owner"));
    let events_before = membership_events(&app).await;
    assert_eq!(restore(ws, &w.admin_a.session, a).await.0, 204);
    assert_eq!(role_of(&app, ws, a).await.as_deref(), Some("owner"));
    assert!(
        audited_restorations(&app).await.is_empty(),
        "nothing was restored"
    );
    assert_eq!(
        membership_events(&app).await,
        events_before,
        "nothing to announce"
    );
}

async fn membership_events(app: &TestApp) -> i64 {
    use diesel::prelude::*;
    app.state
        .db
        .read(|conn| {
            Ok(agora::db::schema::events::table
                .filter(agora::db::schema::events::kind.eq("membership_changed"))
                .count()
                .get_result::<i64>(conn)?)
        })
        .await
        .expect("events")
}
