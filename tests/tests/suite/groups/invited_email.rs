//! An organisation invited into a workspace hears of it: an email to each of its active
//! administrators, in their own language, through the outbox; its other people get nothing.

use agora::emails::render;
use agora::i18n::Tr;
use agora::mail::templates::WorkspaceInvited;
use agora_shared::api::Language;
use agora_tests::personas::World;
use agora_tests::spawn_app;

fn to(app: &agora_tests::TestApp, address: &str) -> usize {
    app.sent_emails()
        .iter()
        .filter(|m| m.to.iter().any(|t| t == address))
        .count()
}

#[tokio::test]
async fn the_invited_organisations_admins_are_emailed_and_nobody_else() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    app.drain_outbox().await;
    let before_admin = to(&app, "net@agora.test");
    let ws = world.workspace;
    let (status, _) = world
        .admin_a
        .session
        .page(&format!("/workspaces/{ws}/admin"))
        .await;
    assert_eq!(status, 200);
    let res = world
        .admin_a
        .session
        .post_form(
            &format!("/workspaces/{ws}/organisations"),
            &[("organisation_id", &world.operator_id.to_string())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    app.drain_outbox().await;
    assert_eq!(to(&app, "net@agora.test"), before_admin + 1);
    // Inviting again while the invitation stands sends nothing more.
    let res = world
        .admin_a
        .session
        .post_form(
            &format!("/workspaces/{ws}/organisations"),
            &[("organisation_id", &world.operator_id.to_string())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    app.drain_outbox().await;
    assert_eq!(to(&app, "net@agora.test"), before_admin + 1);
    let mail = app.last_email_to("net@agora.test").await;
    assert!(mail.raw.contains("Auto-Submitted: auto-generated"));
}

#[tokio::test]
async fn the_email_reads_in_two_languages() {
    let app = spawn_app().await;
    let email = WorkspaceInvited {
        name: "Bio Admin".into(),
        inviter: "Gemeente Aalst".into(),
        organisation: "Commune de Bohicon".into(),
        workspace: "Eau & climat".into(),
        link: "http://127.0.0.1/".into(),
    };
    let context = serde_json::to_string(&email).expect("json");
    let tr = |lang| Tr::new(app.state.i18n.clone(), lang);
    let fr = render("workspace_invited", &context, &tr(Language::Fr)).expect("renders");
    assert_eq!(
        fr.subject,
        "Votre organisation est invitée dans Eau & climat"
    );
    assert!(
        fr.text
            .contains("Gemeente Aalst invite Commune de Bohicon à participer")
    );
    assert!(fr.html.contains("Eau &#38; climat"), "{}", fr.html);
    assert!(fr.html.contains("href=\"http://127.0.0.1/\""));
    let nl = render("workspace_invited", &context, &tr(Language::Nl)).expect("renders");
    assert_eq!(
        nl.subject,
        "Uw organisatie is uitgenodigd voor Eau & climat"
    );
    assert!(nl.text.contains("beslist u"), "{}", nl.text);
}
