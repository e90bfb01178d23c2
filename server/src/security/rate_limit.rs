//! Fixed-window rate limits kept in process memory.
//!
//! Several instances each count on their own; a shared counter (Redis) belongs to the scale-out
//! work and would implement the same `check` contract.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct RateLimiter {
    window: Duration,
    buckets: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    pub fn new(window: Duration) -> RateLimiter {
        RateLimiter {
            window,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `key` is over `limit`, without counting an attempt.
    pub fn peek(&self, key: &str, limit: u32) -> Result<(), u64> {
        let now = Instant::now();
        let buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        match buckets.get(key) {
            Some((start, count)) if now.duration_since(*start) < self.window && *count >= limit => {
                Err(self
                    .window
                    .saturating_sub(now.duration_since(*start))
                    .as_secs()
                    .max(1))
            }
            _ => Ok(()),
        }
    }

    /// Counts one attempt under `key`; `Err(seconds)` says how long to wait once over `limit`.
    pub fn check(&self, key: &str, limit: u32) -> Result<(), u64> {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        // Forget finished windows now and then so the map cannot grow without bound.
        if buckets.len() > 10_000 {
            buckets.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        }
        let entry = buckets.entry(key.to_string()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        if entry.1 >= limit {
            let wait = self.window.saturating_sub(now.duration_since(entry.0));
            return Err(wait.as_secs().max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_limit_then_resets() {
        let limiter = RateLimiter::new(Duration::from_millis(50));
        assert!(limiter.check("k", 2).is_ok());
        assert!(limiter.check("k", 2).is_ok());
        assert!(limiter.check("k", 2).is_err());
        assert!(limiter.check("other", 2).is_ok());
        std::thread::sleep(Duration::from_millis(60));
        assert!(limiter.check("k", 2).is_ok());
    }
}
