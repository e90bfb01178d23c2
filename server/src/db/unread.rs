//! Unread and mention counts of the channels a person reads.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable};

use super::DbConnection;
use crate::error::AppResult;

#[derive(QueryableByName)]
pub struct ChannelCount {
    #[diesel(sql_type = BigInt)]
    pub channel_id: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub workspace_id: Option<i64>,
    #[diesel(sql_type = BigInt)]
    pub unread: i64,
    #[diesel(sql_type = BigInt)]
    pub mentions: i64,
}

#[derive(QueryableByName)]
struct MentionCount {
    #[diesel(sql_type = BigInt)]
    channel_id: i64,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Unread and mention counts of every channel a person reads: the channel's newest sequence
/// number minus the read marker, never one row per recipient per message. Mentions are counted
/// in a second, grouped query: a correlated subquery runs once per channel, and a join of the
/// two made Postgres re-aggregate per channel when its statistics were young.
pub fn unread_counts(conn: &mut DbConnection, user_id: i64) -> AppResult<Vec<ChannelCount>> {
    let counts = "SELECT r.channel_id AS channel_id, c.workspace_id AS workspace_id, \
                         c.last_seq - r.read_seq AS unread, CAST(0 AS BIGINT) AS mentions \
                  FROM read_markers r JOIN channels c ON c.id = r.channel_id \
                  WHERE r.user_id = $1 AND c.archived_at IS NULL";
    let mentions = "SELECT m.channel_id AS channel_id, COUNT(*) AS n \
                    FROM mentions m JOIN read_markers r \
                      ON r.channel_id = m.channel_id AND r.user_id = m.user_id \
                    WHERE m.user_id = $1 AND m.seq > r.read_seq GROUP BY m.channel_id";
    let (mut rows, mentioned): (Vec<ChannelCount>, Vec<MentionCount>) = match conn {
        DbConnection::Sqlite(c) => (
            diesel::sql_query(counts.replace('$', "?"))
                .bind::<BigInt, _>(user_id)
                .load(c)?,
            diesel::sql_query(mentions.replace('$', "?"))
                .bind::<BigInt, _>(user_id)
                .load(c)?,
        ),
        DbConnection::Pg(c) => (
            diesel::sql_query(counts)
                .bind::<BigInt, _>(user_id)
                .load(c)?,
            diesel::sql_query(mentions)
                .bind::<BigInt, _>(user_id)
                .load(c)?,
        ),
    };
    if !mentioned.is_empty() {
        let by_channel: std::collections::HashMap<i64, i64> =
            mentioned.into_iter().map(|m| (m.channel_id, m.n)).collect();
        for row in &mut rows {
            row.mentions = by_channel.get(&row.channel_id).copied().unwrap_or(0);
        }
    }
    Ok(rows)
}
