//! Fixed-window rate limits behind the [`RateLimit`] trait, with the in-process counter
//! [`LocalRateLimiter`].
//!
//! Several instances each count on their own with it; a shared counter (Redis) belongs to the
//! scale-out work and implements the same trait, so callers do not change.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Counts attempts per key in fixed windows.
///
/// Methods are synchronous because every caller decides before doing any work and the in-process
/// counter answers at once; a networked implementation must answer within a short timeout.
pub trait RateLimit: Send + Sync {
    /// Counts one attempt under `key` before the work it guards, so that parallel attempts see
    /// each other: of any burst, at most `limit` get through per window. `Err(seconds)` says how
    /// long to wait once over `limit`.
    fn reserve(&self, key: &str, limit: u32) -> Result<Reservation, u64>;

    /// Gives a counted attempt back. An attempt of a window that has since ended is gone anyway.
    fn release(&self, reservation: Reservation);

    /// [`RateLimit::reserve`] for attempts that are never given back.
    fn check(&self, key: &str, limit: u32) -> Result<(), u64> {
        self.reserve(key, limit).map(drop)
    }
}

/// So that `&state.limiter` can be handed to code written for any limiter.
impl<T: RateLimit + ?Sized> RateLimit for std::sync::Arc<T> {
    fn reserve(&self, key: &str, limit: u32) -> Result<Reservation, u64> {
        (**self).reserve(key, limit)
    }

    fn release(&self, reservation: Reservation) {
        (**self).release(reservation)
    }
}

/// One attempt counted by [`RateLimit::reserve`]; give it back with [`RateLimit::release`]
/// when the attempt turns out not to count (a right password).
#[derive(Debug)]
pub struct Reservation {
    key: String,
    /// Which window the attempt was counted in, as the implementation numbers them.
    window: u64,
}

impl Reservation {
    /// For implementations: the key and window of a counted attempt.
    pub fn new(key: &str, window: u64) -> Reservation {
        Reservation {
            key: key.to_string(),
            window,
        }
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn window(&self) -> u64 {
        self.window
    }
}

/// Counters in this process's memory.
pub struct LocalRateLimiter {
    window: Duration,
    /// Origin of the window numbers handed out in reservations.
    epoch: Instant,
    buckets: Mutex<HashMap<String, (Instant, u32)>>,
}

impl LocalRateLimiter {
    pub fn new(window: Duration) -> LocalRateLimiter {
        LocalRateLimiter {
            window,
            epoch: Instant::now(),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    fn window_id(&self, start: Instant) -> u64 {
        u64::try_from(start.duration_since(self.epoch).as_nanos()).unwrap_or(u64::MAX)
    }
}

impl RateLimit for LocalRateLimiter {
    fn reserve(&self, key: &str, limit: u32) -> Result<Reservation, u64> {
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
        let window = self.window_id(entry.0);
        Ok(Reservation::new(key, window))
    }

    fn release(&self, reservation: Reservation) {
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(entry) = buckets.get_mut(&reservation.key)
            && self.window_id(entry.0) == reservation.window
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
        let limiter = LocalRateLimiter::new(Duration::from_millis(50));
        assert!(limiter.check("k", 2).is_ok());
        assert!(limiter.check("k", 2).is_ok());
        assert!(limiter.check("k", 2).is_err());
        assert!(limiter.check("other", 2).is_ok());
        std::thread::sleep(Duration::from_millis(60));
        assert!(limiter.check("k", 2).is_ok());
    }

    #[test]
    fn a_released_attempt_frees_its_place() {
        let limiter = LocalRateLimiter::new(Duration::from_secs(60));
        let first = limiter.reserve("k", 2).expect("first");
        let _second = limiter.reserve("k", 2).expect("second");
        assert!(limiter.reserve("k", 2).is_err());
        limiter.release(first);
        assert!(limiter.reserve("k", 2).is_ok());
        assert!(limiter.reserve("k", 2).is_err());
    }

    #[test]
    fn a_release_from_an_ended_window_does_not_count_against_the_new_one() {
        let limiter = LocalRateLimiter::new(Duration::from_millis(30));
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
        let limiter = std::sync::Arc::new(LocalRateLimiter::new(Duration::from_secs(60)));
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
