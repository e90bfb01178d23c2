//! What the two engines do differently, each behind one function.

use agora_shared::conversations::WorkspaceRole;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::query_dsl::methods::{ExecuteDsl, LoadQuery};
use diesel::sql_types::{Bool, Text};
use diesel::{PgConnection, SqliteConnection};

use super::DbConnection;
use super::schema::{outbox, workspace_members};
use crate::error::AppError;

/// Runs an insert with an `ON CONFLICT` clause and returns the rows it wrote. Diesel's shared
/// connection cannot dispatch `on_conflict`, so it runs on the engine's own connection; both
/// engines accept the same statement (SQLite since 3.24).
pub fn execute_upsert<Q>(conn: &mut DbConnection, query: Q) -> QueryResult<usize>
where
    Q: ExecuteDsl<SqliteConnection> + ExecuteDsl<PgConnection>,
{
    match conn {
        DbConnection::Sqlite(c) => ExecuteDsl::<SqliteConnection>::execute(query, c),
        DbConnection::Pg(c) => ExecuteDsl::<PgConnection>::execute(query, c),
    }
}

/// [`execute_upsert`] with `RETURNING`: the row written, or `None` when the conflict clause
/// kept an existing row instead.
pub fn upsert_returning<'q, Q, U>(conn: &mut DbConnection, query: Q) -> QueryResult<Option<U>>
where
    Q: RunQueryDsl<SqliteConnection>
        + RunQueryDsl<PgConnection>
        + LoadQuery<'q, SqliteConnection, U>
        + LoadQuery<'q, PgConnection, U>,
{
    match conn {
        DbConnection::Sqlite(c) => RunQueryDsl::<SqliteConnection>::get_result(query, c),
        DbConnection::Pg(c) => RunQueryDsl::<PgConnection>::get_result(query, c),
    }
    .optional()
}

/// Makes transactions that name the same `key` take turns until they commit, for a
/// check-then-insert that no unique constraint can express (e.g. "one pending invitation per
/// address"). Must run inside a write transaction. SQLite's single writer already takes turns.
pub fn serialize_on(conn: &mut DbConnection, key: &str) -> Result<(), AppError> {
    if let DbConnection::Pg(c) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            .bind::<Text, _>(key)
            .execute(c)?;
    }
    Ok(())
}

/// The owners of a workspace, locked until the transaction ends on Postgres, so two owners
/// stepping down at the same moment cannot both see the other one still there.
pub fn lock_workspace_owners(
    conn: &mut DbConnection,
    workspace_id: i64,
    owner_role: WorkspaceRole,
) -> Result<Vec<i64>, AppError> {
    let owners = workspace_members::table
        .filter(workspace_members::workspace_id.eq(workspace_id))
        .filter(workspace_members::role.eq(owner_role))
        .order(workspace_members::id)
        .select(workspace_members::id);
    Ok(match conn {
        DbConnection::Sqlite(c) => owners.load(c)?,
        DbConnection::Pg(c) => owners.for_update().load(c)?,
    })
}

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

/// A timestamp as a SQL literal both engines store in a `TIMESTAMP` column, also where the
/// literal's type is not inferred from the column (a `CASE` of literals, an `INSERT … SELECT`):
/// SQLite keeps the text as it is; Postgres needs it cast.
pub fn timestamp_literal(backend: super::Backend, at: NaiveDateTime) -> String {
    let text = at.format("%Y-%m-%d %H:%M:%S");
    match backend {
        super::Backend::Sqlite => format!("'{text}'"),
        super::Backend::Postgres => format!("CAST('{text}' AS TIMESTAMP)"),
    }
}

/// After rows were written with explicit ids, moves each table's id sequence past them so later
/// inserts do not collide. SQLite's rowids follow the largest id by themselves.
pub fn advance_id_sequences(conn: &mut DbConnection, tables: &[&str]) -> Result<(), AppError> {
    if let DbConnection::Pg(pg) = conn {
        for table in tables {
            diesel::sql_query(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT MAX(id) FROM {table}))"
            ))
            .execute(pg)?;
        }
    }
    Ok(())
}
