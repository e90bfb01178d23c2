//! The OpenAPI document describes every `/api/v1` route and operation the server has. The
//! document does not depend on the database, so its checks run in the SQLite pass only.

use agora::routes::ROUTES;
use agora_tests::spawn_app;
use serde_json::Value;

#[tokio::test]
async fn every_api_route_is_documented() {
    if agora_tests::skips::ran_in_sqlite_pass() {
        return;
    }
    let app = spawn_app().await;
    let doc: Value = app
        .session()
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .expect("json");
    assert!(
        doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")),
        "{doc}"
    );
    let paths = doc["paths"].as_object().expect("paths");
    for (method, path) in ROUTES
        .iter()
        .filter(|(_, p)| p.starts_with("/api/") || *p == "/healthz" || *p == "/readyz")
    {
        let operation = paths
            .get(*path)
            .and_then(|p| p.get(method.to_lowercase()))
            .unwrap_or_else(|| panic!("{method} {path} is missing from the OpenAPI document"));
        assert!(
            operation["responses"]
                .as_object()
                .is_some_and(|r| !r.is_empty()),
            "{method} {path} documents no response"
        );
    }
    for (path, ops) in paths {
        for method in ops.as_object().expect("operations").keys() {
            assert!(
                ROUTES
                    .iter()
                    .any(|(m, p)| p == path && m.eq_ignore_ascii_case(method)),
                "OpenAPI documents {method} {path}, which the server does not have"
            );
        }
    }
    assert!(
        doc["components"]["schemas"]["ErrorBody"].is_object(),
        "error shape undocumented"
    );
}

/// Answer without a session; every other `/api` operation must document 401.
const PUBLIC: &[(&str, &str)] = &[
    ("get", "/api/v1/openapi.json"),
    ("post", "/api/v1/session"),
    ("post", "/api/v1/password-resets"),
    ("post", "/api/v1/password-resets/confirm"),
    ("post", "/api/v1/invitations/accept"),
];

/// Counted by the rate limiter: must document 429 with `Retry-After`.
const RATE_LIMITED: &[(&str, &str)] = &[
    ("post", "/api/v1/session"),
    ("post", "/api/v1/password-resets"),
    ("post", "/api/v1/password-resets/confirm"),
    ("post", "/api/v1/invitations/accept"),
    ("get", "/api/v1/events"),
    ("post", "/api/v1/channels/{channel}/attachments"),
];

/// Every error an operation can answer by how it is reached is documented with the error body:
/// 401 signed out, 403 for a change (CSRF), 404 for a path id, 400/422 for a body or query,
/// 415 for a body, 429 where rate-limited.
#[tokio::test]
async fn every_operation_documents_its_error_answers() {
    if agora_tests::skips::ran_in_sqlite_pass() {
        return;
    }
    let app = spawn_app().await;
    let doc: Value = app
        .session()
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .expect("json");
    let mut missing = Vec::new();
    let mut checked = 0;
    for (path, ops) in doc["paths"].as_object().expect("paths") {
        if !path.starts_with("/api/") {
            continue;
        }
        for (method, op) in ops.as_object().expect("operations") {
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            let has = |place: &str| params.iter().any(|p| p["in"] == place);
            let body = op.get("requestBody").is_some();
            let key = (method.as_str(), path.as_str());
            let mut expected = Vec::new();
            if !PUBLIC.contains(&key) {
                expected.push("401");
            }
            if method != "get" {
                expected.push("403");
            }
            if has("path") {
                expected.push("404");
            }
            if body || has("query") {
                expected.extend(["400", "422"]);
            }
            if body {
                expected.push("415");
            }
            if RATE_LIMITED.contains(&key) {
                expected.push("429");
            }
            for status in expected {
                let response = &op["responses"][status];
                let schema = &response["content"]["application/json"]["schema"]["$ref"];
                if schema != "#/components/schemas/ErrorBody" {
                    missing.push(format!("{method} {path}: {status}"));
                }
                if status == "429" && !response["headers"]["Retry-After"].is_object() {
                    missing.push(format!("{method} {path}: 429 without Retry-After"));
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} answers checked: {doc}");
    assert!(
        missing.is_empty(),
        "undocumented error answers (or without ErrorBody):\n{}",
        missing.join("\n")
    );
}

/// Timestamps go out as RFC 3339 with a `Z` and are documented as plain strings: a `date-time`
/// format on a value without a zone is what schemathesis flags.
#[tokio::test]
async fn timestamps_carry_a_time_zone() {
    let app = spawn_app().await;
    let world = agora_tests::personas::World::build(&app).await;
    let res = world
        .admin_a
        .session
        .get(&format!("/api/v1/messages/{}", world.message))
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let message: Value = res.json().await.expect("json");
    let created = message["created_at"].as_str().expect("created_at");
    assert!(
        chrono::DateTime::parse_from_rfc3339(created).is_ok() && created.ends_with('Z'),
        "{created}"
    );
}
