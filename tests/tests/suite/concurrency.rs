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

#[tokio::test]
async fn identical_reactions_make_one_reaction_and_one_event() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let path = format!("/api/v1/messages/{}/reactions", world.message);
    let thumbs = Some(json!({"emoji": "👍"}));
    let s = &world.member_a.session;
    burst(s, 50, Method::PUT, &path, thumbs.clone(), &[200]).await;
    let (message, user, channel) = (world.message, world.member_a.user_id, world.general_channel);
    let mine = rows!(
        &app,
        reactions,
        reactions::message_id.eq(message),
        reactions::user_id.eq(user)
    );
    assert_eq!(mine, 1, "reaction rows");
    let kind = events::kind.eq("reaction_changed");
    let changes = rows!(&app, events, kind, events::channel_id.eq(channel));
    assert_eq!(
        changes, 1,
        "a repeated reaction changes nothing and tells nobody"
    );

    burst(s, 20, Method::DELETE, &path, thumbs, &[200]).await;
    let left = rows!(&app, reactions, reactions::message_id.eq(message));
    assert_eq!(left, 0, "reaction removed");
}

#[tokio::test]
async fn identical_member_additions_make_one_member() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let path = format!("/api/v1/workspaces/{}/members", world.workspace);
    // A race shows in some bursts, not all: three people, one burst each.
    for round in 0..3 {
        let email = format!("nieuw{round}@aalst.test");
        let newcomer = insert_user(
            &app,
            world.org_a,
            &email,
            "Nina Nieuw",
            OrgRole::Member,
            Language::Nl,
        )
        .await;
        let body = Some(json!({"user_id": newcomer, "role": "member"}));
        // Adding someone already there is either the same no-op or a conflict, never an error.
        burst(
            &world.admin_a.session,
            10,
            Method::POST,
            &path,
            body,
            &[204, 409],
        )
        .await;
        assert_eq!(memberships(&app, world.workspace, newcomer).await, 1);
        assert_eq!(markers(&app, newcomer, world.general_channel).await, 1);
    }
}

#[tokio::test]
async fn identical_participation_accepts_make_one_participant_and_one_member() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    for round in 0..2 {
        let ws = new_workspace(
            &world.admin_a.session,
            &format!("Post-Agenda 2030 ({round})"),
        )
        .await;
        let invite = json!({"organisation_id": world.org_b});
        let path = format!("/api/v1/workspaces/{ws}/organisations");
        send(&world.admin_a.session, Method::POST, &path, invite, 204).await;
        let path = format!("/api/v1/workspaces/{ws}/participation");
        let (b, accept) = (&world.admin_b.session, Some(json!({"accept": true})));
        burst(b, 10, Method::POST, &path, accept, &[204]).await;
        assert_eq!(participants(&app, ws, world.org_b).await, (1, 1));
        assert_eq!(memberships(&app, ws, world.admin_b.user_id).await, 1);
    }
}

#[tokio::test]
async fn identical_organisation_invitations_make_one_participant() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    for round in 0..3 {
        let ws = new_workspace(&world.admin_a.session, &format!("Diaspora {round}")).await;
        let path = format!("/api/v1/workspaces/{ws}/organisations");
        let (a, invite) = (
            &world.admin_a.session,
            Some(json!({"organisation_id": world.org_b})),
        );
        burst(a, 10, Method::POST, &path, invite, &[204]).await;
        assert_eq!(participants(&app, ws, world.org_b).await.0, 1);
    }
}

#[tokio::test]
async fn identical_direct_requests_open_one_conversation() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let me = world.member_a.user_id;
    let body = Some(json!({"user_ids": [world.admin_b.user_id]}));
    let s = &world.member_a.session;
    let answers = burst(s, 10, Method::POST, "/api/v1/direct", body, &[201]).await;
    let ids: std::collections::BTreeSet<i64> = answers
        .iter()
        .map(|(_, body)| serde_json::from_str::<Value>(body).expect("json")["id"].as_i64())
        .map(|id| id.expect("id"))
        .collect();
    assert_eq!(ids.len(), 1, "every answer, one conversation: {ids:?}");
    let mine = channel_members::table
        .filter(channel_members::user_id.eq(me))
        .select(channel_members::channel_id);
    let conversations = rows!(
        &app,
        channels,
        channels::kind.eq("direct"),
        channels::id.eq_any(mine)
    );
    assert_eq!(conversations, 1, "direct conversations of member A");
    // The same pair asked the other way round is still the same conversation.
    let s = &world.admin_b.session;
    let back = send(
        s,
        Method::POST,
        "/api/v1/direct",
        json!({"user_ids": [me]}),
        201,
    )
    .await;
    assert_eq!(back["id"].as_i64(), ids.first().copied());
}

#[tokio::test]
async fn identical_mark_reads_keep_one_marker() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (me, general) = (world.member_a.user_id, world.general_channel);
    let path = format!("/api/v1/channels/{general}/read");
    for _ in 0..3 {
        // A reader without a marker (data from before markers were kept for everyone):
        // mark-read creates it, which is the insert that raced.
        app.state
            .db
            .write(move |c| {
                let mine = read_markers::table
                    .filter(read_markers::user_id.eq(me))
                    .filter(read_markers::channel_id.eq(general));
                diesel::delete(mine).execute(c)?;
                Ok(())
            })
            .await
            .expect("marker removed");
        burst(
            &world.member_a.session,
            20,
            Method::POST,
            &path,
            Some(json!({})),
            &[200],
        )
        .await;
        assert_eq!(markers(&app, me, general).await, 1);
        let unread: Value = world
            .member_a
            .session
            .get("/api/v1/unread")
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(
            unread["unread"], 0,
            "read up to the newest message: {unread}"
        );
    }
}

#[tokio::test]
async fn identical_invitations_leave_one_pending() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let path = format!("/api/v1/organisations/{}/invitations", world.org_a);
    let body = Some(json!({"email": "Schepen@Aalst.test", "role": "member"}));
    burst(
        &world.admin_a.session,
        10,
        Method::POST,
        &path,
        body,
        &[201, 409],
    )
    .await;
    use invitations::{accepted_at, email, revoked_at};
    let address = email.eq("schepen@aalst.test");
    let pending = rows!(
        &app,
        invitations,
        address,
        accepted_at.is_null(),
        revoked_at.is_null()
    );
    assert_eq!(pending, 1, "one usable invitation link");
}

#[tokio::test]
async fn identical_invitation_accepts_make_one_account() {
    use agora::db::schema::{sessions, users};
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let path = format!("/api/v1/organisations/{}/invitations", world.org_a);
    let body = json!({"email": "dubbel@aalst.test", "role": "member"});
    send(&world.admin_a.session, Method::POST, &path, body, 201).await;
    let mail = app.last_email_to("dubbel@aalst.test").await;
    let text = agora_tests::smtp::mime_part(&mail.raw, "text/plain").expect("text part");
    let prefix = format!("{}/invite/", app.address);
    let link = agora_tests::app::find_link(&text, &prefix).expect("link in email");
    let token = link.trim_start_matches(&prefix).to_string();
    let body = json!({"token": token, "display_name": "Dirk Dubbel", "password": PASSWORD,
        "interface_language": "nl"});
    let path = "/api/v1/invitations/accept";
    // The first creates the account; the others find the link used (422) or the address taken.
    burst(
        &app.session(),
        5,
        Method::POST,
        path,
        Some(body),
        &[201, 409, 422],
    )
    .await;
    let email = users::email.eq("dubbel@aalst.test");
    assert_eq!(rows!(&app, users, email), 1, "one account");
    let user = users::table
        .filter(users::email.eq("dubbel@aalst.test"))
        .select(users::id);
    assert_eq!(
        rows!(&app, sessions, sessions::user_id.eq_any(user)),
        1,
        "one session"
    );
}

#[tokio::test]
async fn identical_leaves_end_one_membership() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let me = world.member_a.user_id;
    let path = format!("/api/v1/workspaces/{}/members/{me}", world.workspace);
    // Whoever comes after the first finds no membership: not found, never an error.
    burst(
        &world.member_a.session,
        10,
        Method::DELETE,
        &path,
        None,
        &[204, 404],
    )
    .await;
    assert_eq!(memberships(&app, world.workspace, me).await, 0);
    assert_eq!(markers(&app, me, world.general_channel).await, 0);
}

async fn leave(s: &Session, ws: i64, user: i64) -> u16 {
    let path = format!("/api/v1/workspaces/{ws}/members/{user}");
    s.api(Method::DELETE, &path, None).await.status().as_u16()
}

#[tokio::test]
async fn two_owners_leaving_at_once_leave_an_owner() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let ws = world.workspace;
    let (first, second) = (world.admin_a.user_id, world.member_a.user_id);
    let a = &world.admin_a.session;
    let path = format!("/api/v1/workspaces/{ws}/members/{second}");
    send(a, Method::PATCH, &path, json!({"role": "owner"}), 204).await;
    let both = futures_util::future::join(
        leave(a, ws, first),
        leave(&world.member_a.session, ws, second),
    );
    let statuses = tokio::time::timeout(std::time::Duration::from_secs(20), both)
        .await
        .expect("both answered in time");
    assert!(statuses.0 < 500 && statuses.1 < 500, "{statuses:?}");
    use workspace_members::{role, workspace_id};
    let owners = rows!(
        &app,
        workspace_members,
        workspace_id.eq(ws),
        role.eq("owner")
    );
    assert_eq!(owners, 1, "the last owner cannot leave: {statuses:?}");
}

#[tokio::test]
async fn an_edit_beside_a_deletion_brings_no_text_back() {
    use agora::db::schema::{message_edits, messages};
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let a = &world.admin_a.session;
    let posts = format!("/api/v1/channels/{}/messages", world.general_channel);
    for round in 0..3 {
        let draft = json!({"body": format!("Vertrouwelijk ontwerp {round}")});
        let id = send(a, Method::POST, &posts, draft, 201).await["id"].as_i64();
        let id = id.expect("message id");
        let path = format!("/api/v1/messages/{id}");
        let edit = Some(json!({"body": "Nog vertrouwelijker"}));
        let edits = fire(a, 5, Method::PATCH, &path, edit);
        let (edits, deletes) =
            futures_util::future::join(edits, fire(a, 5, Method::DELETE, &path, None)).await;
        for (status, body) in edits.iter().chain(&deletes) {
            assert!([200, 204, 404].contains(status), "{status} {body}");
        }
        assert!(
            deletes.iter().any(|(s, _)| *s == 204),
            "deleted: {deletes:?}"
        );
        let kept = rows!(&app, message_edits, message_edits::message_id.eq(id));
        assert_eq!(kept, 0, "no earlier version of a deleted message is kept");
        let (empty, gone) = (messages::body_md.eq(""), messages::deleted_at.is_not_null());
        assert_eq!(
            rows!(&app, messages, messages::id.eq(id), empty, gone),
            1,
            "deleted and empty"
        );
    }
}
