//! Invitations: bound to one organisation, email and role; the token is stored hashed.

use agora_shared::api::{InvitationStatus, InvitationView, Language, OrgRole};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::invitations;
use crate::error::AppResult;
use crate::time::rfc3339;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = invitations)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct Invitation {
    pub id: i64,
    pub organisation_id: i64,
    pub email: String,
    pub role: OrgRole,
    pub language: Language,
    pub token_hash: String,
    pub invited_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub accepted_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Insertable)]
#[diesel(table_name = invitations)]
pub struct NewInvitationRow<'a> {
    pub organisation_id: i64,
    pub email: &'a str,
    pub role: OrgRole,
    pub language: Language,
    pub token_hash: &'a str,
    pub invited_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

impl Invitation {
    pub fn role(&self) -> OrgRole {
        self.role
    }

    pub fn language(&self) -> Language {
        self.language
    }

    pub fn status(&self, now: NaiveDateTime) -> InvitationStatus {
        if self.accepted_at.is_some() {
            InvitationStatus::Accepted
        } else if self.revoked_at.is_some() {
            InvitationStatus::Revoked
        } else if self.expires_at <= now {
            InvitationStatus::Expired
        } else {
            InvitationStatus::Pending
        }
    }

    pub fn insert(conn: &mut DbConnection, row: &NewInvitationRow) -> AppResult<Invitation> {
        Ok(diesel::insert_into(invitations::table)
            .values(row)
            .get_result(conn)?)
    }

    pub fn find_by_token_hash(
        conn: &mut DbConnection,
        hash: &str,
    ) -> AppResult<Option<Invitation>> {
        Ok(invitations::table
            .filter(invitations::token_hash.eq(hash))
            .select(Invitation::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn find_in_org(
        conn: &mut DbConnection,
        organisation_id: i64,
        id: i64,
    ) -> AppResult<Invitation> {
        Ok(invitations::table
            .filter(invitations::organisation_id.eq(organisation_id))
            .filter(invitations::id.eq(id))
            .select(Invitation::as_select())
            .first(conn)?)
    }

    pub fn list_in_org(
        conn: &mut DbConnection,
        organisation_id: i64,
    ) -> AppResult<Vec<Invitation>> {
        Ok(invitations::table
            .filter(invitations::organisation_id.eq(organisation_id))
            .order(invitations::id.desc())
            .select(Invitation::as_select())
            .load(conn)?)
    }

    /// Pending invitations for an address in every organisation.
    pub fn pending_for_email(
        conn: &mut DbConnection,
        email: &str,
        now: NaiveDateTime,
    ) -> AppResult<Vec<Invitation>> {
        Ok(invitations::table
            .filter(invitations::email.eq(email))
            .filter(invitations::accepted_at.is_null())
            .filter(invitations::revoked_at.is_null())
            .filter(invitations::expires_at.gt(now))
            .select(Invitation::as_select())
            .load(conn)?)
    }

    pub fn mark_accepted(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> AppResult<bool> {
        // Only one acceptance can win, even when two arrive together.
        let changed = diesel::update(
            invitations::table
                .filter(invitations::id.eq(id))
                .filter(invitations::accepted_at.is_null())
                .filter(invitations::revoked_at.is_null()),
        )
        .set(invitations::accepted_at.eq(Some(now)))
        .execute(conn)?;
        Ok(changed == 1)
    }

    pub fn revoke(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> AppResult<()> {
        diesel::update(
            invitations::table
                .filter(invitations::id.eq(id))
                .filter(invitations::accepted_at.is_null()),
        )
        .set(invitations::revoked_at.eq(Some(now)))
        .execute(conn)?;
        Ok(())
    }

    pub fn view(&self, now: NaiveDateTime) -> InvitationView {
        InvitationView {
            id: self.id,
            organisation_id: self.organisation_id,
            email: self.email.clone(),
            role: self.role(),
            language: self.language(),
            status: self.status(now),
            expires_at: rfc3339(self.expires_at),
        }
    }
}
