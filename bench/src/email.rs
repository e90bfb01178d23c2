//! (f) Emails per second to a local SMTP sink: `n` rows queued in the outbox through the
//! application's enqueue path, then drained by the real mailer over its pooled SMTP transport.
//!
//! The sink is a minimal SMTP server in this process that accepts and counts, keeping nothing:
//! aiosmtpd (what the tests use) writes and fsyncs two files per message and would measure the
//! disk and Python rather than Agora.
//!
//! It runs twice. lettre 0.11.23 writes the DATA terminator apart from the body on a socket
//! without TCP_NODELAY, so against a receiver that delays its ACKs (Linux's default, and most
//! relays) every message waits about 40 ms on each connection (lettre PR #1159, merged upstream
//! and not released yet). The second run's sink ACKs at once (TCP_QUICKACK), which shows what
//! Agora itself sustains once that is fixed.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use agora::clock::{Clock, SystemClock};
use agora::config::{Config, MailTransportConfig};
use agora::mail::templates::Prerendered;
use agora::mail::{Mailer, OutgoingEmail, Transport};
use agora_shared::api::Language;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::net::tcp::OwnedReadHalf;

use crate::plan::Plan;
use crate::report::{Row, row};
use crate::world::World;

/// Issue #8: at least 1,000 emails per second to a local sink.
const TARGET_PER_SEC: f64 = 1_000.0;

/// Starts the sink on 127.0.0.1; returns its port and the count of messages accepted.
async fn start_sink(quick_ack: bool) -> anyhow::Result<(u16, Arc<AtomicUsize>)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let port = listener.local_addr()?.port();
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = accepted.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let count = count.clone();
            tokio::spawn(async move {
                let _ = session(stream, &count, quick_ack).await;
            });
        }
    });
    Ok((port, accepted))
}

/// Asks the kernel to ACK what arrives at once; it drops back to delayed ACKs on its own, so this
/// is renewed after every read.
fn ack_at_once(lines: &BufReader<OwnedReadHalf>, on: bool) {
    if on {
        let _ = socket2::SockRef::from(lines.get_ref().as_ref()).set_tcp_quickack(true);
    }
}

/// One SMTP conversation: every command is accepted, DATA is read up to its final dot.
async fn session(
    stream: tokio::net::TcpStream,
    accepted: &AtomicUsize,
    quick_ack: bool,
) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 bench-sink ESMTP\r\n").await?;
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        ack_at_once(&lines, quick_ack);
        let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-bench-sink\r\n250 8BITMIME\r\n",
            "DATA" => {
                write.write_all(b"354 end with .\r\n").await?;
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    ack_at_once(&lines, quick_ack);
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                }
                accepted.fetch_add(1, Ordering::Relaxed);
                b"250 accepted\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => b"250 OK\r\n",
        };
        write.write_all(reply).await?;
    }
}

pub async fn run(world: &World, plan: &Plan) -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::new();
    for (round, quick_ack) in [(0, false), (1, true)] {
        rows.push(measure(world, plan, round, quick_ack).await?);
    }
    Ok(rows)
}

async fn measure(world: &World, plan: &Plan, round: usize, quick_ack: bool) -> anyhow::Result<Row> {
    let n = plan.emails;
    let (port, accepted) = start_sink(quick_ack).await?;
    let state = &world.state;
    let mut config = Config::from_lookup(|_| None)?;
    config.mail = MailTransportConfig::Smtp(format!("smtp://127.0.0.1:{port}").into());
    let mailer = Mailer::new(
        state.db.clone(),
        Transport::from_config(&config)?,
        &config,
        state.i18n.clone(),
        agora::emails::render,
    )?;

    let now = SystemClock.now();
    let seeding = Instant::now();
    state
        .db
        .write(move |conn| {
            for i in 0..n {
                let email = OutgoingEmail::new(
                    format!("bench-email:{round}:{i}"),
                    format!("person{i}@bench.test"),
                    Language::Fr,
                    &Prerendered {
                        subject: format!("Votre résumé {i}"),
                        text: "Trois réponses pour vous à Mechelen–Bohicon.".repeat(20),
                        html: "<p>Trois réponses pour vous à Mechelen–Bohicon.</p>".repeat(20),
                    },
                )?;
                agora::mail::outbox::enqueue(conn, &email, "bench.test", now)?;
            }
            Ok(())
        })
        .await
        .map_err(|e| anyhow::anyhow!("seeding the outbox: {e:?}"))?;
    eprintln!(
        "(f) {n} emails queued in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let sent = mailer
        .drain(&SystemClock)
        .await
        .map_err(|e| anyhow::anyhow!("draining: {e:?}"))?;
    let secs = started.elapsed().as_secs_f64();
    anyhow::ensure!(
        sent == n && accepted.load(Ordering::Relaxed) == n,
        "sent {sent}, the sink accepted {}, of {n}",
        accepted.load(Ordering::Relaxed)
    );
    let per_sec = n as f64 / secs;
    let sink = if quick_ack {
        "a sink that ACKs at once"
    } else {
        "a sink with delayed ACKs"
    };
    Ok(row(
        "f",
        &format!(
            "emails/s to {sink} ({n} queued, pool of {})",
            config.smtp_pool_max
        ),
        format!("{per_sec:.0}/s ({secs:.1} s)"),
        "≥ 1,000/s",
        Some(per_sec >= TARGET_PER_SEC),
    ))
}
