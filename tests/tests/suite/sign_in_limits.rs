//! The limits on sign-in, password resets and acceptance links: who they slow down, who they must
//! not lock out, and that a burst of parallel attempts cannot get past them.
//!
//! Other client addresses are other loopback addresses (127.0.0.x): the server sees them as
//! different peers, as it would see two people on the internet.

use std::net::{IpAddr, Ipv4Addr};

use agora_shared::limits::{
    ACCEPT_PER_ADDRESS, RESET_PER_ADDRESS, SIGNIN_PER_ACCOUNT_ADDRESS,
    SIGNIN_PER_ACCOUNT_ANY_ADDRESS, SIGNIN_PER_ADDRESS,
};
use agora_tests::personas::{PASSWORD, World};
use agora_tests::{Session, TestApp, spawn_app};
use reqwest::Method;
use serde_json::json;

const BOGUS_TOKEN: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/// A client whose connections come from `127.0.0.{last}`. It keeps no cookies, so each sign-in
/// is a fresh one (a signed-in browser would need its CSRF token to sign in again).
fn from_address(app: &TestApp, last: u8) -> Session {
    Session {
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, last)))
            .build()
            .expect("client"),
        base: app.address.clone(),
        csrf: String::new(),
    }
}

async fn sign_in(s: &Session, email: &str, password: &str) -> u16 {
    s.api(
        Method::POST,
        "/api/v1/session",
        Some(json!({"email": email, "password": password})),
    )
    .await
    .status()
    .as_u16()
}

#[tokio::test]
async fn wrong_passwords_from_elsewhere_do_not_lock_the_owner_out() {
    let app = spawn_app().await;
    let _w = World::build(&app).await;
    let attacker = from_address(&app, 66);
    let mut answers = Vec::new();
    for _ in 0..=SIGNIN_PER_ACCOUNT_ADDRESS {
        answers.push(sign_in(&attacker, "member@aalst.test", "guess").await);
    }
    let mut expected = vec![401; SIGNIN_PER_ACCOUNT_ADDRESS as usize];
    expected.push(429);
    assert_eq!(answers, expected, "the attacker's own address is limited");
    // The right password does not help the attacker's address either.
    assert_eq!(sign_in(&attacker, "member@aalst.test", PASSWORD).await, 429);

    // The owner, from their own address, is not locked out by it.
    let owner = from_address(&app, 1);
    assert_eq!(sign_in(&owner, "member@aalst.test", PASSWORD).await, 200);
    // And their own typos count separately from the attacker's.
    assert_eq!(sign_in(&owner, "member@aalst.test", "typo").await, 401);
    // A newcomer address (never signed in, few failures) is not refused either.
    let colleague = from_address(&app, 7);
    assert_eq!(
        sign_in(&colleague, "member@aalst.test", PASSWORD).await,
        200
    );
}

#[tokio::test]
async fn many_addresses_together_meet_a_wider_limit_that_spares_known_addresses() {
    let app = spawn_app().await;
    let _w = World::build(&app).await;
    // The owner signs in from 127.0.0.1, which the account therefore knows. (The personas'
    // sessions are written straight into the database, so this is the account's first sign-in.)
    let owner = from_address(&app, 1);
    assert_eq!(sign_in(&owner, "member@aalst.test", PASSWORD).await, 200);
    let per_address = SIGNIN_PER_ACCOUNT_ADDRESS;
    let addresses = SIGNIN_PER_ACCOUNT_ANY_ADDRESS.div_ceil(per_address);
    let mut failures = 0;
    for i in 0..addresses {
        let attacker = from_address(&app, 100 + i as u8);
        for _ in 0..per_address {
            if failures < SIGNIN_PER_ACCOUNT_ANY_ADDRESS {
                assert_eq!(
                    sign_in(&attacker, "member@aalst.test", "guess").await,
                    401,
                    "failure {failures} is under every limit"
                );
                failures += 1;
            }
        }
    }
    assert_eq!(failures, SIGNIN_PER_ACCOUNT_ANY_ADDRESS);
    // A fresh address, even with the right password, now waits: guessing stays slow.
    let fresh = from_address(&app, 200);
    assert_eq!(sign_in(&fresh, "member@aalst.test", "guess").await, 429);
    assert_eq!(sign_in(&fresh, "member@aalst.test", PASSWORD).await, 429);
    // Unknown accounts behave the same, so the limit tells nobody which accounts exist.
    for i in 0..addresses {
        let attacker = from_address(&app, 100 + i as u8);
        for _ in 0..per_address {
            sign_in(&attacker, "ghost@aalst.test", "guess").await;
        }
    }
    assert_eq!(sign_in(&fresh, "ghost@aalst.test", "guess").await, 429);
    // The owner's address, where the account signed in before, still gets in.
    assert_eq!(sign_in(&owner, "member@aalst.test", PASSWORD).await, 200);
    // Other accounts are untouched.
    assert_eq!(sign_in(&fresh, "admin@aalst.test", PASSWORD).await, 200);
}

#[tokio::test]
async fn a_parallel_burst_never_gets_more_guesses_than_the_limit() {
    let app = spawn_app().await;
    let _w = World::build(&app).await;
    let attacker = from_address(&app, 66);
    let burst = SIGNIN_PER_ADDRESS as usize;
    let answers = futures_util::future::join_all(
        (0..burst).map(|_| sign_in(&attacker, "member@aalst.test", "guess")),
    )
    .await;
    let wrong = answers.iter().filter(|s| **s == 401).count();
    let limited = answers.iter().filter(|s| **s == 429).count();
    assert_eq!(
        (wrong, limited),
        (SIGNIN_PER_ACCOUNT_ADDRESS as usize, burst - wrong),
        "{answers:?}"
    );
    let failed: i64 = app
        .state
        .db
        .read(|conn| {
            use agora::db::schema::audit_events::dsl::*;
            use diesel::prelude::*;
            Ok(audit_events
                .filter(action.eq("signin.failed"))
                .count()
                .get_result(conn)?)
        })
        .await
        .expect("audit");
    assert_eq!(failed, SIGNIN_PER_ACCOUNT_ADDRESS as i64, "passwords tried");
}

#[tokio::test]
async fn successful_sign_ins_give_their_reservation_back() {
    let app = spawn_app().await;
    let _w = World::build(&app).await;
    let s = from_address(&app, 9);
    // More successes than the pair limit, with failures between them: only failures count.
    for _ in 0..SIGNIN_PER_ACCOUNT_ADDRESS + 1 {
        assert_eq!(sign_in(&s, "member@aalst.test", PASSWORD).await, 200);
    }
    for _ in 0..SIGNIN_PER_ACCOUNT_ADDRESS - 1 {
        assert_eq!(sign_in(&s, "member@aalst.test", "typo").await, 401);
    }
    assert_eq!(sign_in(&s, "member@aalst.test", PASSWORD).await, 200);
}

#[tokio::test]
async fn sign_in_is_limited_per_address_across_accounts() {
    let app = spawn_app().await;
    let _w = World::build(&app).await;
    let s = from_address(&app, 33);
    // Spread over accounts so that no account's own limit is reached first.
    let accounts = [
        "a@aalst.test",
        "b@aalst.test",
        "c@aalst.test",
        "d@aalst.test",
    ];
    let mut answers = Vec::new();
    for i in 0..SIGNIN_PER_ADDRESS as usize {
        answers.push(sign_in(&s, accounts[i % accounts.len()], "guess").await);
    }
    assert!(answers.iter().all(|a| *a == 401), "{answers:?}");
    assert_eq!(answers.len(), SIGNIN_PER_ADDRESS as usize);
    assert_eq!(sign_in(&s, "admin@bohicon.test", PASSWORD).await, 429);
    // Another address is not affected.
    let other = from_address(&app, 34);
    assert_eq!(sign_in(&other, "admin@bohicon.test", PASSWORD).await, 200);
}

#[tokio::test]
async fn reset_requests_are_limited_per_address() {
    let app = spawn_app().await;
    let _w = World::build(&app).await;
    let s = from_address(&app, 44);
    let request = |s: &Session, i: u32| {
        let body = json!({"email": format!("nobody{i}@aalst.test")});
        let s = s.client.clone();
        let url = app.url("/api/v1/password-resets");
        async move {
            s.post(url)
                .json(&body)
                .send()
                .await
                .expect("request")
                .status()
                .as_u16()
        }
    };
    for i in 0..RESET_PER_ADDRESS {
        assert_eq!(request(&s, i).await, 202, "request {i}");
    }
    assert_eq!(request(&s, RESET_PER_ADDRESS).await, 429);
    let other = from_address(&app, 45);
    assert_eq!(request(&other, RESET_PER_ADDRESS).await, 202);
}

#[tokio::test]
async fn acceptance_and_reset_links_are_limited_per_address() {
    let app = spawn_app().await;
    let s = from_address(&app, 55);
    async fn accept(s: &Session) -> reqwest::Response {
        s.api(
            Method::POST,
            "/api/v1/invitations/accept",
            Some(json!({"token": BOGUS_TOKEN, "display_name": "X", "password": "long enough password", "interface_language": "en"})),
        )
        .await
    }
    async fn confirm(s: &Session) -> reqwest::Response {
        s.api(
            Method::POST,
            "/api/v1/password-resets/confirm",
            Some(json!({"token": BOGUS_TOKEN, "password": "long enough password"})),
        )
        .await
    }
    // Invitation links and reset links share one budget per address.
    for i in 0..ACCEPT_PER_ADDRESS {
        let status = if i % 2 == 0 {
            accept(&s).await.status()
        } else {
            confirm(&s).await.status()
        };
        assert_eq!(status.as_u16(), 422, "attempt {i}");
    }
    assert_eq!(accept(&s).await.status().as_u16(), 429);
    assert_eq!(confirm(&s).await.status().as_u16(), 429);
    let other = from_address(&app, 56);
    assert_eq!(accept(&other).await.status().as_u16(), 422);
}

#[tokio::test]
async fn one_invitation_link_is_limited_across_addresses() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let res = w
        .admin_a
        .session
        .api(
            Method::POST,
            &format!("/api/v1/organisations/{}/invitations", w.org_a),
            Some(json!({"email": "linked@aalst.test", "role": "member"})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let mail = app.last_email_to("linked@aalst.test").await;
    let text = agora_tests::smtp::mime_part(&mail.raw, "text/plain").expect("text part");
    let link = agora_tests::app::find_link(&text, &format!("{}/invite/", app.address))
        .expect("invitation link");
    let token = link.rsplit('/').next().expect("token").to_string();
    let accept = |last: u8, password: &'static str| {
        let s = from_address(&app, last);
        let body = json!({"token": token, "display_name": "Lin", "password": password, "interface_language": "nl"});
        async move {
            s.api(Method::POST, "/api/v1/invitations/accept", Some(body))
                .await
                .status()
                .as_u16()
        }
    };
    // Each attempt from a new address, so only the per-link limit can stop them.
    for i in 0..ACCEPT_PER_ADDRESS {
        assert_eq!(accept(10 + i as u8, "short").await, 422, "attempt {i}");
    }
    assert_eq!(accept(100, "short").await, 429);
    assert_eq!(accept(101, PASSWORD).await, 429);
}
