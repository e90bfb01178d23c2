//! (c) History pages per second with their latency, and whether a page's cost grows with the
//! channel.

use std::time::{Duration, Instant};

use futures_util::StreamExt;

use crate::plan::Plan;
use crate::report::{Row, row};
use crate::stats::{self, Samples, ms};
use crate::world::World;
use crate::{app, child, trace};

/// (c) Concurrent keep-alive connections fetching the newest page of a busy channel.
pub async fn run(world: &World, plan: &Plan) -> anyhow::Result<Vec<Row>> {
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
            let body = format!("Bericht {n} over de voorbereiding van de missie naar Bohicon.");
            app::post(&world.state, &actor, channel, body).await?;
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
    let (mut times, failed) = stats::join(tasks).await?;
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
    let channel = agora::workspaces::service::create_channel(
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
                let body = format!("Archiefbericht {n}: verslag van de werkgroep.");
                app::post(&state, &owner, channel, body).await
            }
        })
        .buffer_unordered(8)
        .collect::<Vec<_>>()
        .await;
    for p in posted {
        p?;
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
