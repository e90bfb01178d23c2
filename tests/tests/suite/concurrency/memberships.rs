//! Memberships added, accepted and ended twice at once.

use super::*;

#[tokio::test]
async fn identical_member_additions_make_one_member() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let path = format!("/api/v1/workspaces/{}/members", world.workspace);
    // A race shows in some bursts, not all: three people, one burst each.
    for round in 0..3 {
        let email = format!("nieuw{round}@aalst.test");
        let newcomer = insert_user(
            &app,
            world.org_a,
            &email,
            "Nina Nieuw",
            OrgRole::Member,
            Language::Nl,
        )
        .await;
        let body = Some(json!({"user_id": newcomer, "role": "member"}));
        // Adding someone already there is either the same no-op or a conflict, never an error.
        burst(
            &world.admin_a.session,
            10,
            Method::POST,
            &path,
            body,
            &[204, 409],
        )
        .await;
        assert_eq!(memberships(&app, world.workspace, newcomer).await, 1);
        assert_eq!(markers(&app, newcomer, world.general_channel).await, 1);
    }
}

#[tokio::test]
async fn identical_participation_accepts_make_one_participant_and_one_member() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    for round in 0..2 {
        let ws = new_workspace(
            &world.admin_a.session,
            &format!("Post-Agenda 2030 ({round})"),
        )
        .await;
        let invite = json!({"organisation_id": world.org_b});
        let path = format!("/api/v1/workspaces/{ws}/organisations");
        send(&world.admin_a.session, Method::POST, &path, invite, 204).await;
        let path = format!("/api/v1/workspaces/{ws}/participation");
        let (b, accept) = (&world.admin_b.session, Some(json!({"accept": true})));
        burst(b, 10, Method::POST, &path, accept, &[204]).await;
        assert_eq!(participants(&app, ws, world.org_b).await, (1, 1));
        assert_eq!(memberships(&app, ws, world.admin_b.user_id).await, 1);
    }
}

#[tokio::test]
async fn identical_organisation_invitations_make_one_participant() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    for round in 0..3 {
        let ws = new_workspace(&world.admin_a.session, &format!("Diaspora {round}")).await;
        let path = format!("/api/v1/workspaces/{ws}/organisations");
        let (a, invite) = (
            &world.admin_a.session,
            Some(json!({"organisation_id": world.org_b})),
        );
        burst(a, 10, Method::POST, &path, invite, &[204]).await;
        assert_eq!(participants(&app, ws, world.org_b).await.0, 1);
    }
}

#[tokio::test]
async fn identical_leaves_end_one_membership() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let me = world.member_a.user_id;
    let path = format!("/api/v1/workspaces/{}/members/{me}", world.workspace);
    // Whoever comes after the first finds no membership: not found, never an error.
    burst(
        &world.member_a.session,
        10,
        Method::DELETE,
        &path,
        None,
        &[204, 404],
    )
    .await;
    assert_eq!(memberships(&app, world.workspace, me).await, 0);
    assert_eq!(markers(&app, me, world.general_channel).await, 0);
}

async fn leave(s: &Session, ws: i64, user: i64) -> u16 {
    let path = format!("/api/v1/workspaces/{ws}/members/{user}");
    s.api(Method::DELETE, &path, None).await.status().as_u16()
}

#[tokio::test]
async fn two_owners_leaving_at_once_leave_an_owner() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let ws = world.workspace;
    let (first, second) = (world.admin_a.user_id, world.member_a.user_id);
    let a = &world.admin_a.session;
    let path = format!("/api/v1/workspaces/{ws}/members/{second}");
    send(a, Method::PATCH, &path, json!({"role": "owner"}), 204).await;
    let both = futures_util::future::join(
        leave(a, ws, first),
        leave(&world.member_a.session, ws, second),
    );
    let statuses = tokio::time::timeout(std::time::Duration::from_secs(20), both)
        .await
        .expect("both answered in time");
    assert!(statuses.0 < 500 && statuses.1 < 500, "{statuses:?}");
    use workspace_members::{role, workspace_id};
    let owners = rows!(
        &app,
        workspace_members,
        workspace_id.eq(ws),
        role.eq("owner")
    );
    assert_eq!(owners, 1, "the last owner cannot leave: {statuses:?}");
}
