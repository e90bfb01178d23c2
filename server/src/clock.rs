//! The current time, behind a trait so tests can move it: jobs that act "after 24 hours" are
//! tested by moving a [`TestClock`] forward instead of waiting.

use std::sync::Mutex;

use chrono::NaiveDateTime;

/// Where the application reads the current time (naive UTC, like every stored timestamp).
pub trait Clock: Send + Sync {
    fn now(&self) -> NaiveDateTime;
}

/// The real time; what the server runs on.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> NaiveDateTime {
        crate::time::now()
    }
}

/// A clock that stands still until a test sets or advances it.
pub struct TestClock(Mutex<NaiveDateTime>);

impl TestClock {
    /// Stopped at the real time of the call.
    pub fn starting_now() -> TestClock {
        TestClock::at(crate::time::now())
    }

    pub fn at(t: NaiveDateTime) -> TestClock {
        TestClock(Mutex::new(t))
    }

    pub fn set(&self, t: NaiveDateTime) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = t;
    }

    pub fn advance(&self, by: chrono::Duration) {
        let mut t = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *t += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> NaiveDateTime {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_test_clock_moves_only_when_told() {
        let start = crate::time::now();
        let clock = TestClock::at(start);
        assert_eq!(clock.now(), start);
        clock.advance(chrono::Duration::hours(25));
        assert_eq!(clock.now(), start + chrono::Duration::hours(25));
        clock.set(start);
        assert_eq!(clock.now(), start);
        assert!(SystemClock.now() >= start);
    }
}
