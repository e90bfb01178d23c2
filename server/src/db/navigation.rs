//! The rows of the side navigation, in one statement: the person's workspaces, the channels and
//! direct conversations they hold a read marker for (with unread counts), the other people of
//! their direct conversations, and their unread mentions per channel.
//!
//! One `UNION ALL` of four plain branches, so a page pays one round trip; each branch is the
//! same simple query `unread.rs` runs, so neither engine re-aggregates per channel.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use super::DbConnection;
use crate::error::AppResult;

/// What an entry of [`side_rows`] is.
pub const ROW_WORKSPACE: i64 = 0;
pub const ROW_CHANNEL: i64 = 1;
pub const ROW_DIRECT: i64 = 2;
/// `id`: a direct conversation; `name`: one of its other people.
pub const ROW_PERSON: i64 = 3;
/// `id`: a channel; `n`: the person's unread mentions there.
pub const ROW_MENTIONS: i64 = 4;

#[derive(QueryableByName, Debug)]
pub struct SideRow {
    #[diesel(sql_type = BigInt)]
    pub entry: i64,
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    /// The workspace of a channel.
    #[diesel(sql_type = Nullable<BigInt>)]
    pub parent: Option<i64>,
    #[diesel(sql_type = Text)]
    pub name: String,
    /// Unread messages of a channel, mentions of a mention row.
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

const SIDE_ROWS: &str = "\
SELECT CAST(0 AS BIGINT) AS entry, w.id AS id, CAST(NULL AS BIGINT) AS parent, w.name AS name, \
       CAST(0 AS BIGINT) AS n \
FROM workspace_members wm JOIN workspaces w ON w.id = wm.workspace_id \
WHERE wm.user_id = $1 AND w.archived_at IS NULL \
UNION ALL \
SELECT CASE WHEN c.kind = 'direct' THEN CAST(2 AS BIGINT) ELSE CAST(1 AS BIGINT) END, c.id, \
       c.workspace_id, c.name, c.last_seq - r.read_seq \
FROM read_markers r JOIN channels c ON c.id = r.channel_id \
WHERE r.user_id = $1 AND c.archived_at IS NULL \
UNION ALL \
SELECT CAST(3 AS BIGINT), c.id, CAST(NULL AS BIGINT), u.display_name, u.id \
FROM read_markers r JOIN channels c ON c.id = r.channel_id \
  JOIN channel_members cm ON cm.channel_id = c.id JOIN users u ON u.id = cm.user_id \
WHERE r.user_id = $1 AND c.kind = 'direct' AND c.archived_at IS NULL AND cm.user_id <> $1 \
UNION ALL \
SELECT CAST(4 AS BIGINT), m.channel_id, CAST(NULL AS BIGINT), '', COUNT(*) \
FROM mentions m JOIN read_markers r ON r.channel_id = m.channel_id AND r.user_id = m.user_id \
WHERE m.user_id = $1 AND m.seq > r.read_seq GROUP BY m.channel_id";

/// The side navigation's rows for `user_id`, unordered.
pub fn side_rows(conn: &mut DbConnection, user_id: i64) -> AppResult<Vec<SideRow>> {
    Ok(match conn {
        // `?1` is SQLite's numbered parameter: one bound value used in every branch.
        DbConnection::Sqlite(c) => diesel::sql_query(SIDE_ROWS.replace("$1", "?1"))
            .bind::<BigInt, _>(user_id)
            .load(c)?,
        DbConnection::Pg(c) => diesel::sql_query(SIDE_ROWS)
            .bind::<BigInt, _>(user_id)
            .load(c)?,
    })
}
