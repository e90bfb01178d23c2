//! Several instances of one network behind a load balancer: what one instance signs, the others
//! accept, because the instance secret lives in the shared database.

use agora::security::instance_secret;
use agora_tests::TestApp;
use agora_tests::app::spawn_app_with;
use agora_tests::personas::{PASSWORD, World};

/// A second instance on the database of `first`, with its own data folder.
async fn second_instance(first: &TestApp) -> TestApp {
    let database_url = first.state.config.database_url.clone();
    spawn_app_with(move |c| {
        c.secret_key = None;
        c.database_url = database_url;
    })
    .await
}

#[tokio::test]
async fn a_form_served_by_one_instance_is_accepted_by_another() {
    let first = spawn_app_with(|c| c.secret_key = None).await;
    let second = second_instance(&first).await;
    let world = World::build(&first).await;
    assert_eq!(first.state.secret, second.state.secret);

    // The sign-in form comes from the first instance, its submission reaches the second.
    let mut browser = first.session();
    let (status, _) = browser.page("/signin").await;
    assert_eq!(status, 200);
    assert!(!browser.csrf.is_empty(), "the sign-in page carries a token");
    browser.base = second.address.clone();
    let res = browser
        .post_form(
            "/signin",
            &[("email", &world.member_a.email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303, "the second instance refused");

    // And back: a signed-in page of the second instance, its token used on the first.
    let (status, _) = browser.page("/profile").await;
    assert_eq!(status, 200);
    browser.base = first.address.clone();
    let res = browser.post_form("/signout", &[]).await;
    assert_eq!(res.status().as_u16(), 303, "the first instance refused");
}

#[tokio::test]
async fn the_configured_secret_wins_over_the_stored_one() {
    let first = spawn_app_with(|c| c.secret_key = None).await;
    let configured = "a configured secret that is long enough to sign";
    let database_url = first.state.config.database_url.clone();
    let second = spawn_app_with(move |c| {
        c.secret_key = Some(configured.into());
        c.database_url = database_url;
    })
    .await;
    assert_eq!(second.state.secret.as_slice(), configured.as_bytes());
    assert_ne!(first.state.secret, second.state.secret);
}

#[tokio::test]
async fn instances_starting_together_end_up_with_one_secret() {
    let app = spawn_app_with(|c| c.secret_key = None).await;
    let stored = String::from_utf8(app.state.secret.to_vec()).expect("text");
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let db = app.state.db.clone();
            std::thread::spawn(move || {
                db.write_blocking(|conn| {
                    instance_secret::stored_or_insert(
                        conn,
                        &format!("candidate {i} that would be another key"),
                        agora::time::now(),
                    )
                })
                .expect("secret")
            })
        })
        .collect();
    for handle in handles {
        assert_eq!(handle.join().expect("thread"), stored);
    }
}

#[tokio::test]
async fn a_key_generated_into_the_data_folder_is_carried_over() {
    if agora_tests::app::backend_name() != "sqlite" {
        return;
    }
    let legacy = "AAAAlegacy-key-of-an-existing-install-000000";
    let app = spawn_app_with(|c| {
        c.secret_key = None;
        std::fs::write(c.data_dir.join("secret_key"), format!("{legacy}\n")).expect("write");
    })
    .await;
    assert_eq!(app.state.secret.as_slice(), legacy.as_bytes());
    // Stored now, so an instance without the file gets it too.
    let second = second_instance(&app).await;
    assert_eq!(second.state.secret.as_slice(), legacy.as_bytes());
}

/// Behind a load balancer, a person's report names the request by its id, whichever instance
/// answered: every response carries a fresh one.
#[tokio::test]
async fn every_response_names_its_request() {
    let app = agora_tests::spawn_app().await;
    let session = app.session();
    let mut seen = std::collections::HashSet::new();
    for path in [
        "/signin",
        "/signin",
        "/healthz",
        "/no/such/page",
        "/api/v1/me",
    ] {
        let res = session.get(path).await;
        let id = res
            .headers()
            .get("x-request-id")
            .unwrap_or_else(|| panic!("no request id on {path} ({})", res.status()))
            .to_str()
            .expect("text")
            .to_string();
        assert_eq!(id.len(), 36, "{path}: {id}");
        assert!(seen.insert(id), "{path}: a request id was reused");
    }
}
