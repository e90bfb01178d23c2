//! Server-side sessions: the cookie holds a random token, the table its hash.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::user::User;
use crate::db::DbConnection;
use crate::db::schema::{organisations, sessions, users};
use crate::error::AppResult;
use crate::organisations::model::Organisation;
use crate::security::tokens::{hash_token, new_token};

#[derive(Insertable)]
#[diesel(table_name = sessions)]
struct NewSession<'a> {
    user_id: i64,
    organisation_id: i64,
    token_hash: &'a str,
    created_at: NaiveDateTime,
    expires_at: NaiveDateTime,
    last_seen_at: NaiveDateTime,
}

/// A live session with its person and organisation, as loaded for each request.
#[derive(Debug, Clone)]
pub struct SessionRecord {
    pub id: i64,
    pub token_hash: String,
    pub expires_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub user: User,
    pub organisation: Organisation,
}

/// Creates a session and returns its token (for the cookie). Callers delete the old session
/// first, so a sign-in always rotates the token.
pub fn create(
    conn: &mut DbConnection,
    user: &User,
    now: NaiveDateTime,
    ttl: Duration,
) -> AppResult<String> {
    let token = new_token();
    diesel::insert_into(sessions::table)
        .values(&NewSession {
            user_id: user.id,
            organisation_id: user.organisation_id,
            token_hash: &hash_token(&token),
            created_at: now,
            expires_at: now + ttl,
            last_seen_at: now,
        })
        .execute(conn)?;
    Ok(token)
}

/// The session behind a cookie token, if it exists and has not expired.
pub fn find_live(
    conn: &mut DbConnection,
    token: &str,
    now: NaiveDateTime,
) -> AppResult<Option<SessionRecord>> {
    let hash = hash_token(token);
    let row = sessions::table
        .inner_join(users::table.inner_join(organisations::table))
        .filter(sessions::token_hash.eq(&hash))
        .filter(sessions::expires_at.gt(now))
        .select((
            sessions::id,
            sessions::expires_at,
            sessions::last_seen_at,
            User::as_select(),
            Organisation::as_select(),
        ))
        .first::<(i64, NaiveDateTime, NaiveDateTime, User, Organisation)>(conn)
        .optional()?;
    Ok(row.map(
        |(id, expires_at, last_seen_at, user, organisation)| SessionRecord {
            id,
            token_hash: hash,
            expires_at,
            last_seen_at,
            user,
            organisation,
        },
    ))
}

/// Slides the expiry forward; called at most every few minutes per session. The person's own
/// activity is [`super::activity`]'s.
pub fn touch(conn: &mut DbConnection, id: i64, now: NaiveDateTime, ttl: Duration) -> AppResult<()> {
    diesel::update(sessions::table.find(id))
        .set((
            sessions::last_seen_at.eq(now),
            sessions::expires_at.eq(now + ttl),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn delete_by_token(conn: &mut DbConnection, token: &str) -> AppResult<()> {
    diesel::delete(sessions::table.filter(sessions::token_hash.eq(hash_token(token))))
        .execute(conn)?;
    Ok(())
}

/// Ends every session of a person (deactivation, password change).
pub fn delete_for_user(conn: &mut DbConnection, user_id: i64) -> AppResult<usize> {
    Ok(diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id))).execute(conn)?)
}

/// Ends a person's other sessions (after a password change), keeping the current one.
pub fn delete_others(conn: &mut DbConnection, user_id: i64, keep_hash: &str) -> AppResult<usize> {
    Ok(diesel::delete(
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::token_hash.ne(keep_hash)),
    )
    .execute(conn)?)
}
