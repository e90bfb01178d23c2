//! The foundation's story end to end: setup, organisations, invitations, sign-in, resets,
//! sessions, deactivation and suspension, on whichever engine the run uses.

use agora::audit;
use agora_tests::app::{extract_csrf, find_link};
use agora_tests::personas::{PASSWORD, World};
use agora_tests::{TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

mod deactivation;
mod invitations;
mod profile;
mod security;
mod setup;
mod sign_in;

async fn audit_actions(app: &TestApp) -> Vec<String> {
    app.state
        .db
        .read(|conn| audit::list_actions(conn, 200))
        .await
        .expect("audit")
        .into_iter()
        .map(|(action, _, _)| action)
        .collect()
}

/// The first link to `path_prefix` in the plain-text part of the last email to `to`.
async fn link_in_email(app: &TestApp, to: &str, path_prefix: &str) -> (String, String) {
    let mail = app.last_email_to(to).await;
    let text = agora_tests::smtp::mime_part(&mail.raw, "text/plain").expect("text part");
    let link = find_link(&text, &format!("{}{path_prefix}", app.address)).expect("link in email");
    (link.trim_start_matches(&app.address).to_string(), mail.raw)
}

/// The stored hash of `email`'s password.
async fn password_hash_of(app: &TestApp, email: &'static str) -> String {
    app.state
        .db
        .read(move |conn| {
            use agora::db::schema::users::dsl;
            use diesel::prelude::*;
            Ok(dsl::users
                .filter(dsl::email.eq(email))
                .select(dsl::password_hash)
                .first(conn)?)
        })
        .await
        .expect("user's hash")
}

/// OWASP's Argon2id minimum (19 MiB, 2 passes, 1 lane), as DESIGN.md asks.
const ARGON2ID: &str = "$argon2id$v=19$m=19456,t=2,p=1$";
