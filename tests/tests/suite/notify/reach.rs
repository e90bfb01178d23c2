//! What an email may carry: nothing the person read meanwhile, can no longer read, muted, or may
//! never read; nothing to people who can no longer sign in.

use agora::accounts::user::{User, UserChanges};
use agora_tests::personas::World;
use reqwest::Method;
use serde_json::json;

use super::{Harness, mention};

#[tokio::test]
async fn what_was_read_in_the_meantime_is_not_sent() {
    let h = Harness::new().await;
    let w = &h.world;
    let body = format!(
        "{} en {} lezen dit",
        mention(&w.admin_b, "Bio"),
        mention(&w.moderator, "Mira")
    );
    h.post(&w.member_a, w.general_channel, &body).await;
    // Admin B reads the channel (through the API, as the page does); the moderator does not.
    let res = w
        .admin_b
        .session
        .api(
            Method::POST,
            &format!("/api/v1/channels/{}/read", w.general_channel),
            Some(json!({"seq": null})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    h.after(16).await;
    assert!(
        h.notifications_to(&w.admin_b).is_empty(),
        "read, yet emailed"
    );
    assert_eq!(h.notifications_to(&w.moderator).len(), 1);
    // The fixture's direct message, which admin B read, was never sent either.
    assert!(
        h.all_notifications()
            .iter()
            .all(|n| !n.text.contains(World::DIRECT_TEXT))
    );
}

#[tokio::test]
async fn someone_who_lost_access_meanwhile_is_sent_nothing_of_it() {
    let h = Harness::new().await;
    let w = &h.world;
    let body = format!(
        "{} en {}: de agenda voor dinsdag",
        mention(&w.admin_b, "Bio"),
        mention(&w.moderator, "Mira")
    );
    h.post(&w.member_a, w.general_channel, &body).await;
    let res = w
        .admin_a
        .session
        .api(
            Method::DELETE,
            &format!(
                "/api/v1/workspaces/{}/members/{}",
                w.workspace, w.admin_b.user_id
            ),
            None,
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    h.after(16).await;
    assert!(
        h.notifications_to(&w.admin_b).is_empty(),
        "emailed after removal"
    );
    let mails = h.notifications_to(&w.moderator);
    assert_eq!(mails.len(), 1);
    assert!(mails[0].text.contains("de agenda voor dinsdag"));
}

#[tokio::test]
async fn a_muted_workspace_sends_nothing_but_direct_messages_still_come() {
    let h = Harness::new().await;
    let w = &h.world;
    let mut browser = h.app.signed_in(&w.admin_b.email).await;
    browser.page("/settings/email").await;
    let workspace = w.workspace.to_string();
    let res = browser
        .post_form(
            "/settings/email",
            &[
                ("digest_cadence", "weekly"),
                ("digest_weekday", "1"),
                ("digest_hour", "8"),
                ("mention_batching", "every_15_minutes"),
                ("muted", &workspace),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let body = format!("{} in de werkruimte", mention(&w.admin_b, "Bio"));
    h.post(&w.member_a, w.general_channel, &body).await;
    h.post(&w.member_a, w.direct, "rechtstreeks aan u").await;
    h.after(16).await;
    let mails = h.notifications_to(&w.admin_b);
    assert_eq!(mails.len(), 1);
    assert!(mails[0].text.contains("rechtstreeks aan u"));
    assert!(
        !mails[0].text.contains("in de werkruimte"),
        "muted workspace in the email"
    );
    assert!(!mails[0].text.contains(World::WORKSPACE_NAME));
    assert_eq!(mails[0].subject(), "1 message direct dans Agora");
}

#[tokio::test]
async fn a_deactivated_person_is_sent_nothing() {
    let h = Harness::new().await;
    let w = &h.world;
    let body = format!("{} tot morgen", mention(&w.moderator, "Mira"));
    h.post(&w.member_a, w.general_channel, &body).await;
    let id = w.moderator.user_id;
    h.app
        .state
        .db
        .write(move |conn| {
            User::update(
                conn,
                id,
                &UserChanges {
                    status: Some(agora_shared::api::UserStatus::Deactivated),
                    ..Default::default()
                },
            )
        })
        .await
        .expect("deactivate");
    h.after(16).await;
    assert!(h.notifications_to(&w.moderator).is_empty());
}

#[tokio::test]
async fn nothing_reaches_anyone_who_may_not_read_it() {
    let h = Harness::new().await;
    let w = &h.world;
    // Admin B does not read the private channel: mentioning them there tells them nothing.
    let secret = "de begroting van het kernteam";
    let body = format!(
        "{} en {}: {secret}",
        mention(&w.admin_b, "Bio"),
        mention(&w.member_a, "Mo")
    );
    h.post(&w.admin_a, w.private_channel, &body).await;
    // And a mention in the general channel, right after the private message, for everyone.
    let general = format!("{} algemene vraag", mention(&w.admin_b, "Bio"));
    h.post(&w.admin_a, w.general_channel, &general).await;
    h.after(16).await;
    let to_member = h.notifications_to(&w.member_a);
    assert_eq!(to_member.len(), 1);
    assert!(to_member[0].text.contains(secret));
    assert!(to_member[0].text.contains(World::PRIVATE_CHANNEL_NAME));
    let to_b = h.notifications_to(&w.admin_b);
    assert_eq!(to_b.len(), 1, "the general mention");
    for mail in h.all_notifications() {
        if mail.raw.contains(&w.member_a.email) {
            continue;
        }
        for hidden in [secret, World::PRIVATE_TEXT, World::PRIVATE_CHANNEL_NAME] {
            assert!(
                !mail.text.contains(hidden) && !mail.html.contains(hidden),
                "{hidden} reached someone who may not read it"
            );
        }
    }
    // Only the two people mentioned were emailed.
    assert_eq!(h.all_notifications().len(), 2);
}
