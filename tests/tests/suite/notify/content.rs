//! What an email shows: each message as it is now (edited text, never deleted content), with its
//! thread context, and links that lead to the thread, through sign-in if need be.

use agora::messaging::service as messaging;
use agora_shared::conversations::MessageUpdate;
use agora_tests::app::{find_link, location};
use agora_tests::personas::World;

use super::{Harness, mention};

#[tokio::test]
async fn the_current_text_is_sent_and_deleted_messages_never() {
    let h = Harness::new().await;
    let w = &h.world;
    let author = h.actor(&w.member_a).await;
    let edited = h
        .post(
            &w.member_a,
            w.general_channel,
            &format!("{} oude tekst", mention(&w.admin_b, "Bio")),
        )
        .await;
    let update = MessageUpdate {
        body: Some(format!("{} nieuwe tekst", mention(&w.admin_b, "Bio"))),
        language: None,
    };
    messaging::edit(&h.state, &author, edited, update)
        .await
        .expect("edited");
    let body = format!(
        "{} en {}: te wissen",
        mention(&w.admin_b, "Bio"),
        mention(&w.moderator, "Mira")
    );
    let deleted = h.post(&w.member_a, w.general_channel, &body).await;
    messaging::delete(&h.state, &author, deleted)
        .await
        .expect("deleted");
    h.after(16).await;
    let mails = h.notifications_to(&w.admin_b);
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert!(mail.text.contains("nieuwe tekst") && mail.html.contains("nieuwe tekst"));
    for gone in ["oude tekst", "te wissen"] {
        assert!(
            !mail.text.contains(gone) && !mail.html.contains(gone),
            "{gone}"
        );
        assert!(!mail.raw.contains(gone), "{gone} somewhere in the message");
    }
    assert!(
        mail.subject().starts_with("1 mention dans"),
        "{}",
        mail.subject()
    );
    // Someone mentioned only in the deleted message gets no email at all.
    assert!(h.notifications_to(&w.moderator).is_empty());
}

#[tokio::test]
async fn an_edit_that_mentions_someone_new_tells_them_once() {
    let h = Harness::new().await;
    let w = &h.world;
    let author = h.actor(&w.member_a).await;
    let id = h
        .post(&w.member_a, w.general_channel, "nog niemand genoemd")
        .await;
    h.after(16).await;
    assert!(h.notifications_to(&w.admin_b).is_empty());
    for text in ["nu wel genoemd", "nog eens bewerkt"] {
        let update = MessageUpdate {
            body: Some(format!("{} {text}", mention(&w.admin_b, "Bio"))),
            language: None,
        };
        messaging::edit(&h.state, &author, id, update)
            .await
            .expect("edited");
        h.after(16).await;
    }
    let mails = h.notifications_to(&w.admin_b);
    assert_eq!(mails.len(), 1, "told once of the message");
    assert!(mails[0].text.contains("nu wel genoemd"));
}

#[tokio::test]
async fn thread_context_is_shown_and_the_link_leads_to_the_thread_after_signing_in() {
    let h = Harness::new().await;
    let w = &h.world;
    let root = h
        .post(
            &w.admin_a,
            w.general_channel,
            "Wat vindt u van het plan voor de school?",
        )
        .await;
    let reply_text = "Een goed plan, ik vraag het aan";
    let reply = h
        .reply(
            &w.member_a,
            root,
            w.general_channel,
            &format!("{reply_text} {}", mention(&w.admin_b, "Bio")),
        )
        .await;
    h.after(16).await;
    let mails = h.notifications_to(&w.admin_b);
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    let tr = agora::i18n::Tr::new(h.app.state.i18n.clone(), agora_shared::api::Language::Fr);
    let context = tr.t1("notify-in-reply-to", "author", "An Admin");
    assert!(mail.text.contains(&context), "{}", mail.text);
    assert!(
        mail.text
            .contains("Wat vindt u van het plan voor de school?")
    );
    assert!(mail.html.contains(&context));
    // Dutch text for a French reader: marked as Dutch, visibly and for screen readers.
    assert!(
        mail.html.contains("<blockquote lang=\"nl\""),
        "{}",
        mail.html
    );
    let label = tr.t1("notify-language", "language", tr.autonym("nl"));
    assert!(mail.text.contains(&label) && mail.html.contains(&label));
    assert!(
        mail.text.contains("Bio Admin"),
        "the mention shows the name"
    );

    let thread = format!("/messages/{root}/thread");
    let link = find_link(&mail.text, &h.app.url(&thread)).expect("thread link");
    assert_eq!(link, h.app.url(&format!("{thread}#m{reply}")));
    assert!(mail.html.contains(&format!("href=\"{link}\"")));

    // Signed out, the link leads through a sign-in link by email back to the thread.
    let mut browser = h.app.session();
    let res = browser.get(&thread).await;
    assert_eq!(res.status().as_u16(), 303);
    let signin = location(&res);
    assert!(signin.starts_with("/signin?next="), "{signin}");
    let next = signin.trim_start_matches("/signin?next=").to_string();
    browser.page(&format!("/signin/link?next={next}")).await;
    let res = browser
        .post_form(
            "/signin/link",
            &[("email", &w.admin_b.email), ("next", &thread)],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let sign_in_mail = h.app.last_email_to(&w.admin_b.email).await;
    let text = agora_tests::smtp::mime_part(&sign_in_mail.raw, "text/plain").expect("text");
    let link = find_link(&text, &h.app.url("/signin/link/")).expect("sign-in link");
    let path = link.trim_start_matches(&h.app.address).to_string();
    browser.page(&path).await;
    let res = browser.post_form(&path, &[]).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(location(&res), thread);
    let (status, page) = browser.page(&thread).await;
    assert_eq!(status, 200);
    assert!(page.contains(reply_text), "the thread, with the reply");
    assert!(!page.contains(World::PRIVATE_TEXT));
}
