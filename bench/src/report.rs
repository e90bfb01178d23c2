//! The results table and the machine it was measured on.

/// One line of the results table.
pub struct Row {
    pub bench: &'static str,
    pub measure: String,
    pub result: String,
    pub target: String,
    pub verdict: &'static str,
}

pub fn row(
    bench: &'static str,
    measure: &str,
    result: String,
    target: &str,
    met: Option<bool>,
) -> Row {
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

/// The machine, for the line above the table.
pub fn machine() -> String {
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

/// Prints the results as the Markdown table that BENCHMARKS.md records.
pub fn print_table(rows: &[Row]) {
    println!("| | Measure | Result | Target | |");
    println!("|---|---|---|---|---|");
    for r in rows {
        println!(
            "| {} | {} | {} | {} | {} |",
            r.bench, r.measure, r.result, r.target, r.verdict
        );
    }
}
