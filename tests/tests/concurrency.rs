//! Identical requests sent at the same moment, as a double click, a retrying client or an
//! impatient person does: no server error, and exactly one effect (one row, one conversation,
//! one member, one reaction). On SQLite the writer takes turns; on Postgres transactions really
//! overlap, which is where check-then-insert code used to answer 500.

use std::time::Duration;

use agora::db::schema::{
    channel_members, channels, events, invitations, reactions, read_markers, workspace_members,
    workspace_organisations,
};
use agora_shared::api::{Language, OrgRole};
use agora_tests::personas::{World, insert_user};
use agora_tests::{Session, TestApp, spawn_app};
use diesel::prelude::*;
use futures_util::future::join_all;
use reqwest::Method;
use serde_json::{Value, json};

/// Sends `n` copies of one request at once and returns each `(status, body)`.
async fn burst(
    session: &Session,
    n: usize,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> Vec<(u16, String)> {
    let calls = (0..n).map(|_| async {
        let res = session.api(method.clone(), path, body.clone()).await;
        let status = res.status().as_u16();
        (status, res.text().await.expect("body"))
    });
    tokio::time::timeout(Duration::from_secs(20), join_all(calls))
        .await
        .unwrap_or_else(|_| panic!("{n} × {method} {path} did not finish within 20 s"))
}

/// No answer is a server error, and every answer is one of `allowed`, at least one a success.
fn assert_clean(what: &str, answers: &[(u16, String)], allowed: &[u16]) {
    let errors: Vec<_> = answers.iter().filter(|(s, _)| *s >= 500).collect();
    assert!(
        errors.is_empty(),
        "{what}: {} of {} answered a server error: {errors:?}",
        errors.len(),
        answers.len()
    );
    for (status, body) in answers {
        assert!(
            allowed.contains(status),
            "{what}: unexpected {status} {body}"
        );
    }
    assert!(
        answers.iter().any(|(s, _)| (200..300).contains(s)),
        "{what}: no request succeeded: {answers:?}"
    );
}

/// Counts rows with a query run on the application's own database.
async fn count<F>(app: &TestApp, query: F) -> i64
where
    F: FnOnce(&mut agora::db::DbConnection) -> QueryResult<i64> + Send + 'static,
{
    app.state
        .db
        .read(move |conn| Ok(query(conn)?))
        .await
        .expect("count")
}

async fn ok_json(res: reqwest::Response, expected: u16) -> Value {
    let status = res.status().as_u16();
    let text = res.text().await.expect("body");
    assert_eq!(status, expected, "{text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// A new invite-only workspace of admin A, with org B invited but not yet accepted.
async fn workspace_with_b_invited(world: &World) -> i64 {
    let a = &world.admin_a.session;
    let ws = ok_json(
        a.api(
            Method::POST,
            "/api/v1/workspaces",
            Some(
                json!({"kind": "working_group", "name": "Post-Agenda 2030", "description": "",
                "sdg_tags": [17], "visibility": "invite_only", "default_language": "en"}),
            ),
        )
        .await,
        201,
    )
    .await["id"]
        .as_i64()
        .expect("workspace id");
    let res = a
        .api(
            Method::POST,
            &format!("/api/v1/workspaces/{ws}/organisations"),
            Some(json!({"organisation_id": world.org_b})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 204);
    ws
}

#[tokio::test]
async fn identical_reactions_make_one_reaction_and_one_event() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let path = format!("/api/v1/messages/{}/reactions", world.message);
    let answers = burst(
        &world.member_a.session,
        50,
        Method::PUT,
        &path,
        Some(json!({"emoji": "👍"})),
    )
    .await;
    assert_clean("50 × PUT reaction", &answers, &[200]);
    let (message, user) = (world.message, world.member_a.user_id);
    let rows = count(&app, move |c| {
        reactions::table
            .filter(reactions::message_id.eq(message))
            .filter(reactions::user_id.eq(user))
            .count()
            .get_result(c)
    })
    .await;
    assert_eq!(rows, 1, "reaction rows");
    let channel = world.general_channel;
    let changes = count(&app, move |c| {
        events::table
            .filter(events::kind.eq("reaction_changed"))
            .filter(events::channel_id.eq(channel))
            .count()
            .get_result(c)
    })
    .await;
    assert_eq!(
        changes, 1,
        "a repeated reaction changes nothing and tells nobody"
    );

    let answers = burst(
        &world.member_a.session,
        20,
        Method::DELETE,
        &path,
        Some(json!({"emoji": "👍"})),
    )
    .await;
    assert_clean("20 × DELETE reaction", &answers, &[200]);
    let rows = count(&app, move |c| {
        reactions::table
            .filter(reactions::message_id.eq(message))
            .count()
            .get_result(c)
    })
    .await;
    assert_eq!(rows, 0, "reaction removed");
}

#[tokio::test]
async fn identical_member_additions_make_one_member() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    // A race shows in some bursts, not all: three people, one burst each.
    for round in 0..3 {
        let newcomer = insert_user(
            &app,
            world.org_a,
            &format!("nieuw{round}@aalst.test"),
            "Nina Nieuw",
            OrgRole::Member,
            Language::Nl,
        )
        .await;
        let answers = burst(
            &world.admin_a.session,
            10,
            Method::POST,
            &format!("/api/v1/workspaces/{}/members", world.workspace),
            Some(json!({"user_id": newcomer, "role": "member"})),
        )
        .await;
        // Adding someone already there is either the same no-op or a conflict, never an error.
        assert_clean("10 × add member", &answers, &[204, 409]);
        let ws = world.workspace;
        let members = count(&app, move |c| {
            workspace_members::table
                .filter(workspace_members::workspace_id.eq(ws))
                .filter(workspace_members::user_id.eq(newcomer))
                .count()
                .get_result(c)
        })
        .await;
        assert_eq!(members, 1, "membership rows");
        let general = world.general_channel;
        let markers = count(&app, move |c| {
            read_markers::table
                .filter(read_markers::user_id.eq(newcomer))
                .filter(read_markers::channel_id.eq(general))
                .count()
                .get_result(c)
        })
        .await;
        assert_eq!(markers, 1, "one read marker in the general channel");
    }
}

#[tokio::test]
async fn identical_participation_accepts_make_one_participant_and_one_member() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let ws = workspace_with_b_invited(&world).await;
    let answers = burst(
        &world.admin_b.session,
        10,
        Method::POST,
        &format!("/api/v1/workspaces/{ws}/participation"),
        Some(json!({"accept": true})),
    )
    .await;
    assert_clean("10 × accept participation", &answers, &[204]);
    let org_b = world.org_b;
    let active = count(&app, move |c| {
        workspace_organisations::table
            .filter(workspace_organisations::workspace_id.eq(ws))
            .filter(workspace_organisations::organisation_id.eq(org_b))
            .filter(workspace_organisations::status.eq("active"))
            .count()
            .get_result(c)
    })
    .await;
    assert_eq!(active, 1, "org B takes part once");
    let admin_b = world.admin_b.user_id;
    let members = count(&app, move |c| {
        workspace_members::table
            .filter(workspace_members::workspace_id.eq(ws))
            .filter(workspace_members::user_id.eq(admin_b))
            .count()
            .get_result(c)
    })
    .await;
    assert_eq!(members, 1, "admin B is a member once");
}

#[tokio::test]
async fn identical_organisation_invitations_make_one_participant() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    for round in 0..3 {
        let ws = ok_json(
            world
                .admin_a
                .session
                .api(
                    Method::POST,
                    "/api/v1/workspaces",
                    Some(
                        json!({"kind": "network", "name": format!("Diaspora {round}"),
                        "description": "", "sdg_tags": [], "visibility": "invite_only",
                        "default_language": "nl"}),
                    ),
                )
                .await,
            201,
        )
        .await["id"]
            .as_i64()
            .expect("workspace id");
        let answers = burst(
            &world.admin_a.session,
            10,
            Method::POST,
            &format!("/api/v1/workspaces/{ws}/organisations"),
            Some(json!({"organisation_id": world.org_b})),
        )
        .await;
        assert_clean("10 × invite organisation", &answers, &[204]);
        let org_b = world.org_b;
        let rows = count(&app, move |c| {
            workspace_organisations::table
                .filter(workspace_organisations::workspace_id.eq(ws))
                .filter(workspace_organisations::organisation_id.eq(org_b))
                .count()
                .get_result(c)
        })
        .await;
        assert_eq!(rows, 1, "participant rows");
    }
}

#[tokio::test]
async fn identical_direct_requests_open_one_conversation() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let answers = burst(
        &world.member_a.session,
        10,
        Method::POST,
        "/api/v1/direct",
        Some(json!({"user_ids": [world.admin_b.user_id]})),
    )
    .await;
    assert_clean("10 × start direct", &answers, &[201]);
    let ids: std::collections::BTreeSet<i64> = answers
        .iter()
        .map(|(_, body)| {
            serde_json::from_str::<Value>(body).expect("json")["id"]
                .as_i64()
                .expect("id")
        })
        .collect();
    assert_eq!(
        ids.len(),
        1,
        "every answer names the same conversation: {ids:?}"
    );
    let me = world.member_a.user_id;
    let conversations = count(&app, move |c| {
        channels::table
            .filter(channels::kind.eq("direct"))
            .filter(
                channels::id.eq_any(
                    channel_members::table
                        .filter(channel_members::user_id.eq(me))
                        .select(channel_members::channel_id),
                ),
            )
            .count()
            .get_result(c)
    })
    .await;
    assert_eq!(conversations, 1, "direct conversations of member A");
    // The same pair asked the other way round is still the same conversation.
    let back = ok_json(
        world
            .admin_b
            .session
            .api(
                Method::POST,
                "/api/v1/direct",
                Some(json!({"user_ids": [me]})),
            )
            .await,
        201,
    )
    .await;
    assert_eq!(Some(back["id"].as_i64().expect("id")), ids.first().copied());
}

#[tokio::test]
async fn identical_mark_reads_keep_one_marker() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (me, general) = (world.member_a.user_id, world.general_channel);
    for _ in 0..3 {
        // A reader without a marker (data from before markers were kept for everyone):
        // mark-read creates it, which is the insert that raced.
        app.state
            .db
            .write(move |c| {
                diesel::delete(
                    read_markers::table
                        .filter(read_markers::user_id.eq(me))
                        .filter(read_markers::channel_id.eq(general)),
                )
                .execute(c)?;
                Ok(())
            })
            .await
            .expect("marker removed");
        let answers = burst(
            &world.member_a.session,
            20,
            Method::POST,
            &format!("/api/v1/channels/{general}/read"),
            Some(json!({})),
        )
        .await;
        assert_clean("20 × mark read", &answers, &[200]);
        let markers = count(&app, move |c| {
            read_markers::table
                .filter(read_markers::user_id.eq(me))
                .filter(read_markers::channel_id.eq(general))
                .filter(read_markers::read_seq.eq(1))
                .count()
                .get_result(c)
        })
        .await;
        assert_eq!(markers, 1, "one marker, at the newest message");
    }
}

#[tokio::test]
async fn identical_invitations_leave_one_pending() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let answers = burst(
        &world.admin_a.session,
        10,
        Method::POST,
        &format!("/api/v1/organisations/{}/invitations", world.org_a),
        Some(json!({"email": "Schepen@Aalst.test", "role": "member"})),
    )
    .await;
    assert_clean("10 × invite", &answers, &[201, 409]);
    let pending = count(&app, move |c| {
        invitations::table
            .filter(invitations::email.eq("schepen@aalst.test"))
            .filter(invitations::accepted_at.is_null())
            .filter(invitations::revoked_at.is_null())
            .count()
            .get_result(c)
    })
    .await;
    assert_eq!(pending, 1, "one usable invitation link");
}

#[tokio::test]
async fn identical_leaves_end_one_membership() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let me = world.member_a.user_id;
    let answers = burst(
        &world.member_a.session,
        10,
        Method::DELETE,
        &format!("/api/v1/workspaces/{}/members/{me}", world.workspace),
        None,
    )
    .await;
    // Whoever comes after the first finds no membership: not found, never an error.
    assert_clean("10 × leave", &answers, &[204, 404]);
    let ws = world.workspace;
    let members = count(&app, move |c| {
        workspace_members::table
            .filter(workspace_members::workspace_id.eq(ws))
            .filter(workspace_members::user_id.eq(me))
            .count()
            .get_result(c)
    })
    .await;
    assert_eq!(members, 0, "member A left");
    let general = world.general_channel;
    let markers = count(&app, move |c| {
        read_markers::table
            .filter(read_markers::user_id.eq(me))
            .filter(read_markers::channel_id.eq(general))
            .count()
            .get_result(c)
    })
    .await;
    assert_eq!(markers, 0, "no unread bookkeeping after leaving");
}

#[tokio::test]
async fn two_owners_leaving_at_once_leave_an_owner() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (ws, second) = (world.workspace, world.member_a.user_id);
    let a = &world.admin_a.session;
    let res = a
        .api(
            Method::PATCH,
            &format!("/api/v1/workspaces/{ws}/members/{second}"),
            Some(json!({"role": "owner"})),
        )
        .await;
    assert_eq!(res.status().as_u16(), 204, "member A becomes an owner");
    let first = world.admin_a.user_id;
    let (one, two) = tokio::time::timeout(
        Duration::from_secs(20),
        futures_util::future::join(
            a.api(
                Method::DELETE,
                &format!("/api/v1/workspaces/{ws}/members/{first}"),
                None,
            ),
            world.member_a.session.api(
                Method::DELETE,
                &format!("/api/v1/workspaces/{ws}/members/{second}"),
                None,
            ),
        ),
    )
    .await
    .expect("both answered in time");
    let statuses = [one.status().as_u16(), two.status().as_u16()];
    assert!(
        statuses.iter().all(|s| *s < 500),
        "no server error: {statuses:?}"
    );
    let owners = count(&app, move |c| {
        workspace_members::table
            .filter(workspace_members::workspace_id.eq(ws))
            .filter(workspace_members::role.eq("owner"))
            .count()
            .get_result(c)
    })
    .await;
    assert_eq!(owners, 1, "the last owner cannot leave: {statuses:?}");
}
