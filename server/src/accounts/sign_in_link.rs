//! One-time sign-in links: single use, 15 minutes, stored hashed.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::sign_in_links;
use crate::error::AppResult;

#[derive(Insertable)]
#[diesel(table_name = sign_in_links)]
pub struct NewSignInLink<'a> {
    pub user_id: i64,
    pub organisation_id: i64,
    pub token_hash: &'a str,
    pub next_path: &'a str,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

/// A usable link: whose, and where it leads.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sign_in_links)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct SignInLink {
    pub id: i64,
    pub user_id: i64,
    pub next_path: String,
}

impl SignInLink {
    pub fn insert(conn: &mut DbConnection, row: &NewSignInLink) -> AppResult<()> {
        diesel::insert_into(sign_in_links::table)
            .values(row)
            .execute(conn)?;
        Ok(())
    }

    pub fn find_usable(
        conn: &mut DbConnection,
        hash: &str,
        now: NaiveDateTime,
    ) -> AppResult<Option<SignInLink>> {
        Ok(sign_in_links::table
            .filter(sign_in_links::token_hash.eq(hash))
            .filter(sign_in_links::used_at.is_null())
            .filter(sign_in_links::expires_at.gt(now))
            .select(SignInLink::as_select())
            .first(conn)
            .optional()?)
    }

    /// Uses the link; `false` when another request used it first.
    pub fn consume(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> AppResult<bool> {
        let n = diesel::update(
            sign_in_links::table
                .filter(sign_in_links::id.eq(id))
                .filter(sign_in_links::used_at.is_null()),
        )
        .set(sign_in_links::used_at.eq(Some(now)))
        .execute(conn)?;
        Ok(n == 1)
    }
}
