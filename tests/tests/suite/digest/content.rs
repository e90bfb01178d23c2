//! What goes into each digest: only what its reader may read, mentions and replies first, no
//! quotes when the organisation says so, nothing from a muted workspace, in the reader's language.

use agora::digest::model::OrgDigestSettings;
use agora::email_settings::model::Mutes;
use agora::i18n::Tr;
use agora::mail::templates::{Email, Rendered};
use agora_shared::api::Language;
use agora_tests::api::text_in;
use agora_tests::personas::{Persona, World};
use agora_tests::smtp::mime_part;
use agora_tests::{TestApp, spawn_app};
use chrono::NaiveDateTime;

use super::{at, everyone_due, set_language};

fn people(world: &World) -> Vec<(&'static str, &Persona)> {
    vec![
        ("network admin", &world.network_admin),
        ("admin A", &world.admin_a),
        ("member A", &world.member_a),
        ("admin B", &world.admin_b),
        ("member B", &world.member_b),
        ("observer", &world.observer),
        ("moderator", &world.moderator),
        ("outside admin A", &world.outside_admin_a),
    ]
}

/// Runs the digests at `t` and answers each persona's email (text and HTML together), if any.
async fn digests(app: &TestApp, world: &World, t: NaiveDateTime) -> Vec<(&'static str, String)> {
    let state = at(app, t);
    agora::digest::run(&state, t).await.unwrap();
    state.mailer.drain(&*state.clock).await.unwrap();
    let sent = state.mailer.transport().sent();
    people(world)
        .into_iter()
        .map(|(name, p)| {
            let mail = sent
                .iter()
                .filter(|m| m.to.contains(&p.email))
                .map(|m| {
                    format!(
                        "{}\n{}",
                        mime_part(&m.raw, "text/plain").unwrap_or_default(),
                        mime_part(&m.raw, "text/html").unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            (name, mail)
        })
        .collect()
}

fn ids(world: &World) -> Vec<i64> {
    people(world).iter().map(|(_, p)| p.user_id).collect()
}

#[tokio::test]
async fn each_persona_finds_in_their_digest_exactly_what_they_may_read() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let t = everyone_due(&app, &ids(&world)).await;
    let found = digests(&app, &world, t).await;
    // (secret, who may read it and did not write it: they must find it).
    let expected: [(&str, &[&str]); 3] = [
        (
            World::GENERAL_TEXT,
            &["member A", "admin B", "observer", "moderator"],
        ),
        (World::PRIVATE_TEXT, &["member A"]),
        (World::DIRECT_TEXT, &["admin B"]),
    ];
    for (name, mail) in &found {
        for (secret, readers) in expected {
            assert_eq!(
                mail.contains(secret),
                readers.contains(name),
                "{name} and {secret:?}: {mail}"
            );
        }
        for never in [
            World::PRIVATE_CHANNEL_NAME,
            World::UPLOAD_NAME,
            World::ATTACHMENT_TEXT,
        ] {
            if *name != "member A" || never != World::PRIVATE_CHANNEL_NAME {
                assert!(!mail.contains(never), "{name} got {never:?}: {mail}");
            }
        }
    }
    let admin_b = &found.iter().find(|(n, _)| *n == "admin B").unwrap().1;
    assert!(
        admin_b.contains(&format!("/messages/{}/thread", world.direct_message)),
        "{admin_b}"
    );
    app.stop().await;
}

#[tokio::test]
async fn mutes_and_the_no_content_setting_are_honoured() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (observer, ws, org_b) = (world.observer.user_id, world.workspace, world.org_b);
    app.state
        .db
        .write(move |conn| {
            Mutes::add(conn, observer, org_b, ws, agora::time::now())?;
            OrgDigestSettings {
                digest_inactive_days: 5,
                email_without_content: true,
            }
            .save(conn, org_b, agora::time::now())
        })
        .await
        .unwrap();
    let t = everyone_due(&app, &ids(&world)).await;
    let found = digests(&app, &world, t).await;
    let get = |who: &str| found.iter().find(|(n, _)| *n == who).unwrap().1.clone();
    assert_eq!(get("observer"), "", "a muted workspace sends nothing");
    let admin_b = get("admin B");
    for quote in [World::GENERAL_TEXT, World::DIRECT_TEXT] {
        assert!(!admin_b.contains(quote), "{admin_b}");
    }
    // Subjects and links only: the threads are still there, by channel and link.
    assert!(admin_b.contains(&format!("/messages/{}/thread", world.message)));
    assert!(admin_b.contains(&format!("/messages/{}/thread", world.direct_message)));
    // Member A's organisation quotes as usual.
    assert!(get("member A").contains(World::GENERAL_TEXT));
    app.stop().await;
}

/// The digest member A would get at `t`, rendered in `lang`.
async fn rendered(app: &TestApp, world: &World, t: NaiveDateTime, lang: Language) -> Rendered {
    let (_, digest) = agora::digest::next_digest(&app.state, world.member_a.user_id, None, t, true)
        .await
        .unwrap();
    digest
        .render(&Tr::new(app.state.i18n.clone(), lang))
        .unwrap()
}

#[tokio::test]
async fn mentions_and_replies_come_first_in_the_readers_language_with_excerpts_in_theirs() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let member = world.member_a.user_id;
    let mention = format!("[@Member A](user:{member}) kunt u het verslag nakijken?");
    world
        .moderator
        .session
        .post_message(world.general_channel, text_in(&mention, "nl"))
        .await;
    let root = world
        .member_a
        .session
        .post_message(
            world.general_channel,
            text_in("Wie komt er naar Bohicon?", "nl"),
        )
        .await;
    let mut reply = text_in("Je viendrai en mars avec le maire.", "fr");
    reply.thread_root_id = Some(root.id);
    world
        .admin_b
        .session
        .post_message(world.general_channel, reply)
        .await;
    world
        .admin_b
        .session
        .post_message(
            world.general_channel,
            text_in("<script>alert(1)</script> & co", "en"),
        )
        .await;
    let t = everyone_due(&app, &[member]).await;
    let expectations = [
        (
            Language::En,
            "2 conversations for you in",
            "For you",
            "Active threads",
        ),
        (
            Language::Nl,
            "2 gesprekken voor u in",
            "Voor u",
            "Actieve draden",
        ),
        (
            Language::Fr,
            "2 conversations pour vous dans",
            "Pour vous",
            "Fils actifs",
        ),
        (
            Language::Es,
            "2 conversaciones para usted en",
            "Para usted",
            "Hilos activos",
        ),
    ];
    for (lang, subject, for_you, active) in expectations {
        set_language(&app, member, lang.as_str()).await;
        let r = rendered(&app, &world, t, lang).await;
        assert!(r.subject.starts_with(subject), "{lang:?}: {}", r.subject);
        assert!(r.subject.contains(World::WORKSPACE_NAME), "{}", r.subject);
        for part in [&r.text, &r.html] {
            assert!(part.contains(for_you) && part.contains(active), "{part}");
            let (first, second) = (
                part.find("kunt u het verslag").unwrap(),
                part.find("Wie komt er").unwrap(),
            );
            let general = part.find(World::GENERAL_TEXT).unwrap();
            assert!(
                first < general && second < general,
                "addressed first: {part}"
            );
        }
        assert!(
            r.html
                .contains(&format!("<html lang=\"{}\">", lang.as_str()))
        );
        // The French reply keeps its language, labelled for everyone but French readers.
        assert!(r.html.contains("lang=\"fr\""), "{}", r.html);
        assert_eq!(
            r.text.contains("Français"),
            lang != Language::Fr,
            "{}",
            r.text
        );
        assert_eq!(
            r.text.contains("Nederlands"),
            lang != Language::Nl,
            "{}",
            r.text
        );
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(r.html.contains("&#60;script&#62;"), "{}", r.html);
    }
    app.stop().await;
}
