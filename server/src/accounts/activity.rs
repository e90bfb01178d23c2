//! When a person was last active, for deciding who gets a digest or a mention email. Every
//! signed-in request counts (page views, posts, API calls, the websocket's connect all pass the
//! middleware), and so does a websocket held open ([`record_connected`], from the instance's
//! heartbeat job): someone reading in an open tab is not away. The row is written at most once
//! per [`EVERY`]: the value the session already loaded tells whether it is stale, so a busy
//! reader costs one write per few minutes, not one per request.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::users;
use crate::error::AppResult;

/// How stale the stored value may get before a request writes it again.
pub const EVERY: Duration = Duration::minutes(5);

/// Whether a request at `now` should store itself as the person's last activity.
pub fn is_stale(stored: Option<NaiveDateTime>, now: NaiveDateTime) -> bool {
    stored.is_none_or(|at| now - at >= EVERY)
}

/// Stores `now` as the last activity of `user_id` unless a recent value is there already. The
/// condition is repeated in the update, so requests racing past [`is_stale`] write once between
/// them at most.
pub fn record(conn: &mut DbConnection, user_id: i64, now: NaiveDateTime) -> AppResult<bool> {
    let threshold = now - EVERY;
    let written = diesel::update(
        users::table.filter(users::id.eq(user_id)).filter(
            users::last_active_at
                .is_null()
                .or(users::last_active_at.le(threshold)),
        ),
    )
    .set(users::last_active_at.eq(Some(now)))
    .execute(conn)?;
    Ok(written > 0)
}

/// Rows updated per statement of [`record_connected`], under every engine's parameter limit.
const CHUNK: usize = 500;

/// Stores `now` as the last activity of each of `user_ids` (people with an open websocket here)
/// whose stored value is stale; answers how many were written.
pub fn record_connected(
    conn: &mut DbConnection,
    user_ids: &[i64],
    now: NaiveDateTime,
) -> AppResult<usize> {
    let threshold = now - EVERY;
    let mut written = 0;
    for chunk in user_ids.chunks(CHUNK) {
        written += diesel::update(
            users::table.filter(users::id.eq_any(chunk)).filter(
                users::last_active_at
                    .is_null()
                    .or(users::last_active_at.le(threshold)),
            ),
        )
        .set(users::last_active_at.eq(Some(now)))
        .execute(conn)?;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, TestClock};

    #[test]
    fn only_a_value_older_than_the_interval_is_stale() {
        let clock = TestClock::starting_now();
        let stored = clock.now();
        assert!(is_stale(None, clock.now()));
        clock.advance(Duration::minutes(4));
        assert!(!is_stale(Some(stored), clock.now()));
        clock.advance(Duration::minutes(1));
        assert!(is_stale(Some(stored), clock.now()));
    }
}
