//! Identical requests sent at the same moment, as a double click, a retrying client or an
//! impatient person does: no server error, and exactly one effect (one row, one conversation,
//! one member, one reaction). On SQLite the writer takes turns; on Postgres transactions really
//! overlap, which is where check-then-insert code used to answer 500.

use agora::db::schema::{
    channel_members, channels, events, invitations, reactions, read_markers, workspace_members,
    workspace_organisations,
};
use agora_shared::api::{Language, OrgRole};
use agora_shared::conversations::{NewWorkspace, Visibility, WorkspaceKind};
use agora_tests::burst::{burst, fire};
use agora_tests::personas::{PASSWORD, World, insert_user};
use agora_tests::{Session, TestApp, rows, spawn_app};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::{Value, json};

mod invitation_requests;
mod memberships;
mod messages;

async fn memberships(app: &TestApp, ws: i64, user: i64) -> i64 {
    use workspace_members::{user_id, workspace_id};
    rows!(
        app,
        workspace_members,
        workspace_id.eq(ws),
        user_id.eq(user)
    )
}

async fn markers(app: &TestApp, user: i64, channel: i64) -> i64 {
    use read_markers::{channel_id, user_id};
    rows!(app, read_markers, user_id.eq(user), channel_id.eq(channel))
}

async fn participants(app: &TestApp, ws: i64, org: i64) -> (i64, i64) {
    use workspace_organisations::{organisation_id, status, workspace_id};
    let all = rows!(
        app,
        workspace_organisations,
        workspace_id.eq(ws),
        organisation_id.eq(org)
    );
    let active = status.eq("active");
    let on = rows!(
        app,
        workspace_organisations,
        workspace_id.eq(ws),
        organisation_id.eq(org),
        active
    );
    (all, on)
}

async fn send(session: &Session, method: Method, path: &str, body: Value, expected: u16) -> Value {
    let res = session.api(method, path, Some(body)).await;
    let status = res.status().as_u16();
    let text = res.text().await.expect("body");
    assert_eq!(status, expected, "{text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// A new invite-only workspace of `session`'s person.
async fn new_workspace(session: &Session, name: &str) -> i64 {
    session
        .create_workspace(NewWorkspace {
            kind: WorkspaceKind::WorkingGroup,
            name: name.into(),
            description: String::new(),
            sdg_tags: vec![17],
            visibility: Visibility::InviteOnly,
            default_language: Language::En,
            owner_organisation_id: None,
        })
        .await
        .id
}
