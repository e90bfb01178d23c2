//! Organisations and the invitations of their admins.

use super::*;

#[tokio::test]
async fn operator_creates_an_organisation_whose_admin_invites_a_colleague() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let net = &world.network_admin.session;

    let res = net
        .api(Method::POST, "/api/v1/organisations", Some(json!({"name": "Commune de Dogbo", "kind": "partner_municipality", "country": "bj", "default_language": "fr"})))
        .await;
    assert_eq!(res.status(), 201);
    let org: Value = res.json().await.unwrap();
    let org_id = org["id"].as_i64().unwrap();
    assert_eq!(org["country"], "BJ");

    // The operator invites the organisation's first administrator; the email is in French.
    let res = net
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{org_id}/invitations"),
            Some(json!({"email": "Maire@Dogbo.BJ", "role": "admin"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let invitation: Value = res.json().await.unwrap();
    assert_eq!(invitation["email"], "maire@dogbo.bj");
    assert_eq!(invitation["language"], "fr");
    assert_eq!(invitation["status"], "pending");
    let (link, raw) = link_in_email(&app, "maire@dogbo.bj", "/invite/").await;
    assert!(raw.contains("Subject: ") && raw.contains("Dogbo"), "{raw}");
    let html = agora_tests::smtp::mime_part(&raw, "text/html").expect("html part");
    assert!(html.contains("lang=\"fr\""), "{html}");
    assert!(
        html.contains("invitation"),
        "French invitation email expected: {html}"
    );

    // The invitee opens the link, chooses a name, password and language, and is signed in.
    let mut mayor = app.session();
    let (status, page) = mayor.page(&link).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Commune de Dogbo"));
    let res = mayor
        .post_form(
            &link,
            &[
                ("display_name", "Adjoa Maire"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                ("interface_language", "fr"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let (status, page) = mayor.page("/profile").await;
    assert_eq!(status, 200);
    assert!(page.contains("<html lang=\"fr\">"));
    assert!(page.contains("Adjoa Maire"));
    // The link works once.
    assert_eq!(app.session().get(&link).await.status(), 422);

    // The new administrator invites a colleague, who accepts through the API in Spanish.
    let (_, members_page) = mayor.page(&format!("/orgs/{org_id}/members")).await;
    assert!(members_page.contains("Adjoa Maire"));
    let res = mayor
        .post_form(
            &format!("/orgs/{org_id}/invitations"),
            &[
                ("email", "finance@dogbo.bj"),
                ("role", "member"),
                ("language", "es"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (link, _) = link_in_email(&app, "finance@dogbo.bj", "/invite/").await;
    let token = link.trim_start_matches("/invite/").to_string();
    let res = app
        .session()
        .api(Method::POST, "/api/v1/invitations/accept", Some(json!({"token": token, "display_name": "Koffi Finance", "password": PASSWORD, "interface_language": "es"})))
        .await;
    assert_eq!(res.status(), 201);
    let session: Value = res.json().await.unwrap();
    assert_eq!(session["user"]["role"], "member");
    assert_eq!(session["user"]["organisation_id"], org_id);
    assert_eq!(session["user"]["interface_language"], "es");

    let actions = audit_actions(&app).await;
    for action in [
        "organisation.created",
        "invitation.created",
        "invitation.accepted",
    ] {
        assert!(
            actions.contains(&action.to_string()),
            "{action} not audited: {actions:?}"
        );
    }
}

#[tokio::test]
async fn invitation_tokens_are_hashed_single_use_and_expire() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let admin = &world.admin_a.session;
    let res = admin
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{}/invitations", world.org_a),
            Some(json!({"email": "x@aalst.test", "role": "member"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let (link, _) = link_in_email(&app, "x@aalst.test", "/invite/").await;
    let token = link.trim_start_matches("/invite/").to_string();
    assert_eq!(token.len(), 43, "256-bit token expected");
    let hashes: Vec<String> = app
        .state
        .db
        .read(|conn| {
            use agora::db::schema::invitations::dsl::*;
            use diesel::prelude::*;
            Ok(invitations.select(token_hash).load(conn)?)
        })
        .await
        .unwrap();
    assert!(!hashes.contains(&token), "the raw token is stored");

    // Expire it: acceptance fails.
    app.state
        .db
        .write(|conn| {
            use agora::db::schema::invitations::dsl::*;
            use diesel::prelude::*;
            diesel::update(invitations)
                .set(expires_at.eq(agora::time::now() - chrono::Duration::minutes(1)))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    let res = app
        .session()
        .api(Method::POST, "/api/v1/invitations/accept", Some(json!({"token": token, "display_name": "X", "password": PASSWORD, "interface_language": "nl"})))
        .await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "invalid_token");

    // A revoked invitation fails too; inviting again replaces the link.
    let res = admin
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{}/invitations", world.org_a),
            Some(json!({"email": "y@aalst.test", "role": "member"})),
        )
        .await;
    let inv: Value = res.json().await.unwrap();
    let (link, _) = link_in_email(&app, "y@aalst.test", "/invite/").await;
    let res = admin
        .api(
            Method::DELETE,
            &format!(
                "/api/v1/organisations/{}/invitations/{}",
                world.org_a, inv["id"]
            ),
            None,
        )
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(app.session().get(&link).await.status(), 422);

    // An address with an account elsewhere gets no usable link, but the inviting organisation
    // is not told so (tests/tests/invitation_probing.rs); its own members it is told about.
    let res = admin
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{}/invitations", world.org_a),
            Some(json!({"email": "member@bohicon.test", "role": "member"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let mail = app.last_email_to("member@bohicon.test").await;
    assert!(!mail.raw.contains("/invite/"), "{}", mail.raw);
    let res = admin
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{}/invitations", world.org_a),
            Some(json!({"email": "member@aalst.test", "role": "member"})),
        )
        .await;
    assert_eq!(res.status(), 409);
}
