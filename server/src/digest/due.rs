//! Who is due a digest: the one place that selects them. A person is due at `now` when
//!
//! - they are active, in an active (not suspended) organisation;
//! - they have been inactive for at least their organisation's threshold (default 5 days), but
//!   were active within the last 12 months (or, never active, created within them);
//! - their cadence has a period due now in their own time zone ([`super::period`]);
//! - that period is not decided for them yet (`digest_deliveries`);
//! - their address has not hard-bounced ([`crate::mail::bounces`]).

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::period::{due_period, key, window_days, zone};
use crate::db::DbConnection;
use crate::db::schema::{digest_deliveries, email_preferences, organisations, users};
use crate::email_settings::model::{DigestCadence, Preferences};
use crate::error::AppResult;
use crate::mail::bounces::deliverable;

/// Nobody gets a digest after this long without activity.
pub const GIVE_UP_AFTER: Duration = Duration::days(365);

/// A person whose digest is due, with what composing it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueReader {
    pub user_id: i64,
    pub organisation_id: i64,
    pub period: NaiveDate,
    /// The digest covers what happened after this.
    pub since: NaiveDateTime,
}

impl DueReader {
    /// The period as stored and as the outbox key carries it.
    pub fn period_key(&self) -> String {
        key(self.period)
    }
}

type Candidate = (
    i64,
    i64,
    NaiveDateTime,
    Option<NaiveDateTime>,
    String,
    i32,
    Option<(String, i32, i32, String)>,
    Option<String>,
    Option<NaiveDateTime>,
);

/// The people after `after_user_id` (in id order) among the next `limit` active ones who are due
/// at `now`, and the last id looked at (`None` when there were no more people).
pub fn due(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    after_user_id: i64,
    limit: i64,
) -> AppResult<(Vec<DueReader>, Option<i64>)> {
    // The SQL narrows by what does not depend on the person's organisation or zone: the least
    // threshold (one day) and the 12 months.
    let idle_at_least = now - Duration::days(i64::from(*super::model::INACTIVE_DAYS.start()));
    let active_since = now - GIVE_UP_AFTER;
    let rows: Vec<Candidate> = users::table
        .inner_join(organisations::table)
        .left_join(email_preferences::table.on(email_preferences::user_id.eq(users::id)))
        .left_join(digest_deliveries::table.on(digest_deliveries::user_id.eq(users::id)))
        .filter(users::id.gt(after_user_id))
        .filter(users::status.eq("active"))
        .filter(organisations::status.eq("active"))
        .filter(deliverable())
        .filter(
            users::last_active_at
                .le(idle_at_least)
                .and(users::last_active_at.ge(active_since))
                .or(users::last_active_at
                    .is_null()
                    .and(users::created_at.le(idle_at_least))
                    .and(users::created_at.ge(active_since))),
        )
        .order(users::id)
        .limit(limit)
        .select((
            users::id,
            users::organisation_id,
            users::created_at,
            users::last_active_at,
            users::time_zone,
            organisations::digest_inactive_days,
            (
                email_preferences::digest_cadence,
                email_preferences::digest_weekday,
                email_preferences::digest_hour,
                email_preferences::mention_batching,
            )
                .nullable(),
            digest_deliveries::last_period.nullable(),
            digest_deliveries::last_sent_at.nullable(),
        ))
        .load(conn)?;
    let last = rows.last().map(|r| r.0);
    Ok((
        rows.into_iter().filter_map(|row| keep(row, now)).collect(),
        last,
    ))
}

/// The rules a row of [`due`] passes in Rust: its organisation's threshold, its cadence in its
/// zone, its period not yet decided.
fn keep(row: Candidate, now: NaiveDateTime) -> Option<DueReader> {
    let (user_id, organisation_id, created_at, last_active_at, tz, idle_days, prefs, last, sent) =
        row;
    let last_seen = last_active_at.unwrap_or(created_at);
    if now - last_seen < Duration::days(i64::from(idle_days.max(1))) {
        return None;
    }
    let prefs = prefs.map_or_else(Preferences::default, |(c, w, h, b)| {
        Preferences::from_stored(&c, w, h, &b)
    });
    let period = due_period(&prefs, zone(&tz), now)?;
    if last.as_deref() == Some(key(period).as_str()) {
        return None;
    }
    Some(DueReader {
        user_id,
        organisation_id,
        period,
        since: since(prefs.digest_cadence, last_active_at, sent, now),
    })
}

/// Where a digest starts: after the last one, after the person was last here, and no further
/// back than one period of their cadence.
pub fn since(
    cadence: DigestCadence,
    last_active_at: Option<NaiveDateTime>,
    last_sent_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> NaiveDateTime {
    let window = now - Duration::days(window_days(cadence));
    [Some(window), last_active_at, last_sent_at]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(window)
}
