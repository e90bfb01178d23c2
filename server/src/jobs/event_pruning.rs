//! Removes realtime events older than the retention: replay from before then resyncs instead.

use chrono::NaiveDateTime;

use crate::db::events::{RETENTION_DAYS, prune};
use crate::error::AppResult;
use crate::state::AppState;

/// Returns how many events were removed.
pub async fn run(state: &AppState, now: NaiveDateTime) -> AppResult<usize> {
    let before = now - chrono::Duration::days(RETENTION_DAYS);
    let removed = state.db.write(move |conn| prune(conn, before)).await?;
    if removed > 0 {
        tracing::info!(removed, "pruned realtime events");
    }
    Ok(removed)
}
