//! (g) Digests at network scale: for each size, a fresh database holding a synthetic network
//! (`agora::demo::bulk`: twinnings of 100 members, a day of conversation in each of their
//! channels, everyone away for ten days and due for a daily digest), then one whole digest run
//! as the `digest` job does it (`agora::digest::run`: who is due, each digest composed through
//! the policy and queued in the outbox), then every queued digest rendered in its reader's
//! language as the mailer renders it before sending. Wall time of each step, and the process's
//! peak resident memory over both (the high-water mark is reset after seeding).

use std::time::Instant;

use agora::demo::bulk;
use agora::i18n::Tr;
use agora_shared::api::Language;
use diesel::prelude::*;

use crate::app::{App, Backend, step};
use crate::report::{Row, row};

/// Issue #8: 200,000 digests in at most 60 s within 256 MB on this machine.
const TARGET_SECS_PER_200K: f64 = 60.0;
const TARGET_MIB: u64 = 256;
/// Outbox rows rendered per read.
const RENDER_CHUNK: i64 = 1_000;

/// The process's peak resident memory in KiB since the last [`reset_peak`].
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Resets the peak resident memory to what is resident now (Linux's `clear_refs` 5).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

pub async fn run(
    backend: Backend,
    server_url: Option<&str>,
    sizes: &[i64],
) -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::new();
    for &people in sizes {
        rows.extend(one(backend, server_url, people).await?);
    }
    Ok(rows)
}

async fn one(backend: Backend, server_url: Option<&str>, people: i64) -> anyhow::Result<Vec<Row>> {
    let app = App::start(backend, server_url).await?;
    let state = app.state.clone();
    let now = agora::time::now();
    let seeding = Instant::now();
    let written = step(
        "seed",
        bulk::seed(
            &state.db,
            bulk::Spec {
                people,
                now,
                span: chrono::Duration::hours(20),
                daily: true,
            },
        )
        .await,
    )?;
    eprintln!(
        "(g) {} people, {} workspaces, {} messages seeded in {:.1} s",
        written.people,
        written.workspaces,
        written.messages,
        seeding.elapsed().as_secs_f64()
    );
    reset_peak();
    let before = peak_kib().unwrap_or(0);
    let started = Instant::now();
    let counts = step("digest run", agora::digest::run(&state, now).await)?;
    let run_secs = started.elapsed().as_secs_f64();
    let rendering = Instant::now();
    let (rendered, bytes) = render_all(&state).await?;
    let render_secs = rendering.elapsed().as_secs_f64();
    let peak = peak_kib().unwrap_or(0);
    let total = run_secs + render_secs;
    eprintln!(
        "(g) {people}: {} due, {} queued, {} quiet; run {run_secs:.1} s, render {rendered} in \
         {render_secs:.1} s ({} KiB average), peak RSS {} MiB (was {} MiB after seeding)",
        counts.considered,
        counts.queued,
        counts.skipped_quiet,
        bytes / rendered.max(1) / 1024,
        peak / 1024,
        before / 1024
    );
    app.stop().await;
    let per_sec = rendered as f64 / total;
    let scaled = TARGET_SECS_PER_200K * people as f64 / 200_000.0;
    Ok(vec![
        row(
            "g",
            &format!("{people} digests: select, compose and queue"),
            format!("{run_secs:.1} s"),
            "",
            None,
        ),
        row(
            "g",
            &format!("{people} digests: render as the mailer does"),
            format!("{render_secs:.1} s"),
            "",
            None,
        ),
        row(
            "g",
            &format!("{people} digests: whole run"),
            format!("{total:.1} s ({per_sec:.0}/s)"),
            &format!("≤ {scaled:.0} s (60 s per 200,000)"),
            Some(total <= scaled),
        ),
        row(
            "g",
            &format!("{people} digests: peak resident memory"),
            format!("{} MiB", peak / 1024),
            &format!("≤ {TARGET_MIB} MiB"),
            Some(peak / 1024 <= TARGET_MIB),
        ),
    ])
}

/// Renders every queued digest in its language, chunk by chunk; answers how many and their bytes.
async fn render_all(state: &agora::state::AppState) -> anyhow::Result<(usize, usize)> {
    let mut after = 0i64;
    let (mut count, mut bytes) = (0usize, 0usize);
    loop {
        let chunk: Vec<(i64, String, String, String)> = step(
            "outbox",
            state
                .db
                .read(move |conn| {
                    use agora::db::schema::outbox::dsl::*;
                    Ok(outbox
                        .filter(id.gt(after))
                        .order(id)
                        .limit(RENDER_CHUNK)
                        .select((id, template, context, language))
                        .load(conn)?)
                })
                .await,
        )?;
        let Some(last) = chunk.last().map(|r| r.0) else {
            return Ok((count, bytes));
        };
        after = last;
        for (_, template, context, language) in chunk {
            let language = Language::parse(&language).unwrap_or(Language::En);
            let tr = Tr::new(state.i18n.clone(), language);
            let rendered = agora::emails::render(&template, &context, &tr)
                .map_err(|e| anyhow::anyhow!("render: {e}"))?;
            count += 1;
            bytes += rendered.html.len() + rendered.text.len();
        }
    }
}
