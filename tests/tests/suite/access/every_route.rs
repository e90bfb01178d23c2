//! Runs the table: every row against every persona, each row on an application of its own, and
//! after each membership change the read-marker invariant.

use super::*;

/// What a persona got: the status (with the `Location` of a redirect) and the body.
struct Answer {
    got: String,
    body: String,
}

async fn send(
    session: &mut Session,
    row: &Row,
    path: &str,
    signed_out: bool,
    subs: &[(&'static str, String)],
) -> Answer {
    // A signed-out browser has loaded a page first, which gives its forms a CSRF token.
    if signed_out {
        session.page("/signin").await;
    }
    let method = Method::from_bytes(row.method.as_bytes()).expect("method");
    let res = match &row.body {
        Body::None => session.api(method, path, None).await,
        Body::Json(v) => {
            // `"{placeholder}"` alone in a string stands for the number itself.
            let mut text = v.to_string();
            for (from, to) in subs {
                if to.parse::<i64>().is_ok() {
                    text = text.replace(&format!("\"{from}\""), to);
                }
            }
            let body = serde_json::from_str(&fill(subs, &text)).expect("json body");
            session.api(method, path, Some(body)).await
        }
        Body::Form(fields) => {
            let filled: Vec<(&str, String)> =
                fields.iter().map(|(k, v)| (*k, fill(subs, v))).collect();
            let pairs: Vec<(&str, &str)> = filled.iter().map(|(k, v)| (*k, v.as_str())).collect();
            session.post_form(path, &pairs).await
        }
    };
    let status = res.status().as_u16();
    let location = location(&res);
    let body = res.text().await.unwrap_or_default();
    assert!(
        status < 500,
        "{} {path} answered {status}: {body}",
        row.method
    );
    let got = if status == 303 {
        format!("303 {location}")
    } else {
        status.to_string()
    };
    Answer { got, body }
}

/// What is wrong with `answer` for `persona`: secrets it must not see, and secrets the row
/// shows that it lacks.
fn secret_failures(row: &Row, persona: P, expected: Expect, answer: &Answer) -> Vec<String> {
    let mut failures = Vec::new();
    // Search marks its matches (`<mark>`): a secret split by them is still shown.
    let text = answer.body.replace("<mark>", "").replace("</mark>", "");
    for secret in SECRETS {
        let may_see = secret.seen_by.contains(&persona);
        let shown = text.contains(secret.text);
        if shown && !may_see {
            failures.push(format!(
                "{} {} as {persona:?}: shows {:?}",
                row.method, row.path, secret.text
            ));
        }
        if may_see && !shown && expected.starts_with('2') && row.shows.contains(&secret.text) {
            failures.push(format!(
                "{} {} as {persona:?}: does not show {:?}",
                row.method, row.path, secret.text
            ));
        }
    }
    failures
}

/// Whether `row` may change who belongs where (organisations, workspaces, channels, direct
/// conversations): every write but those on messages, sessions, passwords and profiles.
fn changes_membership(row: &Row) -> bool {
    const UNRELATED: [&str; 10] = [
        "/messages",
        "/read",
        "/attachments",
        "/session",
        "/reset",
        "/password",
        "/profile",
        "/me",
        "/signin",
        "/signout",
    ];
    row.method != "GET" && row.path != "/setup" && !UNRELATED.iter().any(|u| row.path.contains(u))
}

async fn check_row(row: Row) -> Vec<String> {
    for shown in &row.shows {
        assert!(
            SECRETS.iter().any(|s| s.text == *shown),
            "{} {} shows {shown:?}, which is not a secret",
            row.method,
            row.path
        );
    }
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    let subs = substitutions(&app, &world);
    let path = concrete(&subs, &row);
    let mut anonymous = app.session();
    let mut failures = Vec::new();
    for (i, persona) in PERSONAS.into_iter().enumerate() {
        let (session, signed_out) = match persona {
            P::Anonymous => (&mut anonymous, true),
            P::DeactivatedA => (&mut world.deactivated_a.session, true),
            P::MemberB => (&mut world.member_b.session, false),
            P::AdminB => (&mut world.admin_b.session, false),
            P::Observer => (&mut world.observer.session, false),
            P::MemberA => (&mut world.member_a.session, false),
            P::Moderator => (&mut world.moderator.session, false),
            P::AdminA => (&mut world.admin_a.session, false),
            P::OutsideAdminA => (&mut world.outside_admin_a.session, false),
            P::NetworkAdmin => (&mut world.network_admin.session, false),
        };
        let answer = send(session, &row, &path, signed_out, &subs).await;
        let expected = row.expect[i];
        if !answer.got.starts_with(expected) {
            failures.push(format!(
                "{} {} as {persona:?}: expected {expected}, got {}",
                row.method, row.path, answer.got
            ));
        }
        failures.extend(secret_failures(&row, persona, expected, &answer));
        // Right after the change, so a drifting read marker is blamed on the request that
        // caused it rather than found later by search or delivery. A refused request (4xx)
        // made no change to check.
        if changes_membership(&row) && !answer.got.starts_with('4') {
            for mismatch in marker_mismatches(&app).await {
                failures.push(format!(
                    "{} {} as {persona:?} ({}): read markers disagree with the policy: {mismatch}",
                    row.method, row.path, answer.got
                ));
            }
        }
    }
    app.stop().await;
    failures
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_answers_every_persona_as_the_table_says() {
    let mut failures = Vec::new();
    let rows = table();
    let mut set = tokio::task::JoinSet::new();
    for row in rows {
        // A few apps at a time: each has its own database and personas.
        if set.len() >= 3
            && let Some(done) = set.join_next().await
        {
            failures.extend(done.expect("row task"));
        }
        set.spawn(check_row(row));
    }
    while let Some(done) = set.join_next().await {
        failures.extend(done.expect("row task"));
    }
    assert!(
        failures.is_empty(),
        "access table violations ({}):\n{}",
        agora_tests::app::backend_name(),
        failures.join("\n")
    );
}
