//! Emoji reactions to messages.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::reactions;
use crate::error::AppResult;

/// Adds or removes one person's reaction; returns whether that changed anything.
pub fn toggle_reaction(
    conn: &mut DbConnection,
    message_id: i64,
    user_id: i64,
    emoji: &str,
    add: bool,
    now: NaiveDateTime,
) -> AppResult<bool> {
    // No check before the write: identical requests at once would all pass it.
    let rows = if add {
        crate::db::execute_upsert(
            conn,
            diesel::insert_into(reactions::table)
                .values((
                    reactions::message_id.eq(message_id),
                    reactions::user_id.eq(user_id),
                    reactions::emoji.eq(emoji),
                    reactions::created_at.eq(now),
                ))
                .on_conflict((reactions::message_id, reactions::user_id, reactions::emoji))
                .do_nothing(),
        )?
    } else {
        diesel::delete(
            reactions::table
                .filter(reactions::message_id.eq(message_id))
                .filter(reactions::user_id.eq(user_id))
                .filter(reactions::emoji.eq(emoji)),
        )
        .execute(conn)?
    };
    Ok(rows > 0)
}

/// Reactions of several messages: (message, emoji, user).
pub fn reactions_of(conn: &mut DbConnection, ids: &[i64]) -> AppResult<Vec<(i64, String, i64)>> {
    Ok(reactions::table
        .filter(reactions::message_id.eq_any(ids))
        .order((reactions::message_id, reactions::created_at))
        .select((reactions::message_id, reactions::emoji, reactions::user_id))
        .load(conn)?)
}
