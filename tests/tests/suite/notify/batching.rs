//! When the emails come: one per batch window, only once the person has been away long enough,
//! at the rhythm they chose, never when they chose none, and never twice.

use agora::email_settings::model::MentionBatching;

use super::{Harness, mention};

#[tokio::test]
async fn three_mentions_within_a_window_make_one_email_and_it_is_sent_once() {
    let h = Harness::new().await;
    let (w, to) = (&h.world, &h.world.admin_b);
    for text in ["eerste vraag", "tweede vraag", "derde vraag"] {
        let body = format!("{} {text} over het bezoek", mention(to, "Bio"));
        h.post(&w.member_a, w.general_channel, &body).await;
    }
    // The default rhythm: at most every 15 minutes.
    h.after(14).await;
    assert!(
        h.notifications_to(to).is_empty(),
        "sent before the window ended"
    );
    h.after(2).await;
    let mails = h.notifications_to(to);
    assert_eq!(mails.len(), 1, "one email for the three mentions");
    let mail = &mails[0];
    for text in ["eerste vraag", "tweede vraag", "derde vraag"] {
        assert!(
            mail.text.contains(text) && mail.html.contains(text),
            "{text} missing"
        );
    }
    let tr = agora::i18n::Tr::new(h.app.state.i18n.clone(), agora_shared::api::Language::Fr);
    assert_eq!(
        mail.subject(),
        tr.t2(
            "notify-subject-mentions",
            "count",
            3,
            "place",
            agora_tests::personas::World::WORKSPACE_NAME
        )
    );
    assert!(
        mail.subject().starts_with("3 mentions dans"),
        "{}",
        mail.subject()
    );

    // Another run, later: nothing new, nothing twice.
    h.after(60).await;
    assert_eq!(h.notifications_to(to).len(), 1);
    assert_eq!(h.queued_for(to).await, 1);

    // A mention after the email starts a window of its own.
    let body = format!("{} nog een vraag", mention(to, "Bio"));
    h.post(&h.world.member_a, h.world.general_channel, &body)
        .await;
    h.after(16).await;
    let mails = h.notifications_to(to);
    assert_eq!(mails.len(), 2);
    assert!(mails[1].text.contains("nog een vraag"));
    assert!(!mails[1].text.contains("eerste vraag"));
}

#[tokio::test]
async fn someone_online_is_not_emailed_until_they_have_been_away_ten_minutes() {
    let h = Harness::new().await;
    let (w, to) = (&h.world, &h.world.admin_b);
    h.set_batching(to, MentionBatching::Immediately).await;
    // Active a minute before the job runs: online.
    h.clock.advance(chrono::Duration::minutes(1));
    h.active_now(to).await;
    let body = format!("{} kijkt u even mee?", mention(to, "Bio"));
    h.post(&w.member_a, w.general_channel, &body).await;
    h.after(1).await;
    assert!(h.notifications_to(to).is_empty(), "emailed while online");
    h.after(8).await;
    assert!(
        h.notifications_to(to).is_empty(),
        "emailed after 9 minutes away"
    );
    // Ten minutes without activity: right away means now.
    h.after(1).await;
    let mails = h.notifications_to(to);
    assert_eq!(mails.len(), 1);
    assert!(mails[0].text.contains("kijkt u even mee?"));
}

#[tokio::test]
async fn the_offline_threshold_is_configurable() {
    let h = Harness::with(|c| c.notify_offline = chrono::Duration::minutes(30)).await;
    let (w, to) = (&h.world, &h.world.admin_b);
    h.set_batching(to, MentionBatching::Immediately).await;
    h.active_now(to).await;
    let body = format!("{} een vraag", mention(to, "Bio"));
    h.post(&w.member_a, w.general_channel, &body).await;
    h.after(29).await;
    assert!(h.notifications_to(to).is_empty());
    h.after(1).await;
    assert_eq!(h.notifications_to(to).len(), 1);
}

#[tokio::test]
async fn off_stops_them_from_the_settings_page_and_hourly_waits_an_hour() {
    let h = Harness::new().await;
    let (w, to) = (&h.world, &h.world.admin_b);
    let mut browser = h.app.signed_in(&to.email).await;
    let (status, page) = browser.page("/settings/email").await;
    assert_eq!(status, 200);
    assert!(page.contains("value=\"off\""), "the page offers off");
    let res = browser
        .post_form(
            "/settings/email",
            &[
                ("digest_cadence", "weekly"),
                ("digest_weekday", "1"),
                ("digest_hour", "8"),
                ("mention_batching", "off"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let body = format!("{} een vraag", mention(to, "Bio"));
    h.post(&w.member_a, w.general_channel, &body).await;
    h.post(&w.member_a, w.direct, "een privévraag").await;
    h.after(120).await;
    assert!(h.notifications_to(to).is_empty(), "emailed although off");
    // Turning them on again later does not send what came while they were off.
    h.set_batching(to, MentionBatching::Hourly).await;
    h.after(120).await;
    assert!(
        h.notifications_to(to).is_empty(),
        "items from while off were kept"
    );

    let body = format!("{} uurlijks", mention(to, "Bio"));
    h.post(&w.member_a, w.general_channel, &body).await;
    h.after(30).await;
    h.post(&w.member_a, w.direct, "nog een privévraag").await;
    h.after(29).await;
    assert!(
        h.notifications_to(to).is_empty(),
        "hourly sent within the hour"
    );
    h.after(2).await;
    let mails = h.notifications_to(to);
    assert_eq!(mails.len(), 1, "one email for the hour");
    assert!(mails[0].text.contains("uurlijks") && mails[0].text.contains("nog een privévraag"));
    let tr = agora::i18n::Tr::new(h.app.state.i18n.clone(), agora_shared::api::Language::Fr);
    assert_eq!(
        mails[0].subject(),
        tr.targs(
            "notify-subject-both",
            &[
                ("mentions", "1".into()),
                ("directs", "1".into()),
                ("place", "Agora".into())
            ]
        )
    );
    assert_eq!(
        mails[0].subject(),
        "1 mention et 1 message direct dans Agora"
    );
}

#[tokio::test]
async fn a_long_batch_shows_the_first_messages_and_counts_the_rest() {
    let h = Harness::new().await;
    let (w, to) = (&h.world, &h.world.admin_b);
    let total = agora::notifications::batch::MAX_MESSAGES + 2;
    for n in 0..total {
        let body = format!("{} bericht nummer {n}.", mention(to, "Bio"));
        h.post(&w.member_a, w.general_channel, &body).await;
    }
    h.after(16).await;
    let mails = h.notifications_to(to);
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert!(
        mail.subject().starts_with(&format!("{total} mentions")),
        "{}",
        mail.subject()
    );
    assert!(mail.text.contains("bericht nummer 0."));
    assert!(
        !mail
            .text
            .contains(&format!("bericht nummer {}.", total - 1))
    );
    let tr = agora::i18n::Tr::new(h.app.state.i18n.clone(), agora_shared::api::Language::Fr);
    assert!(
        mail.text.contains(&tr.t1("notify-more", "count", 2)),
        "{}",
        mail.text
    );
    assert!(mail.raw.len() < 100 * 1024, "{} bytes", mail.raw.len());
}
