//! Removes uploads never attached to a message once they are older than the configured delay,
//! and the files of deleted messages.

use chrono::NaiveDateTime;

use crate::error::AppResult;
use crate::state::AppState;

pub async fn run(_state: &AppState, _now: NaiveDateTime) -> AppResult<usize> {
    Ok(0)
}
