//! Organisation rows and their queries.

use agora_shared::api::{Language, OrgKind, OrgStatus, OrganisationView};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{organisations, sessions};
use crate::error::AppResult;
use crate::time::rfc3339;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = organisations)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct Organisation {
    pub id: i64,
    pub name: String,
    pub kind: OrgKind,
    pub country: String,
    pub default_language: Language,
    pub status: OrgStatus,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Days without activity before its people get digests (`digest::model::OrgDigestSettings`).
    pub digest_inactive_days: i32,
    /// Email to its people carries subjects and links only.
    pub email_without_content: bool,
}

#[derive(Insertable)]
#[diesel(table_name = organisations)]
pub struct NewOrganisationRow<'a> {
    pub name: &'a str,
    pub kind: OrgKind,
    pub country: &'a str,
    pub default_language: Language,
    pub status: OrgStatus,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl<'a> NewOrganisationRow<'a> {
    /// An active organisation, created at `now`.
    pub fn active(
        name: &'a str,
        kind: OrgKind,
        country: &'a str,
        language: Language,
        now: NaiveDateTime,
    ) -> Self {
        NewOrganisationRow {
            name,
            kind,
            country,
            default_language: language,
            status: OrgStatus::Active,
            created_at: now,
            updated_at: now,
        }
    }
}

#[derive(AsChangeset, Default)]
#[diesel(table_name = organisations)]
pub struct OrganisationChanges {
    pub name: Option<String>,
    pub kind: Option<OrgKind>,
    pub country: Option<String>,
    pub default_language: Option<Language>,
    pub status: Option<OrgStatus>,
    pub updated_at: Option<NaiveDateTime>,
}

impl Organisation {
    pub fn kind(&self) -> OrgKind {
        self.kind
    }

    pub fn status(&self) -> OrgStatus {
        self.status
    }

    pub fn language(&self) -> Language {
        self.default_language
    }

    pub fn is_active(&self) -> bool {
        self.status() == OrgStatus::Active
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> AppResult<Organisation> {
        Ok(organisations::table
            .find(id)
            .select(Organisation::as_select())
            .first(conn)?)
    }

    pub fn list_all(conn: &mut DbConnection) -> AppResult<Vec<Organisation>> {
        Ok(organisations::table
            .order((organisations::name, organisations::id))
            .select(Organisation::as_select())
            .load(conn)?)
    }

    pub fn count(conn: &mut DbConnection) -> AppResult<i64> {
        Ok(organisations::table.count().get_result(conn)?)
    }

    pub fn insert(conn: &mut DbConnection, row: &NewOrganisationRow) -> AppResult<Organisation> {
        Ok(diesel::insert_into(organisations::table)
            .values(row)
            .get_result(conn)?)
    }

    pub fn update(
        conn: &mut DbConnection,
        id: i64,
        changes: &OrganisationChanges,
    ) -> AppResult<Organisation> {
        Ok(diesel::update(organisations::table.find(id))
            .set(changes)
            .get_result(conn)?)
    }

    pub fn view(&self) -> OrganisationView {
        OrganisationView {
            id: self.id,
            name: self.name.clone(),
            kind: self.kind(),
            country: self.country.clone(),
            default_language: self.language(),
            status: self.status(),
            created_at: rfc3339(self.created_at),
        }
    }
}

/// Ends every session of an organisation's members (suspension). The sessions table belongs to
/// accounts, but accounts build on organisations, so the suspension reaches it from here.
pub fn end_sessions(conn: &mut DbConnection, organisation_id: i64) -> AppResult<usize> {
    Ok(
        diesel::delete(sessions::table.filter(sessions::organisation_id.eq(organisation_id)))
            .execute(conn)?,
    )
}
