//! Organisations that decline, and network admins who create workspaces for others.

use super::*;

#[tokio::test]
async fn organisations_decline_and_network_admins_create_for_others() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;

    // The network admin creates a workspace owned by B, choosing B from the select.
    let n = &mut world.network_admin.session;
    let form = page(n, "/workspaces/new").await;
    assert!(form.contains("id=\"owner_organisation_id\""));
    let org_b = world.org_b.to_string();
    let location = post_redirect(
        n,
        "/workspaces",
        &[
            ("owner_organisation_id", &org_b),
            ("kind", "experiment"),
            ("name", "Budget participatif"),
            ("visibility", "invite_only"),
            ("default_language", "fr"),
        ],
    )
    .await;
    // Not a member of it, the network admin goes home.
    assert_eq!(location, "/?notice=workspace-created");

    // Plain members may not create workspaces.
    let (status, _) = world.member_a.session.page("/workspaces/new").await;
    assert_eq!(status, 403);
    let home = page(&mut world.member_a.session, "/").await;
    assert!(!home.contains("href=\"/workspaces/new\""));
    let home = page(&mut world.admin_a.session, "/").await;
    assert!(home.contains("href=\"/workspaces/new\""));

    // The fixture's twinning invites the operator; the network admin declines from home.
    let ws = world.workspace;
    post_redirect(
        &world.admin_a.session,
        &format!("/workspaces/{ws}/organisations"),
        &[("organisation_id", &world.operator_id.to_string())],
    )
    .await;
    let n = &mut world.network_admin.session;
    let home = page(n, "/").await;
    assert!(home.contains(&format!("action=\"/workspaces/{ws}/participation\"")));
    assert!(home.contains("Invited by Gemeente Aalst"), "{home}");
    // The invited organisation's admin sees the summary and may decide there too.
    let body = page(n, &format!("/workspaces/{ws}")).await;
    assert!(body.contains("Your organisation is invited"));
    let location = post_redirect(
        n,
        &format!("/workspaces/{ws}/participation"),
        &[("decision", "decline")],
    )
    .await;
    assert_eq!(location, "/?notice=participation-declined");
    let (status, _) = n.page(&format!("/workspaces/{ws}")).await;
    assert_eq!(
        status, 404,
        "declined: the invite-only workspace is hidden again"
    );
    let res = n
        .post_form(
            &format!("/workspaces/{ws}/participation"),
            &[("decision", "maybe")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);

    app.stop().await;
}
