//! An organisation admin must not learn, by inviting, whether an address has an account in
//! another organisation or an invitation from one. The answer and the invitation list look the
//! same whatever the state; the person at the address learns what happened by email.

use agora_tests::personas::{PASSWORD, World};
use agora_tests::smtp::mime_part;
use agora_tests::{Session, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

async fn invite(s: &Session, org: i64, email: &str) -> (u16, Value) {
    let res = s
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{org}/invitations"),
            Some(json!({"email": email, "role": "member", "language": "es"})),
        )
        .await;
    let status = res.status().as_u16();
    (status, res.json().await.expect("json"))
}

async fn list(s: &Session, org: i64) -> Vec<Value> {
    let res = s
        .api(
            Method::GET,
            &format!("/api/v1/organisations/{org}/invitations"),
            None,
        )
        .await;
    assert_eq!(res.status(), 200);
    res.json().await.expect("json")
}

/// An invitation as the inviting organisation sees it, without what differs by nature.
fn shape(v: &Value) -> Value {
    let mut v = v.clone();
    let o = v.as_object_mut().expect("object");
    for k in ["id", "email", "expires_at"] {
        assert!(o.remove(k).is_some(), "{k} missing from {v:?}");
    }
    v
}

fn text_of(app: &TestApp, to: &str) -> Vec<String> {
    app.sent_emails()
        .into_iter()
        .filter(|m| m.to.iter().any(|t| t == to))
        .map(|m| mime_part(&m.raw, "text/plain").expect("text part"))
        .collect()
}

#[tokio::test]
async fn an_account_elsewhere_gets_the_same_answer_as_a_new_address() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let admin = &w.admin_a.session;
    let (new_status, new_body) = invite(admin, w.org_a, "newcomer@aalst.test").await;
    let (taken_status, taken_body) = invite(admin, w.org_a, "member@bohicon.test").await;
    assert_eq!((new_status, taken_status), (201, 201), "{taken_body}");
    assert_eq!(shape(&new_body), shape(&taken_body));
    assert_eq!(taken_body["status"], "pending");

    // The list shows both alike.
    let listed = list(admin, w.org_a).await;
    let find = |email: &str| {
        listed
            .iter()
            .find(|i| i["email"] == email)
            .unwrap_or_else(|| panic!("{email} not listed: {listed:?}"))
            .clone()
    };
    assert_eq!(
        shape(&find("newcomer@aalst.test")),
        shape(&find("member@bohicon.test"))
    );

    // The page answers alike too.
    let mut page = app.signed_in("admin@aalst.test").await;
    page.page(&format!("/orgs/{}/members", w.org_a)).await;
    let mut locations = Vec::new();
    for email in ["second@aalst.test", "admin@bohicon.test"] {
        let res = page
            .post_form(
                &format!("/orgs/{}/invitations", w.org_a),
                &[("email", email), ("role", "member"), ("language", "nl")],
            )
            .await;
        assert_eq!(res.status(), 303, "{email}");
        locations.push(res.headers()["location"].clone());
    }
    assert_eq!(locations[0], locations[1]);

    // The newcomer gets a link; the account holder an explanation in their own language
    // (member B reads French), without a link that could create a second account.
    app.drain_outbox().await;
    let newcomer = text_of(&app, "newcomer@aalst.test");
    assert_eq!(newcomer.len(), 1);
    assert!(newcomer[0].contains("/invite/"), "{}", newcomer[0]);
    let holder: Vec<_> = app
        .sent_emails()
        .into_iter()
        .filter(|m| m.to.iter().any(|t| t == "member@bohicon.test"))
        .collect();
    assert_eq!(holder.len(), 1, "one email to the account holder");
    let text = mime_part(&holder[0].raw, "text/plain").expect("text part");
    let html = mime_part(&holder[0].raw, "text/html").expect("html part");
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    assert!(text.contains("Gemeente Aalst"), "{text}");
    assert!(!text.contains("/invite/"), "{text}");
    let tr = agora::i18n::Tr::new(app.state.i18n.clone(), agora_shared::api::Language::Fr);
    assert!(
        text.contains(&tr.t("email-invitation-conflict-ignore")),
        "{text}"
    );
    assert_eq!(text_of(&app, "admin@bohicon.test").len(), 1);
}

#[tokio::test]
async fn a_pending_invitation_elsewhere_does_not_show_either() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let (status, _) = invite(&w.admin_b.session, w.org_b, "wanted@example.test").await;
    assert_eq!(status, 201);
    let (status, from_a) = invite(&w.admin_a.session, w.org_a, "wanted@example.test").await;
    assert_eq!(status, 201, "{from_a}");
    let (_, fresh) = invite(&w.admin_a.session, w.org_a, "unwanted@example.test").await;
    assert_eq!(shape(&from_a), shape(&fresh));

    // The person receives both invitations and chooses one.
    app.drain_outbox().await;
    let mails = text_of(&app, "wanted@example.test");
    assert_eq!(mails.len(), 2, "{mails:?}");
    let link_of = |text: &str| {
        agora_tests::app::find_link(text, &format!("{}/invite/", app.address))
            .expect("link")
            .rsplit('/')
            .next()
            .expect("token")
            .to_string()
    };
    let from_b = mails
        .iter()
        .find(|t| t.contains("Commune de Bohicon"))
        .expect("B's invitation");
    let res = app
        .session()
        .api(
            Method::POST,
            "/api/v1/invitations/accept",
            Some(json!({"token": link_of(from_b), "display_name": "Wanda", "password": PASSWORD, "interface_language": "fr"})),
        )
        .await;
    assert_eq!(res.status(), 201);

    // A's list still shows its invitation as it would any unanswered one.
    let listed = list(&w.admin_a.session, w.org_a).await;
    let a_view = listed
        .iter()
        .find(|i| i["email"] == "wanted@example.test")
        .expect("A's invitation listed");
    let fresh_view = listed
        .iter()
        .find(|i| i["email"] == "unwanted@example.test")
        .expect("fresh invitation listed");
    assert_eq!(shape(a_view), shape(fresh_view));
    // A's link cannot create a second account for the same address.
    let from_a_mail = mails
        .iter()
        .find(|t| t.contains("Gemeente Aalst"))
        .expect("A's invitation");
    let res = app
        .session()
        .api(
            Method::POST,
            "/api/v1/invitations/accept",
            Some(json!({"token": link_of(from_a_mail), "display_name": "Wanda", "password": PASSWORD, "interface_language": "fr"})),
        )
        .await;
    assert_eq!(res.status(), 409);

    // Once the person has an account, A inviting again answers as before, and B's list shows
    // the acceptance (B's own invitation).
    let (status, again) = invite(&w.admin_a.session, w.org_a, "wanted@example.test").await;
    assert_eq!(status, 201);
    assert_eq!(shape(&again), shape(fresh_view));
    let b_list = list(&w.admin_b.session, w.org_b).await;
    assert_eq!(b_list[0]["status"], "accepted");
}

#[tokio::test]
async fn a_member_of_the_same_organisation_is_refused_plainly() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    // The admin sees their own members anyway: a clear answer gives nothing away.
    let (status, body) = invite(&w.admin_a.session, w.org_a, "MEMBER@aalst.test").await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "email_taken");
    assert!(!body["message"].as_str().unwrap_or("").is_empty());
    assert_eq!(app.drain_outbox().await, 0);
}
