//! The setup link that creates the operator.

use super::*;

#[tokio::test]
async fn setup_link_creates_the_operator_once() {
    let app = spawn_app().await;
    let link = app
        .setup_link
        .clone()
        .expect("empty database prints a setup link");
    let path = link.trim_start_matches(&app.address).to_string();
    let token = path.split("token=").nth(1).expect("token").to_string();
    let mut browser = app.session();
    let (status, page) = browser.page(&path).await;
    assert_eq!(status, 200, "{page}");
    let res = browser
        .post_form(
            "/setup",
            &[
                ("token", &token),
                ("organisation_name", "VVSG Internationaal"),
                ("country", "be"),
                ("language", "nl"),
                ("display_name", "Nele Netwerk"),
                ("email", "Nele@Example.BE"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/orgs");
    // Signed in, as a network administrator, in Dutch.
    let (status, page) = browser.page("/orgs").await;
    assert_eq!(status, 200);
    assert!(page.contains("<html lang=\"nl\">"), "{page}");
    assert!(page.contains("VVSG Internationaal"));
    let me: Value = browser
        .api(Method::GET, "/api/v1/me", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["email"], "nele@example.be");
    assert_eq!(me["user"]["network_admin"], true);
    let hash = password_hash_of(&app, "nele@example.be").await;
    assert!(hash.starts_with(ARGON2ID), "setup stored {hash}");
    assert_eq!(me["organisation"]["country"], "BE");
    // The link is spent.
    let again = app.session().get(&path).await;
    assert_eq!(again.status(), 422);
    assert!(
        audit_actions(&app)
            .await
            .contains(&"setup.completed".to_string())
    );
}

#[tokio::test]
async fn setup_rejects_a_wrong_token() {
    let app = spawn_app().await;
    let res = app
        .session()
        .get("/setup?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .await;
    assert_eq!(res.status(), 422);
    let res = app.session().get("/setup").await;
    assert_eq!(res.status(), 422);
}
