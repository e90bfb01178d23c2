//! `agora-bench`: starts the real application in-process on 127.0.0.1:0 with a fresh database,
//! seeds it through the models and services, and measures, on loopback only, bounded in count
//! and time:
//!
//! - (a) post → deliver latency: websocket clients in one channel, one poster at a fixed rate;
//! - (b) sustained posts per second persisted, over HTTP and through the service directly;
//! - (c) history pages per second, with their latency;
//! - (d) unread counts of one person reading many channels, over HTTP and the bare query;
//! - (e) server memory per idle websocket, the clients living in a separate process;
//! - (f) emails per second through the outbox and the pooled SMTP transport to a local sink;
//! - (g) digests of 10,000 to 200,000 people: select, compose, queue and render, peak memory;
//! - (h) (a)'s post → deliver p99 alone and while a digest run of `--load-people` is going on.
//!
//! `cargo run --release -p agora-bench [-- --quick] [-- --backend postgres]`; see BENCHMARKS.md.

mod app;
mod child;
mod digest_load;
mod digests;
mod email;
mod history;
mod http;
mod latency;
mod memory;
mod person;
mod plan;
mod probe;
mod report;
mod seed;
mod stats;
mod tab;
mod throughput;
mod trace;
mod unread;
mod world;
mod ws;

use std::time::Instant;

use anyhow::Context;
use clap::Parser;

use app::Backend;
use plan::Plan;
use world::World;

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
    /// People of each run of (g), comma-separated (default 10,000, 100,000 and 200,000; 2,000
    /// with `--quick`).
    #[arg(long, value_delimiter = ',')]
    digest_people: Vec<i64>,
    /// People of the digest run that (h) measures (a) during (default 100,000; 2,000 with
    /// `--quick`).
    #[arg(long)]
    load_people: Option<i64>,
    /// Run only these benchmarks (letters a to h, comma-separated).
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
        return runtime.block_on(memory::server(people));
    }
    runtime.block_on(run(args))
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
    eprintln!("agora-bench on {:?}: {}", backend, report::machine());
    let started = Instant::now();
    let mut rows = Vec::new();
    // (g) seeds networks of its own, each in a fresh database.
    if wanted("g") {
        let sizes = match (&args.digest_people[..], args.quick) {
            ([], true) => vec![2_000],
            ([], false) => vec![10_000, 100_000, 200_000],
            (sizes, _) => sizes.to_vec(),
        };
        rows.extend(digests::run(backend, args.database_url.as_deref(), &sizes).await?);
    }
    // (h) too: its world holds a bulk network besides (a)'s people.
    if wanted("h") {
        let people = args
            .load_people
            .unwrap_or(if args.quick { 2_000 } else { 100_000 });
        rows.extend(digest_load::run(backend, args.database_url.as_deref(), &plan, people).await?);
    }
    if !["a", "b", "c", "d", "e", "f"].iter().any(|b| wanted(b)) {
        return finish(backend, started, args.quick, &rows);
    }
    let world = World::start(
        backend,
        args.database_url.as_deref(),
        plan.clients,
        plan.unread_channels,
        plan.posters,
        None,
    )
    .await?;

    // (e) runs in a server process of its own; its clients and those of (a) in another one.
    if wanted("e") {
        rows.extend(memory::run(&plan).await?);
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
        rows.extend(throughput::run(&world, &plan).await?);
    }
    if wanted("c") {
        rows.extend(history::run(&world, &plan).await?);
    }
    if wanted("d") {
        rows.extend(unread::run(&world, &plan).await?);
    }
    if wanted("f") {
        rows.extend(email::run(&world, &plan).await?);
    }
    if args.keep_database {
        eprintln!("database kept: {}", world.stop_keeping_database().await);
    } else {
        world.stop().await;
    }

    finish(backend, started, args.quick, &rows)
}

/// Prints the results table under the line that says where and how long it ran.
fn finish(
    backend: Backend,
    started: Instant,
    quick: bool,
    rows: &[report::Row],
) -> anyhow::Result<()> {
    println!();
    println!(
        "Backend: {:?}. Machine: {}. Total time {:.0} s{}.",
        backend,
        report::machine(),
        started.elapsed().as_secs_f64(),
        if quick { " (--quick)" } else { "" }
    );
    println!();
    report::print_table(rows);
    Ok(())
}
