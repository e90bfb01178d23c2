//! Email leaves through a real SMTP server process and through `.eml` files, as multipart text
//! and HTML in the recipient's language, with retries when the server is away.

use std::time::Duration;

use agora::config::MailTransportConfig;
use agora_tests::app::spawn_app_with;
use agora_tests::personas::World;
use agora_tests::smtp::{SmtpSink, mime_part};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn invitation_is_delivered_over_smtp_as_multipart_in_the_invitees_language() {
    let Some(sink) = SmtpSink::start().await else {
        return;
    };
    let url = sink.url();
    let app = spawn_app_with(move |c| {
        c.mail = MailTransportConfig::Smtp(url.into());
        c.mail_from = "Agora VVSG <agora@vvsg.test>".into();
    })
    .await;
    let world = World::build(&app).await;
    let res = world
        .admin_b
        .session
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{}/invitations", world.org_b),
            Some(json!({"email": "secretaire@bohicon.test", "role": "member", "language": "fr"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    assert_eq!(app.drain_outbox().await, 1);
    let mails = sink.wait_for_messages(1, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1, "the SMTP server received {mails:?}");
    let mail = &mails[0];
    assert_eq!(mail.rcpt_to, vec!["secretaire@bohicon.test".to_string()]);
    assert_eq!(mail.mail_from, "agora@vvsg.test");
    let raw = &mail.raw;
    assert!(raw.contains("multipart/alternative"), "{raw}");
    assert!(
        raw.lines()
            .any(|l| l.starts_with("Message-ID: <") && l.contains("@127.0.0.1>")),
        "{raw}"
    );
    assert!(
        raw.contains("From: \"Agora VVSG\" <agora@vvsg.test>")
            || raw.contains("From: Agora VVSG <agora@vvsg.test>"),
        "{raw}"
    );
    let text = mime_part(raw, "text/plain").expect("text part");
    let html = mime_part(raw, "text/html").expect("html part");
    assert!(
        text.contains("Commune de Bohicon") && text.contains("/invite/"),
        "{text}"
    );
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    // French, not English: the subject line comes from locales/fr.
    let tr = agora::i18n::Tr::new(app.state.i18n.clone(), agora_shared::api::Language::Fr);
    let action = tr.t("email-invitation-action");
    assert!(
        text.contains(&action),
        "French call to action {action:?} missing: {text}"
    );
    // Sent once: a second drain sends nothing more.
    assert_eq!(app.drain_outbox().await, 0);
}

#[tokio::test]
async fn a_temporary_smtp_failure_is_retried_later() {
    // Nothing listens on this port: the first attempt fails and the email stays queued.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = spawn_app_with(move |c| {
        c.mail = MailTransportConfig::Smtp(format!("smtp://127.0.0.1:{port}").into())
    })
    .await;
    let world = World::build(&app).await;
    let res = world
        .admin_a
        .session
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{}/invitations", world.org_a),
            Some(json!({"email": "later@aalst.test", "role": "member"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    assert_eq!(app.drain_outbox().await, 0);
    let (status, attempts, error): (String, i32, Option<String>) = app
        .state
        .db
        .read(|conn| {
            use agora::db::schema::outbox::dsl::*;
            use diesel::prelude::*;
            Ok(outbox.select((status, attempts, last_error)).first(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(status, "pending");
    assert_eq!(attempts, 1);
    assert!(error.is_some());
    // Not due yet: backoff holds it back.
    assert_eq!(app.drain_outbox().await, 0);

    // The server comes back and the backoff passes (moved in the database): the retry sends it.
    let Some(sink) = SmtpSink::start_on(port).await else {
        return;
    };
    app.state
        .db
        .write(|conn| {
            use agora::db::schema::outbox::dsl::*;
            use diesel::prelude::*;
            diesel::update(outbox)
                .set(next_attempt_at.eq(agora::time::now() - chrono::Duration::seconds(1)))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(app.drain_outbox().await, 1, "the retry did not send");
    let mails = sink.wait_for_messages(1, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1, "the SMTP server received {mails:?}");
    assert_eq!(mails[0].rcpt_to, vec!["later@aalst.test".to_string()]);
    let (status, attempts): (String, i32) = app
        .state
        .db
        .read(|conn| {
            use agora::db::schema::outbox::dsl::*;
            use diesel::prelude::*;
            Ok(outbox.select((status, attempts)).first(conn)?)
        })
        .await
        .unwrap();
    assert_eq!((status.as_str(), attempts), ("sent", 2));
    // Sent once: nothing is left to retry.
    assert_eq!(app.drain_outbox().await, 0);
}

#[tokio::test]
async fn the_default_transport_writes_eml_files_a_newcomer_can_read() {
    let app = spawn_app_with(|c| c.mail = MailTransportConfig::Files).await;
    let world = World::build(&app).await;
    world
        .admin_a
        .session
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{}/invitations", world.org_a),
            Some(json!({"email": "file@aalst.test", "role": "member", "language": "nl"})),
        )
        .await;
    assert_eq!(app.drain_outbox().await, 1);
    let dir = app.state.config.data_dir.join("mail");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].extension().is_some_and(|e| e == "eml"));
    let raw = std::fs::read_to_string(&files[0]).unwrap();
    assert!(raw.contains("To: file@aalst.test"), "{raw}");
    let html = mime_part(&raw, "text/html").unwrap();
    assert!(html.contains("<html lang=\"nl\">"));
}

#[tokio::test]
async fn the_worker_sends_without_being_asked() {
    let app = spawn_app_with(|c| {
        c.workers = true;
        c.outbox_poll = Duration::from_millis(200);
    })
    .await;
    let world = World::build(&app).await;
    world
        .admin_a
        .session
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{}/invitations", world.org_a),
            Some(json!({"email": "auto@aalst.test", "role": "member"})),
        )
        .await;
    for _ in 0..50 {
        if app
            .sent_emails()
            .iter()
            .any(|m| m.to.contains(&"auto@aalst.test".to_string()))
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the outbox worker did not send the invitation");
}

/// Queues `email` straight in the outbox, as a row written by this version would be.
async fn queue(app: &agora_tests::TestApp, email: agora::mail::OutgoingEmail) {
    let now = app.state.clock.now();
    app.state
        .db
        .write(move |conn| agora::mail::outbox::enqueue(conn, &email, "agora.test", now))
        .await
        .expect("queue");
}

fn raw_email(key: &str, template: &'static str, context: &str) -> agora::mail::OutgoingEmail {
    agora::mail::OutgoingEmail {
        key: key.into(),
        to: format!("{key}@aalst.test"),
        language: agora_shared::api::Language::Nl,
        template,
        context: context.into(),
        headers: Vec::new(),
    }
}

#[tokio::test]
async fn an_email_that_cannot_be_rendered_fails_for_good_and_the_others_still_go() {
    use agora::db::schema::outbox::dsl::*;
    use diesel::prelude::*;
    let app = agora_tests::app::spawn_app().await;
    queue(&app, raw_email("unknown", "no_such_email", "{}")).await;
    queue(&app, raw_email("misfit", "reset", r#"{"name": 1}"#)).await;
    let fine = agora::mail::OutgoingEmail::new(
        "fine",
        "fine@aalst.test",
        agora_shared::api::Language::Nl,
        &agora::mail::templates::Reset {
            name: "Fien".into(),
            link: "http://127.0.0.1/reset/x".into(),
            minutes: 30,
        },
    )
    .unwrap();
    queue(&app, fine).await;
    assert_eq!(
        app.drain_outbox().await,
        1,
        "only the renderable email goes"
    );
    let sent = app.sent_emails();
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].raw.contains("Auto-Submitted: auto-generated"),
        "{}",
        sent[0].raw
    );
    let rows = || async {
        app.state
            .db
            .read(|conn| {
                Ok(outbox
                    .order(id)
                    .select((idempotency_key, status, attempts, last_error))
                    .load::<(String, String, i32, Option<String>)>(conn)?)
            })
            .await
            .unwrap()
    };
    let after_first = rows().await;
    let failed: Vec<_> = after_first
        .iter()
        .map(|(k, s, a, e)| (k.as_str(), s.as_str(), *a, e.clone().unwrap_or_default()))
        .collect();
    assert_eq!(
        (failed[0].0, failed[0].1, failed[0].2),
        ("unknown", "failed", 1)
    );
    assert!(
        failed[0]
            .3
            .contains("unknown email template `no_such_email`"),
        "{failed:?}"
    );
    assert_eq!(
        (failed[1].0, failed[1].1, failed[1].2),
        ("misfit", "failed", 1)
    );
    assert!(failed[1].3.contains("does not fit"), "{failed:?}");
    assert_eq!((failed[2].0, failed[2].1), ("fine", "sent"));
    // Given up on: a day later nothing is tried again.
    let later = agora::clock::TestClock::starting_now();
    later.advance(chrono::Duration::days(1));
    assert_eq!(app.state.mailer.drain(&later).await.unwrap(), 0);
    assert_eq!(rows().await, after_first);
}
