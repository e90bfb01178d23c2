//! The digest's own rows: each person's last decided period (`digest_deliveries`), the record of
//! runs (`digest_runs`) and the organisation's digest settings (columns of `organisations`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{digest_deliveries, digest_runs, organisations};
use crate::db::{DbConnection, execute_upsert};
use crate::error::AppResult;

/// Bounds of an organisation's inactivity threshold, in days.
pub const INACTIVE_DAYS: std::ops::RangeInclusive<i32> = 1..=90;

/// How an organisation wants digests for its people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = organisations)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct OrgDigestSettings {
    /// Days without activity before its people get digests.
    pub digest_inactive_days: i32,
    /// Subjects and links only: no quoted message in email to its people.
    pub email_without_content: bool,
}

impl OrgDigestSettings {
    pub fn find(conn: &mut DbConnection, organisation_id: i64) -> AppResult<OrgDigestSettings> {
        Ok(organisations::table
            .find(organisation_id)
            .select(OrgDigestSettings::as_select())
            .first(conn)?)
    }

    pub fn save(
        &self,
        conn: &mut DbConnection,
        organisation_id: i64,
        now: NaiveDateTime,
    ) -> AppResult<()> {
        diesel::update(organisations::table.find(organisation_id))
            .set((
                organisations::digest_inactive_days.eq(self.digest_inactive_days),
                organisations::email_without_content.eq(self.email_without_content),
                organisations::updated_at.eq(now),
            ))
            .execute(conn)?;
        Ok(())
    }
}

/// Marks `period` decided for `user_id`, once: `false` when it already was (by another run or
/// instance), so of two claiming at once exactly one goes on. `sent` records that a digest went
/// out, which moves the start of the next one.
pub fn claim_period(
    conn: &mut DbConnection,
    user_id: i64,
    organisation_id: i64,
    period: &str,
    sent: bool,
    now: NaiveDateTime,
) -> AppResult<bool> {
    execute_upsert(
        conn,
        diesel::insert_into(digest_deliveries::table)
            .values((
                digest_deliveries::user_id.eq(user_id),
                digest_deliveries::organisation_id.eq(organisation_id),
                digest_deliveries::last_period.eq(""),
                digest_deliveries::updated_at.eq(now),
            ))
            .on_conflict(digest_deliveries::user_id)
            .do_nothing(),
    )?;
    let target = digest_deliveries::table
        .filter(digest_deliveries::user_id.eq(user_id))
        .filter(digest_deliveries::last_period.ne(period));
    let won = if sent {
        diesel::update(target)
            .set((
                digest_deliveries::last_period.eq(period),
                digest_deliveries::last_sent_at.eq(Some(now)),
                digest_deliveries::updated_at.eq(now),
            ))
            .execute(conn)?
    } else {
        diesel::update(target)
            .set((
                digest_deliveries::last_period.eq(period),
                digest_deliveries::updated_at.eq(now),
            ))
            .execute(conn)?
    };
    Ok(won == 1)
}

/// When `user_id`'s last digest that was not quiet went out.
pub fn last_sent_at(conn: &mut DbConnection, user_id: i64) -> AppResult<Option<NaiveDateTime>> {
    Ok(digest_deliveries::table
        .find(user_id)
        .select(digest_deliveries::last_sent_at)
        .first::<Option<NaiveDateTime>>(conn)
        .optional()?
        .flatten())
}

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunCounts {
    /// People whose period was due and not yet decided.
    pub considered: i64,
    /// Digests written to the outbox.
    pub queued: i64,
    /// People with nothing worth reading this period.
    pub skipped_quiet: i64,
}

/// One run as the network administrator's page shows it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = digest_runs)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct DigestRun {
    pub id: i64,
    pub started_at: NaiveDateTime,
    /// `None` while it runs, or when its instance stopped before the end.
    pub finished_at: Option<NaiveDateTime>,
    pub considered: i64,
    pub queued: i64,
    pub skipped_quiet: i64,
}

impl DigestRun {
    pub fn start(conn: &mut DbConnection, now: NaiveDateTime) -> AppResult<i64> {
        Ok(diesel::insert_into(digest_runs::table)
            .values((
                digest_runs::started_at.eq(now),
                digest_runs::considered.eq(0),
                digest_runs::queued.eq(0),
                digest_runs::skipped_quiet.eq(0),
            ))
            .returning(digest_runs::id)
            .get_result(conn)?)
    }

    /// Stores the counts so far; with `finished_at` once the run is done.
    pub fn record(
        conn: &mut DbConnection,
        id: i64,
        counts: RunCounts,
        finished_at: Option<NaiveDateTime>,
    ) -> AppResult<()> {
        diesel::update(digest_runs::table.find(id))
            .set((
                digest_runs::considered.eq(counts.considered),
                digest_runs::queued.eq(counts.queued),
                digest_runs::skipped_quiet.eq(counts.skipped_quiet),
                digest_runs::finished_at.eq(finished_at),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// The latest runs, newest first.
    pub fn list_recent(conn: &mut DbConnection, limit: i64) -> AppResult<Vec<DigestRun>> {
        Ok(digest_runs::table
            .order(digest_runs::id.desc())
            .limit(limit)
            .select(DigestRun::as_select())
            .load(conn)?)
    }
}
