//! Error messages in the caller's language, different in each of the four.

use super::*;

/// The messages of three codes, as `s` sees them now.
async fn messages(s: &Session, org: i64) -> [String; 3] {
    let res = s.api(Method::GET, "/api/v1/no-such-thing", None).await;
    let not_found = expect_error(res, 404, "not_found", "not_found").await;
    let res = s
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{org}/invitations"),
            Some(json!({"email": "not-an-email", "role": "member"})),
        )
        .await;
    let invalid_email = expect_error(res, 422, "invalid_email", "invalid_email").await;
    let res = s
        .api(
            Method::PATCH,
            "/api/v1/me",
            Some(json!({"display_name": "x".repeat(MAX_NAME_CHARS + 1)})),
        )
        .await;
    let too_long = expect_error(res, 422, "field_too_long", "field_too_long").await;
    [not_found, invalid_email, too_long]
        .map(|b| b["message"].as_str().expect("message").to_string())
}

#[tokio::test]
async fn error_messages_come_from_the_callers_language() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let s = &w.admin_a.session;
    for lang in LANGUAGES {
        set_language(s, lang).await;
        let [not_found, invalid_email, too_long] = messages(s, w.org_a).await;
        let expected =
            ftl_text(lang, "error-not-found").expect("a plain-text message to compare with");
        assert_eq!(not_found, expected, "not_found in {lang}");
        let expected =
            ftl_text(lang, "error-invalid-email").expect("a plain-text message to compare with");
        assert_eq!(invalid_email, expected, "invalid_email in {lang}");
        assert!(
            too_long.contains(&MAX_NAME_CHARS.to_string()),
            "field_too_long in {lang}: {too_long}"
        );
    }

    // A persona of B reads French without changing anything (B has the fixture's invitation).
    let pending = invitations(&w.admin_b.session, w.org_b).await;
    assert_eq!(pending.len(), 1, "{pending:?}");
    let [not_found, invalid_email, _] = messages(&w.admin_b.session, w.org_b).await;
    let expected = ftl_text("fr", "error-not-found").expect("a plain-text message to compare with");
    assert_eq!(not_found, expected);
    let expected =
        ftl_text("fr", "error-invalid-email").expect("a plain-text message to compare with");
    assert_eq!(invalid_email, expected);
    assert_eq!(invitations(&w.admin_b.session, w.org_b).await, pending);
    assert_eq!(app.drain_outbox().await, 0);
}

#[tokio::test]
async fn error_messages_differ_between_the_four_languages() {
    let app = spawn_app().await;
    let w = World::build(&app).await;

    // French persona of B against the English network administrator, same errors.
    let french = messages(&w.admin_b.session, w.org_b).await;
    let english = messages(&w.network_admin.session, w.operator_id).await;
    for (fr, en) in french.iter().zip(&english) {
        assert_ne!(fr, en, "the French message is the English one");
    }

    // The same person in each of the four languages.
    let s = &w.admin_a.session;
    let mut seen: Vec<(&str, [String; 3])> = Vec::new();
    for lang in LANGUAGES {
        set_language(s, lang).await;
        let current = messages(s, w.org_a).await;
        for (other, previous) in &seen {
            for (a, b) in current.iter().zip(previous) {
                assert_ne!(a, b, "{lang} and {other} share a message");
            }
        }
        seen.push((lang, current));
    }
}
