//! The email on the wire, through a real SMTP server: MIME, headers, one-click unsubscribe, the
//! reader's time zone; in four languages; and created once across two instances.

use std::time::Duration;

use agora::clock::Clock;
use agora::config::MailTransportConfig;
use agora::email_settings::model::{MentionBatching, Preferences};
use agora::i18n::Tr;
use agora_shared::api::Language;
use agora_tests::app::spawn_app_with;
use agora_tests::personas::{Persona, World};
use agora_tests::smtp::SmtpSink;
use serde_json::json;

use super::{Harness, Notification, mention};

async fn set_profile(h: &Harness, who: &Persona, language: &'static str, zone: &'static str) {
    let id = who.user_id;
    h.app
        .state
        .db
        .write(move |conn| {
            use agora::db::schema::users;
            use diesel::prelude::*;
            diesel::update(users::table.find(id))
                .set((
                    users::interface_language.eq(language),
                    users::time_zone.eq(zone),
                ))
                .execute(conn)?;
            Ok(())
        })
        .await
        .expect("profile");
}

#[tokio::test]
async fn over_smtp_multipart_with_unsubscribe_headers_in_the_readers_time_zone() {
    let Some(sink) = SmtpSink::start().await else {
        return;
    };
    let url = sink.url();
    let h = Harness::with(move |c| c.mail = MailTransportConfig::Smtp(url.into())).await;
    let w = &h.world;
    let to = &w.admin_b;
    set_profile(&h, to, "en", "America/Guayaquil").await;
    // Through the API, as a browser posts.
    let body = format!("{} see the agenda", mention(to, "Bio"));
    let posted = h
        .post_http(
            &w.member_a,
            w.general_channel,
            json!({"body": body, "language": "en"}),
        )
        .await;
    h.post_http(
        &w.member_a,
        w.direct,
        json!({"body": "Tot morgen in Bohicon", "language": "nl"}),
    )
    .await;
    h.after(16).await;
    let mails = sink.wait_for_messages(1, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].rcpt_to, vec![to.email.clone()]);
    let raw = mails[0].raw.clone();
    let mail = Notification {
        text: agora_tests::smtp::mime_part(&raw, "text/plain").expect("text part"),
        html: agora_tests::smtp::mime_part(&raw, "text/html").expect("html part"),
        raw,
    };
    assert!(mail.raw.contains("multipart/alternative"));
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("1 mention and 1 direct message in Agora")
    );
    assert_eq!(mail.subject(), "1 mention and 1 direct message in Agora");
    assert_eq!(mail.header("Content-Language").as_deref(), Some("en"));
    assert_eq!(
        mail.header("Auto-Submitted").as_deref(),
        Some("auto-generated")
    );
    assert!(mail.header("Date").is_some());
    assert!(
        mail.header("Message-ID")
            .is_some_and(|id| id.starts_with('<'))
    );
    assert_eq!(
        mail.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let unsubscribe = mail.header("List-Unsubscribe").expect("List-Unsubscribe");
    let link = unsubscribe
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_string();
    assert!(link.starts_with(&h.app.url("/unsubscribe/")), "{link}");
    // The same link in the body, and one per workspace.
    assert!(mail.text.contains(&link) && mail.html.contains(&link));
    let tr = Tr::new(h.app.state.i18n.clone(), Language::En);
    let stop_workspace = tr.t1("notify-stop-workspace", "workspace", World::WORKSPACE_NAME);
    assert!(mail.text.contains(&stop_workspace), "{}", mail.text);
    assert!(mail.html.contains("<html lang=\"en\">"));
    assert!(mail.html.contains("<h2"), "a heading per conversation");
    // Times in the reader's zone (Quito), not the server's or Brussels'.
    let at = chrono::DateTime::parse_from_rfc3339(posted["created_at"].as_str().unwrap())
        .unwrap()
        .naive_utc();
    let quito = agora::time::display(at, "America/Guayaquil", &tr);
    assert!(mail.text.contains(&quito), "{quito} not in {}", mail.text);
    assert!(
        !mail
            .text
            .contains(&agora::time::display(at, "Europe/Brussels", &tr))
    );
    // The direct message is Dutch for an English reader: labelled.
    assert!(mail.html.contains("<blockquote lang=\"nl\""));
    assert!(
        mail.text
            .contains(&tr.t1("notify-language", "language", "Nederlands"))
    );
    // The previous message of the channel gives the mention its context.
    assert!(
        mail.text
            .contains(&tr.t1("notify-earlier", "author", "An Admin"))
    );
    assert!(mail.text.contains(World::GENERAL_TEXT));

    // One click from the mail client, without cookies, stops these emails.
    let res = reqwest::Client::new()
        .post(&link)
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let id = to.user_id;
    let prefs = h
        .app
        .state
        .db
        .read(move |conn| Preferences::find(conn, id))
        .await
        .unwrap();
    assert_eq!(prefs.mention_batching, MentionBatching::Off);
    h.post(&w.member_a, w.direct, "nog een bericht").await;
    h.after(16).await;
    assert_eq!(
        sink.wait_for_messages(2, Duration::from_millis(500))
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn each_reader_gets_their_email_in_their_own_language() {
    let h = Harness::new().await;
    let w = &h.world;
    set_profile(&h, &w.observer, "en", "Africa/Porto-Novo").await;
    set_profile(&h, &w.moderator, "es", "America/Guayaquil").await;
    let readers = [
        (&w.member_a, Language::Nl),
        (&w.admin_b, Language::Fr),
        (&w.moderator, Language::Es),
        (&w.observer, Language::En),
    ];
    let body = readers
        .iter()
        .map(|(p, _)| mention(p, "x"))
        .collect::<Vec<_>>()
        .join(" ");
    h.post(
        &w.admin_a,
        w.general_channel,
        &format!("{body} vergadering om tien uur"),
    )
    .await;
    h.after(16).await;
    for (who, language) in readers {
        let mails = h.notifications_to(who);
        assert_eq!(mails.len(), 1, "{}", who.email);
        let mail = &mails[0];
        let tr = Tr::new(h.app.state.i18n.clone(), language);
        let subject = tr.t2(
            "notify-subject-mentions",
            "count",
            1,
            "place",
            World::WORKSPACE_NAME,
        );
        assert_eq!(mail.subject(), subject, "{}", who.email);
        assert!(
            mail.html
                .contains(&format!("<html lang=\"{}\">", language.as_str()))
        );
        assert_eq!(
            mail.header("Content-Language").as_deref(),
            Some(language.as_str())
        );
        for key in [
            "notify-intro",
            "notify-open",
            "notify-settings",
            "notify-stop",
        ] {
            let text = tr.t(key);
            assert!(mail.text.contains(&text), "{key} of {language:?} missing");
        }
        // Only readers of another language see the excerpt's language named.
        let label = tr.t1("notify-language", "language", tr.autonym("nl"));
        assert_eq!(
            mail.text.contains(&label),
            language != Language::Nl,
            "{language:?}"
        );
        assert!(mail.text.contains("vergadering om tien uur"));
    }
    let english = Tr::new(h.app.state.i18n.clone(), Language::En);
    for language in [Language::Nl, Language::Fr, Language::Es] {
        let tr = Tr::new(h.app.state.i18n.clone(), language);
        for key in ["notify-intro", "notify-open", "notify-stop"] {
            assert_ne!(
                tr.t(key),
                english.t(key),
                "{key} of {language:?} is English"
            );
        }
    }
}

#[tokio::test]
async fn two_instances_on_one_database_queue_one_email() {
    let h = Harness::new().await;
    let w = &h.world;
    let database_url = h.app.state.config.database_url.clone();
    let second = spawn_app_with(move |c| c.database_url = database_url).await;
    let mut other = second.state.clone();
    other.clock = h.clock.clone();
    for text in ["een", "twee"] {
        let body = format!("{} {text}", mention(&w.admin_b, "Bio"));
        h.post(&w.member_a, w.general_channel, &body).await;
    }
    h.post(&w.member_a, w.direct, "drie").await;
    h.clock.advance(chrono::Duration::minutes(16));
    let now = h.clock.now();
    // Both instances' jobs at the same moment, twice.
    for _ in 0..2 {
        let (a, b) = tokio::join!(
            agora::notifications::run(&h.state, now),
            agora::notifications::run(&other, now)
        );
        let _ = (a.expect("first instance"), b.expect("second instance"));
    }
    assert_eq!(
        h.queued_for(&w.admin_b).await,
        1,
        "one email across instances"
    );
    h.after(0).await;
    second
        .state
        .mailer
        .drain(&*other.clock)
        .await
        .expect("drain");
    let mut sent = h.notifications_to(&w.admin_b);
    sent.extend(
        second
            .sent_emails()
            .into_iter()
            .filter(|m| m.to.contains(&w.admin_b.email))
            .map(Notification::from),
    );
    assert_eq!(sent.len(), 1);
    for text in ["een", "twee", "drie"] {
        assert!(sent[0].text.contains(text));
    }
}
