//! Latency samples and their percentiles.

use std::time::Duration;

/// The samples and failure counts of several tasks, together.
pub async fn join(
    tasks: Vec<tokio::task::JoinHandle<(Samples, u64)>>,
) -> anyhow::Result<(Samples, u64)> {
    let mut times = Samples::default();
    let mut failed = 0;
    for t in tasks {
        let (s, f) = t.await?;
        times.extend(s);
        failed += f;
    }
    Ok((times, failed))
}

/// Durations in microseconds.
#[derive(Debug, Default, Clone)]
pub struct Samples {
    micros: Vec<u64>,
    sorted: bool,
}

impl Samples {
    pub fn with_capacity(n: usize) -> Samples {
        Samples {
            micros: Vec::with_capacity(n),
            sorted: false,
        }
    }

    pub fn push(&mut self, d: Duration) {
        self.push_micros(d.as_micros() as u64);
    }

    pub fn push_micros(&mut self, us: u64) {
        self.micros.push(us);
        self.sorted = false;
    }

    pub fn extend(&mut self, other: Samples) {
        self.micros.extend(other.micros);
        self.sorted = false;
    }

    pub fn len(&self) -> usize {
        self.micros.len()
    }

    fn sort(&mut self) {
        if !self.sorted {
            self.micros.sort_unstable();
            self.sorted = true;
        }
    }

    /// Nearest-rank percentile, `p` in 0..=100; zero when empty.
    pub fn percentile(&mut self, p: f64) -> Duration {
        if self.micros.is_empty() {
            return Duration::ZERO;
        }
        self.sort();
        // The epsilon keeps 99.9 % of 1,000 at rank 999 despite floating-point rounding.
        let rank = ((p / 100.0) * self.micros.len() as f64 - 1e-9).ceil() as usize;
        let index = rank.clamp(1, self.micros.len()) - 1;
        Duration::from_micros(self.micros[index])
    }

    pub fn max(&mut self) -> Duration {
        self.percentile(100.0)
    }

    /// "p50 1.23 ms, p99 4.56 ms, p99.9 7.89 ms, max 9.99 ms"
    pub fn summary(&mut self) -> String {
        format!(
            "p50 {}, p90 {}, p99 {}, p99.9 {}, max {} (n = {})",
            ms(self.percentile(50.0)),
            ms(self.percentile(90.0)),
            ms(self.percentile(99.0)),
            ms(self.percentile(99.9)),
            ms(self.max()),
            self.len()
        )
    }
}

/// A duration in milliseconds with two decimals.
pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank() {
        let mut s = Samples::default();
        for us in 1..=1000 {
            s.push_micros(us);
        }
        assert_eq!(s.percentile(50.0), Duration::from_micros(500));
        assert_eq!(s.percentile(99.0), Duration::from_micros(990));
        assert_eq!(s.percentile(99.9), Duration::from_micros(999));
        assert_eq!(s.max(), Duration::from_micros(1000));
        assert_eq!(Samples::default().percentile(50.0), Duration::ZERO);
    }
}
