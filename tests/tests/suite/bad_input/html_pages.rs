//! The HTML side: forms without a CSRF token, unknown pages and a sign-in form with a bad
//! address.

use super::*;

#[tokio::test]
async fn forms_without_csrf_token_answer_a_403_page_in_the_callers_language() {
    let app = spawn_app().await;
    let w = World::build(&app).await;

    // Signed in, French (B) and Dutch (A).
    for (persona, lang) in [(&w.member_b, "fr"), (&w.member_a, "nl")] {
        let before = display_name(&persona.session).await;
        let res =
            form_without_csrf(&persona.session, "/profile", &[("display_name", "Forged")]).await;
        let (status, content_type, body) = html(res).await;
        assert_html_page(
            status,
            &content_type,
            &body,
            403,
            lang,
            "profile form without token",
        );
        assert_eq!(display_name(&persona.session).await, before);

        // A wrong token is no better than none.
        let res = form_without_csrf(
            &persona.session,
            "/profile",
            &[("display_name", "Forged"), ("csrf_token", "AAAA")],
        )
        .await;
        let (status, content_type, body) = html(res).await;
        assert_html_page(
            status,
            &content_type,
            &body,
            403,
            lang,
            "profile form with a wrong token",
        );
        assert_eq!(display_name(&persona.session).await, before);
    }

    // An administrator's invitation form.
    let res = form_without_csrf(
        &w.admin_a.session,
        &format!("/orgs/{}/invitations", w.org_a),
        &[("email", "forged@aalst.test"), ("role", "admin")],
    )
    .await;
    let (status, content_type, body) = html(res).await;
    assert_html_page(
        status,
        &content_type,
        &body,
        403,
        "nl",
        "invitation form without token",
    );
    assert_eq!(invitations(&w.admin_a.session, w.org_a).await.len(), 1);
    assert_eq!(app.drain_outbox().await, 0);

    // Signed out, with the language picked by the switcher.
    let mut s = app.session();
    let (status, _) = s.page("/signin?lang=es").await;
    assert_eq!(status, 200);
    let res = form_without_csrf(
        &s,
        "/signin",
        &[("email", "member@aalst.test"), ("password", PASSWORD)],
    )
    .await;
    let (status, content_type, body) = html(res).await;
    assert_html_page(
        status,
        &content_type,
        &body,
        403,
        "es",
        "sign-in form without token",
    );
    assert!(
        is_signed_out(&s).await,
        "a sign-in without CSRF token signed in"
    );
}

#[tokio::test]
async fn unknown_pages_answer_a_404_page() {
    let app = spawn_app().await;
    let w = World::build(&app).await;

    let anon = anonymous(&app);
    // Each path says what a signed-out visitor gets: the 404 page, or the sign-in page first.
    for (path, signs_in) in [
        ("/no-such-page", false),
        ("/orgs/abc/members", true),
        ("/orgs/99999999999999999999/edit", true),
        ("/static/nope.css", false),
    ] {
        let res = anon.get(path).await;
        let location = res
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let (status, content_type, body) = html(res).await;
        if signs_in {
            assert_eq!(status, 303, "{path}");
            assert!(location.starts_with("/signin"), "{path}: {location}");
        } else {
            assert_html_page(status, &content_type, &body, 404, "en", path);
        }
    }
    let res = w.member_b.session.get("/no-such-page").await;
    let (status, content_type, body) = html(res).await;
    assert_html_page(
        status,
        &content_type,
        &body,
        404,
        "fr",
        "signed-in unknown page",
    );
    let res = w.member_a.session.get("/orgs/abc/members").await;
    let (status, content_type, body) = html(res).await;
    assert_html_page(
        status,
        &content_type,
        &body,
        404,
        "nl",
        "non-numeric organisation page",
    );
    let res = w.member_a.session.get("/invite/garbage").await;
    let (status, content_type, body) = html(res).await;
    assert!(
        (400..500).contains(&status),
        "bad invitation link: {status}"
    );
    assert!(
        content_type.starts_with("text/html"),
        "bad invitation link: {content_type}"
    );
    assert!(body.contains("<html lang=\"nl\""));
}

#[tokio::test]
async fn sign_in_form_with_a_bad_email_shows_the_form_again() {
    let app = spawn_app().await;
    let _w = World::build(&app).await;

    for email in ["not-an-email", "", "<script>alert(1)</script>", "a@b"] {
        let mut s = app.session();
        let (status, _) = s.page("/signin").await;
        assert_eq!(status, 200);
        let res = s
            .post_form(
                "/signin",
                &[("email", email), ("password", "whatever it is")],
            )
            .await;
        let (status, content_type, body) = html(res).await;
        assert!(
            status == 401 || status == 422,
            "{email:?}: status {status}: {body}"
        );
        assert!(
            content_type.starts_with("text/html"),
            "{email:?}: {content_type}"
        );
        assert!(
            body.contains("class=\"error-summary\""),
            "{email:?}: no error summary: {body}"
        );
        assert!(
            body.contains("name=\"csrf_token\""),
            "{email:?}: the form is not shown again"
        );
        assert!(
            !body.contains("<script>alert(1)</script>"),
            "the email is echoed unescaped"
        );
        assert!(is_signed_out(&s).await);
    }
}
