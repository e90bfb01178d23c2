//! Password-reset tokens: single use, short-lived, stored hashed.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::password_resets;
use crate::error::AppResult;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = password_resets)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct PasswordReset {
    pub id: i64,
    pub user_id: i64,
    pub organisation_id: i64,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

#[derive(Insertable)]
#[diesel(table_name = password_resets)]
pub struct NewReset<'a> {
    pub user_id: i64,
    pub organisation_id: i64,
    pub token_hash: &'a str,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

impl PasswordReset {
    pub fn insert(conn: &mut DbConnection, row: &NewReset) -> AppResult<()> {
        diesel::insert_into(password_resets::table)
            .values(row)
            .execute(conn)?;
        Ok(())
    }

    /// A usable reset for this token hash.
    pub fn find_usable(
        conn: &mut DbConnection,
        hash: &str,
        now: NaiveDateTime,
    ) -> AppResult<Option<PasswordReset>> {
        Ok(password_resets::table
            .filter(password_resets::token_hash.eq(hash))
            .filter(password_resets::used_at.is_null())
            .filter(password_resets::expires_at.gt(now))
            .select(PasswordReset::as_select())
            .first(conn)
            .optional()?)
    }

    /// Uses this reset and voids the person's other open ones.
    pub fn consume_all_for_user(
        conn: &mut DbConnection,
        user_id: i64,
        now: NaiveDateTime,
    ) -> AppResult<()> {
        diesel::update(
            password_resets::table
                .filter(password_resets::user_id.eq(user_id))
                .filter(password_resets::used_at.is_null()),
        )
        .set(password_resets::used_at.eq(Some(now)))
        .execute(conn)?;
        Ok(())
    }
}
