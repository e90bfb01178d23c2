//! (d) Unread counts of one person reading many channels, over HTTP and the bare query, and the
//! session lookup every request makes.

use std::time::{Duration, Instant};

use crate::plan::Plan;
use crate::report::{Row, row};
use crate::stats::{Samples, ms};
use crate::world::World;
use crate::{child, trace};

/// (d) `GET /api/v1/unread` of a person in `unread_channels` channels, called one after the
/// other, and the bare query on one connection.
pub async fn run(world: &World, plan: &Plan) -> anyhow::Result<Vec<Row>> {
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
            let counts = agora::db::unread::unread_counts(&mut conn, user_id)
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            times.push(t.elapsed());
            std::hint::black_box(counts);
        }
        Ok(times)
    })
    .await??;
    eprintln!("(d) db::unread::unread_counts: {}", bare.summary());
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
            "bare `db::unread::unread_counts` p50 / p99",
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
