//! Deactivated people and suspended organisations lose their sessions.

use super::*;

#[tokio::test]
async fn deactivation_ends_sessions_at_once_and_blocks_sign_in() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    assert_eq!(
        world
            .member_a
            .session
            .api(Method::GET, "/api/v1/me", None)
            .await
            .status(),
        200
    );
    let res = world
        .admin_a
        .session
        .api(
            Method::PATCH,
            &format!(
                "/api/v1/organisations/{}/members/{}",
                world.org_a, world.member_a.user_id
            ),
            Some(json!({"status": "deactivated"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        world
            .member_a
            .session
            .api(Method::GET, "/api/v1/me", None)
            .await
            .status(),
        401
    );
    let res = app
        .session()
        .api(
            Method::POST,
            "/api/v1/session",
            Some(json!({"email": "member@aalst.test", "password": PASSWORD})),
        )
        .await;
    assert_eq!(res.status(), 401);
    // Admins cannot change themselves, so an organisation keeps its administrator.
    let res = world
        .admin_a
        .session
        .api(
            Method::PATCH,
            &format!(
                "/api/v1/organisations/{}/members/{}",
                world.org_a, world.admin_a.user_id
            ),
            Some(json!({"role": "member"})),
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = world
        .admin_a
        .session
        .api(
            Method::PATCH,
            &format!(
                "/api/v1/organisations/{}/members/{}",
                world.org_a, world.member_a.user_id
            ),
            Some(json!({"status": "active", "role": "admin"})),
        )
        .await;
    let member: Value = res.json().await.unwrap();
    assert_eq!(member["role"], "admin");
    let actions = audit_actions(&app).await;
    for action in [
        "member.deactivated",
        "member.reactivated",
        "member.role_changed",
    ] {
        assert!(
            actions.contains(&action.to_string()),
            "{action} missing from {actions:?}"
        );
    }
}

#[tokio::test]
async fn suspending_an_organisation_signs_its_members_out() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let res = world
        .network_admin
        .session
        .api(
            Method::PATCH,
            &format!("/api/v1/organisations/{}", world.org_b),
            Some(json!({"status": "suspended"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        world
            .member_b
            .session
            .api(Method::GET, "/api/v1/me", None)
            .await
            .status(),
        401
    );
    let res = app
        .session()
        .api(
            Method::POST,
            "/api/v1/session",
            Some(json!({"email": "admin@bohicon.test", "password": PASSWORD})),
        )
        .await;
    assert_eq!(res.status(), 403);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "organisation_suspended");
    // Others are unaffected; the operator cannot suspend itself.
    assert_eq!(
        world
            .member_a
            .session
            .api(Method::GET, "/api/v1/me", None)
            .await
            .status(),
        200
    );
    let res = world
        .network_admin
        .session
        .api(
            Method::PATCH,
            &format!("/api/v1/organisations/{}", world.operator_id),
            Some(json!({"status": "suspended"})),
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        audit_actions(&app)
            .await
            .contains(&"organisation.suspended".to_string())
    );
}
