//! Removes uploads never attached to a message once the configured delay has passed, and the
//! files of deleted messages. Rows go first, in a transaction; files go after the commit, and
//! only those whose row this run deleted.

use chrono::NaiveDateTime;

use crate::error::AppResult;
use crate::messaging::attachments;
use crate::messaging::message::Attachment;
use crate::state::AppState;

/// Rows handled per transaction, so the SQLite writer is never held for long.
const BATCH: i64 = 200;

/// Returns how many uploads were removed.
pub async fn run(state: &AppState, now: NaiveDateTime) -> AppResult<usize> {
    let ttl = chrono::Duration::from_std(state.config.unattached_upload_ttl)
        .unwrap_or(chrono::Duration::MAX);
    let cutoff = now.checked_sub_signed(ttl).unwrap_or(NaiveDateTime::MIN);
    let mut removed = 0;
    loop {
        let (listed, keys) = state
            .db
            .write(move |conn| {
                let rows = Attachment::list_removable(conn, cutoff, BATCH)?;
                let mut keys = Vec::with_capacity(rows.len());
                for (id, key) in &rows {
                    if Attachment::delete_if_removable(conn, *id, cutoff)? {
                        keys.push(key.clone());
                    }
                }
                Ok((rows.len(), keys))
            })
            .await?;
        for key in &keys {
            attachments::remove_file(state, key).await;
        }
        removed += keys.len();
        // Rows listed but not deleted were attached meanwhile and are not listed again.
        if listed < BATCH as usize {
            break;
        }
    }
    if removed > 0 {
        tracing::info!(uploads = removed, "removed unattached and deleted uploads");
    }
    Ok(removed)
}
