//! Rate limits on sign-in and password resets, for known and unknown accounts alike.

use super::*;

fn retry_after(res: &reqwest::Response) -> u64 {
    let value = res
        .headers()
        .get(RETRY_AFTER)
        .unwrap_or_else(|| panic!("no Retry-After on {}", res.status()))
        .to_str()
        .expect("ascii")
        .parse::<u64>()
        .expect("Retry-After in seconds");
    assert!(
        (1..=RATE_WINDOW_SECS).contains(&value),
        "Retry-After {value}"
    );
    value
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_account() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let anon = anonymous(&app);
    let sign_in = |password: &'static str| {
        anon.api(
            Method::POST,
            "/api/v1/session",
            Some(json!({"email": "member@aalst.test", "password": password})),
        )
    };

    for i in 0..SIGNIN_PER_ACCOUNT_ADDRESS {
        let res = sign_in("wrong password").await;
        assert!(
            res.headers().get(RETRY_AFTER).is_none(),
            "attempt {i} has Retry-After"
        );
        expect_error(res, 401, "invalid_credentials", &format!("attempt {i}")).await;
    }
    let res = sign_in("wrong password").await;
    retry_after(&res);
    expect_error(res, 429, "rate_limited", "one attempt over the limit").await;
    let res = sign_in(PASSWORD).await;
    retry_after(&res);
    expect_error(res, 429, "rate_limited", "right password over the limit").await;
    assert!(is_signed_out(&anon).await, "signed in despite the limit");

    // Differently written, same account.
    let res = anon
        .api(
            Method::POST,
            "/api/v1/session",
            Some(json!({"email": "  MEMBER@Aalst.TEST ", "password": PASSWORD})),
        )
        .await;
    expect_error(res, 429, "rate_limited", "same account, other case").await;

    // The page says so too, with the form and Retry-After.
    let mut s = app.session();
    s.page("/signin").await;
    let res = s
        .post_form(
            "/signin",
            &[("email", "member@aalst.test"), ("password", PASSWORD)],
        )
        .await;
    retry_after(&res);
    let (status, content_type, body) = html(res).await;
    assert_eq!(status, 429);
    assert!(content_type.starts_with("text/html"));
    assert!(body.contains("class=\"error-summary\""));

    // The limit is per account: another person signs in, and existing sessions still work.
    let mut other = app.session();
    other.sign_in("admin@bohicon.test", PASSWORD).await;
    assert_eq!(display_name(&w.member_a.session).await, "Mo Member");
}

#[tokio::test]
async fn unknown_accounts_are_rate_limited_like_known_ones() {
    let app = spawn_app().await;
    let anon = anonymous(&app);
    let mut answers = Vec::new();
    for _ in 0..=SIGNIN_PER_ACCOUNT_ADDRESS {
        let res = anon
            .api(
                Method::POST,
                "/api/v1/session",
                Some(json!({"email": "ghost@aalst.test", "password": "wrong password"})),
            )
            .await;
        answers.push(res.status().as_u16());
    }
    let mut expected = vec![401; SIGNIN_PER_ACCOUNT_ADDRESS as usize];
    expected.push(429);
    assert_eq!(answers, expected);
}

#[tokio::test]
async fn password_reset_requests_are_limited_and_reveal_nothing() {
    let app = spawn_app().await;
    let _w = World::build(&app).await;
    let anon = anonymous(&app);
    let request = |email: &'static str| {
        anon.api(
            Method::POST,
            "/api/v1/password-resets",
            Some(json!({"email": email})),
        )
    };

    for i in 0..RESET_PER_ACCOUNT {
        let known = request("member@aalst.test").await;
        let unknown = request("nobody@aalst.test").await;
        let (ks, us) = (known.status().as_u16(), unknown.status().as_u16());
        let (kb, ub) = (
            known.bytes().await.expect("body"),
            unknown.bytes().await.expect("body"),
        );
        assert_eq!(ks, 202, "request {i}");
        assert_eq!(
            (ks, &kb),
            (us, &ub),
            "request {i}: the answer tells the accounts apart"
        );
    }
    assert_eq!(
        app.drain_outbox().await,
        RESET_PER_ACCOUNT as usize,
        "one email per request to the known address"
    );

    let known = request("member@aalst.test").await;
    let unknown = request("nobody@aalst.test").await;
    retry_after(&known);
    retry_after(&unknown);
    let (ks, us) = (known.status().as_u16(), unknown.status().as_u16());
    let (kb, ub) = (
        known.bytes().await.expect("body"),
        unknown.bytes().await.expect("body"),
    );
    assert_eq!(
        (ks, &kb),
        (us, &ub),
        "over the limit, the answer tells the accounts apart"
    );
    let body: Value = serde_json::from_slice(&kb).expect("json");
    assert_eq!(ks, 429);
    assert_eq!(body["code"], "rate_limited");
    assert!(!body["message"].as_str().unwrap_or("").is_empty());
    assert_eq!(
        app.drain_outbox().await,
        0,
        "a limited request queued an email"
    );

    // An invalid address is a validation error, not a silent 202.
    let res = anon
        .api(
            Method::POST,
            "/api/v1/password-resets",
            Some(json!({"email": "not-an-email"})),
        )
        .await;
    let body = expect_error(res, 422, "invalid_email", "reset for an invalid address").await;
    expect_field(&body, "email");
}
