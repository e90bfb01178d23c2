//! The email settings page: defaults, saving, validation with stable codes, workspace mutes only
//! for one's own workspaces, CSRF, and the page in all four languages.

use agora_shared::api::Language;
use agora_tests::personas::World;
use agora_tests::spawn_app;

const VALID: &[(&str, &str)] = &[
    ("digest_cadence", "weekly"),
    ("digest_weekday", "5"),
    ("digest_hour", "7"),
    ("mention_batching", "hourly"),
];

#[tokio::test]
async fn defaults_show_then_saved_choices_and_mutes_persist() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    let session = &mut world.member_a.session;
    let (status, body) = session.page("/settings/email").await;
    assert_eq!(status, 200);
    assert!(
        body.contains(r#"<option value="weekly" selected>"#),
        "{body}"
    );
    assert!(body.contains(r#"<option value="1" selected>"#), "Monday");
    assert!(
        body.contains(r#"<option value="8" selected>08:00"#),
        "{body}"
    );
    assert!(body.contains(r#"<option value="every_15_minutes" selected>"#));
    assert!(body.contains("Europe/Brussels"), "the hour names the zone");
    assert!(body.contains(World::WORKSPACE_NAME));
    let ws = world.workspace.to_string();
    let mut fields = VALID.to_vec();
    fields.push(("muted", &ws));
    let res = session.post_form("/settings/email", &fields).await;
    assert_eq!(res.status(), 303);
    let (_, body) = session.page("/settings/email?notice=saved").await;
    assert!(body.contains(r#"<option value="5" selected>"#), "{body}");
    assert!(body.contains(r#"<option value="7" selected>07:00"#));
    assert!(body.contains(r#"<option value="hourly" selected>"#));
    assert!(body.contains(&format!(r#"value="{ws}" checked"#)), "{body}");
    // Unticking the workspace unmutes it; saving twice is the same as once.
    for _ in 0..2 {
        let res = session.post_form("/settings/email", VALID).await;
        assert_eq!(res.status(), 303);
    }
    let (_, body) = session.page("/settings/email").await;
    assert!(!body.contains(&format!(r#"value="{ws}" checked"#)));
    // The profile links here.
    let (_, profile) = session.page("/profile").await;
    assert!(profile.contains(r#"href="/settings/email""#));
}

#[tokio::test]
async fn bad_values_answer_422_beside_their_field_and_change_nothing() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    let session = &mut world.member_a.session;
    session.page("/settings/email").await;
    for (field, value) in [
        ("digest_cadence", "monthly"),
        ("digest_weekday", "0"),
        ("digest_weekday", "Monday"),
        ("digest_hour", "24"),
        ("mention_batching", "always"),
        ("muted", "not-a-number"),
    ] {
        let mut fields: Vec<(&str, &str)> =
            VALID.iter().filter(|(k, _)| *k != field).copied().collect();
        fields.push((field, value));
        let res = session.post_form("/settings/email", &fields).await;
        assert_eq!(res.status(), 422, "{field}={value}");
        let body = res.text().await.unwrap();
        assert!(body.contains(&format!(r##"href="#{field}""##)), "{body}");
    }
    let (_, body) = session.page("/settings/email").await;
    assert!(body.contains(r#"<option value="weekly" selected>"#));
    assert!(body.contains(r#"<option value="1" selected>"#));
}

#[tokio::test]
async fn only_ones_own_workspaces_can_be_muted_and_the_form_needs_its_csrf_token() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    // Member B is not in the workspace: it does not exist for them, and nothing is saved.
    let ws = world.workspace.to_string();
    let session = &mut world.member_b.session;
    session.page("/settings/email").await;
    let mut fields = VALID.to_vec();
    fields.push(("muted", &ws));
    let res = session.post_form("/settings/email", &fields).await;
    assert_eq!(res.status(), 404);
    let (_, body) = session.page("/settings/email").await;
    assert!(!body.contains(World::WORKSPACE_NAME));
    assert!(body.contains(r#"<option value="1" selected>"#), "not saved");
    // Without the token, refused.
    let res = session
        .client
        .post(format!("{}/settings/email", session.base))
        .form(VALID)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // Signed out, the sign-in page.
    let mut anonymous = app.session();
    let res = anonymous.get("/settings/email").await;
    assert_eq!(res.status(), 303);
    anonymous.page("/signin").await;
}

#[tokio::test]
async fn the_page_speaks_each_language() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    for lang in Language::ALL {
        let tr = agora::i18n::Tr::new(app.state.i18n.clone(), *lang);
        let (user, code) = (world.member_a.user_id, lang.as_str());
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
        let (status, body) = world.member_a.session.page("/settings/email").await;
        assert_eq!(status, 200);
        for id in [
            "email-settings-title",
            "email-cadence-every-other-day",
            "weekday-7",
        ] {
            assert!(body.contains(&tr.t(id)), "{lang:?} lacks {id}");
        }
    }
}
