//! Organisation admins govern their own people, and only them.

use super::*;

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
