//! Validation of values: overlong names, control characters and invalid addresses.

use super::*;

#[tokio::test]
async fn overlong_display_name_is_field_too_long() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let s = &w.member_a.session;

    for (what, name) in [
        ("ASCII", "a".repeat(MAX_NAME_CHARS + 1)),
        ("multi-byte", "é".repeat(MAX_NAME_CHARS + 1)),
        ("emoji", "🙂".repeat(MAX_NAME_CHARS + 1)),
    ] {
        let res = s
            .api(
                Method::PATCH,
                "/api/v1/me",
                Some(json!({"display_name": name, "function": "Alderman"})),
            )
            .await;
        let body = expect_error(res, 422, "field_too_long", what).await;
        expect_field(&body, "display_name");
        let message = body["message"].as_str().expect("message");
        assert!(
            message.contains(&MAX_NAME_CHARS.to_string()),
            "{what}: limit not in {message:?}"
        );
    }
    // Nothing of the rejected request was kept, not even its valid field.
    let user = me(s).await["user"].clone();
    assert_eq!(user["display_name"], "Mo Member");
    assert_eq!(user["function"], "");

    // The limit counts characters, not bytes: exactly the limit in multi-byte characters is fine.
    let name = "é".repeat(MAX_NAME_CHARS);
    let res = s
        .api(
            Method::PATCH,
            "/api/v1/me",
            Some(json!({"display_name": name})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "a name of exactly the limit");
    assert_eq!(display_name(s).await, name);
}

#[tokio::test]
async fn control_characters_in_names_are_invalid() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let s = &w.member_a.session;

    for (what, name) in [
        ("NUL", "Mo\u{0}Member"),
        ("bell", "Mo\u{7}"),
        ("escape sequence", "\u{1b}[31mMo"),
        ("newline inside", "Mo\nMember"),
        ("DEL", "Mo\u{7f}"),
        ("C1 control", "Mo\u{85}Member"),
    ] {
        let res = s
            .api(
                Method::PATCH,
                "/api/v1/me",
                Some(json!({"display_name": name})),
            )
            .await;
        let body = expect_error(res, 422, "invalid_value", what).await;
        expect_field(&body, "display_name");

        let res = s
            .api(Method::PATCH, "/api/v1/me", Some(json!({"function": name})))
            .await;
        let body = expect_error(res, 422, "invalid_value", &format!("function with {what}")).await;
        expect_field(&body, "function");
    }
    let user = me(s).await["user"].clone();
    assert_eq!(user["display_name"], "Mo Member");
    assert_eq!(user["function"], "");

    // Organisation names, by the network administrator.
    let n = &w.network_admin.session;
    let path = format!("/api/v1/organisations/{}", w.org_a);
    let res = n
        .api(
            Method::PATCH,
            &path,
            Some(json!({"name": "Aalst\u{0}", "country": "NL"})),
        )
        .await;
    let body = expect_error(res, 422, "invalid_value", "organisation name with NUL").await;
    expect_field(&body, "name");
    let res = n.api(Method::GET, &path, None).await;
    let org: Value = res.json().await.expect("json");
    assert_eq!(org["name"], "Gemeente Aalst");
    assert_eq!(
        org["country"], "BE",
        "the valid field of a rejected update was kept"
    );

    // Blank after trimming is required, not accepted.
    let res = s
        .api(
            Method::PATCH,
            "/api/v1/me",
            Some(json!({"display_name": " \t "})),
        )
        .await;
    let body = expect_error(res, 422, "field_required", "blank name").await;
    expect_field(&body, "display_name");
    assert_eq!(display_name(s).await, "Mo Member");
}

#[tokio::test]
async fn invalid_email_on_invitation_creates_nothing() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let s = &w.admin_a.session;
    let path = format!("/api/v1/organisations/{}/invitations", w.org_a);

    for bad in [
        "not-an-email",
        "ana@",
        "@aalst.test",
        "ana@aalst",
        "ana@@aalst.test",
        "ana bob@aalst.test",
        "<ana@aalst.test>",
        "ana@aalst..test",
        "ana\u{0}@aalst.test",
        "ana@aalst.test\r\nBcc: x@evil.test",
    ] {
        let res = s
            .api(
                Method::POST,
                &path,
                Some(json!({"email": bad, "role": "member"})),
            )
            .await;
        let body = expect_error(res, 422, "invalid_email", &format!("email {bad:?}")).await;
        expect_field(&body, "email");
    }
    let res = s
        .api(
            Method::POST,
            &path,
            Some(json!({"email": "   ", "role": "member"})),
        )
        .await;
    let body = expect_error(res, 422, "field_required", "blank email").await;
    expect_field(&body, "email");
    let long = format!("{}@aalst.test", "a".repeat(300));
    let res = s
        .api(
            Method::POST,
            &path,
            Some(json!({"email": long, "role": "member"})),
        )
        .await;
    let body = expect_error(res, 422, "field_too_long", "overlong email").await;
    expect_field(&body, "email");

    assert_eq!(
        invitations(s, w.org_a).await.len(),
        1,
        "a rejected invitation was stored"
    );
    assert_eq!(
        app.drain_outbox().await,
        0,
        "a rejected invitation queued an email"
    );
}
