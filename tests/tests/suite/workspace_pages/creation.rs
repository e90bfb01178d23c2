//! A workspace from its creation form to unread counts.

use super::*;

#[tokio::test]
async fn a_workspace_from_creation_to_unread_counts() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    let ws = create_through_form(&mut world).await;
    let ws_path = format!("/workspaces/{ws}");
    let admin_path = format!("/workspaces/{ws}/admin");

    // The new workspace's page: summary, the general channel, the link to manage it.
    let a = &mut world.admin_a.session;
    let body = page(a, &format!("{ws_path}?notice=workspace-created")).await;
    assert!(body.contains("Afval &#38; klimaat"), "{body}");
    assert!(body.contains("Afvalbeheer in Bohicon<br>en in Aalst"));
    assert!(
        body.contains("De werkruimte is aangemaakt."),
        "Dutch notice"
    );
    assert!(body.contains("Werkgroep") && body.contains("SDG 13"));
    assert!(body.contains(&format!("href=\"{admin_path}\"")));
    let general = channel_named(a, ws, "algemeen").await;
    assert!(body.contains(&format!("href=\"/channels/{general}\"")));
    // Outsiders do not even learn that it exists.
    let (status, _) = world.member_a.session.page(&ws_path).await;
    assert_eq!(status, 404);

    // Admin A invites B: B's organisation is offered, A's is not.
    let a = &mut world.admin_a.session;
    let body = page(a, &admin_path).await;
    assert!(body.contains(&format!("<option value=\"{}\">", world.org_b)));
    assert!(!body.contains(&format!("<option value=\"{}\">", world.org_a)));
    let location = post_redirect(
        a,
        &format!("/workspaces/{ws}/organisations"),
        &[("organisation_id", &world.org_b.to_string())],
    )
    .await;
    assert_eq!(
        location,
        format!("{admin_path}?notice=organisation-invited")
    );
    // Until B accepts, B's people cannot be added.
    post_invalid(
        a,
        &format!("/workspaces/{ws}/members"),
        &[
            ("user_id", &world.member_b.user_id.to_string()),
            ("role", "member"),
        ],
    )
    .await;

    // Admin B finds the invitation on the home page and accepts it there.
    let b = &mut world.admin_b.session;
    let home = page(b, "/").await;
    let participation = format!("action=\"/workspaces/{ws}/participation\"");
    assert!(home.contains(&participation), "{home}");
    assert!(home.contains("Accepter l’invitation à Afval &#38; klimaat"));
    // Member B, not an administrator, has nothing to decide.
    let home_b = page(&mut world.member_b.session, "/").await;
    assert!(!home_b.contains(&participation));
    let b = &mut world.admin_b.session;
    let location = post_redirect(
        b,
        &format!("/workspaces/{ws}/participation"),
        &[("decision", "accept")],
    )
    .await;
    assert_eq!(location, "/?notice=participation-accepted");
    let home = page(b, &location).await;
    assert!(home.contains("Votre organisation participe désormais"));
    assert!(!home.contains(&participation));
    assert!(home.contains(&format!("href=\"{ws_path}\"")));

    // Admin B governs B's own people: member B is offered, A's people are not.
    let body = page(b, &admin_path).await;
    assert!(body.contains("Vos collègues dans cet espace"), "{body}");
    assert!(body.contains(&format!("<option value=\"{}\">", world.member_b.user_id)));
    assert!(!body.contains(&format!("<option value=\"{}\">", world.member_a.user_id)));
    assert!(!body.contains("/settings\""), "no settings for admin B");

    // Admin A adds member B, then makes them an observer and back.
    let a = &mut world.admin_a.session;
    let location = post_redirect(
        a,
        &format!("/workspaces/{ws}/members"),
        &[
            ("user_id", &world.member_b.user_id.to_string()),
            ("role", "member"),
        ],
    )
    .await;
    assert_eq!(location, format!("{admin_path}?notice=member-added"));
    let role = format!("/workspaces/{ws}/members/{}/role", world.member_b.user_id);
    post_redirect(a, &role, &[("role", "observer")]).await;
    let body = page(a, &admin_path).await;
    assert!(body.contains("Waarnemer (leest alleen)"));
    post_invalid(a, &role, &[("role", "emperor")]).await;
    post_redirect(a, &role, &[("role", "member")]).await;
    // The last owner cannot step down.
    post_invalid(
        a,
        &format!("/workspaces/{ws}/members/{}/role", world.admin_a.user_id),
        &[("role", "member")],
    )
    .await;

    // A channel through the form; a private one for member B only.
    let location = post_redirect(
        a,
        &format!("/workspaces/{ws}/channels"),
        &[("name", "afval"), ("topic", "Ophaling en sortering")],
    )
    .await;
    assert_eq!(location, format!("{ws_path}?notice=channel-created"));
    post_invalid(
        a,
        &format!("/workspaces/{ws}/channels"),
        &[("name", ""), ("topic", "Zonder naam")],
    )
    .await;
    post_redirect(
        a,
        &format!("/workspaces/{ws}/channels"),
        &[
            ("name", "kern"),
            ("private", "true"),
            ("member_ids", &world.member_b.user_id.to_string()),
        ],
    )
    .await;
    let afval = channel_named(a, ws, "afval").await;
    let kern = channel_named(a, ws, "kern").await;
    let body = page(&mut world.member_b.session, &ws_path).await;
    assert!(body.contains(&format!("href=\"/channels/{afval}\"")));
    assert!(body.contains(&format!("href=\"/channels/{kern}\"")));
    let body = page(&mut world.admin_b.session, &ws_path).await;
    assert!(!body.contains(&format!("href=\"/channels/{kern}\"")));

    // Member B writes in the new channel, mentioning admin A.
    let text = format!(
        "Bonjour @[An Admin](user:{}), voici le calendrier de collecte.",
        world.admin_a.user_id
    );
    json(
        world
            .member_b
            .session
            .api(
                Method::POST,
                &format!("/api/v1/channels/{afval}/messages"),
                Some(json!({ "body": text })),
            )
            .await,
        201,
    )
    .await;
    // Admin A (in Dutch) sees the counts as words, on the workspace page and at home.
    let a = &mut world.admin_a.session;
    let body = page(a, &ws_path).await;
    assert!(body.contains("1 ongelezen bericht<"), "{body}");
    assert!(body.contains("1 keer vermeld"));
    let home = page(a, "/").await;
    assert!(home.contains("1 ongelezen bericht<"), "{home}");
    // Admin B (in French) has one unread message but no mention.
    let body = page(&mut world.admin_b.session, &ws_path).await;
    assert!(body.contains("1 message non lu<"), "{body}");
    assert!(!body.contains("mention de vous"));

    // Renaming, a bad name, archiving.
    let a = &mut world.admin_a.session;
    let settings = format!("/channels/{afval}/settings");
    let body = post_invalid(a, &settings, &[("name", ""), ("topic", "x")]).await;
    assert!(
        body.contains(&format!("href=\"#channel-{afval}-name\"")),
        "{body}"
    );
    let location = post_redirect(
        a,
        &settings,
        &[("name", "afvalbeheer"), ("topic", "Ophaling")],
    )
    .await;
    assert_eq!(location, format!("{admin_path}?notice=channel-saved"));
    post_redirect(a, &settings, &[("archived", "true")]).await;
    let body = page(a, &admin_path).await;
    assert!(
        body.contains("afvalbeheer") && body.contains("heropenen"),
        "{body}"
    );

    // Settings: discoverable, so that others on the network see the summary only.
    post_invalid(
        a,
        &format!("/workspaces/{ws}/settings"),
        &[
            ("name", "Afval & klimaat"),
            ("visibility", "everywhere"),
            ("default_language", "nl"),
        ],
    )
    .await;
    let location = post_redirect(
        a,
        &format!("/workspaces/{ws}/settings"),
        &[
            ("name", "Afval & klimaat"),
            ("description", "Afvalbeheer"),
            ("sdg_tags", "12"),
            ("visibility", "discoverable"),
            ("default_language", "fr"),
        ],
    )
    .await;
    assert_eq!(location, format!("{admin_path}?notice=workspace-saved"));
    let body = page(&mut world.member_a.session, &ws_path).await;
    assert!(
        body.contains("U bent geen lid van deze werkruimte"),
        "{body}"
    );
    assert!(!body.contains("href=\"/channels/"));
    assert!(body.contains("SDG 12"));
    let (status, _) = world.member_a.session.page(&admin_path).await;
    assert_eq!(status, 404);

    // Admin B removes B's own member; member B is gone from the workspace.
    let b = &world.admin_b.session;
    let location = post_redirect(
        b,
        &format!("/workspaces/{ws}/members/{}/remove", world.member_b.user_id),
        &[],
    )
    .await;
    assert_eq!(location, format!("{admin_path}?notice=member-removed"));
    let (status, _) = world.member_b.session.page(&ws_path).await;
    assert_eq!(status, 200, "discoverable: the summary stays visible");
    let body = page(&mut world.member_b.session, &ws_path).await;
    assert!(!body.contains("href=\"/channels/"));

    app.stop().await;
}
