//! The digest as it arrives at a real SMTP server, and as its previews show it.

use std::time::Duration;

use agora::config::MailTransportConfig;
use agora_tests::app::spawn_app_with;
use agora_tests::personas::World;
use agora_tests::smtp::{SmtpSink, mime_part};
use agora_tests::spawn_app;

use super::{at, everyone_due};

fn header<'a>(raw: &'a str, name: &str) -> Option<&'a str> {
    let head = raw.split("\r\n\r\n").next().unwrap_or(raw);
    head.lines()
        .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(": ")))
}

#[tokio::test]
async fn a_digest_arrives_as_multipart_with_unsubscribe_language_and_identity_headers() {
    let Some(sink) = SmtpSink::start().await else {
        return;
    };
    let url = sink.url();
    let app = spawn_app_with(move |c| c.mail = MailTransportConfig::Smtp(url.into())).await;
    let world = World::build(&app).await;
    let t = everyone_due(&app, &[world.member_a.user_id]).await;
    let state = at(&app, t);
    let counts = agora::digest::run(&state, t).await.unwrap();
    assert_eq!(counts.queued, 1);
    assert_eq!(state.mailer.drain(&*state.clock).await.unwrap(), 1);
    let mails = sink.wait_for_messages(1, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.rcpt_to, vec![world.member_a.email.clone()]);
    let raw = &mail.raw;
    assert!(raw.len() < 100 * 1024, "{} bytes", raw.len());
    assert!(raw.contains("multipart/alternative"), "{raw}");
    let unsubscribe = header(raw, "List-Unsubscribe").expect("List-Unsubscribe");
    assert!(
        unsubscribe.starts_with("<http") && unsubscribe.contains("/unsubscribe/"),
        "{unsubscribe}"
    );
    assert_eq!(
        header(raw, "List-Unsubscribe-Post"),
        Some("List-Unsubscribe=One-Click")
    );
    assert!(header(raw, "Message-ID").is_some_and(|m| m.starts_with('<') && m.ends_with('>')));
    assert!(header(raw, "Date").is_some(), "{raw}");
    // Member A reads Dutch.
    assert_eq!(header(raw, "Content-Language"), Some("nl"));
    let html = mime_part(raw, "text/html").expect("html");
    let text = mime_part(raw, "text/plain").expect("text");
    assert!(
        html.contains("<html lang=\"nl\">") && html.contains("<h1"),
        "{html}"
    );
    assert!(html.contains("<h2") && html.contains("<h4"), "{html}");
    // The one-click link is in the body too, and so is "stop email from this workspace".
    let link = unsubscribe.trim_matches(|c| c == '<' || c == '>');
    assert!(text.contains(link) && html.contains(link), "{text}");
    assert!(text.matches("/unsubscribe/").count() >= 2, "{text}");
    assert!(
        text.contains(&format!("/messages/{}/thread", world.message)),
        "{text}"
    );
    // The link to stop the workspace's email works without cookies.
    let stop = text
        .lines()
        .filter_map(|l| l.split_whitespace().find(|w| w.contains("/unsubscribe/")))
        .find(|l| *l != link)
        .expect("workspace link");
    let path = &stop[stop.find("/unsubscribe/").unwrap()..];
    let res = reqwest::Client::new()
        .post(app.url(path))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let (user, ws) = (world.member_a.user_id, world.workspace);
    let muted = app
        .state
        .db
        .read(move |conn| agora::email_settings::model::Mutes::list(conn, user))
        .await
        .unwrap();
    assert_eq!(muted, vec![ws]);
    app.stop().await;
}

#[tokio::test]
async fn previews_show_the_next_digest_to_its_reader_and_a_narrowed_one_to_their_admin() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    let path = format!(
        "/orgs/{}/members/{}/digest",
        world.org_a, world.member_a.user_id
    );
    let (status, by_admin) = world.admin_a.session.page(&path).await;
    assert_eq!(status, 200);
    // Admin A may read the channels, not member A's direct conversation.
    assert!(by_admin.contains(World::GENERAL_TEXT) && by_admin.contains(World::PRIVATE_TEXT));
    assert!(!by_admin.contains(World::DIRECT_TEXT), "{by_admin}");
    // The outside admin reads none of it: the preview shows no quote.
    let (status, outside) = world.outside_admin_a.session.page(&path).await;
    assert_eq!(status, 200);
    assert!(!outside.contains(World::GENERAL_TEXT), "{outside}");
    // Another organisation's admin, and member A's wrong organisation: not found.
    assert_eq!(world.admin_b.session.page(&path).await.0, 404);
    let wrong = format!(
        "/orgs/{}/members/{}/digest",
        world.org_b, world.member_a.user_id
    );
    assert_eq!(world.admin_b.session.page(&wrong).await.0, 404);
    // Member A's own preview, after the admins' (opening it counts as activity).
    let (status, own) = world.member_a.session.page("/settings/email/digest").await;
    assert_eq!(status, 200);
    for secret in [World::GENERAL_TEXT, World::PRIVATE_TEXT] {
        assert!(own.contains(secret), "{secret}: {own}");
    }
    // Their own message is not news to them.
    assert!(!own.contains(World::DIRECT_TEXT), "{own}");
    assert_eq!(world.member_b.session.page("/network/digests").await.0, 404);
    assert_eq!(
        world.network_admin.session.page("/network/digests").await.0,
        200
    );
    app.stop().await;
}
