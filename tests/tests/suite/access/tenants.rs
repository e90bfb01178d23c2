//! Other tenants' objects look exactly like missing ones, and lists show only what the caller may
//! see.

use super::*;

#[tokio::test]
async fn other_tenants_objects_answer_exactly_like_missing_ones() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let s = &world.admin_a.session;
    let missing = 987_654_321;
    for (method, other, none) in [
        (
            Method::GET,
            format!("/api/v1/organisations/{}", world.org_b),
            format!("/api/v1/organisations/{missing}"),
        ),
        (
            Method::GET,
            format!("/api/v1/organisations/{}/members", world.org_b),
            format!("/api/v1/organisations/{missing}/members"),
        ),
        (
            Method::PATCH,
            format!(
                "/api/v1/organisations/{}/members/{}",
                world.org_b, world.member_b.user_id
            ),
            format!("/api/v1/organisations/{missing}/members/{missing}"),
        ),
        // A person of B addressed through A's own organisation path.
        (
            Method::PATCH,
            format!(
                "/api/v1/organisations/{}/members/{}",
                world.org_a, world.member_b.user_id
            ),
            format!("/api/v1/organisations/{}/members/{missing}", world.org_a),
        ),
    ] {
        let body = Some(json!({"role": "admin"})).filter(|_| method == Method::PATCH);
        let a = s.api(method.clone(), &other, body.clone()).await;
        let b = s.api(method.clone(), &none, body).await;
        assert_eq!(a.status(), 404, "{other}");
        assert_eq!(b.status(), 404, "{none}");
        assert_eq!(
            a.text().await.unwrap(),
            b.text().await.unwrap(),
            "{other} differs from a missing object"
        );
    }
    // Revoking B's invitation from A's path finds nothing, like a missing one, and changes
    // nothing.
    let revoke = |invitation: i64| {
        format!(
            "/api/v1/organisations/{}/invitations/{invitation}",
            world.org_a
        )
    };
    let foreign = s
        .api(Method::DELETE, &revoke(world.invitation_b), None)
        .await;
    let none = s.api(Method::DELETE, &revoke(missing), None).await;
    assert_eq!(foreign.status(), 404);
    assert_eq!(none.status(), 404);
    assert_eq!(foreign.text().await.unwrap(), none.text().await.unwrap());
    let pending: Vec<Value> = world
        .admin_b
        .session
        .api(
            Method::GET,
            &format!("/api/v1/organisations/{}/invitations", world.org_b),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(
        pending
            .iter()
            .any(|i| i["id"] == world.invitation_b && i["email"] == World::INVITATION_B_EMAIL),
        "B's invitation is gone: {pending:?}"
    );
}

#[tokio::test]
async fn lists_show_only_what_the_caller_may_see() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let orgs: Vec<Value> = world
        .member_a
        .session
        .api(Method::GET, "/api/v1/organisations", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0]["id"], world.org_a);
    let all: Vec<Value> = world
        .network_admin
        .session
        .api(Method::GET, "/api/v1/organisations", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    let members: Vec<Value> = world
        .member_a
        .session
        .api(
            Method::GET,
            &format!("/api/v1/organisations/{}/members", world.org_a),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    // Not vacuous: A's own people are listed.
    assert!(
        members.iter().any(|m| m["id"] == world.member_a.user_id),
        "{members:?}"
    );
    assert!(
        members
            .iter()
            .all(|m| m["email"].as_str().unwrap().ends_with("@aalst.test")),
        "{members:?}"
    );
    let (_, page) = world
        .admin_b
        .session
        .clone_page(&format!("/orgs/{}/members", world.org_b))
        .await;
    assert!(
        !page.contains("aalst.test"),
        "B's member page shows A's people"
    );
}
