//! (a) Post → deliver: `clients` websockets in one channel with as many readers, held by a
//! separate client process, each answering events as a browser tab does ([`crate::tab`]).
//!
//! - [`Load::Rate`]: one of them posts `rate` messages per second over HTTP (open loop); every
//!   delivery's delay from the moment the request was written to the moment its event was read
//!   (wall clock shared by both processes).
//! - [`Load::Closed`]: `sustain_posters` of them post as fast as they get answers, while every
//!   reader's tab makes its requests: the posts per second the channel sustains.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::plan::Plan;
use crate::report::{Row, row};
use crate::stats::{Samples, ms};
use crate::tab::Script;
use crate::world::World;
use crate::{child, http, probe, ws};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Load {
    Rate,
    Closed,
}

pub async fn run(
    world: &World,
    plan: &Plan,
    script: Script,
    load: Load,
) -> anyhow::Result<Vec<Row>> {
    Ok(measure(world, plan, script, load).await?.0)
}

/// [`run`]'s rows, and its post → deliver p99.
pub async fn measure(
    world: &World,
    plan: &Plan,
    script: Script,
    load: Load,
) -> anyhow::Result<(Vec<Row>, Duration)> {
    let addr = world.addr;
    let people = &world.members[..plan.clients.min(world.members.len())];
    let lines: Vec<String> = people
        .iter()
        .map(|p| format!("{} {} {}", p.session().token, p.session().csrf, p.id))
        .collect();
    let file = std::env::temp_dir().join(format!("agora-bench-tokens-{}", std::process::id()));
    std::fs::write(&file, lines.join("\n"))?;
    let warmup = if load == Load::Rate { plan.rate } else { 0 };
    let mut clients = child::Child::spawn(&[
        "--ws-child".into(),
        format!(
            "latency:{}:{}:{warmup}:{}",
            addr.port(),
            file.display(),
            script.name()
        ),
    ])?;
    let connected: usize = clients.expect("ready").await?.parse()?;
    let _ = std::fs::remove_file(&file);
    let what = match load {
        Load::Rate => format!("{}/s for {} s", plan.rate, plan.latency_secs),
        Load::Closed => format!(
            "{} posters as fast as answered for {} s",
            plan.sustain_posters, plan.sustain_secs
        ),
    };
    eprintln!(
        "(a, {}) {connected} websockets connected, {}; posting {what}",
        script.name(),
        script.describe()
    );

    let path = Arc::new(format!("/api/v1/channels/{}/messages", world.hot_channel));
    let cpu = child::CpuWindow::start(&[None, clients.pid()]);
    let posting = Instant::now();
    let mut posts = Vec::new();
    match load {
        Load::Rate => {
            let poster = &people[0];
            let (token, csrf) = (
                poster.session().token.clone(),
                poster.session().csrf.clone(),
            );
            let pool: Arc<Mutex<Vec<http::Client>>> = Arc::default();
            let in_flight = Arc::new(tokio::sync::Semaphore::new(256));
            let total = plan.rate * plan.latency_secs;
            let mut ticker = tokio::time::interval(Duration::from_micros(1_000_000 / plan.rate));
            for seq in 0..total {
                ticker.tick().await;
                let permit = in_flight.clone().acquire_owned().await?;
                let (pool, path, token, csrf) =
                    (pool.clone(), path.clone(), token.clone(), csrf.clone());
                posts.push(tokio::spawn(async move {
                    let mut client = pool
                        .lock()
                        .expect("pool")
                        .pop()
                        .unwrap_or_else(|| http::Client::signed_in(addr, &token, &csrf));
                    let started = Instant::now();
                    let body = probe::body(seq, ws::wall_us());
                    let res = client.send("POST", &path, Some(&body)).await;
                    let took = started.elapsed();
                    pool.lock().expect("pool").push(client);
                    drop(permit);
                    vec![(res.map(|r| r.status).unwrap_or(0), took)]
                }));
            }
        }
        Load::Closed => {
            let next = Arc::new(AtomicU64::new(0));
            let until = Duration::from_secs(plan.sustain_secs);
            for person in people.iter().take(plan.sustain_posters) {
                let mut client = person.client(addr);
                let (path, next) = (path.clone(), next.clone());
                posts.push(tokio::spawn(async move {
                    let mut done = Vec::new();
                    while posting.elapsed() < until {
                        let seq = next.fetch_add(1, Ordering::Relaxed);
                        let started = Instant::now();
                        let body = probe::body(seq, ws::wall_us());
                        let res = client.send("POST", &path, Some(&body)).await;
                        done.push((res.map(|r| r.status).unwrap_or(0), started.elapsed()));
                    }
                    done
                }));
            }
        }
    }
    let mut post_times = Samples::default();
    let (mut created, mut sent) = (0u64, 0u64);
    for p in posts {
        for (status, took) in p.await? {
            sent += 1;
            if status == 201 {
                created += 1;
                post_times.push(took);
            }
        }
    }
    let posting_secs = posting.elapsed().as_secs_f64();
    let cpu = cpu.finish();
    let (server_cpu, client_cpu, others) = (cpu.ours[0], cpu.ours[1], cpu.others);
    let expected = created * connected as u64;
    clients.send(&format!("stop {expected}")).await?;
    let result: serde_json::Value = serde_json::from_str(&clients.expect("result").await?)?;
    clients.quit().await;
    let us = |k: &str| Duration::from_micros(result[k].as_u64().unwrap_or(0));
    let (p50, p99) = (us("p50"), us("p99"));
    let n = |k: &str| result[k].as_u64().unwrap_or(0);
    let (received, ended) = (n("received"), n("ended"));
    let per_post = |k: &str| n(k) as f64 / created.max(1) as f64;
    eprintln!(
        "(a, {}) {created}/{sent} posts created in {posting_secs:.1} s; {received}/{expected} deliveries; \
         post→deliver p50 {}, p90 {}, p99 {}, p99.9 {}, max {} (n = {}); POST {}; \
         tab requests: {} fragments, {} mark-reads, {} failed, {} in flight at the end; \
         CPU: server process {server_cpu:.0} %, client process {client_cpu:.0} %, other processes {others:.0} % of one core",
        script.name(),
        ms(p50),
        ms(us("p90")),
        ms(p99),
        ms(us("p999")),
        ms(us("max")),
        result["n"],
        post_times.summary(),
        n("fragments"),
        n("reads"),
        n("failed"),
        n("in_flight"),
    );
    if ended > 0 {
        eprintln!(
            "(a) {ended} sockets ended early, e.g. {}",
            result["first_end"]
        );
    }
    let setup = format!("{} clients, {}, {what}", plan.clients, script.name());
    let mut rows = Vec::new();
    if load == Load::Closed {
        rows.push(row(
            "a",
            &format!("sustained posts/s ({setup})"),
            format!("{:.0}/s", created as f64 / posting_secs.max(1e-3)),
            "",
            None,
        ));
    }
    rows.extend([
        row(
            "a",
            &format!("post → deliver p50 / p99 ({setup})"),
            format!("{} / {}", ms(p50), ms(p99)),
            if load == Load::Rate {
                "≤ 5 / ≤ 25 ms"
            } else {
                ""
            },
            (load == Load::Rate)
                .then_some(p50 <= Duration::from_millis(5) && p99 <= Duration::from_millis(25)),
        ),
        row(
            "a",
            "post → deliver p90 / p99.9 / max",
            format!("{} / {} / {}", ms(us("p90")), ms(us("p999")), ms(us("max"))),
            "",
            None,
        ),
        row(
            "a",
            "deliveries received / expected; sockets dropped",
            format!("{received} / {expected}; {ended}"),
            "all; 0",
            Some(received == expected && ended == 0),
        ),
        row(
            "a",
            "tab requests per post: fragments / mark-reads (failed)",
            format!(
                "{:.1} / {:.2} ({})",
                per_post("fragments"),
                per_post("reads"),
                n("failed")
            ),
            "",
            None,
        ),
        row(
            "a",
            "POST response p50 / p99",
            format!(
                "{} / {}",
                ms(post_times.percentile(50.0)),
                ms(post_times.percentile(99.0))
            ),
            "",
            None,
        ),
        row(
            "a",
            "CPU while posting: server process / client process / rest of the machine",
            format!("{server_cpu:.0} % / {client_cpu:.0} % / {others:.0} % of one core"),
            "",
            None,
        ),
    ]);
    Ok((rows, p99))
}
