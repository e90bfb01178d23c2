//! What the two engines do differently, each behind one function.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};

use super::DbConnection;
use super::schema::outbox;
use crate::error::AppError;

/// Marks up to `limit` due emails as being sent until `lease_until` and returns their ids.
/// Must run inside a write transaction. On Postgres, rows another instance is claiming right now
/// are skipped (`FOR UPDATE SKIP LOCKED`); on SQLite the single writer makes the claim exclusive.
pub fn claim_due_outbox(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
) -> Result<Vec<i64>, AppError> {
    let due = outbox::table
        .select(outbox::id)
        .filter(
            outbox::status
                .eq("pending")
                .and(outbox::next_attempt_at.le(now))
                .or(outbox::status
                    .eq("sending")
                    .and(outbox::lease_until.lt(now))),
        )
        .order(outbox::id)
        .limit(limit);
    let ids: Vec<i64> = match conn {
        DbConnection::Sqlite(c) => due.load(c)?,
        DbConnection::Pg(c) => due.for_update().skip_locked().load(c)?,
    };
    if !ids.is_empty() {
        diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)))
            .set((
                outbox::status.eq("sending"),
                outbox::lease_until.eq(Some(lease_until)),
            ))
            .execute(conn)?;
    }
    Ok(ids)
}

#[derive(QueryableByName)]
struct ColumnRow {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Bool)]
    nullable: bool,
}

pub fn describe(conn: &mut DbConnection) -> Result<Vec<(String, String, bool)>, AppError> {
    let rows: Vec<ColumnRow> = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(
            "SELECT m.name AS table_name, p.name AS column_name, \
                    (p.\"notnull\" = 0 AND p.pk = 0) AS nullable \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
               AND m.name <> '__diesel_schema_migrations' AND m.name NOT LIKE 'message_search%' \
             ORDER BY 1, p.cid",
        )
        .load(c)?,
        DbConnection::Pg(c) => diesel::sql_query(
            "SELECT table_name::text AS table_name, column_name::text AS column_name, \
                    (is_nullable = 'YES') AS nullable \
             FROM information_schema.columns \
             WHERE table_schema = current_schema() \
               AND table_name <> '__diesel_schema_migrations' AND table_name <> 'message_search' \
             ORDER BY 1, ordinal_position",
        )
        .load(c)?,
    };
    Ok(rows
        .into_iter()
        .map(|r| (r.table_name, r.column_name, r.nullable))
        .collect())
}
