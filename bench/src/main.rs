//! `agora-bench`: starts the real application in-process on 127.0.0.1:0 with a fresh database,
//! seeds it through the models and services, and measures, on loopback only, bounded in count
//! and time:
//!
//! - (a) post → deliver latency: websocket clients in one channel, one poster at a fixed rate;
//! - (b) sustained posts per second persisted, over HTTP and through the service directly;
//! - (c) history pages per second, with their latency;
//! - (d) unread counts of one person reading many channels, over HTTP and the bare query;
//! - (e) server memory per idle websocket, the clients living in a separate process.
//!
//! `cargo run --release -p agora-bench [-- --quick] [-- --backend postgres]`; see BENCHMARKS.md.

mod child;
mod http;
mod latency;
mod stats;
mod tab;
mod trace;
mod world;
mod ws;

use std::time::{Duration, Instant};

use agora_shared::conversations::NewMessage;
use anyhow::Context;
use clap::Parser;
use futures_util::StreamExt;

use stats::{Samples, ms};
use world::{Backend, World};

#[derive(Parser)]
#[command(
    name = "agora-bench",
    about = "Benchmarks of Agora: the real server in-process, clients on loopback"
)]
struct Args {
    /// `sqlite` (a fresh file in a temporary folder) or `postgres`.
    #[arg(long, default_value = "sqlite")]
    backend: String,
    /// Postgres server URL; a fresh database is created on it and dropped afterwards.
    #[arg(long, env = "AGORA_TEST_DATABASE_URL")]
    database_url: Option<String>,
    /// Shorter runs and fewer sockets: a smoke test, not a measurement.
    #[arg(long)]
    quick: bool,
    /// Keep the database afterwards (for EXPLAIN and the like) and print where it is.
    #[arg(long)]
    keep_database: bool,
    /// Run only these benchmarks (letters a to e, comma-separated).
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// How the clients of (a) answer events, comma-separated, one run each: `tab` (today's
    /// browser script), `old-tab` (the script before the one-way live path), `frames` (none).
    #[arg(long, value_delimiter = ',', default_value = "tab")]
    tabs: Vec<String>,
    /// Internal: a websocket client process (`mode:port:tokens file[:warm-up[:script]]`).
    #[arg(long, hide = true)]
    ws_child: Option<String>,
    /// Internal: the server process of the memory benchmark, with this many people.
    #[arg(long, hide = true)]
    memory_server: Option<usize>,
}

/// Sizes and durations of one run.
struct Plan {
    clients: usize,
    rate: u64,
    latency_secs: u64,
    /// Closed-loop posters of (a)'s sustained phase, and how long it lasts.
    sustain_posters: usize,
    sustain_secs: u64,
    posters: usize,
    post_secs: u64,
    history_connections: usize,
    history_secs: u64,
    unread_channels: usize,
    unread_calls: usize,
    idle_sockets: usize,
    big_channel: usize,
}

impl Plan {
    fn new(quick: bool) -> Plan {
        if quick {
            Plan {
                clients: 100,
                rate: 100,
                latency_secs: 4,
                sustain_posters: 4,
                sustain_secs: 3,
                posters: 8,
                post_secs: 3,
                history_connections: 16,
                history_secs: 3,
                unread_channels: 1000,
                unread_calls: 500,
                idle_sockets: 500,
                big_channel: 2_000,
            }
        } else {
            Plan {
                clients: 100,
                rate: 100,
                latency_secs: 20,
                sustain_posters: 4,
                sustain_secs: 10,
                posters: 8,
                post_secs: 10,
                history_connections: 16,
                history_secs: 10,
                unread_channels: 1000,
                unread_calls: 2000,
                idle_sockets: 2000,
                big_channel: 20_000,
            }
        }
    }
}

/// One line of the results table.
struct Row {
    bench: &'static str,
    measure: String,
    result: String,
    target: String,
    verdict: &'static str,
}

fn row(bench: &'static str, measure: &str, result: String, target: &str, met: Option<bool>) -> Row {
    Row {
        bench,
        measure: measure.into(),
        result,
        target: target.into(),
        verdict: match met {
            Some(true) => "met",
            Some(false) => "**missed**",
            None => "",
        },
    }
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    if let Some(spec) = &args.ws_child {
        return runtime.block_on(ws::child(spec));
    }
    if let Some(people) = args.memory_server {
        return runtime.block_on(world::memory_server(people));
    }
    runtime.block_on(run(args))
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_default();
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .next()
                .map(|l| l.split_whitespace().nth(1).unwrap_or("").to_string())
        })
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(String::new(), |kb| {
            format!("{:.1} GiB", kb as f64 / 1024.0 / 1024.0)
        });
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!(
        "{} cores ({cpu}), {mem} RAM, Linux {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        kernel.trim()
    )
}

async fn run(args: Args) -> anyhow::Result<()> {
    let backend = match args.backend.as_str() {
        "sqlite" => Backend::Sqlite,
        "postgres" | "postgresql" => Backend::Postgres,
        other => anyhow::bail!("--backend must be sqlite or postgres, not {other}"),
    };
    let plan = Plan::new(args.quick);
    trace::install()?;
    let wanted = |b: &str| args.only.is_empty() || args.only.iter().any(|o| o == b);
    eprintln!("agora-bench on {:?}: {}", backend, machine());
    let started = Instant::now();
    let world = World::start(
        backend,
        args.database_url.as_deref(),
        plan.clients,
        plan.unread_channels,
        plan.posters,
    )
    .await?;

    let mut rows = Vec::new();
    // (e) runs in a server process of its own; its clients and those of (a) in another one.
    if wanted("e") {
        rows.extend(idle_memory(&plan).await?);
    }
    if wanted("a") {
        for name in &args.tabs {
            let script = tab::Script::parse(name)
                .with_context(|| format!("--tabs: tab, old-tab or frames, not {name}"))?;
            rows.extend(latency::run(&world, &plan, script, latency::Load::Rate).await?);
            rows.extend(latency::run(&world, &plan, script, latency::Load::Closed).await?);
        }
    }
    if wanted("b") {
        rows.extend(throughput(&world, &plan).await?);
    }
    if wanted("c") {
        rows.extend(history(&world, &plan).await?);
    }
    if wanted("d") {
        rows.extend(unread(&world, &plan).await?);
    }
    if args.keep_database {
        eprintln!("database kept: {}", world.stop_keeping_database().await);
    } else {
        world.stop().await;
    }

    println!();
    println!(
        "Backend: {:?}. Machine: {}. Total time {:.0} s{}.",
        backend,
        machine(),
        started.elapsed().as_secs_f64(),
        if args.quick { " (--quick)" } else { "" }
    );
    println!();
    println!("| | Measure | Result | Target | |");
    println!("|---|---|---|---|---|");
    for r in &rows {
        println!(
            "| {} | {} | {} | {} | {} |",
            r.bench, r.measure, r.result, r.target, r.verdict
        );
    }
    Ok(())
}

/// (b) Concurrent posters, each in its own channel with every member as reader (nobody
/// connected), for a fixed time: 201s per second over HTTP, then the service called directly.
async fn throughput(world: &World, plan: &Plan) -> anyhow::Result<Vec<Row>> {
    let addr = world.addr;
    let secs = Duration::from_secs(plan.post_secs);
    let posters: Vec<(world::Person, i64)> = world
        .members
        .iter()
        .skip(1)
        .zip(world.load_channels.iter().copied())
        .map(|(p, c)| (p.clone(), c))
        .collect();

    let cpu = child::CpuWindow::start(&[None]);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (i, (person, channel)) in posters.iter().cloned().enumerate() {
        tasks.push(tokio::spawn(async move {
            let mut client = person.client(addr);
            let path = format!("/api/v1/channels/{channel}/messages");
            let mut times = Samples::default();
            let mut failed = 0u64;
            let mut n = 0u64;
            while started.elapsed() < secs {
                let body = serde_json::json!({
                    "body": format!("Poster {i}, bericht {n}: het verslag van de stuurgroep staat online.")
                })
                .to_string();
                let t = Instant::now();
                match client.send("POST", &path, Some(body.as_bytes())).await {
                    Ok(r) if r.status == 201 => times.push(t.elapsed()),
                    _ => failed += 1,
                }
                n += 1;
            }
            (times, failed)
        }));
    }
    let mut times = Samples::default();
    let mut failed = 0;
    for t in tasks {
        let (s, f) = t.await?;
        times.extend(s);
        failed += f;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let http_cpu = cpu.finish();
    let (http_cpu, http_others) = (http_cpu.ours[0], http_cpu.others);
    let http_rate = times.len() as f64 / elapsed;
    eprintln!(
        "(b) HTTP: {} posts created by {} posters in {elapsed:.1} s = {http_rate:.0}/s, {failed} failed; {}; CPU {http_cpu:.0} % of one core (other processes {http_others:.0} %)",
        times.len(),
        posters.len(),
        times.summary()
    );

    let (person, channel) = posters[0].clone();
    let path = format!("/api/v1/channels/{channel}/messages");
    let (_, post_profile) = trace::profile(50, person.client(addr), |mut c| {
        let path = path.clone();
        async move {
            let body = serde_json::json!({"body": "Het verslag van de stuurgroep staat online."})
                .to_string();
            let r = c.send("POST", &path, Some(body.as_bytes())).await?;
            anyhow::ensure!(r.status == 201, "traced post: {}", r.status);
            Ok(c)
        }
    })
    .await?;
    post_profile.show("(b) POST /api/v1/channels/{id}/messages");

    let cpu = child::CpuWindow::start(&[None]);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (i, (person, channel)) in posters.iter().cloned().enumerate() {
        let state = world.state.clone();
        tasks.push(tokio::spawn(async move {
            let mut n = 0u64;
            while started.elapsed() < secs {
                let input = NewMessage {
                    body: format!(
                        "Poster {i}, bericht {n}: het verslag van de stuurgroep staat online."
                    ),
                    thread_root_id: None,
                    language: None,
                    attachment_ids: Vec::new(),
                };
                agora::messaging::service::post(&state, &person.actor, channel, input)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
                n += 1;
            }
            Ok::<u64, anyhow::Error>(n)
        }));
    }
    let mut direct = 0;
    for t in tasks {
        direct += t.await??;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let direct_rate = direct as f64 / elapsed;
    let direct_cpu = cpu.finish();
    let (direct_cpu, direct_others) = (direct_cpu.ours[0], direct_cpu.others);
    eprintln!(
        "(b) service: {direct} posts = {direct_rate:.0}/s; CPU {direct_cpu:.0} % of one core (other processes {direct_others:.0} %)"
    );

    // CPU spent per post outside the database, on one core: Markdown + sanitising, language.
    let body = "Poster 3, bericht 812: het verslag van de stuurgroep staat online.";
    let cpu = tokio::task::spawn_blocking(move || {
        let n = 2000;
        let t = Instant::now();
        let names = std::collections::HashMap::new();
        for _ in 0..n {
            std::hint::black_box(agora::messaging::render::render(
                std::hint::black_box(body),
                &names,
            ));
        }
        let render = t.elapsed() / n;
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(agora::messaging::language::detect(
                std::hint::black_box(body),
                &["nl"],
            ));
        }
        (render, t.elapsed() / n)
    })
    .await?;
    eprintln!(
        "(b) per post on one core: render {:?}, language {:?}",
        cpu.0, cpu.1
    );

    Ok(vec![
        row(
            "b",
            &format!(
                "posts persisted per second over HTTP ({} posters)",
                posters.len()
            ),
            format!(
                "{http_rate:.0}/s ({failed} failed; CPU {http_cpu:.0} %, other processes {http_others:.0} % of one core)"
            ),
            "≥ 5,000/s",
            Some(http_rate >= 5000.0 && failed == 0),
        ),
        row(
            "b",
            "POST latency under that load p50 / p99",
            format!(
                "{} / {}",
                ms(times.percentile(50.0)),
                ms(times.percentile(99.0))
            ),
            "",
            None,
        ),
        row(
            "b",
            "posts per second through the service, no HTTP",
            format!(
                "{direct_rate:.0}/s (CPU {direct_cpu:.0} %, other processes {direct_others:.0} % of one core)"
            ),
            "",
            None,
        ),
        row(
            "b",
            "SQL statements per HTTP post (session lookup included); their time",
            format!(
                "{:.0}; {:.2} ms",
                post_profile.per_request(),
                post_profile.micros_per_request() / 1000.0
            ),
            "",
            None,
        ),
        row(
            "b",
            "CPU per post for rendering / language detection",
            format!(
                "{:.0} µs / {:.0} µs",
                cpu.0.as_secs_f64() * 1e6,
                cpu.1.as_secs_f64() * 1e6
            ),
            "",
            None,
        ),
    ])
}

/// (c) Concurrent keep-alive connections fetching the newest page of a busy channel.
async fn history(world: &World, plan: &Plan) -> anyhow::Result<Vec<Row>> {
    let addr = world.addr;
    let channel = world.hot_channel;
    // Without (a) before it, the channel needs history of its own.
    let last_seq = {
        let mut c = world.members[0].client(addr);
        c.send("GET", &format!("/api/v1/channels/{channel}"), None)
            .await?
            .json()?["last_seq"]
            .as_i64()
            .unwrap_or(0)
    };
    let busy_len = if last_seq < 200 {
        last_seq + 200
    } else {
        last_seq
    };
    if last_seq < 200 {
        let actor = world.members[0].actor;
        for n in 0..200 {
            agora::messaging::service::post(
                &world.state,
                &actor,
                channel,
                NewMessage {
                    body: format!("Bericht {n} over de voorbereiding van de missie naar Bohicon."),
                    thread_root_id: None,
                    language: None,
                    attachment_ids: Vec::new(),
                },
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        }
    }
    let path = format!("/api/v1/channels/{channel}/messages");
    let secs = Duration::from_secs(plan.history_secs);
    let (mut probe, history_profile) =
        trace::profile(50, world.members[0].client(addr), |mut c| {
            let path = path.clone();
            async move {
                let r = c.send("GET", &path, None).await?;
                anyhow::ensure!(r.status == 200, "traced history: {}", r.status);
                Ok(c)
            }
        })
        .await?;
    history_profile.show("(c) GET /api/v1/channels/{id}/messages");
    let first = probe.send("GET", &path, None).await?;
    let page = first.json()?;
    let messages = page["messages"].as_array().map_or(0, Vec::len);
    let bytes = first.body.len();

    let cpu = child::CpuWindow::start(&[None]);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for person in world.members.iter().cycle().take(plan.history_connections) {
        let path = path.clone();
        let mut client = person.client(addr);
        tasks.push(tokio::spawn(async move {
            let mut times = Samples::default();
            let mut failed = 0u64;
            while started.elapsed() < secs {
                let t = Instant::now();
                match client.send("GET", &path, None).await {
                    Ok(r) if r.status == 200 => times.push(t.elapsed()),
                    _ => failed += 1,
                }
            }
            (times, failed)
        }));
    }
    let mut times = Samples::default();
    let mut failed = 0;
    for t in tasks {
        let (s, f) = t.await?;
        times.extend(s);
        failed += f;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let cpu = cpu.finish();
    let (cpu, others) = (cpu.ours[0], cpu.others);
    let rate = times.len() as f64 / elapsed;
    let p99 = times.percentile(99.0);
    eprintln!(
        "(c) {} pages of {messages} messages ({bytes} bytes) with {} connections = {rate:.0}/s, {failed} failed; {}; CPU {cpu:.0} % of one core (other processes {others:.0} %)",
        times.len(),
        plan.history_connections,
        times.summary()
    );
    let (small, big, big_len) = history_growth(world, plan, &path).await?;
    Ok(vec![
        row(
            "c",
            &format!(
                "history pages per second ({messages} messages, {:.0} KB each, {} connections)",
                bytes as f64 / 1000.0,
                plan.history_connections
            ),
            format!(
                "{rate:.0}/s ({failed} failed; CPU {cpu:.0} %, other processes {others:.0} % of one core)"
            ),
            "≥ 15,000/s",
            Some(rate >= 15000.0 && failed == 0),
        ),
        row(
            "c",
            "SQL statements per history page; their time",
            format!(
                "{:.0}; {:.2} ms",
                history_profile.per_request(),
                history_profile.micros_per_request() / 1000.0
            ),
            "",
            None,
        ),
        row(
            "c",
            "history latency p50 / p99",
            format!("{} / {}", ms(times.percentile(50.0)), ms(p99)),
            "p99 ≤ 20 ms",
            Some(p99 <= Duration::from_millis(20)),
        ),
        row(
            "c",
            &format!(
                "newest page alone, p50: {busy_len}-message channel / {big_len}-message channel"
            ),
            format!("{} / {}", ms(small), ms(big)),
            "",
            None,
        ),
    ])
}

/// The newest page of the busy channel and of a channel with `big_channel` messages (posted
/// through the service), each fetched 200 times by one connection: the page's cost should not
/// grow with the channel.
async fn history_growth(
    world: &World,
    plan: &Plan,
    busy_path: &str,
) -> anyhow::Result<(Duration, Duration, usize)> {
    let owner = world.members[0].actor;
    let channel = agora::messaging::service::create_channel(
        &world.state,
        &owner,
        world.workspace_id,
        agora_shared::conversations::NewChannel {
            name: "archive".into(),
            topic: String::new(),
            private: false,
            member_ids: Vec::new(),
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))?
    .id;
    let started = Instant::now();
    let posted = futures_util::stream::iter(0..plan.big_channel)
        .map(|n| {
            let state = world.state.clone();
            async move {
                agora::messaging::service::post(
                    &state,
                    &owner,
                    channel,
                    NewMessage {
                        body: format!("Archiefbericht {n}: verslag van de werkgroep."),
                        thread_root_id: None,
                        language: None,
                        attachment_ids: Vec::new(),
                    },
                )
                .await
            }
        })
        .buffer_unordered(8)
        .collect::<Vec<_>>()
        .await;
    for p in posted {
        p.map_err(|e| anyhow::anyhow!("{e:?}"))?;
    }
    eprintln!(
        "(c) posted {} messages into one channel in {:.1} s",
        plan.big_channel,
        started.elapsed().as_secs_f64()
    );
    let mut client = world.members[0].client(world.addr);
    let mut time = async |path: &str| -> anyhow::Result<Samples> {
        let mut s = Samples::default();
        for _ in 0..200 {
            let t = Instant::now();
            let r = client.send("GET", path, None).await?;
            anyhow::ensure!(r.status == 200, "history: {}", r.status);
            s.push(t.elapsed());
        }
        Ok(s)
    };
    let mut small = time(busy_path).await?;
    let mut big = time(&format!("/api/v1/channels/{channel}/messages")).await?;
    eprintln!(
        "(c) newest page alone: busy channel {}; {}-message channel {}",
        small.summary(),
        plan.big_channel,
        big.summary()
    );
    Ok((
        small.percentile(50.0),
        big.percentile(50.0),
        plan.big_channel,
    ))
}

/// (d) `GET /api/v1/unread` of a person in `unread_channels` channels, called one after the
/// other, and the bare query on one connection.
async fn unread(world: &World, plan: &Plan) -> anyhow::Result<Vec<Row>> {
    let addr = world.addr;
    let (mut client, unread_profile) =
        trace::profile(50, world.reader.client(addr), |mut c| async {
            let r = c.send("GET", "/api/v1/unread", None).await?;
            anyhow::ensure!(r.status == 200, "traced unread: {}", r.status);
            Ok(c)
        })
        .await?;
    unread_profile.show("(d) GET /api/v1/unread");
    let first = client.send("GET", "/api/v1/unread", None).await?;
    let body = first.json()?;
    let channels = body["channels"].as_array().map_or(0, Vec::len);
    anyhow::ensure!(
        channels == world.reader_channels,
        "the reader has {channels} channels, not {}",
        world.reader_channels
    );
    for _ in 0..50 {
        client.send("GET", "/api/v1/unread", None).await?;
    }
    let mut times = Samples::with_capacity(plan.unread_calls);
    let cpu = child::CpuWindow::start(&[None]);
    for _ in 0..plan.unread_calls {
        let t = Instant::now();
        let r = client.send("GET", "/api/v1/unread", None).await?;
        anyhow::ensure!(r.status == 200, "unread: {}", r.status);
        times.push(t.elapsed());
    }
    let cpu = cpu.finish();
    eprintln!(
        "(d) GET /api/v1/unread, {channels} channels, {} unread, {} mentions, {} bytes: {}; CPU {:.0} % of one core (other processes {:.0} %)",
        body["unread"],
        body["mentions"],
        first.body.len(),
        times.summary(),
        cpu.ours[0],
        cpu.others
    );
    let db = world.state.db.clone();
    let (user_id, calls) = (world.reader.id, plan.unread_calls);
    let mut bare = tokio::task::spawn_blocking(move || -> anyhow::Result<Samples> {
        let mut conn = db.get().map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let mut times = Samples::with_capacity(calls);
        for _ in 0..calls {
            let t = Instant::now();
            let counts = agora::db::search::unread_counts(&mut conn, user_id)
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            times.push(t.elapsed());
            std::hint::black_box(counts);
        }
        Ok(times)
    })
    .await??;
    eprintln!("(d) db::search::unread_counts: {}", bare.summary());
    // The session lookup every request makes, alone on one connection.
    let db = world.state.db.clone();
    let token = world.reader.session().token.clone();
    let mut lookup = tokio::task::spawn_blocking(move || -> anyhow::Result<Samples> {
        let mut conn = db.get().map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let mut times = Samples::with_capacity(calls);
        for _ in 0..calls {
            let t = Instant::now();
            let found = agora::accounts::session::find_live(&mut conn, &token, agora::time::now())
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            times.push(t.elapsed());
            anyhow::ensure!(found.is_some(), "session not found");
        }
        Ok(times)
    })
    .await??;
    eprintln!("(d) accounts::session::find_live: {}", lookup.summary());
    let p99 = times.percentile(99.0);
    Ok(vec![
        row(
            "d",
            &format!("GET /api/v1/unread, {channels} channels, p50 / p99"),
            format!(
                "{} / {} (other processes {:.0} % of one core)",
                ms(times.percentile(50.0)),
                ms(p99),
                cpu.others
            ),
            "p99 ≤ 2 ms",
            Some(p99 <= Duration::from_millis(2)),
        ),
        row(
            "d",
            "bare `accounts::session::find_live` (every request's session lookup) p50 / p99",
            format!(
                "{} / {}",
                ms(lookup.percentile(50.0)),
                ms(lookup.percentile(99.0))
            ),
            "",
            None,
        ),
        row(
            "d",
            "bare `db::search::unread_counts` p50 / p99",
            format!(
                "{} / {}",
                ms(bare.percentile(50.0)),
                ms(bare.percentile(99.0))
            ),
            "",
            None,
        ),
    ])
}

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
async fn idle_memory(plan: &Plan) -> anyhow::Result<Vec<Row>> {
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
