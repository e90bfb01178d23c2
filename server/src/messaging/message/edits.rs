//! A message's earlier versions.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::Message;
use crate::db::DbConnection;
use crate::db::schema::{message_edits, messages};
use crate::error::AppResult;

/// Keeps the version an edit replaces. Writing the row first (a change to nothing) makes edits
/// and deletions take turns: each records what the previous one left, and a message deleted
/// meanwhile is not found instead of getting its old text back.
pub fn record_edit(
    conn: &mut DbConnection,
    message: &Message,
    by: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    let live = messages::table
        .find(message.id)
        .filter(messages::deleted_at.is_null());
    let (body_md, language): (String, String) = diesel::update(live)
        .set(messages::edited_at.eq(messages::edited_at))
        .returning((messages::body_md, messages::language))
        .get_result(conn)?;
    diesel::insert_into(message_edits::table)
        .values((
            message_edits::message_id.eq(message.id),
            message_edits::body_md.eq(&body_md),
            message_edits::language.eq(&language),
            message_edits::edited_by.eq(by),
            message_edits::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Earlier versions of a message, oldest first: (markdown, language, replaced at).
pub fn edits(
    conn: &mut DbConnection,
    message_id: i64,
) -> AppResult<Vec<(String, String, NaiveDateTime)>> {
    Ok(message_edits::table
        .filter(message_edits::message_id.eq(message_id))
        .order(message_edits::id)
        .select((
            message_edits::body_md,
            message_edits::language,
            message_edits::created_at,
        ))
        .load(conn)?)
}
