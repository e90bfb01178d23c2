//! Workspace roles through the API: the escalations of the security issue, the whole role-change
//! matrix against the membership policy and the last-owner rule. Restoring an owner is in
//! `roles/restore.rs`, an organisation's withdrawal in `roles/withdrawal.rs`.

use agora::workspaces::model::Member;
use agora_shared::api::{Language, OrgRole};
use agora_shared::conversations::WorkspaceRole;
use agora_tests::personas::{Persona, World, insert_user};
use agora_tests::{Session, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

mod restore;
mod withdrawal;

/// The fixture [`World`] and, in its workspace (owned by A, admin A its owner): a moderator and
/// an observer of A, a member `target` of B, and a second admin of B who is not a member.
/// Admin B is an organisation admin who is a plain member.
pub struct Cast {
    pub world: World,
    pub moderator: Persona,
    pub observer: Persona,
    pub outside_admin_b: Persona,
    pub target: i64,
}

pub async fn status(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    let text = res.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn person(app: &TestApp, org: i64, email: &str, name: &str, role: OrgRole) -> Persona {
    let user_id = insert_user(app, org, email, name, role, Language::Nl).await;
    let session = app.signed_in(email).await;
    Persona {
        email: email.into(),
        user_id,
        session,
    }
}

pub async fn add(s: &Session, ws: i64, user: i64, role: &str) -> (u16, Value) {
    status(
        s.api(
            Method::POST,
            &format!("/api/v1/workspaces/{ws}/members"),
            Some(json!({"user_id": user, "role": role})),
        )
        .await,
    )
    .await
}

pub async fn patch(s: &Session, ws: i64, user: i64, role: &str) -> (u16, Value) {
    status(
        s.api(
            Method::PATCH,
            &format!("/api/v1/workspaces/{ws}/members/{user}"),
            Some(json!({"role": role})),
        )
        .await,
    )
    .await
}

/// Someone's role in the workspace as the database holds it, `None` for no member.
pub async fn role_of(app: &TestApp, ws: i64, user: i64) -> Option<String> {
    app.state
        .db
        .read(move |conn| Member::find(conn, ws, user))
        .await
        .expect("member")
        .map(|m| m.role.as_str().to_string())
}

pub async fn cast(app: &TestApp) -> Cast {
    let world = World::build(app).await;
    let moderator = person(
        app,
        world.org_a,
        "mod@aalst.test",
        "Mia Moderator",
        OrgRole::Member,
    )
    .await;
    let observer = person(
        app,
        world.org_a,
        "obs@aalst.test",
        "Olly Observer",
        OrgRole::Member,
    )
    .await;
    let outside_admin_b = person(
        app,
        world.org_b,
        "admin2@bohicon.test",
        "Ada Admin",
        OrgRole::Admin,
    )
    .await;
    let target = insert_user(
        app,
        world.org_b,
        "t@bohicon.test",
        "Tia Target",
        OrgRole::Member,
        Language::Fr,
    )
    .await;
    let owner = &world.admin_a.session;
    let ws = world.workspace;
    assert_eq!(add(owner, ws, moderator.user_id, "moderator").await.0, 204);
    assert_eq!(add(owner, ws, observer.user_id, "observer").await.0, 204);
    assert_eq!(add(owner, ws, target, "member").await.0, 204);
    Cast {
        world,
        moderator,
        observer,
        outside_admin_b,
        target,
    }
}

const ROLES: [&str; 4] = ["owner", "moderator", "member", "observer"];

/// `PATCH …/members/{target}` by each actor: rows are the target's role before (owner,
/// moderator, member, observer), columns the new role in the same order. The target is a member
/// of B; the workspace has admin A as another owner.
const PATCH_EXPECTED: [(&str, [[u16; 4]; 4]); 7] = [
    ("owner", [[204; 4]; 4]),
    (
        "moderator",
        [
            [403, 403, 403, 403],
            [403, 204, 204, 204],
            [403, 204, 204, 204],
            [403, 204, 204, 204],
        ],
    ),
    ("member", [[403; 4]; 4]),
    ("observer", [[403; 4]; 4]),
    (
        "org admin of B outside the workspace",
        [
            [403, 403, 403, 403],
            [403, 403, 403, 403],
            [403, 403, 204, 204],
            [403, 403, 204, 204],
        ],
    ),
    (
        "org admin of B who is a plain member",
        [
            [403, 403, 403, 403],
            [403, 403, 403, 403],
            [403, 403, 204, 204],
            [403, 403, 204, 204],
        ],
    ),
    ("network admin", [[404; 4]; 4]),
];

/// `POST …/members` for the same target, who is already a member: never a role change. Those
/// who may add someone with that role learn 409 `already_member`; columns are the role asked for.
const POST_EXPECTED: [(&str, [u16; 4]); 7] = [
    ("owner", [409, 409, 409, 409]),
    ("moderator", [403, 409, 409, 409]),
    ("member", [403; 4]),
    ("observer", [403; 4]),
    ("org admin of B outside the workspace", [403, 403, 409, 409]),
    ("org admin of B who is a plain member", [403, 403, 409, 409]),
    ("network admin", [404; 4]),
];

fn parse(role: &str) -> WorkspaceRole {
    WorkspaceRole::parse(role).expect("role")
}

#[tokio::test]
async fn every_role_change_by_every_actor_and_route_answers_as_the_policy_says() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let ws = c.world.workspace;
    let actors: [&Session; 7] = [
        &c.world.admin_a.session,
        &c.moderator.session,
        &c.world.member_a.session,
        &c.observer.session,
        &c.outside_admin_b.session,
        &c.world.admin_b.session,
        &c.world.network_admin.session,
    ];
    let target = c.target;
    let mut failures = Vec::new();
    let mut tried = 0;
    for (i, session) in actors.iter().enumerate() {
        let (who, patch_grid) = PATCH_EXPECTED[i];
        let (post_who, post_row) = POST_EXPECTED[i];
        assert_eq!(who, post_who);
        for (f, from) in ROLES.iter().enumerate() {
            for (t, to) in ROLES.iter().enumerate() {
                for route in ["PATCH", "POST"] {
                    let from_role = parse(from);
                    app.state
                        .db
                        .write(move |conn| Member::set_role(conn, ws, target, from_role))
                        .await
                        .expect("reset the target's role");
                    let (got, body) = if route == "PATCH" {
                        patch(session, ws, target, to).await
                    } else {
                        add(session, ws, target, to).await
                    };
                    let expected = if route == "PATCH" {
                        patch_grid[f][t]
                    } else {
                        post_row[t]
                    };
                    let after = role_of(&app, ws, target).await;
                    let should_be = if got == 204 && route == "PATCH" {
                        to
                    } else {
                        from
                    };
                    tried += 1;
                    if got != expected || after.as_deref() != Some(should_be) {
                        failures.push(format!(
                            "{route} by {who}: {from} -> {to}: expected {expected} (role {should_be}), \
                             got {got} (role {after:?}) {body}"
                        ));
                    }
                    if got == 409 && body["code"] != "already_member" {
                        failures.push(format!("{route} by {who}: {from} -> {to}: {body}"));
                    }
                }
            }
        }
    }
    assert_eq!(tried, 7 * 4 * 4 * 2);
    assert!(
        failures.is_empty(),
        "role matrix ({}), {} of {tried} wrong:\n{}",
        agora_tests::app::backend_name(),
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn a_moderator_cannot_demote_the_sole_owner_by_any_route() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (ws, owner) = (c.world.workspace, c.world.admin_a.user_id);
    let m = &c.moderator.session;
    assert_eq!(patch(m, ws, owner, "member").await.0, 403);
    let (code, body) = add(m, ws, owner, "member").await;
    assert_eq!(code, 409, "{body}");
    assert_eq!(body["code"], "already_member");
    assert_eq!(role_of(&app, ws, owner).await.as_deref(), Some("owner"));
    // Nor remove an owner.
    let res = m
        .api(
            Method::DELETE,
            &format!("/api/v1/workspaces/{ws}/members/{owner}"),
            None,
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(role_of(&app, ws, owner).await.as_deref(), Some("owner"));
}

#[tokio::test]
async fn an_organisation_admin_who_is_a_plain_member_cannot_take_over() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let w = &c.world;
    let (ws, me, owner) = (w.workspace, w.admin_b.user_id, w.admin_a.user_id);
    let b = &w.admin_b.session;
    let (code, body) = add(b, ws, me, "moderator").await;
    assert_eq!(code, 403, "{body}");
    let (code, body) = add(b, ws, me, "member").await;
    assert_eq!((code, body["code"].as_str()), (409, Some("already_member")));
    assert_eq!(patch(b, ws, me, "moderator").await.0, 403);
    let (code, body) = patch(b, ws, me, "observer").await;
    assert_eq!(
        (code, body["code"].as_str()),
        (422, Some("cannot_change_self"))
    );
    assert_eq!(role_of(&app, ws, me).await.as_deref(), Some("member"));
    assert_eq!(add(b, ws, owner, "observer").await.0, 403);
    assert_eq!(patch(b, ws, owner, "observer").await.0, 403);
    assert_eq!(role_of(&app, ws, owner).await.as_deref(), Some("owner"));
    // And so cannot moderate the owner's message or read its edit history.
    let message = w.message;
    let history = b
        .api(
            Method::GET,
            &format!("/api/v1/messages/{message}/history"),
            None,
        )
        .await;
    assert_eq!(history.status().as_u16(), 403);
    let delete = b
        .api(Method::DELETE, &format!("/api/v1/messages/{message}"), None)
        .await;
    assert_eq!(delete.status().as_u16(), 403);
    // Through the page form neither.
    let res = b
        .post_form(
            &format!("/workspaces/{ws}/members/{me}/role"),
            &[("role", "moderator")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(role_of(&app, ws, me).await.as_deref(), Some("member"));
}

#[tokio::test]
async fn the_last_owner_stays_and_an_owner_steps_down_only_beside_another() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (ws, me) = (c.world.workspace, c.world.admin_a.user_id);
    let a = &c.world.admin_a.session;
    let (code, body) = patch(a, ws, me, "member").await;
    assert_eq!(
        (code, body["code"].as_str()),
        (422, Some("last_owner")),
        "{body}"
    );
    let res = a
        .api(
            Method::DELETE,
            &format!("/api/v1/workspaces/{ws}/members/{me}"),
            None,
        )
        .await;
    let (code, body) = status(res).await;
    assert_eq!((code, body["code"].as_str()), (422, Some("last_owner")));
    assert_eq!(role_of(&app, ws, me).await.as_deref(), Some("owner"));
    assert_eq!(patch(a, ws, c.moderator.user_id, "owner").await.0, 204);
    assert_eq!(patch(a, ws, me, "moderator").await.0, 204);
    assert_eq!(role_of(&app, ws, me).await.as_deref(), Some("moderator"));
    // The new sole owner is the last owner now.
    let m = &c.moderator.session;
    let (code, body) = patch(m, ws, c.moderator.user_id, "member").await;
    assert_eq!((code, body["code"].as_str()), (422, Some("last_owner")));
}
