//! Mention and direct-message emails. A post (or an edit that mentions someone new) records a
//! waiting item per person in its own transaction ([`pending`]); the `notifications` job
//! ([`run`]) finds the people who have been away for [`crate::config::Config::notify_offline`]
//! and whose batch window (their `mention_batching` preference) has passed, and for each claims
//! the items and queues at most one email in one unit of work ([`batch`]), rendered at send time
//! in their language ([`email`]).

pub mod batch;
pub mod email;
pub mod pending;

use chrono::{Duration, NaiveDateTime};

pub use pending::Pending;

use crate::email_settings::model::{MentionBatching, Preferences};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// How long a person's first waiting item waits for others to join it in one email; `None` when
/// they want no such email (their items are dropped).
pub fn window(batching: MentionBatching) -> Option<Duration> {
    match batching {
        MentionBatching::Immediately => Some(Duration::zero()),
        MentionBatching::Every15Minutes => Some(Duration::minutes(15)),
        MentionBatching::Hourly => Some(Duration::hours(1)),
        MentionBatching::Off => None,
    }
}

/// Whether a batch whose oldest item is from `oldest` is to be handled at `now`. A person who
/// wants none is handled at once: their items are dropped.
pub fn due(batching: MentionBatching, oldest: NaiveDateTime, now: NaiveDateTime) -> bool {
    window(batching).is_none_or(|w| oldest + w <= now)
}

/// The job: queues the email of everyone whose batch is due at `now`; answers how many emails
/// were queued. One person's failure is logged and does not hold up the others; the run then
/// reports it.
pub async fn run(state: &AppState, now: NaiveDateTime) -> AppResult<usize> {
    let away_since = now - state.config.notify_offline;
    let candidates = state
        .db
        .read(move |conn| Pending::list_candidates(conn, away_since))
        .await?;
    let mut queued = 0;
    let mut failure: Option<AppError> = None;
    for candidate in candidates {
        let user_id = candidate.user_id;
        let preferences = state
            .db
            .read(move |conn| Preferences::find(conn, user_id.get()))
            .await?;
        if !due(preferences.mention_batching, candidate.oldest, now) {
            continue;
        }
        let in_tx = state.clone();
        match state
            .transact(move |tx| batch::queue(tx, &in_tx, user_id))
            .await
        {
            Ok(true) => queued += 1,
            Ok(false) => {}
            Err(e) => {
                tracing::error!(user.id = %user_id, error = ?e, "notification email not queued");
                failure.get_or_insert(e);
            }
        }
    }
    match failure {
        Some(e) => Err(e),
        None => Ok(queued),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rhythm_waits_its_window_and_off_is_handled_at_once() {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("time");
        let later = |m| t + Duration::minutes(m);
        assert!(due(MentionBatching::Immediately, t, t));
        assert!(!due(MentionBatching::Every15Minutes, t, later(14)));
        assert!(due(MentionBatching::Every15Minutes, t, later(15)));
        assert!(!due(MentionBatching::Hourly, t, later(59)));
        assert!(due(MentionBatching::Hourly, t, later(60)));
        assert!(due(MentionBatching::Off, t, t));
    }
}
