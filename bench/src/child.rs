//! Helper processes (this same binary in another mode) driven line by line over stdin/stdout,
//! and the CPU and memory figures of a process read from `/proc`.

use std::process::Stdio;
use std::time::Duration;

use anyhow::Context;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::process::{ChildStdin, ChildStdout};

pub struct Child {
    child: tokio::process::Child,
    stdin: ChildStdin,
    lines: Lines<BufReader<ChildStdout>>,
}

impl Child {
    /// Starts this binary with `args`.
    pub fn spawn(args: &[String]) -> anyhow::Result<Child> {
        let mut child = tokio::process::Command::new(std::env::current_exe()?)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()?;
        let stdin = child.stdin.take().context("child stdin")?;
        let lines = BufReader::new(child.stdout.take().context("child stdout")?).lines();
        Ok(Child {
            child,
            stdin,
            lines,
        })
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.id()
    }

    pub async fn send(&mut self, line: &str) -> anyhow::Result<()> {
        self.stdin.write_all(format!("{line}\n").as_bytes()).await?;
        self.stdin.flush().await?;
        Ok(())
    }

    /// Waits (at most two minutes) for the next line, which must start with `prefix`; returns
    /// the rest of it.
    pub async fn expect(&mut self, prefix: &str) -> anyhow::Result<String> {
        let line = tokio::time::timeout(Duration::from_secs(120), self.lines.next_line())
            .await
            .context("helper process timed out")??
            .context("helper process ended")?;
        line.strip_prefix(prefix)
            .map(|rest| rest.trim().to_string())
            .with_context(|| format!("helper process said {line:?}, expected {prefix:?}"))
    }

    /// Sends `quit` and waits for the process to end (killing it after ten seconds).
    pub async fn quit(mut self) {
        let _ = self.send("quit").await;
        if tokio::time::timeout(Duration::from_secs(10), self.child.wait())
            .await
            .is_err()
        {
            let _ = self.child.kill().await;
        }
    }
}

fn status_of(pid: Option<u32>, file: &str) -> Option<String> {
    let path = match pid {
        Some(pid) => format!("/proc/{pid}/{file}"),
        None => format!("/proc/self/{file}"),
    };
    std::fs::read_to_string(path).ok()
}

/// Resident memory of a process (this one when `pid` is `None`), in KiB.
pub fn rss_kib(pid: Option<u32>) -> u64 {
    status_of(pid, "status")
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// CPU time (user + system) a process has used so far, in seconds, from `/proc/<pid>/stat`
/// (clock ticks of 1/100 s, the Linux default).
pub fn cpu_secs(pid: Option<u32>) -> f64 {
    status_of(pid, "stat")
        .and_then(|s| {
            let after = s.rsplit_once(')')?.1;
            let fields: Vec<&str> = after.split_whitespace().collect();
            let utime: u64 = fields.get(11)?.parse().ok()?;
            let stime: u64 = fields.get(12)?.parse().ok()?;
            Some((utime + stime) as f64 / 100.0)
        })
        .unwrap_or(0.0)
}

/// Busy CPU time of the whole machine so far (all cores, every process), in seconds, from the
/// first line of `/proc/stat`.
pub fn machine_busy_secs() -> f64 {
    std::fs::read_to_string("/proc/stat")
        .ok()
        .and_then(|s| {
            let fields: Vec<u64> = s
                .lines()
                .next()?
                .split_whitespace()
                .skip(1)
                .filter_map(|v| v.parse().ok())
                .collect();
            // user nice system idle iowait irq softirq steal
            let total: u64 = fields.iter().take(8).sum();
            let idle = fields.get(3)? + fields.get(4)?;
            Some((total - idle) as f64 / 100.0)
        })
        .unwrap_or(0.0)
}

/// CPU use over a measured window: this process, its helpers, and every other process of the
/// machine (a busy neighbour makes latencies worse than the code is).
pub struct CpuWindow {
    started: std::time::Instant,
    machine: f64,
    ours: Vec<(Option<u32>, f64)>,
}

/// Percentages of one core.
pub struct CpuUse {
    pub ours: Vec<f64>,
    pub others: f64,
}

impl CpuWindow {
    /// Starts measuring this process (`None`) and the given helper processes.
    pub fn start(pids: &[Option<u32>]) -> CpuWindow {
        CpuWindow {
            started: std::time::Instant::now(),
            machine: machine_busy_secs(),
            ours: pids.iter().map(|&p| (p, cpu_secs(p))).collect(),
        }
    }

    pub fn finish(&self) -> CpuUse {
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        let ours: Vec<f64> = self
            .ours
            .iter()
            .map(|&(p, before)| (cpu_secs(p) - before) / secs * 100.0)
            .collect();
        let machine = (machine_busy_secs() - self.machine) / secs * 100.0;
        let others = (machine - ours.iter().sum::<f64>()).max(0.0);
        CpuUse { ours, others }
    }
}
