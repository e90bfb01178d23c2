//! Who a message mentions, kept with the message's place so unread mentions count cheaply.

use diesel::prelude::*;

use super::Message;
use crate::db::DbConnection;
use crate::db::schema::mentions;
use crate::error::AppResult;

/// Records that `message` mentions `user_ids`; answers those it did not mention before (whom an
/// edit newly mentions), for their notification.
pub fn add_mentions(
    conn: &mut DbConnection,
    message: &Message,
    user_ids: &[i64],
) -> AppResult<Vec<i64>> {
    let mut added = Vec::new();
    // Two edits at once may mention the same person: the second keeps the first one's row.
    for user_id in user_ids {
        let inserted = crate::db::execute_upsert(
            conn,
            diesel::insert_into(mentions::table)
                .values((
                    mentions::message_id.eq(message.id),
                    mentions::user_id.eq(user_id),
                    mentions::channel_id.eq(message.channel_id),
                    mentions::seq.eq(message.seq),
                ))
                .on_conflict((mentions::message_id, mentions::user_id))
                .do_nothing(),
        )?;
        if inserted > 0 {
            added.push(*user_id);
        }
    }
    Ok(added)
}
