//! Schema-driven fuzzing of the whole API with schemathesis, signed out and signed in: no server
//! error, every answer's status documented and its body matching the documented schema.
//!
//! Needs the `schemathesis` command (`pip install schemathesis`); without it the tests print
//! `SKIPPED` and pass, unless `AGORA_TEST_REQUIRE_ALL` is set.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use agora::web::cookies;
use agora::workspaces::service as workspaces;
use agora_shared::api::{Language, OrgKind, OrgRole};
use agora_shared::conversations::{AddWorkspaceMember, WorkspaceRole};
use agora_tests::personas::{PASSWORD, World, insert_user};
use agora_tests::{TestApp, spawn_app};
use tokio::process::Command;

/// Same cases on every run, so a failure in CI reproduces locally.
const SEED: &str = "20261201";
/// Cases per operation and phase: enough to find the usual mistakes, small enough that each run
/// stays within about a minute on a 2-core machine.
const MAX_EXAMPLES: &str = "12";
/// Beyond this the run is stopped and fails: the battery must not make CI slow.
const TIME_LIMIT: Duration = Duration::from_secs(180);
/// The checks of what each answer says: no server error, a documented status, a body matching
/// its schema, a documented media type and headers. Left out, as findings that are decisions
/// rather than defects: `unsupported_method` (the server answers 404 to any unknown method and
/// path alike), `positive_data_acceptance` (the schemas do not carry every length limit the
/// handlers enforce with 422) and `negative_data_rejection` (serde reads a JSON array as a
/// struct, so `[null, null]` is a valid `MemberUpdate`).
const CHECKS: &str = "not_a_server_error,status_code_conformance,response_schema_conformance,\
                      content_type_conformance,response_headers_conformance";

/// Operations that would end the fuzzing persona's session, after which every later case is a
/// 401 and the run tests nothing: signing out, and a password change (it ends the sessions).
/// By operation id: `DELETE /api/v1/session` and `PUT /api/v1/me/password`.
const SIGNED_IN_EXCLUDED: &[&str] = &["sign_out", "change_password"];

#[tokio::test]
async fn fuzz_signed_out() {
    let Some(version) = schemathesis_version().await else {
        return;
    };
    let app = spawn_app().await;
    let world = World::build(&app).await;
    // Real ids are in the path of some cases; without a session each must still answer 401.
    let config = path_parameters(&world, world.member_a.user_id);
    run(&app, &version, "signed out", &config, &[], 50).await;
}

#[tokio::test]
async fn fuzz_signed_in() {
    let Some(version) = schemathesis_version().await else {
        return;
    };
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (id, cookie, csrf) = fuzz_persona(&app, world.org_a, "fuzz@aalst.test").await;
    let owner = agora::policy::Actor::new(
        world.admin_a.user_id,
        world.org_a,
        OrgRole::Admin,
        OrgKind::FlemishMunicipality,
    );
    workspaces::add_member(
        &app.state,
        &owner,
        world.workspace,
        AddWorkspaceMember {
            user_id: id,
            role: WorkspaceRole::Owner,
        },
    )
    .await
    .expect("fuzz persona joins the workspace");
    let persona = (id, cookie, csrf);
    run_signed_in(&app, &world, &version, "signed in", persona, &[], 48).await;
}

/// The network operator's admin reaches what an organisation's admin cannot (creating and
/// suspending organisations), so its run covers those operations' deeper answers.
#[tokio::test]
async fn fuzz_signed_in_as_operator() {
    let Some(version) = schemathesis_version().await else {
        return;
    };
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let persona = fuzz_persona(&app, world.operator_id, "fuzz@agora.test").await;
    let tags = ["--include-tag", "organisations", "--include-tag", "members"];
    run_signed_in(&app, &world, &version, "operator", persona, &tags, 9).await;
}

/// Runs schemathesis with the persona's session cookie and CSRF header, then checks that the
/// session lasted to the end: a run whose later cases all answered 401 would mean little.
async fn run_signed_in(
    app: &TestApp,
    world: &World,
    version: &str,
    label: &str,
    (id, cookie, csrf): (i64, String, String),
    filters: &[&str],
    min_operations: usize,
) {
    // The fuzzer changes and deactivates the `{user}` of the path: never the persona itself.
    assert_ne!(id, world.member_a.user_id);
    let config = path_parameters(world, world.member_a.user_id);
    let cookie = format!("{}={cookie}", cookies::session_name(false));
    let mut args = vec![
        "-H".to_string(),
        format!("Cookie: {cookie}"),
        "-H".to_string(),
        format!("X-CSRF-Token: {csrf}"),
    ];
    for operation_id in SIGNED_IN_EXCLUDED {
        args.extend([
            "--exclude-operation-id".to_string(),
            operation_id.to_string(),
        ]);
    }
    args.extend(filters.iter().map(|f| f.to_string()));
    run(app, version, label, &config, &args, min_operations).await;
    let me = reqwest::Client::new()
        .get(app.url("/api/v1/me"))
        .header("cookie", cookie)
        .send()
        .await
        .expect("request");
    assert_eq!(me.status().as_u16(), 200, "the {label} session ended");
}

/// A person of its own for a signed-in run, an admin of `org`, so that what the fuzzer changes
/// and deletes belongs to no persona of the world. Returns its id, session cookie value and
/// CSRF token.
async fn fuzz_persona(app: &TestApp, org: i64, email: &str) -> (i64, String, String) {
    let id = insert_user(app, org, email, "Fien Fuzz", OrgRole::Admin, Language::Nl).await;
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .expect("sign in");
    assert_eq!(res.status().as_u16(), 200, "fuzz persona signs in");
    let cookie = res
        .cookies()
        .find(|c| c.name() == cookies::session_name(false))
        .expect("session cookie")
        .value()
        .to_string();
    let body: serde_json::Value = res.json().await.expect("json");
    let csrf = body["csrf_token"].as_str().expect("csrf token").to_string();
    (id, cookie, csrf)
}

/// Pins every path id to an object of the world, so cases reach the handlers instead of all
/// ending in 404 (that foreign and missing ids answer 404 alike is the access table's part).
fn path_parameters(world: &World, user: i64) -> PathBuf {
    let config = format!(
        "[parameters]\n\
         \"path.org\" = {org}\n\
         \"path.user\" = {user}\n\
         \"path.invitation\" = {invitation}\n\
         \"path.workspace\" = {workspace}\n\
         \"path.channel\" = {channel}\n\
         \"path.message\" = {message}\n",
        org = world.org_a,
        invitation = world.invitation_a,
        workspace = world.workspace,
        channel = world.general_channel,
        message = world.message,
    );
    // Its own directory, also the child's working directory: schemathesis keeps a crash cache
    // in `.schemathesis/` there, which must not land in the checkout.
    let dir = std::env::temp_dir().join(format!(
        "agora-schemathesis-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).expect("schemathesis dir");
    std::fs::write(dir.join("schemathesis.toml"), config).expect("write schemathesis config");
    dir
}

/// Runs schemathesis and fails on any finding, or when fewer than `min_operations` were tested.
async fn run(
    app: &TestApp,
    version: &str,
    label: &str,
    dir: &Path,
    extra: &[String],
    min_operations: usize,
) {
    let started = Instant::now();
    let mut command = Command::new("schemathesis");
    command
        .current_dir(dir)
        .arg("--config-file")
        .arg(dir.join("schemathesis.toml"))
        .arg("run")
        .arg(app.url("/api/v1/openapi.json"))
        .args(["--url", &app.address])
        .args(["--checks", CHECKS])
        .args([
            "--max-examples",
            &setting("AGORA_FUZZ_MAX_EXAMPLES", MAX_EXAMPLES),
        ])
        .args(["--seed", &setting("AGORA_FUZZ_SEED", SEED)])
        .args(["--workers", "1"])
        .args(["--request-timeout", "10"])
        .args(["--generation-database", "none"])
        .args(["--no-color", "--output-truncate", "false"])
        .args(extra)
        .stdin(Stdio::null())
        .kill_on_drop(true);
    let output = tokio::time::timeout(TIME_LIMIT, command.output())
        .await
        .unwrap_or_else(|_| panic!("schemathesis ({label}) took longer than {TIME_LIMIT:?}"))
        .expect("schemathesis runs");
    let _ = std::fs::remove_dir_all(dir);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{version} ({label}, {}) found failures:\n{stdout}\n{stderr}",
        agora_tests::app::backend_name()
    );
    // A run that tested nothing also exits 0: every selected operation must have been tested.
    let count = |prefix: &str| {
        stdout
            .lines()
            .find_map(|l| l.trim().strip_prefix(prefix))
            .and_then(|rest| rest.split('/').next())
            .and_then(|n| n.trim().parse::<usize>().ok())
            .unwrap_or(0)
    };
    let (selected, tested) = (count("Selected:"), count("Tested:"));
    assert!(
        selected >= min_operations && tested == selected,
        "schemathesis ({label}) tested {tested} of {selected} operations:\n{stdout}"
    );
    // Its summary (operations, cases, checks) goes to the test log.
    let summary: Vec<&str> = stdout.lines().rev().take(25).collect();
    eprintln!(
        "{version} ({label}) passed in {:.0?}:\n{}",
        started.elapsed(),
        summary.into_iter().rev().collect::<Vec<_>>().join("\n")
    );
}

/// A longer or different exploration on request, e.g. `AGORA_FUZZ_MAX_EXAMPLES=200`.
fn setting(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

/// The installed schemathesis version, or `None` (after printing `SKIPPED: ...`) when the command
/// is missing, unless `AGORA_TEST_REQUIRE_ALL` is set, in which case it panics.
async fn schemathesis_version() -> Option<String> {
    let reason = match Command::new("schemathesis")
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .await
    {
        Ok(out) if out.status.success() => {
            // "schemathesis, version 4.32.5"
            let text = String::from_utf8_lossy(&out.stdout);
            let version = text.trim().rsplit(' ').next().unwrap_or_default();
            return Some(format!("schemathesis {version}"));
        }
        Ok(out) => format!(
            "schemathesis --version failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ),
        Err(e) => format!("schemathesis not runnable (pip install schemathesis): {e}"),
    };
    agora_tests::skips::unavailable("schemathesis", &reason)
}

/// Found by the battery: the history cursors at the ends of the i64 range overflowed (a panic,
/// answered 500).
#[tokio::test]
async fn history_cursors_at_the_ends_of_the_range_answer_200() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    for query in [
        format!("after={}", i64::MIN),
        format!("before={}", i64::MAX),
        format!("around={}", i64::MIN),
        format!("around={}", i64::MAX),
    ] {
        let path = format!(
            "/api/v1/channels/{}/messages?{query}",
            world.general_channel
        );
        let res = world.admin_a.session.get(&path).await;
        assert_eq!(res.status().as_u16(), 200, "GET {path}");
    }
}
