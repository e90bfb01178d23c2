//! `next` after sign-in: only a path on this site is followed, whatever a URL parser (a
//! browser, a mail client, a proxy) would make of the value. Every route that takes `next` is
//! tried with every input below.

use std::net::{IpAddr, Ipv4Addr};

use agora_tests::personas::{PASSWORD, World};
use agora_tests::{Session, TestApp, spawn_app};

/// Values an attacker would try, as the server receives them after decoding.
const NASTY: &[&str] = &[
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/\t/evil.example/phish",
    "/%09/evil.example/phish",
    "\t//evil.example",
    " //evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/%0d%0a/evil.example",
    "/%0D%0ALocation:%20https://evil.example",
    "\r\nLocation: https://evil.example",
    "/ok\r\nSet-Cookie: x=1",
    "/%2F%2Fevil.example",
    "/%2f%2fevil.example",
    "%2F%2Fevil.example",
    "/%5Cevil.example",
    "/.//evil.example",
    "/a/..//evil.example",
    "/./\\evil.example",
    "https://evil.example",
    "https:/evil.example",
    "https:evil.example",
    "http://127.0.0.1@evil.example",
    "HTTPS://EVIL.EXAMPLE",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "/javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "/\u{0000}/evil.example",
    "/\u{007f}/evil.example",
    "/\u{00a0}/evil.example",
    "/\u{2215}\u{2215}evil.example",
    "/\u{3000}/evil.example",
    "",
    "/",
];

/// Where it is safe to send a browser: `/`, or a path whose first segment is not empty, in
/// printable ASCII only (no spaces, controls or backslashes that parsers treat differently).
fn is_same_site_path(location: &str) -> bool {
    let bytes = location.as_bytes();
    bytes.first() == Some(&b'/')
        && !matches!(bytes.get(1), Some(b'/') | Some(b'\\'))
        && bytes
            .iter()
            .all(|b| (0x21..=0x7e).contains(b) && *b != b'\\')
}

fn from_address(app: &TestApp, last: u8) -> Session {
    Session {
        client: reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, last)))
            .build()
            .expect("client"),
        base: app.address.clone(),
        csrf: String::new(),
    }
}

/// The `next` field of the sign-in form, unescaped.
fn next_field(page: &str) -> String {
    let marker = "name=\"next\" value=\"";
    let start = page.find(marker).expect("next field") + marker.len();
    let end = page[start..].find('"').expect("end of next field");
    page[start..start + end]
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

#[test]
fn the_predicate_itself_refuses_what_it_should() {
    for bad in ["//x", "/\\x", "/\tx", "x", "", "/a b", "/\u{e9}"] {
        assert!(!is_same_site_path(bad), "{bad:?}");
    }
    for good in ["/", "/profile", "/orgs/1/members?notice=x", "/%09"] {
        assert!(is_same_site_path(good), "{good:?}");
    }
}

#[tokio::test]
async fn the_sign_in_form_carries_only_same_site_paths() {
    let app = spawn_app().await;
    let s = app.session();
    for nasty in NASTY {
        let res = s
            .client
            .get(app.url("/signin"))
            .query(&[("next", nasty)])
            .send()
            .await
            .expect("request");
        assert_eq!(res.status(), 200, "{nasty:?}");
        let next = next_field(&res.text().await.expect("body"));
        assert!(is_same_site_path(&next), "{nasty:?} became {next:?}");
    }
    // The literal query from the report, undecoded by any client.
    let res = s.get("/signin?next=/%09/evil.example/phish").await;
    let next = next_field(&res.text().await.expect("body"));
    assert_eq!(next, "/");
}

#[tokio::test]
async fn signing_in_follows_only_same_site_paths() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    // One address per attempt: the per-address limit counts successes too.
    let inputs: Vec<&str> = NASTY
        .iter()
        .copied()
        .chain(["/profile", "/orgs/1/members?notice=member-updated"])
        .collect();
    for (i, nasty) in inputs.iter().enumerate() {
        let mut s = from_address(&app, 10 + i as u8);
        s.page("/signin").await;
        let res = s
            .post_form(
                "/signin",
                &[
                    ("email", &w.member_a.email),
                    ("password", PASSWORD),
                    ("next", nasty),
                ],
            )
            .await;
        assert_eq!(res.status(), 303, "{nasty:?}");
        let location = res.headers()["location"].as_bytes().to_vec();
        let location = String::from_utf8(location).expect("ASCII location");
        assert!(
            is_same_site_path(&location),
            "{nasty:?} redirected to {location:?}"
        );
        if nasty.contains("evil") || nasty.contains("script") {
            assert!(
                location == "/" || !location.to_ascii_lowercase().starts_with("/evil"),
                "{nasty:?} redirected to {location:?}"
            );
        }
    }
    // Good paths survive unchanged.
    let mut s = from_address(&app, 200);
    s.page("/signin").await;
    let res = s
        .post_form(
            "/signin",
            &[
                ("email", &w.member_a.email),
                ("password", PASSWORD),
                ("next", "/orgs/1/members?notice=member-updated"),
            ],
        )
        .await;
    assert_eq!(
        res.headers()["location"],
        "/orgs/1/members?notice=member-updated"
    );
}

#[tokio::test]
async fn a_failed_sign_in_shows_the_form_again_with_a_safe_next() {
    let app = spawn_app().await;
    let _w = World::build(&app).await;
    for (i, nasty) in NASTY.iter().enumerate() {
        let mut s = from_address(&app, 10 + i as u8);
        s.page("/signin").await;
        let res = s
            .post_form(
                "/signin",
                &[
                    ("email", "member@aalst.test"),
                    ("password", "wrong password"),
                    ("next", nasty),
                ],
            )
            .await;
        assert_eq!(res.status(), 401, "{nasty:?}");
        let next = next_field(&res.text().await.expect("body"));
        assert!(is_same_site_path(&next), "{nasty:?} became {next:?}");
    }
}

#[tokio::test]
async fn language_links_stay_on_this_site() {
    let app = spawn_app().await;
    let s = app.session();
    for path in ["//evil.example/", "//evil.example/x?a=b", "/\\evil.example"] {
        let res = s.get(path).await;
        let page = res.text().await.expect("body");
        for href in page.split("href=\"").skip(1) {
            let href = &href[..href.find('"').expect("end of href")];
            if href.contains("lang=") {
                assert!(is_same_site_path(href), "{path:?} gave the link {href:?}");
            }
        }
        assert!(page.contains("lang="), "no language links on {path:?}");
    }
}
