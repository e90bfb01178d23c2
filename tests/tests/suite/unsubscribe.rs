//! One-click unsubscribe: a cookie-less POST stops the list and stays stopped, a GET only shows
//! the page in the person's language, undo restores the value before, and every bad token is a
//! 422 page that changes nothing.

use agora::email_settings::model::{DigestCadence, MentionBatching, Mutes, Preferences};
use agora::email_settings::unsubscribe::{self, List};
use agora::i18n::Tr;
use agora::security::list_token;
use agora_shared::api::Language;
use agora_shared::ids::{UserId, WorkspaceId};
use agora_tests::personas::World;
use agora_tests::{TestApp, spawn_app};

/// A client with no cookie jar: what a mail client is.
fn bare() -> reqwest::Client {
    reqwest::Client::new()
}

fn token(app: &TestApp, user: i64, list: List) -> String {
    unsubscribe::token(&app.state.secret, UserId::new(user), list)
}

async fn prefs(app: &TestApp, user: i64) -> Preferences {
    app.state
        .db
        .read(move |conn| Preferences::find(conn, user))
        .await
        .unwrap()
}

async fn mutes(app: &TestApp, user: i64) -> Vec<i64> {
    app.state
        .db
        .read(move |conn| Mutes::list(conn, user))
        .await
        .unwrap()
}

async fn set_language(app: &TestApp, user: i64, code: &'static str) {
    app.state
        .db
        .write(move |conn| {
            use agora::db::schema::users::dsl::*;
            use diesel::prelude::*;
            diesel::update(users.find(user))
                .set(interface_language.eq(code))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
}

async fn one_click(app: &TestApp, path: &str) -> (u16, String) {
    let res = bare()
        .post(app.url(path))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn get(app: &TestApp, path: &str, accept_language: &str) -> (u16, String) {
    let res = bare()
        .get(app.url(path))
        .header("Accept-Language", accept_language)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn one_click_post_without_cookies_stops_each_list_and_repeating_changes_nothing() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let user = world.member_a.user_id;
    // The header the emails will carry leads to a working link.
    let [(_, header), _] = unsubscribe::headers(&app.state, UserId::new(user), List::Digest);
    let path = &header[header.find("/unsubscribe/").unwrap()..header.len() - 1];
    for _ in 0..2 {
        let (status, body) = one_click(&app, path).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(prefs(&app, user).await.digest_cadence, DigestCadence::Off);
    }
    assert_eq!(
        prefs(&app, user).await.mention_batching,
        MentionBatching::Every15Minutes,
        "stopping the digest leaves the other emails alone"
    );
    let path = format!("/unsubscribe/{}", token(&app, user, List::Notifications));
    for _ in 0..2 {
        assert_eq!(one_click(&app, &path).await.0, 200);
        assert_eq!(
            prefs(&app, user).await.mention_batching,
            MentionBatching::Off
        );
    }
    let list = List::Workspace(WorkspaceId::new(world.workspace));
    let path = format!("/unsubscribe/{}", token(&app, user, list));
    for _ in 0..2 {
        assert_eq!(one_click(&app, &path).await.0, 200);
        assert_eq!(mutes(&app, user).await, vec![world.workspace]);
    }
}

#[tokio::test]
async fn get_changes_nothing_and_speaks_the_persons_language() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let user = world.member_a.user_id;
    let path = format!("/unsubscribe/{}", token(&app, user, List::Digest));
    for (lang, code) in [
        (Language::Fr, "fr"),
        (Language::Nl, "nl"),
        (Language::Es, "es"),
        (Language::En, "en"),
    ] {
        set_language(&app, user, code).await;
        let tr = Tr::new(app.state.i18n.clone(), lang);
        let browser = if code == "en" { "nl" } else { "en" };
        let (status, body) = get(&app, &path, browser).await;
        assert_eq!(status, 200);
        for id in ["unsubscribe-digest-active", "unsubscribe-stop"] {
            assert!(body.contains(&tr.t(id)), "{code} lacks {id}: {body}");
        }
        assert!(body.contains(&format!(r#"action="{path}""#)));
        assert_eq!(prefs(&app, user).await, Preferences::default());
    }
}

#[tokio::test]
async fn undo_restores_the_value_before_or_else_the_default() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (user, org) = (world.member_a.user_id, world.org_a);
    let chosen = Preferences {
        digest_cadence: DigestCadence::Daily,
        mention_batching: MentionBatching::Hourly,
        ..Preferences::default()
    };
    let now = app.state.clock.now();
    app.state
        .db
        .write(move |conn| chosen.save(conn, user, org, now))
        .await
        .unwrap();
    let path = format!("/unsubscribe/{}", token(&app, user, List::Digest));
    let (_, body) = one_click(&app, &path).await;
    assert!(body.contains(r#"name="previous" value="daily""#), "{body}");
    assert!(body.contains(&format!(r#"action="{path}/undo""#)));
    let undo = |fields: Vec<(&'static str, &'static str)>| {
        let url = app.url(&format!("{path}/undo"));
        async move {
            let res = bare().post(url).form(&fields).send().await.unwrap();
            res.status().as_u16()
        }
    };
    assert_eq!(undo(vec![("previous", "daily")]).await, 200);
    assert_eq!(prefs(&app, user).await, chosen);
    // Undo of a list that is not stopped leaves the person's later choice alone.
    assert_eq!(undo(vec![("previous", "weekly")]).await, 200);
    assert_eq!(prefs(&app, user).await, chosen);
    // Stopped from the mail client, undone from the page: nothing says what it was before.
    one_click(&app, &path).await;
    assert_eq!(undo(vec![]).await, 200);
    assert_eq!(
        prefs(&app, user).await.digest_cadence,
        DigestCadence::Weekly
    );
    // A workspace mute is lifted.
    let list = List::Workspace(WorkspaceId::new(world.workspace));
    let path = format!("/unsubscribe/{}", token(&app, user, list));
    one_click(&app, &path).await;
    let res = bare()
        .post(app.url(&format!("{path}/undo")))
        .form(&[("previous", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(mutes(&app, user).await.is_empty());
}

#[tokio::test]
async fn bad_tokens_answer_422_and_change_nothing() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (a, b) = (world.member_a.user_id, world.admin_a.user_id);
    let good = token(&app, a, List::Digest);
    let (_, tag_a) = good.split_once('.').unwrap();
    let (payload_b, _) = token(&app, b, List::Digest)
        .split_once('.')
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .unwrap();
    let flipped = if tag_a.starts_with('A') { "B" } else { "A" };
    let tampered = format!(
        "{}.{flipped}{}",
        good.split_once('.').unwrap().0,
        &tag_a[1..]
    );
    let cases = [
        (
            "forged",
            list_token::sign(b"another instance's secret", a, "digest"),
        ),
        ("tampered", tampered),
        ("cross-person", format!("{payload_b}.{tag_a}")),
        (
            "unknown list",
            list_token::sign(&app.state.secret, a, "everything"),
        ),
        ("garbage", "not-a-token".to_string()),
        ("overlong", "A".repeat(300)),
    ];
    let message = Tr::new(app.state.i18n.clone(), Language::En).t("error-invalid-token");
    for (what, t) in &cases {
        let path = format!("/unsubscribe/{t}");
        let (status, body) = get(&app, &path, "en").await;
        assert_eq!(status, 422, "{what} GET");
        assert!(body.contains(&message), "{what}: {body}");
        let (status, body) = one_click(&app, &path).await;
        assert_eq!(status, 422, "{what} POST");
        assert!(body.contains(&message), "{what}: {body}");
        let res = bare()
            .post(app.url(&format!("{path}/undo")))
            .form(&[("previous", "daily")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "{what} undo");
    }
    for user in [a, b] {
        assert_eq!(prefs(&app, user).await, Preferences::default());
        assert!(mutes(&app, user).await.is_empty());
    }
}

#[tokio::test]
async fn a_workspace_the_person_is_not_a_member_of_is_404_and_not_muted() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let outsider = world.outside_admin_a.user_id;
    for workspace in [world.workspace, 999_999] {
        let list = List::Workspace(WorkspaceId::new(workspace));
        let path = format!("/unsubscribe/{}", token(&app, outsider, list));
        assert_eq!(get(&app, &path, "en").await.0, 404);
        assert_eq!(one_click(&app, &path).await.0, 404);
        assert!(mutes(&app, outsider).await.is_empty());
    }
}
