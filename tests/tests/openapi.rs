//! The OpenAPI document describes every `/api/v1` route and operation the server has.

use agora::routes::ROUTES;
use agora_tests::spawn_app;
use serde_json::Value;

#[tokio::test]
async fn every_api_route_is_documented() {
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
