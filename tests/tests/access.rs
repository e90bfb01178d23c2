//! Every route against every persona. The table below must list each route the server registers
//! (`agora::routes::ROUTES`); a new route without a row fails `table_covers_every_route`.

use agora::routes::ROUTES;
use agora_tests::personas::World;
use agora_tests::{Session, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

/// Personas in the order they are tried; earlier ones cannot change what later ones may do.
const PERSONAS: [&str; 7] = [
    "anonymous",
    "deactivated A",
    "member B",
    "admin B",
    "member A",
    "admin A",
    "network admin",
];

/// Expected answer: a status, and for redirects the start of the `Location`.
type Expect = &'static str;

const SIGNIN: Expect = "303 /signin";
// Rows that repeat one account's sign-in or reset also show its rate limit (5 and 3 per window).
const SIGNIN_LIMITED: [Expect; 7] = ["401", "401", "401", "401", "401", "429", "429"];
const SIGNIN_LIMITED_API: [Expect; 7] = SIGNIN_LIMITED;
const RESET_LIMITED_FORM: [Expect; 7] = [
    RESET_SENT, RESET_SENT, RESET_SENT, "429", "429", "429", "429",
];
const RESET_LIMITED_API: [Expect; 7] = ["202", "202", "202", "429", "429", "429", "429"];
const RESET_SENT: Expect = "303 /signin?notice=reset-sent";
const BOGUS_TOKEN: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

enum Body {
    None,
    Form(&'static [(&'static str, &'static str)]),
    Json(Value),
}

struct Row {
    method: &'static str,
    path: &'static str,
    /// Query string appended to the request (not part of the route).
    query: &'static str,
    body: Body,
    /// One per persona, in the order of [`PERSONAS`].
    expect: [Expect; 7],
}

fn all(e: Expect) -> [Expect; 7] {
    [e; 7]
}

/// anonymous and deactivated get `out`, everyone else `signed_in`.
fn signed(out: Expect, signed_in: Expect) -> [Expect; 7] {
    [
        out, out, signed_in, signed_in, signed_in, signed_in, signed_in,
    ]
}

fn table() -> Vec<Row> {
    use Body::*;
    let row = |method, path, query, body, expect| Row {
        method,
        path,
        query,
        body,
        expect,
    };
    vec![
        row("GET", "/healthz", "", None, all("200")),
        row("GET", "/readyz", "", None, all("200")),
        row("GET", "/static/{file}", "", None, all("200")),
        row("GET", "/", "", None, signed(SIGNIN, "200")),
        row(
            "GET",
            "/setup",
            "token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            None,
            all("422"),
        ),
        row(
            "POST",
            "/setup",
            "",
            Form(&[
                ("token", BOGUS_TOKEN),
                ("organisation_name", "X"),
                ("country", "BE"),
                ("language", "en"),
                ("display_name", "X"),
                ("email", "x@x.test"),
                ("password", "long enough password"),
            ]),
            all("422"),
        ),
        row("GET", "/signin", "", None, all("200")),
        row(
            "POST",
            "/signin",
            "",
            Form(&[
                ("email", "member@aalst.test"),
                ("password", "wrong password"),
            ]),
            SIGNIN_LIMITED,
        ),
        row(
            "POST",
            "/signout",
            "",
            Form(&[]),
            signed(SIGNIN, "303 /signin?notice=signed-out"),
        ),
        row("GET", "/invite/{token}", "", None, all("422")),
        row(
            "POST",
            "/invite/{token}",
            "",
            Form(&[
                ("display_name", "X"),
                ("password", "long enough password"),
                ("password_confirm", "long enough password"),
                ("interface_language", "en"),
            ]),
            all("422"),
        ),
        row("GET", "/reset", "", None, all("200")),
        row(
            "POST",
            "/reset",
            "",
            Form(&[("email", "nobody@nowhere.test")]),
            RESET_LIMITED_FORM,
        ),
        row("GET", "/reset/{token}", "", None, all("422")),
        row(
            "POST",
            "/reset/{token}",
            "",
            Form(&[
                ("password", "long enough password"),
                ("password_confirm", "long enough password"),
            ]),
            all("422"),
        ),
        row("GET", "/profile", "", None, signed(SIGNIN, "200")),
        row(
            "POST",
            "/profile",
            "",
            Form(&[
                ("display_name", "New Name"),
                ("function", "Alderman"),
                ("kind", "politician"),
                ("interface_language", "nl"),
                ("time_zone", "Africa/Porto-Novo"),
                ("languages_read", "fr"),
            ]),
            signed(SIGNIN, "303 /profile"),
        ),
        row(
            "POST",
            "/profile/password",
            "",
            Form(&[
                ("current_password", "wrong password"),
                ("new_password", "long enough password"),
                ("password_confirm", "long enough password"),
            ]),
            signed(SIGNIN, "422"),
        ),
        row(
            "GET",
            "/orgs",
            "",
            None,
            [SIGNIN, SIGNIN, "404", "404", "404", "404", "200"],
        ),
        row(
            "POST",
            "/orgs",
            "",
            Form(&[
                ("name", "Commune de Dogbo"),
                ("kind", "partner_municipality"),
                ("country", "BJ"),
                ("default_language", "fr"),
            ]),
            [SIGNIN, SIGNIN, "404", "404", "404", "404", "303 /orgs/"],
        ),
        row(
            "GET",
            "/orgs/{org}/edit",
            "",
            None,
            [SIGNIN, SIGNIN, "404", "404", "403", "403", "200"],
        ),
        row(
            "POST",
            "/orgs/{org}/edit",
            "",
            Form(&[
                ("name", "Stad Aalst"),
                ("kind", "flemish_municipality"),
                ("country", "BE"),
                ("default_language", "nl"),
            ]),
            [SIGNIN, SIGNIN, "404", "404", "403", "403", "303 /orgs"],
        ),
        row(
            "GET",
            "/orgs/{org}/members",
            "",
            None,
            [SIGNIN, SIGNIN, "404", "404", "200", "200", "200"],
        ),
        row(
            "POST",
            "/orgs/{org}/members/{user}",
            "",
            Form(&[("role", "admin")]),
            [SIGNIN, SIGNIN, "404", "404", "403", "303 /orgs/", "403"],
        ),
        row(
            "POST",
            "/orgs/{org}/invitations",
            "",
            Form(&[
                ("email", "colleague@aalst.test"),
                ("role", "member"),
                ("language", "nl"),
            ]),
            [
                SIGNIN,
                SIGNIN,
                "404",
                "404",
                "403",
                "303 /orgs/",
                "303 /orgs/",
            ],
        ),
        row(
            "POST",
            "/orgs/{org}/invitations/{invitation}/revoke",
            "",
            Form(&[]),
            [
                SIGNIN,
                SIGNIN,
                "404",
                "404",
                "403",
                "303 /orgs/",
                "303 /orgs/",
            ],
        ),
        row("GET", "/api/v1/openapi.json", "", None, all("200")),
        // A plain GET without the websocket upgrade headers; tests/tests/realtime.rs upgrades.
        row("GET", "/api/v1/events", "", None, signed("401", "400")),
        row(
            "POST",
            "/api/v1/session",
            "",
            Json(json!({"email": "member@aalst.test", "password": "wrong password"})),
            SIGNIN_LIMITED_API,
        ),
        row("DELETE", "/api/v1/session", "", None, signed("401", "204")),
        row("GET", "/api/v1/me", "", None, signed("401", "200")),
        row(
            "PATCH",
            "/api/v1/me",
            "",
            Json(json!({"function": "Alderman for international cooperation"})),
            signed("401", "200"),
        ),
        row(
            "PUT",
            "/api/v1/me/password",
            "",
            Json(
                json!({"current_password": "wrong password", "new_password": "long enough password"}),
            ),
            signed("401", "422"),
        ),
        row(
            "POST",
            "/api/v1/password-resets",
            "",
            Json(json!({"email": "nobody@nowhere.test"})),
            RESET_LIMITED_API,
        ),
        row(
            "POST",
            "/api/v1/password-resets/confirm",
            "",
            Json(json!({"token": BOGUS_TOKEN, "password": "long enough password"})),
            all("422"),
        ),
        row(
            "POST",
            "/api/v1/invitations/accept",
            "",
            Json(
                json!({"token": BOGUS_TOKEN, "display_name": "X", "password": "long enough password", "interface_language": "en"}),
            ),
            all("422"),
        ),
        row(
            "GET",
            "/api/v1/organisations",
            "",
            None,
            signed("401", "200"),
        ),
        row(
            "POST",
            "/api/v1/organisations",
            "",
            Json(
                json!({"name": "Commune de Dogbo", "kind": "partner_municipality", "country": "BJ", "default_language": "fr"}),
            ),
            ["401", "401", "404", "404", "404", "404", "201"],
        ),
        row(
            "GET",
            "/api/v1/organisations/{org}",
            "",
            None,
            ["401", "401", "404", "404", "200", "200", "200"],
        ),
        row(
            "PATCH",
            "/api/v1/organisations/{org}",
            "",
            Json(json!({"name": "Stad Aalst"})),
            ["401", "401", "404", "404", "403", "403", "200"],
        ),
        row(
            "GET",
            "/api/v1/organisations/{org}/members",
            "",
            None,
            ["401", "401", "404", "404", "200", "200", "200"],
        ),
        row(
            "PATCH",
            "/api/v1/organisations/{org}/members/{user}",
            "",
            Json(json!({"role": "admin"})),
            ["401", "401", "404", "404", "403", "200", "403"],
        ),
        row(
            "GET",
            "/api/v1/organisations/{org}/invitations",
            "",
            None,
            ["401", "401", "404", "404", "403", "200", "200"],
        ),
        row(
            "POST",
            "/api/v1/organisations/{org}/invitations",
            "",
            Json(json!({"email": "colleague@aalst.test", "role": "member"})),
            ["401", "401", "404", "404", "403", "201", "201"],
        ),
        row(
            "DELETE",
            "/api/v1/organisations/{org}/invitations/{invitation}",
            "",
            None,
            ["401", "401", "404", "404", "403", "204", "204"],
        ),
    ]
}

#[test]
fn table_covers_every_route() {
    let table = table();
    for (method, path) in ROUTES {
        assert!(
            table.iter().any(|r| r.method == *method && r.path == *path),
            "route {method} {path} has no row in the access table"
        );
    }
    for row in &table {
        assert!(
            ROUTES
                .iter()
                .any(|(m, p)| *m == row.method && *p == row.path),
            "access table row {} {} is not a route",
            row.method,
            row.path
        );
    }
}

fn concrete(app: &TestApp, world: &World, row: &Row) -> String {
    let css = app
        .state
        .assets
        .css_path
        .trim_start_matches("/static/")
        .to_string();
    let mut path = row
        .path
        .replace("{org}", &world.org_a.to_string())
        .replace("{user}", &world.member_a.user_id.to_string())
        .replace("{invitation}", &world.invitation_a.to_string())
        .replace("{token}", BOGUS_TOKEN)
        .replace("{file}", &css);
    if !row.query.is_empty() {
        path = format!("{path}?{}", row.query);
    }
    path
}

async fn send(session: &mut Session, row: &Row, path: &str, signed_out: bool) -> String {
    // A signed-out browser has loaded a page first, which gives its forms a CSRF token.
    if signed_out {
        session.page("/signin").await;
    }
    let method = Method::from_bytes(row.method.as_bytes()).expect("method");
    let res = match &row.body {
        Body::None => session.api(method, path, None).await,
        Body::Json(v) => session.api(method, path, Some(v.clone())).await,
        Body::Form(fields) => session.post_form(path, fields).await,
    };
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = res.text().await.unwrap_or_default();
    assert!(
        status < 500,
        "{} {path} answered {status}: {body}",
        row.method
    );
    if status == 303 {
        format!("303 {location}")
    } else {
        status.to_string()
    }
}

async fn check_row(row: Row) -> Vec<String> {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    let path = concrete(&app, &world, &row);
    let mut anonymous = app.session();
    let mut failures = Vec::new();
    for (i, persona) in PERSONAS.iter().enumerate() {
        let (session, signed_out) = match i {
            0 => (&mut anonymous, true),
            1 => (&mut world.deactivated_a.session, true),
            2 => (&mut world.member_b.session, false),
            3 => (&mut world.admin_b.session, false),
            4 => (&mut world.member_a.session, false),
            5 => (&mut world.admin_a.session, false),
            _ => (&mut world.network_admin.session, false),
        };
        let got = send(session, &row, &path, signed_out).await;
        let expected = row.expect[i];
        if !got.starts_with(expected) {
            failures.push(format!(
                "{} {} as {persona}: expected {expected}, got {got}",
                row.method, row.path
            ));
        }
    }
    app.stop().await;
    failures
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_answers_every_persona_as_the_table_says() {
    let mut failures = Vec::new();
    let rows = table();
    let mut set = tokio::task::JoinSet::new();
    for row in rows {
        // A few apps at a time: each has its own database and personas.
        if set.len() >= 3
            && let Some(done) = set.join_next().await
        {
            failures.extend(done.expect("row task"));
        }
        set.spawn(check_row(row));
    }
    while let Some(done) = set.join_next().await {
        failures.extend(done.expect("row task"));
    }
    assert!(
        failures.is_empty(),
        "access table violations ({}):\n{}",
        agora_tests::app::backend_name(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn other_tenants_objects_answer_exactly_like_missing_ones() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let s = &world.admin_a.session;
    let missing = 987_654_321;
    for (method, other, none) in [
        (
            Method::GET,
            format!("/api/v1/organisations/{}", world.org_b),
            format!("/api/v1/organisations/{missing}"),
        ),
        (
            Method::GET,
            format!("/api/v1/organisations/{}/members", world.org_b),
            format!("/api/v1/organisations/{missing}/members"),
        ),
        (
            Method::PATCH,
            format!(
                "/api/v1/organisations/{}/members/{}",
                world.org_b, world.member_b.user_id
            ),
            format!("/api/v1/organisations/{missing}/members/{missing}"),
        ),
        // A person of B addressed through A's own organisation path.
        (
            Method::PATCH,
            format!(
                "/api/v1/organisations/{}/members/{}",
                world.org_a, world.member_b.user_id
            ),
            format!("/api/v1/organisations/{}/members/{missing}", world.org_a),
        ),
    ] {
        let body = Some(json!({"role": "admin"})).filter(|_| method == Method::PATCH);
        let a = s.api(method.clone(), &other, body.clone()).await;
        let b = s.api(method.clone(), &none, body).await;
        assert_eq!(a.status(), 404, "{other}");
        assert_eq!(b.status(), 404, "{none}");
        assert_eq!(
            a.text().await.unwrap(),
            b.text().await.unwrap(),
            "{other} differs from a missing object"
        );
    }
    // Revoking B's invitation from A's path finds nothing and changes nothing.
    let res = s
        .api(
            Method::DELETE,
            &format!(
                "/api/v1/organisations/{}/invitations/{}",
                world.org_a,
                world.invitation_a + 1000
            ),
            None,
        )
        .await;
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn lists_show_only_what_the_caller_may_see() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let orgs: Vec<Value> = world
        .member_a
        .session
        .api(Method::GET, "/api/v1/organisations", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0]["id"], world.org_a);
    let all: Vec<Value> = world
        .network_admin
        .session
        .api(Method::GET, "/api/v1/organisations", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    let members: Vec<Value> = world
        .member_a
        .session
        .api(
            Method::GET,
            &format!("/api/v1/organisations/{}/members", world.org_a),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(
        members
            .iter()
            .all(|m| m["email"].as_str().unwrap().ends_with("@aalst.test")),
        "{members:?}"
    );
    let (_, page) = world
        .admin_b
        .session
        .clone_page(&format!("/orgs/{}/members", world.org_b))
        .await;
    assert!(
        !page.contains("aalst.test"),
        "B's member page shows A's people"
    );
}
