//! Invitations sent and accepted twice at once.

use super::*;

#[tokio::test]
async fn identical_invitations_leave_one_pending() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let path = format!("/api/v1/organisations/{}/invitations", world.org_a);
    let body = Some(json!({"email": "Schepen@Aalst.test", "role": "member"}));
    burst(
        &world.admin_a.session,
        10,
        Method::POST,
        &path,
        body,
        &[201, 409],
    )
    .await;
    use invitations::{accepted_at, email, revoked_at};
    let address = email.eq("schepen@aalst.test");
    let pending = rows!(
        &app,
        invitations,
        address,
        accepted_at.is_null(),
        revoked_at.is_null()
    );
    assert_eq!(pending, 1, "one usable invitation link");
}

#[tokio::test]
async fn identical_invitation_accepts_make_one_account() {
    use agora::db::schema::{sessions, users};
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let path = format!("/api/v1/organisations/{}/invitations", world.org_a);
    let body = json!({"email": "dubbel@aalst.test", "role": "member"});
    send(&world.admin_a.session, Method::POST, &path, body, 201).await;
    let mail = app.last_email_to("dubbel@aalst.test").await;
    let text = agora_tests::smtp::mime_part(&mail.raw, "text/plain").expect("text part");
    let prefix = format!("{}/invite/", app.address);
    let link = agora_tests::app::find_link(&text, &prefix).expect("link in email");
    let token = link.trim_start_matches(&prefix).to_string();
    let body = json!({"token": token, "display_name": "Dirk Dubbel", "password": PASSWORD,
        "interface_language": "nl"});
    let path = "/api/v1/invitations/accept";
    // The first creates the account; the others find the link used (422) or the address taken.
    burst(
        &app.session(),
        5,
        Method::POST,
        path,
        Some(body),
        &[201, 409, 422],
    )
    .await;
    let email = users::email.eq("dubbel@aalst.test");
    assert_eq!(rows!(&app, users, email), 1, "one account");
    let user = users::table
        .filter(users::email.eq("dubbel@aalst.test"))
        .select(users::id);
    assert_eq!(
        rows!(&app, sessions, sessions::user_id.eq_any(user)),
        1,
        "one session"
    );
}
