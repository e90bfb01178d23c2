//! The names shown beside messages.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{organisations, users};
use crate::error::AppResult;

/// Author display names and organisation names of several users.
pub fn authors(
    conn: &mut DbConnection,
    user_ids: &[i64],
) -> AppResult<Vec<(i64, String, i64, String)>> {
    Ok(users::table
        .inner_join(organisations::table)
        .filter(users::id.eq_any(user_ids))
        .select((
            users::id,
            users::display_name,
            organisations::id,
            organisations::name,
        ))
        .load(conn)?)
}
