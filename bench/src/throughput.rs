//! (b) Sustained posts per second persisted, over HTTP and through the service directly, and
//! what one post costs.

use std::time::{Duration, Instant};

use crate::person::Person;
use crate::plan::Plan;
use crate::report::{Row, row};
use crate::stats::{self, Samples, ms};
use crate::world::World;
use crate::{app, child, trace};

/// (b) Concurrent posters, each in its own channel with every member as reader (nobody
/// connected), for a fixed time: 201s per second over HTTP, then the service called directly.
pub async fn run(world: &World, plan: &Plan) -> anyhow::Result<Vec<Row>> {
    let addr = world.addr;
    let secs = Duration::from_secs(plan.post_secs);
    let posters: Vec<(Person, i64)> = world
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
    let (mut times, failed) = stats::join(tasks).await?;
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
                let body =
                    format!("Poster {i}, bericht {n}: het verslag van de stuurgroep staat online.");
                app::post(&state, &person.actor, channel, body).await?;
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
