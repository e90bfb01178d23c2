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

/// Someone who may be mentioned in a channel: one of its readers (the read markers that
/// `policy::readers` keeps are exactly the people the policy lets read it).
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: i64,
    pub display_name: String,
    pub organisation: String,
    pub active: bool,
}

/// The readers of a channel with their names, ordered by name.
pub fn mention_candidates(conn: &mut DbConnection, channel_id: i64) -> AppResult<Vec<Candidate>> {
    use crate::db::schema::{organisations, read_markers, users};
    use agora_shared::api::UserStatus;
    let rows: Vec<(i64, String, String, UserStatus)> = read_markers::table
        .inner_join(users::table.on(users::id.eq(read_markers::user_id)))
        .inner_join(organisations::table.on(organisations::id.eq(users::organisation_id)))
        .filter(read_markers::channel_id.eq(channel_id))
        .order((users::display_name, users::id))
        .select((
            users::id,
            users::display_name,
            organisations::name,
            users::status,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, display_name, organisation, status)| Candidate {
            id,
            display_name,
            organisation,
            active: status == UserStatus::Active,
        })
        .collect())
}
