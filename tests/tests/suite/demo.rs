//! `agora demo` fills an empty database with a multilingual network through the services, and
//! refuses to touch a database that already holds organisations or people.

use agora::db::schema::{messages, organisations, users, workspaces};
use agora_tests::app::backend_name;
use agora_tests::spawn_app;
use diesel::prelude::*;
use serde_json::Value;

async fn counts(app: &agora_tests::TestApp) -> (i64, i64, i64, i64, Vec<String>) {
    app.state
        .db
        .read(|conn| {
            let orgs: i64 = organisations::table.count().get_result(conn)?;
            let people: i64 = users::table.count().get_result(conn)?;
            let spaces: i64 = workspaces::table.count().get_result(conn)?;
            let posts: i64 = messages::table.count().get_result(conn)?;
            let mut languages: Vec<String> = messages::table
                .select(messages::language)
                .distinct()
                .load(conn)?;
            languages.sort();
            Ok((orgs, people, spaces, posts, languages))
        })
        .await
        .expect("counts")
}

#[tokio::test]
async fn demo_fills_an_empty_database_once() {
    let app = spawn_app().await;
    let report = agora::demo::run(&app.state)
        .await
        .unwrap_or_else(|e| panic!("demo on {}: {e:#}", backend_name()));

    let (orgs, people, spaces, posts, languages) = counts(&app).await;
    assert!(orgs >= 8, "{orgs} organisations");
    assert!(people >= 10, "{people} people");
    assert!(spaces >= 4, "{spaces} workspaces");
    assert!(posts >= 40, "{posts} messages");
    for tag in ["nl", "fr", "es", "en"] {
        assert!(
            languages.iter().any(|l| l == tag),
            "no message detected as {tag}: {languages:?}"
        );
    }
    assert_eq!(report.messages as i64, posts);
    assert_eq!(report.organisations as i64, orgs);
    // Every entry of server/demo/network.toml arrives: a lost organisation, person, workspace,
    // channel, conversation or message changes one of these.
    assert_eq!(
        (orgs, people, spaces, posts),
        (9, 17, 4, 59),
        "organisations, people, workspaces, messages"
    );
    assert_eq!(
        (report.channels, report.direct_conversations),
        (12, 2),
        "channels, direct conversations"
    );
    let per_language: Vec<(&str, usize)> = report
        .languages
        .iter()
        .map(|(tag, n)| (tag.as_str(), *n))
        .collect();
    assert_eq!(
        per_language,
        [("en", 10), ("es", 8), ("fr", 26), ("nl", 15)],
        "messages per detected language"
    );
    assert_eq!(report.accounts.len(), 6, "featured accounts");
    let printed = report.instructions("http://127.0.0.1:8080");
    assert!(printed.contains(agora::demo::PASSWORD), "{printed}");
    assert!(printed.contains("/signin"), "{printed}");

    // A Bohicon official signs in with the demo password and finds the French thread.
    let bohicon = report
        .accounts
        .iter()
        .find(|a| a.organisation == "Commune de Bohicon")
        .expect("a Bohicon account is listed");
    let mut session = app.session();
    session.sign_in(&bohicon.email, agora::demo::PASSWORD).await;
    let res = session.get("/api/v1/search?q=budget%20participatif").await;
    assert_eq!(res.status().as_u16(), 200);
    let hits: Vec<Value> = res.json().await.expect("json");
    assert!(!hits.is_empty(), "no hit for budget participatif");
    assert!(
        hits.iter()
            .any(|h| h["message"]["language"] == "fr" && h["channel_name"] == "budget-participatif"),
        "{hits:#?}"
    );
    // The workspaces list shows unread messages left by the demo.
    let res = session.get("/api/v1/unread").await;
    assert_eq!(res.status().as_u16(), 200);
    let unread: Value = res.json().await.expect("json");
    assert!(unread["unread"].as_i64().unwrap_or(0) > 0, "{unread}");

    // Running it again refuses and changes nothing.
    let err = agora::demo::run(&app.state)
        .await
        .expect_err("a second run must refuse");
    assert!(err.to_string().contains("not empty"), "{err:#}");
    assert_eq!(counts(&app).await, (orgs, people, spaces, posts, languages));
}

#[tokio::test]
async fn demo_data_with_a_mistake_is_named_and_writes_nothing() {
    let app = spawn_app().await;
    let bad = agora::demo::loader::NETWORK.replacen("by = \"florent\"", "by = \"florence\"", 1);
    let err = agora::demo::run_from(&app.state, &bad)
        .await
        .expect_err("a message by nobody must be refused");
    let err = err.to_string();
    assert!(
        err.contains("unknown person `florence`") && err.contains("workspace `Jumelage"),
        "{err}"
    );
    assert_eq!(counts(&app).await, (0, 0, 0, 0, Vec::new()), "{err}");
}

#[tokio::test]
async fn demo_refuses_a_database_with_people() {
    let app = spawn_app().await;
    agora_tests::personas::World::build(&app).await;
    let err = agora::demo::run(&app.state)
        .await
        .expect_err("an existing network must be refused");
    assert!(err.to_string().contains("not empty"), "{err:#}");
}
