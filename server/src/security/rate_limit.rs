//! Fixed-window rate limits kept in process memory.
//!
//! Several instances each count on their own; a shared counter (Redis) belongs to the scale-out
//! work and would implement the same `check` and `reserve` contract.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct RateLimiter {
    window: Duration,
    buckets: Mutex<HashMap<String, (Instant, u32)>>,
}

/// One attempt counted by [`RateLimiter::reserve`]; give it back with [`RateLimiter::release`]
/// when the attempt turns out not to count (a right password).
#[derive(Debug)]
pub struct Reservation {
    key: String,
    window_start: Instant,
}

impl RateLimiter {
    pub fn new(window: Duration) -> RateLimiter {
        RateLimiter {
            window,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one attempt under `key`; `Err(seconds)` says how long to wait once over `limit`.
    pub fn check(&self, key: &str, limit: u32) -> Result<(), u64> {
        self.reserve(key, limit).map(drop)
    }

    /// Counts one attempt under `key` before the work it guards, so that parallel attempts see
    /// each other: of any burst, at most `limit` get through per window.
    pub fn reserve(&self, key: &str, limit: u32) -> Result<Reservation, u64> {
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
        Ok(Reservation {
            key: key.to_string(),
            window_start: entry.0,
        })
    }

    /// Gives a counted attempt back. An attempt of a window that has since ended is gone anyway.
    pub fn release(&self, reservation: Reservation) {
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(entry) = buckets.get_mut(&reservation.key)
            && entry.0 == reservation.window_start
        {
            entry.1 = entry.1.saturating_sub(1);
        }
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

    #[test]
    fn a_released_attempt_frees_its_place() {
        let limiter = RateLimiter::new(Duration::from_secs(60));
        let first = limiter.reserve("k", 2).expect("first");
        let _second = limiter.reserve("k", 2).expect("second");
        assert!(limiter.reserve("k", 2).is_err());
        limiter.release(first);
        assert!(limiter.reserve("k", 2).is_ok());
        assert!(limiter.reserve("k", 2).is_err());
    }

    #[test]
    fn a_release_from_an_ended_window_does_not_count_against_the_new_one() {
        let limiter = RateLimiter::new(Duration::from_millis(30));
        let old = limiter.reserve("k", 1).expect("old window");
        std::thread::sleep(Duration::from_millis(40));
        let _new = limiter.reserve("k", 1).expect("new window");
        limiter.release(old);
        assert!(
            limiter.reserve("k", 1).is_err(),
            "the old release freed a new place"
        );
    }

    #[test]
    fn parallel_reservations_never_exceed_the_limit() {
        let limiter = std::sync::Arc::new(RateLimiter::new(Duration::from_secs(60)));
        let granted: usize = (0..16)
            .map(|_| {
                let l = limiter.clone();
                std::thread::spawn(move || l.reserve("k", 5).is_ok() as usize)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .sum();
        assert_eq!(granted, 5);
    }
}
