//! Upload storage stays bounded: quotas per person and per organisation refuse with a clear 4xx
//! and store nothing, too many uploads answer 429, uploads never attached and the files of deleted
//! messages disappear (the clock moved, the jobs run), and an upload not yet attached is readable
//! by its uploader only.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use agora::clock::TestClock;
use agora::messaging::message::Attachment;
use agora_tests::Session;
use agora_tests::app::spawn_app_with;
use agora_tests::personas::World;
use agora_tests::{TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

async fn upload(
    session: &Session,
    app: &TestApp,
    channel: i64,
    name: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    session
        .client
        .post(format!(
            "{}/api/v1/channels/{channel}/attachments?name={name}",
            app.address
        ))
        .header("x-csrf-token", &session.csrf)
        .header("accept-language", "nl")
        .body(body)
        .send()
        .await
        .expect("upload")
}

async fn uploaded(session: &Session, app: &TestApp, channel: i64, name: &str, size: usize) -> i64 {
    let res = upload(session, app, channel, name, vec![b'x'; size]).await;
    let status = res.status().as_u16();
    let body: Value = res.json().await.expect("json");
    assert_eq!(status, 201, "{body}");
    body["id"].as_i64().expect("id")
}

/// Every file under the data folder's `files`, recursively.
fn stored_files(app: &TestApp) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&app.state.config.data_dir.join("files"), &mut out);
    out.sort();
    out
}

/// The attachment row and its file on disk, if the row still exists.
async fn row_and_file(app: &TestApp, id: i64) -> Option<(Attachment, PathBuf)> {
    let row = app
        .state
        .db
        .read(move |conn| Ok(Attachment::find(conn, id).ok()))
        .await
        .expect("read");
    row.map(|a| {
        let path = app.state.config.data_dir.join("files").join(&a.storage_key);
        (a, path)
    })
}

async fn error_of(res: reqwest::Response, status: u16) -> (String, String) {
    assert_eq!(res.status().as_u16(), status);
    let body: Value = res.json().await.expect("json");
    (
        body["code"].as_str().expect("code").to_string(),
        body["message"].as_str().expect("message").to_string(),
    )
}

/// The running server's state with a test clock `hours` ahead of now.
fn state_in(app: &TestApp, hours: i64) -> agora::state::AppState {
    let clock = TestClock::starting_now();
    clock.advance(chrono::Duration::hours(hours));
    let mut state = app.state.clone();
    state.clock = Arc::new(clock);
    state
}

async fn run_jobs_in(app: &TestApp, hours: i64) {
    let state = state_in(app, hours);
    let outcomes = agora::jobs::run_due(&state, state.clock.now()).await;
    assert!(!outcomes.is_empty(), "no job ran");
    for outcome in outcomes {
        assert!(outcome.result.is_ok(), "{outcome:?}");
    }
}

#[tokio::test]
async fn a_person_over_quota_is_refused_and_nothing_is_written() {
    let app = spawn_app_with(|c| c.upload_quota_per_person = 3000).await;
    let world = World::build(&app).await;
    let a = &world.admin_a.session;
    // The fixture already holds a small file of admin A; this one fits beside it.
    uploaded(a, &app, world.general_channel, "een.txt", 2000).await;
    let files = stored_files(&app);
    let (code, message) = error_of(
        upload(a, &app, world.general_channel, "twee.txt", vec![b'x'; 2000]).await,
        413,
    )
    .await;
    assert_eq!(code, "quota_exceeded");
    assert!(message.contains("opslag"), "translated: {message}");
    assert_eq!(stored_files(&app), files, "no file written");
    let rows = app
        .state
        .db
        .read(|conn| {
            use agora::db::schema::attachments::dsl::*;
            use diesel::prelude::*;
            Ok(attachments
                .filter(file_name.eq("twee.txt"))
                .count()
                .get_result::<i64>(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(rows, 0, "no row written");
    // A colleague has a quota of her own.
    uploaded(
        &world.member_a.session,
        &app,
        world.general_channel,
        "drie.txt",
        2000,
    )
    .await;
}

#[tokio::test]
async fn parallel_uploads_cannot_pass_the_quota_together() {
    let app = spawn_app_with(|c| c.upload_quota_per_person = 3000).await;
    let world = World::build(&app).await;
    // The moderator has no uploads in the world yet (member A has its unattached one).
    let a = &world.moderator.session;
    let names: Vec<String> = (0..10).map(|i| format!("{i}.txt")).collect();
    let answers = futures_util::future::join_all(
        names
            .iter()
            .map(|name| upload(a, &app, world.general_channel, name, vec![b'x'; 1000])),
    )
    .await;
    let mut statuses: Vec<u16> = answers.iter().map(|r| r.status().as_u16()).collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 201, 201, 413, 413, 413, 413, 413, 413, 413]);
    let user = world.moderator.user_id;
    let stored: i64 = app
        .state
        .db
        .read(move |conn| {
            use agora::db::schema::attachments::dsl::*;
            use diesel::prelude::*;
            Ok(attachments
                .filter(uploader_id.eq(user))
                .count()
                .get_result(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(stored, 3);
}

#[tokio::test]
async fn an_organisation_over_quota_is_refused() {
    let app = spawn_app_with(|c| c.upload_quota_per_organisation = 5000).await;
    let world = World::build(&app).await;
    uploaded(
        &world.admin_a.session,
        &app,
        world.general_channel,
        "a.txt",
        2500,
    )
    .await;
    let files = stored_files(&app);
    let res = upload(
        &world.member_a.session,
        &app,
        world.general_channel,
        "b.txt",
        vec![b'x'; 2500],
    )
    .await;
    let (code, _) = error_of(res, 413).await;
    assert_eq!(code, "organisation_quota_exceeded");
    assert_eq!(stored_files(&app), files);
    // Another organisation's people are not held back by A's use.
    uploaded(
        &world.admin_b.session,
        &app,
        world.general_channel,
        "c.txt",
        2500,
    )
    .await;
}

#[tokio::test]
async fn too_many_uploads_answer_429_with_retry_after() {
    let app = spawn_app_with(|c| c.uploads_per_window = 3).await;
    let world = World::build(&app).await;
    // The moderator has no uploads in the world yet (member A has its unattached one).
    let a = &world.moderator.session;
    for i in 0..3 {
        uploaded(a, &app, world.general_channel, &format!("{i}.txt"), 10).await;
    }
    let files = stored_files(&app);
    let res = upload(a, &app, world.general_channel, "3.txt", vec![b'x'; 10]).await;
    let retry: u64 = res
        .headers()
        .get("retry-after")
        .expect("Retry-After")
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry >= 1);
    let (code, _) = error_of(res, 429).await;
    assert_eq!(code, "rate_limited");
    assert_eq!(stored_files(&app), files);
    // Counted per person.
    uploaded(
        &world.admin_a.session,
        &app,
        world.general_channel,
        "x.txt",
        10,
    )
    .await;
}

#[tokio::test]
async fn unattached_uploads_disappear_after_the_delay_and_attached_ones_stay() {
    let app =
        spawn_app_with(|c| c.unattached_upload_ttl = std::time::Duration::from_secs(24 * 3600))
            .await;
    let world = World::build(&app).await;
    let a = &world.admin_a.session;
    let forgotten = uploaded(a, &app, world.general_channel, "vergeten.txt", 100).await;
    let kept = uploaded(a, &app, world.general_channel, "verslag.txt", 100).await;
    let res = a
        .api(
            Method::POST,
            &format!("/api/v1/channels/{}/messages", world.general_channel),
            Some(json!({"body": "Het verslag", "attachment_ids": [kept]})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let (_, forgotten_file) = row_and_file(&app, forgotten).await.expect("row");
    assert!(forgotten_file.exists());

    // Before the delay nothing goes.
    run_jobs_in(&app, 23).await;
    assert!(row_and_file(&app, forgotten).await.is_some());
    assert!(forgotten_file.exists());

    run_jobs_in(&app, 25).await;
    assert!(row_and_file(&app, forgotten).await.is_none(), "row removed");
    assert!(!forgotten_file.exists(), "file removed");
    for live in [kept, world.attachment] {
        let (_, file) = row_and_file(&app, live).await.expect("attached row stays");
        assert!(file.exists(), "attached file stays");
    }
    // Running again is harmless.
    run_jobs_in(&app, 26).await;
}

#[tokio::test]
async fn files_of_deleted_messages_disappear() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (_, file) = row_and_file(&app, world.attachment).await.expect("row");
    assert!(file.exists());
    let res = world
        .admin_a
        .session
        .api(
            Method::DELETE,
            &format!("/api/v1/messages/{}", world.message),
            None,
        )
        .await;
    assert_eq!(res.status(), 204);
    run_jobs_in(&app, 0).await;
    assert!(
        row_and_file(&app, world.attachment).await.is_none(),
        "row removed"
    );
    assert!(!file.exists(), "file removed");
}

#[tokio::test]
async fn deleting_a_message_frees_its_space_in_the_quota() {
    let app = spawn_app_with(|c| c.upload_quota_per_person = 3000).await;
    let world = World::build(&app).await;
    let a = &world.member_a.session;
    let id = uploaded(a, &app, world.general_channel, "groot.txt", 2500).await;
    let msg: Value = a
        .api(
            Method::POST,
            &format!("/api/v1/channels/{}/messages", world.general_channel),
            Some(json!({"body": "x", "attachment_ids": [id]})),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        upload(a, &app, world.general_channel, "b.txt", vec![b'x'; 2500])
            .await
            .status(),
        413
    );
    let res = a
        .api(
            Method::DELETE,
            &format!("/api/v1/messages/{}", msg["id"]),
            None,
        )
        .await;
    assert_eq!(res.status(), 204);
    uploaded(a, &app, world.general_channel, "b.txt", 2500).await;
}

#[tokio::test]
async fn an_upload_not_yet_attached_is_readable_by_its_uploader_only() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let id = uploaded(
        &world.admin_a.session,
        &app,
        world.general_channel,
        "concept.txt",
        50,
    )
    .await;
    let path = format!("/files/{id}/concept.txt");
    assert_eq!(world.admin_a.session.get(&path).await.status(), 200);
    // A same-organisation colleague in the channel, a partner in the channel, the network admin.
    for other in [
        &world.member_a,
        &world.admin_b,
        &world.member_b,
        &world.network_admin,
    ] {
        let res = other.session.get(&path).await;
        assert_eq!(res.status(), 404, "{}", other.email);
        let missing = other.session.get("/files/999999/concept.txt").await;
        assert_eq!(missing.status(), 404);
        assert_eq!(
            res.text().await.unwrap(),
            missing.text().await.unwrap(),
            "{}",
            other.email
        );
    }
    // Once attached, the channel's readers may read it.
    let res = world
        .admin_a
        .session
        .api(
            Method::POST,
            &format!("/api/v1/channels/{}/messages", world.general_channel),
            Some(json!({"body": "Het concept", "attachment_ids": [id]})),
        )
        .await;
    assert_eq!(res.status(), 201);
    assert_eq!(world.member_a.session.get(&path).await.status(), 200);
    assert_eq!(world.member_b.session.get(&path).await.status(), 404);
}
