//! (h) Live post → deliver while a digest run is going on: (a)'s websocket clients and poster
//! (`Load::Rate`, the `tab` script) in a world that also holds a bulk network of `people`, all
//! due for a daily digest ([`agora::demo::bulk`]). (a) is measured alone first, then again while
//! `agora::digest::run` composes and queues those digests in the same process, on the same
//! database, as the server's `digest` job does. Issue #8: no more than 20 % worse.

use std::time::Instant;

use agora::demo::bulk;

use crate::app::{Backend, step};
use crate::latency::{self, Load};
use crate::plan::Plan;
use crate::report::{Row, row};
use crate::stats::ms;
use crate::tab::Script;
use crate::world::World;

/// Issue #8: p99 at most 20 % worse during a run.
const TARGET_WORSE: f64 = 0.20;

pub async fn run(
    backend: Backend,
    server_url: Option<&str>,
    plan: &Plan,
    people: i64,
) -> anyhow::Result<Vec<Row>> {
    let now = agora::time::now();
    let spec = bulk::Spec {
        people,
        now,
        span: chrono::Duration::hours(20),
        daily: true,
    };
    let world = World::start(backend, server_url, plan.clients, 0, 0, Some(spec)).await?;
    let (_, alone) = latency::measure(&world, plan, Script::Tab, Load::Rate).await?;
    let state = world.state.clone();
    let started = Instant::now();
    let digests = tokio::spawn(async move {
        let counts = agora::digest::run(&state, now).await;
        (counts, started.elapsed())
    });
    let (_, during) = latency::measure(&world, plan, Script::Tab, Load::Rate).await?;
    let measured = started.elapsed();
    let (counts, run_took) = digests.await?;
    let counts = step("digest run", counts)?;
    world.stop().await;
    let worse = during.as_secs_f64() / alone.as_secs_f64().max(1e-6) - 1.0;
    eprintln!(
        "(h) p99 alone {}, during the digest run {} ({:+.0} %); the run of {people} people \
         ({} queued) took {:.1} s, (a) measured over its first {:.1} s",
        ms(alone),
        ms(during),
        worse * 100.0,
        counts.queued,
        run_took.as_secs_f64(),
        measured.as_secs_f64()
    );
    let covered = run_took >= measured;
    Ok(vec![
        row(
            "h",
            &format!("post → deliver p99: alone / during a digest run of {people} people"),
            format!("{} / {} ({:+.0} %)", ms(alone), ms(during), worse * 100.0),
            "≤ +20 %",
            Some(worse <= TARGET_WORSE),
        ),
        row(
            "h",
            "digest run: its time / the window (a) measured in",
            format!(
                "{:.1} s / {:.1} s",
                run_took.as_secs_f64(),
                measured.as_secs_f64()
            ),
            "run ≥ window",
            Some(covered),
        ),
    ])
}
