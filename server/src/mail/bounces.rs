//! Hard bounces: addresses a mail server refused permanently (an SMTP 5xx answer). The mailer
//! records one when it gives up on a row for that reason, and clears it when a later email to
//! the same address is accepted (a sign-in link or an invitation still goes out: only digests and
//! notification emails skip a bounced address, through [`deliverable`]).
//!
//! Rows are keyed by the lower-cased address, not by person: the refusal belongs to the mailbox,
//! and a person who changes their email is judged by the new address from then on.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::upsert::excluded;

use crate::db::schema::{email_bounces, users};
use crate::db::{DbConnection, execute_upsert};
use crate::error::AppResult;

/// What is known of a bounced address.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = email_bounces)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct Bounce {
    pub address: String,
    /// The server's answer, as the transport reported it.
    pub reason: String,
    pub first_bounced_at: NaiveDateTime,
    pub last_bounced_at: NaiveDateTime,
    pub bounces: i32,
}

fn key(address: &str) -> String {
    address.trim().to_lowercase()
}

/// Records that `address` was refused permanently at `now` for `reason`.
pub fn record(
    conn: &mut DbConnection,
    address: &str,
    reason: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    execute_upsert(
        conn,
        diesel::insert_into(email_bounces::table)
            .values((
                email_bounces::address.eq(key(address)),
                email_bounces::reason.eq(reason),
                email_bounces::first_bounced_at.eq(now),
                email_bounces::last_bounced_at.eq(now),
                email_bounces::bounces.eq(1),
            ))
            .on_conflict(email_bounces::address)
            .do_update()
            .set((
                email_bounces::reason.eq(excluded(email_bounces::reason)),
                email_bounces::last_bounced_at.eq(excluded(email_bounces::last_bounced_at)),
                email_bounces::bounces.eq(email_bounces::bounces + 1),
            )),
    )?;
    Ok(())
}

/// Forgets the bounce of `address`: a server has since accepted an email for it.
pub fn clear(conn: &mut DbConnection, address: &str) -> AppResult<()> {
    diesel::delete(email_bounces::table.find(key(address))).execute(conn)?;
    Ok(())
}

/// Whether `address` hard-bounced and has not accepted an email since.
pub fn is_hard_bounced(conn: &mut DbConnection, address: &str) -> AppResult<bool> {
    Ok(find(conn, address)?.is_some())
}

/// The bounce of `address`, if any.
pub fn find(conn: &mut DbConnection, address: &str) -> AppResult<Option<Bounce>> {
    Ok(email_bounces::table
        .find(key(address))
        .select(Bounce::as_select())
        .first(conn)
        .optional()?)
}

/// The bounced addresses among `addresses` (lower-cased, as stored for people).
pub fn bounced_among(conn: &mut DbConnection, addresses: &[String]) -> AppResult<Vec<String>> {
    if addresses.is_empty() {
        return Ok(Vec::new());
    }
    Ok(email_bounces::table
        .filter(email_bounces::address.eq_any(addresses))
        .select(email_bounces::address)
        .load(conn)?)
}

/// A filter on `users` keeping the people whose address did not hard-bounce, for selections
/// that join people (digests, notification emails): `users::table.filter(deliverable())`.
/// People's addresses are stored lower-cased, as bounces are.
#[diesel::dsl::auto_type]
pub fn deliverable() -> _ {
    diesel::dsl::not(diesel::dsl::exists(
        email_bounces::table.filter(email_bounces::address.eq(users::email)),
    ))
}
