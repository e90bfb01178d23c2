//! (e) Server memory per idle websocket: a fresh server process of its own and the clients in
//! another one, so neither shares the other's heap.

use std::time::Duration;

use anyhow::Context;

use agora::accounts::user::{NewUser, User};
use agora::organisations::model::{NewOrganisationRow, Organisation};
use agora_shared::api::{Language, OrgKind, OrgRole, UserKind, UserStatus};

use crate::app::{App, Backend, step};
use crate::child;
use crate::plan::Plan;
use crate::report::{Row, row};

/// Open websockets and resident KiB of the memory benchmark's server process.
async fn stat(server: &mut child::Child) -> anyhow::Result<(u64, u64)> {
    server.send("stat").await?;
    let line = server.expect("stat").await?;
    let mut words = line.split_whitespace().map(|w| w.parse::<u64>());
    Ok((
        words.next().context("count")??,
        words.next().context("rss")??,
    ))
}

/// (e) Resident memory of a fresh server process (no password hashing ever ran in it) before
/// and after a separate client process opens `idle_sockets` authenticated websockets, in two
/// equal batches.
pub async fn run(plan: &Plan) -> anyhow::Result<Vec<Row>> {
    let people = 100;
    let mut server = child::Child::spawn(&["--memory-server".into(), people.to_string()])?;
    let ready = server.expect("ready").await?;
    let (port, file) = ready.split_once(' ').context("ready line")?;
    let mut clients = child::Child::spawn(&["--ws-child".into(), format!("idle:{port}:{file}")])?;
    clients.expect("ready").await?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let half = plan.idle_sockets / 2;
    let mut rss = vec![stat(&mut server).await?.1];
    let mut client_rss = vec![child::rss_kib(clients.pid())];
    for _ in 0..2 {
        clients.send(&format!("open {half}")).await?;
        let open: u64 = clients.expect("ok").await?.parse()?;
        // Let every server task settle (hello sent, queues idle) before measuring.
        tokio::time::sleep(Duration::from_secs(2)).await;
        let (registered, now) = stat(&mut server).await?;
        anyhow::ensure!(
            registered == open,
            "{registered} websockets registered, {open} opened"
        );
        rss.push(now);
        client_rss.push(child::rss_kib(clients.pid()));
    }
    clients.quit().await;
    server.quit().await;
    let n = plan.idle_sockets as f64;
    let per = (rss[2] as f64 - rss[0] as f64) / n;
    let first = (rss[1] as f64 - rss[0] as f64) / half as f64;
    let second = (rss[2] as f64 - rss[1] as f64) / half as f64;
    let client_per = (client_rss[2] as f64 - client_rss[0] as f64) / n;
    eprintln!(
        "(e) server RSS {} → {} → {} KiB; client process {} → {} → {} KiB",
        rss[0], rss[1], rss[2], client_rss[0], client_rss[1], client_rss[2]
    );
    Ok(vec![
        row(
            "e",
            &format!(
                "server RSS per idle websocket ({} sockets of {people} people)",
                plan.idle_sockets
            ),
            format!("{per:.1} KiB (first half {first:.1}, second half {second:.1})"),
            "≤ 8 KiB",
            Some(per <= 8.0),
        ),
        row(
            "e",
            "client process RSS per websocket (tokio-tungstenite, 4 KiB read buffer)",
            format!("{client_per:.1} KiB"),
            "",
            None,
        ),
    ])
}

/// The server process of the memory benchmark: `--memory-server <people>`. Starts the
/// application on SQLite, inserts one organisation and `people` people with a session each
/// (created directly: no password hashing, whose large buffers would stay in the heap), writes the
/// session tokens to a file and prints `ready <port> <file>`. Then `stat` prints
/// `stat <open websockets> <resident KiB>` and `quit` stops it.
pub async fn server(people: usize) -> anyhow::Result<()> {
    use std::io::BufRead;
    let app = App::start(Backend::Sqlite, None).await?;
    let tokens = step(
        "sessions",
        app.state
            .db
            .write(move |conn| {
                let now = agora::time::now();
                let org = Organisation::insert(
                    conn,
                    &NewOrganisationRow::active(
                        "Stad Mechelen",
                        OrgKind::FlemishMunicipality,
                        "BE",
                        Language::Nl,
                        now,
                    ),
                )?;
                let mut tokens = Vec::new();
                for i in 0..people {
                    let user = User::insert(
                        conn,
                        &NewUser {
                            organisation_id: org.id,
                            email: &format!("person{i}@bench.example"),
                            password_hash: "not a hash: nobody signs in with a password here",
                            display_name: &format!("Person {i}"),
                            function: "",
                            kind: UserKind::Official,
                            role: OrgRole::Member,
                            status: UserStatus::Active,
                            interface_language: Language::Nl,
                            languages_read: "nl",
                            time_zone: "Europe/Brussels",
                            created_at: now,
                            updated_at: now,
                        },
                    )?;
                    tokens.push(agora::accounts::session::create(
                        conn,
                        &user,
                        now,
                        chrono::Duration::days(1),
                    )?);
                }
                Ok(tokens)
            })
            .await,
    )?;
    let file = app.data_dir().join("tokens");
    std::fs::write(&file, tokens.join("\n"))?;
    println!("ready {} {}", app.addr.port(), file.display());
    let (tx, mut commands) = tokio::sync::mpsc::unbounded_channel::<String>();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    while let Some(line) = commands.recv().await {
        match line.trim() {
            "stat" => println!(
                "stat {} {}",
                app.state.hub.connection_count(),
                child::rss_kib(None)
            ),
            _ => break,
        }
    }
    app.stop().await;
    Ok(())
}
