//! The workspace, directory and direct-message pages driven like a browser without JavaScript:
//! plain forms, redirects (Post/Redirect/Get), and what each page then shows.

use agora_tests::app::{location, number_after};
use agora_tests::personas::World;
use agora_tests::{Session, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

mod creation;
mod directory;
mod missing;
mod organisations;

/// Status and `Location` of a form post that must redirect.
async fn post_redirect(session: &Session, path: &str, fields: &[(&str, &str)]) -> String {
    let res = session.post_form(path, fields).await;
    let status = res.status().as_u16();
    let location = location(&res);
    let body = res.text().await.unwrap_or_default();
    assert_eq!(
        status, 303,
        "POST {path} {fields:?} answered {status}: {body}"
    );
    location
}

/// A form post that must be refused with the form shown again.
async fn post_invalid(session: &Session, path: &str, fields: &[(&str, &str)]) -> String {
    let res = session.post_form(path, fields).await;
    let status = res.status().as_u16();
    let body = res.text().await.unwrap_or_default();
    assert_eq!(
        status, 422,
        "POST {path} {fields:?} answered {status}: {body}"
    );
    assert!(
        body.contains("class=\"error-summary\""),
        "the form comes back with its errors: {body}"
    );
    body
}

/// A page that must answer 200.
async fn page(session: &mut Session, path: &str) -> String {
    let (status, body) = session.page(path).await;
    assert_eq!(status, 200, "GET {path}: {body}");
    body
}

async fn json(res: reqwest::Response, expected: u16) -> Value {
    let status = res.status().as_u16();
    let text = res.text().await.expect("body");
    assert_eq!(status, expected, "{text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

async fn channel_named(session: &Session, workspace: i64, name: &str) -> i64 {
    let channels = json(
        session
            .api(
                Method::GET,
                &format!("/api/v1/workspaces/{workspace}/channels"),
                None,
            )
            .await,
        200,
    )
    .await;
    channels
        .as_array()
        .expect("list")
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no channel {name} in {channels}"))["id"]
        .as_i64()
        .expect("id")
}

/// Admin A creates a working group through the form and returns its id.
async fn create_through_form(world: &mut World) -> i64 {
    let a = &mut world.admin_a.session;
    let form = page(a, "/workspaces/new").await;
    assert!(form.contains("name=\"sdg_tags\"") && form.contains("name=\"visibility\""));
    // Only network administrators choose the owner.
    assert!(!form.contains("owner_organisation_id"));

    // Without a name the form comes back, filled in as it was sent.
    let body = post_invalid(
        a,
        "/workspaces",
        &[
            ("kind", "working_group"),
            ("name", "  "),
            ("description", "Afvalbeheer in Bohicon"),
            ("sdg_tags", "11"),
            ("visibility", "invite_only"),
            ("default_language", "nl"),
        ],
    )
    .await;
    assert!(body.contains("Afvalbeheer in Bohicon"));
    assert!(body.contains("id=\"name\"") && body.contains("aria-invalid=\"true\""));

    let location = post_redirect(
        a,
        "/workspaces",
        &[
            ("kind", "working_group"),
            ("name", "Afval & klimaat"),
            ("description", "Afvalbeheer in Bohicon\nen in Aalst"),
            ("sdg_tags", "11"),
            ("sdg_tags", "13"),
            ("visibility", "invite_only"),
            ("default_language", "nl"),
        ],
    )
    .await;
    assert!(
        location.ends_with("?notice=workspace-created"),
        "{location}"
    );
    number_after(&location, "/workspaces/")
}
