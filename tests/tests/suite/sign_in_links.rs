//! Sign-in links by email, through a real SMTP server: the same answer for known and unknown
//! addresses, one use, 15 minutes, a real session, and the `next` page after it.

use std::time::Duration;

use agora::config::MailTransportConfig;
use agora_tests::app::{find_link, spawn_app_with};
use agora_tests::personas::World;
use agora_tests::smtp::{SmtpSink, mime_part};

#[tokio::test]
async fn a_link_by_email_signs_in_once_and_lands_on_next() {
    let Some(sink) = SmtpSink::start().await else {
        return;
    };
    let url = sink.url();
    let app = spawn_app_with(move |c| c.mail = MailTransportConfig::Smtp(url.into())).await;
    let world = World::build(&app).await;
    let target = format!("/channels/{}", world.general_channel);

    let mut browser = app.session();
    let (_, signin) = browser.page(&format!("/signin?next={target}")).await;
    assert!(signin.contains("/signin/link?next="), "{signin}");
    browser.page(&format!("/signin/link?next={target}")).await;
    // Unknown and known addresses get the same answer.
    let unknown = browser
        .post_form(
            "/signin/link",
            &[("email", "nobody@bohicon.test"), ("next", &target)],
        )
        .await;
    let known = browser
        .post_form(
            "/signin/link",
            &[("email", "admin@bohicon.test"), ("next", &target)],
        )
        .await;
    for res in [&unknown, &known] {
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/signin?notice=signin-link-sent");
    }
    assert_eq!(
        app.drain_outbox().await,
        1,
        "one email, to the known address"
    );
    let mails = sink.wait_for_messages(1, Duration::from_secs(10)).await;
    assert_eq!(mails[0].rcpt_to, vec!["admin@bohicon.test".to_string()]);
    let text = mime_part(&mails[0].raw, "text/plain").expect("text part");
    let tr = agora::i18n::Tr::new(app.state.i18n.clone(), agora_shared::api::Language::Fr);
    assert!(text.contains(&tr.t("email-signin-link-action")), "{text}");
    let link = find_link(&text, &app.url("/signin/link/")).expect("link in the email");
    let path = link.trim_start_matches(&app.address).to_string();
    // The stored hash is not the token.
    let token = path.trim_start_matches("/signin/link/").to_string();
    assert_eq!(token.len(), 43);

    // Opening the link uses nothing; the button does.
    let (status, page) = browser.page(&path).await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("action=\"{path}\"")));
    let res = browser.post_form(&path, &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], target.as_str());
    let (status, _) = browser.page(&target).await;
    assert_eq!(status, 200, "signed in for real");
    // Used once: a second use is refused, and so is the page.
    let mut other = app.session();
    other.page("/signin").await;
    let res = other.post_form(&path, &[]).await;
    assert_eq!(res.status(), 422);
    let (status, _) = other.page(&path).await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn expired_forged_and_foreign_next_links_are_refused_or_tamed() {
    let app = spawn_app_with(|c| c.mail = MailTransportConfig::Memory).await;
    let _world = World::build(&app).await;
    let mut browser = app.session();
    browser.page("/signin/link").await;
    let res = browser
        .post_form(
            "/signin/link",
            &[
                ("email", "member@bohicon.test"),
                ("next", "//evil.example/steal"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let mail = app.last_email_to("member@bohicon.test").await;
    let text = mime_part(&mail.raw, "text/plain").expect("text part");
    let link = find_link(&text, &app.url("/signin/link/")).expect("link");
    let path = link.trim_start_matches(&app.address).to_string();
    // A forged token of the right shape, and garbage: 422, never a 500.
    for bad in [
        "/signin/link/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "/signin/link/short",
    ] {
        assert_eq!(browser.post_form(bad, &[]).await.status(), 422, "{bad}");
    }
    // Another site's `next` lands on the home page instead.
    let res = browser.post_form(&path, &[]).await;
    assert_eq!(res.headers()["location"], "/");

    // Sixteen minutes later a fresh link has expired.
    let mut late = app.session();
    late.page("/signin/link").await;
    late.post_form("/signin/link", &[("email", "admin@bohicon.test")])
        .await;
    let mail = app.last_email_to("admin@bohicon.test").await;
    let text = mime_part(&mail.raw, "text/plain").expect("text part");
    let link = find_link(&text, &app.url("/signin/link/")).expect("link");
    let path = link.trim_start_matches(&app.address).to_string();
    app.state
        .db
        .write(|conn| {
            use agora::db::schema::sign_in_links::dsl::*;
            use diesel::prelude::*;
            diesel::update(sign_in_links)
                .set(expires_at.eq(agora::time::now() - chrono::Duration::minutes(1)))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(late.post_form(&path, &[]).await.status(), 422);
    // A bad address is a clear 422 on the form; asking too often is 429.
    let res = late
        .post_form("/signin/link", &[("email", "not an address")])
        .await;
    assert_eq!(res.status(), 422);
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let res = late
            .post_form("/signin/link", &[("email", "member@aalst.test")])
            .await;
        statuses.push(res.status().as_u16());
    }
    assert_eq!(statuses, vec![303, 303, 303, 429]);
}
