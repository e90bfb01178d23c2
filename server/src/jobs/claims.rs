//! Which instance runs a job right now, claimed in the `job_claims` table. A claim is one
//! conditional `UPDATE` of the job's row, so of two instances claiming at once only one wins (on
//! Postgres the second waits for the first's row lock and then sees its condition fail; SQLite
//! has a single writer): the statements are the same on both engines.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::job_claims;
use crate::db::{Db, execute_upsert};
use crate::error::AppResult;

/// A job held by this instance until `until`, or until [`release`]d.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    pub job: &'static str,
    pub until: NaiveDateTime,
    token: String,
}

/// Claims `job` at `now` for `lease` when nobody holds it and, unless `interval` is `None`, its
/// last start (on any instance) is at least `interval` ago. `None` when it is not to run now.
pub async fn claim(
    db: &Db,
    job: &'static str,
    now: NaiveDateTime,
    interval: Option<chrono::Duration>,
    lease: chrono::Duration,
) -> AppResult<Option<Lease>> {
    let token = uuid::Uuid::new_v4().simple().to_string();
    let until = now + lease;
    let started_before = interval.map(|every| now - every);
    let mine = token.clone();
    let won = db
        .write(move |conn| {
            execute_upsert(
                conn,
                diesel::insert_into(job_claims::table)
                    .values(job_claims::name.eq(job))
                    .on_conflict(job_claims::name)
                    .do_nothing(),
            )?;
            let free = job_claims::claimed_until
                .is_null()
                .or(job_claims::claimed_until.le(now));
            let target = job_claims::table
                .filter(job_claims::name.eq(job))
                .filter(free);
            let set = (
                job_claims::last_started_at.eq(Some(now)),
                job_claims::claimed_until.eq(Some(until)),
                job_claims::claim_token.eq(Some(&mine)),
            );
            let updated = match started_before {
                Some(before) => diesel::update(
                    target.filter(
                        job_claims::last_started_at
                            .is_null()
                            .or(job_claims::last_started_at.le(before)),
                    ),
                )
                .set(set)
                .execute(conn)?,
                None => diesel::update(target).set(set).execute(conn)?,
            };
            Ok(updated == 1)
        })
        .await?;
    Ok(won.then_some(Lease { job, until, token }))
}

/// Gives the job back for the next claim; a lease that expired and was claimed again since is
/// left to its new holder.
pub async fn release(db: &Db, lease: Lease) -> AppResult<()> {
    db.write(move |conn| {
        diesel::update(
            job_claims::table
                .filter(job_claims::name.eq(lease.job))
                .filter(job_claims::claim_token.eq(&lease.token)),
        )
        .set((
            job_claims::claimed_until.eq(None::<NaiveDateTime>),
            job_claims::claim_token.eq(None::<String>),
        ))
        .execute(conn)?;
        Ok(())
    })
    .await
}
