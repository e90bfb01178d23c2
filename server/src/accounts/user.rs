//! People and their queries. Every query on members takes the organisation first.

use agora_shared::api::{Language, MemberView, OrgRole, UserKind, UserStatus, UserView};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::users;
use crate::error::AppResult;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct User {
    pub id: i64,
    pub organisation_id: i64,
    pub email: String,
    pub password_hash: String,
    pub display_name: String,
    pub function: String,
    pub kind: UserKind,
    pub role: OrgRole,
    pub status: UserStatus,
    pub interface_language: Language,
    pub languages_read: String,
    pub time_zone: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Last page view, post, API call or websocket connect, to within [`super::activity::EVERY`].
    pub last_active_at: Option<NaiveDateTime>,
    /// SDG numbers, comma-separated.
    pub themes: String,
}

#[derive(Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub organisation_id: i64,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub function: &'a str,
    pub kind: UserKind,
    pub role: OrgRole,
    pub status: UserStatus,
    pub interface_language: Language,
    pub languages_read: &'a str,
    pub time_zone: &'a str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(AsChangeset, Default)]
#[diesel(table_name = users)]
pub struct UserChanges {
    pub display_name: Option<String>,
    pub function: Option<String>,
    pub kind: Option<UserKind>,
    pub role: Option<OrgRole>,
    pub status: Option<UserStatus>,
    pub interface_language: Option<Language>,
    pub languages_read: Option<String>,
    pub time_zone: Option<String>,
    pub themes: Option<String>,
    pub password_hash: Option<String>,
    pub updated_at: Option<NaiveDateTime>,
}

impl User {
    pub fn role(&self) -> OrgRole {
        self.role
    }

    pub fn status(&self) -> UserStatus {
        self.status
    }

    pub fn kind(&self) -> UserKind {
        self.kind
    }

    pub fn language(&self) -> Language {
        self.interface_language
    }

    pub fn languages_read(&self) -> Vec<String> {
        self.languages_read
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }

    pub fn themes(&self) -> Vec<u8> {
        self.themes
            .split(',')
            .filter_map(|s| s.parse().ok())
            .collect()
    }

    pub fn is_active(&self) -> bool {
        self.status() == UserStatus::Active
    }

    pub fn find_by_email(conn: &mut DbConnection, email: &str) -> AppResult<Option<User>> {
        Ok(users::table
            .filter(users::email.eq(email))
            .select(User::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> AppResult<User> {
        Ok(users::table
            .find(id)
            .select(User::as_select())
            .first(conn)?)
    }

    /// A member of `organisation_id`; another organisation's person is simply not found.
    pub fn find_in_org(conn: &mut DbConnection, organisation_id: i64, id: i64) -> AppResult<User> {
        Ok(users::table
            .filter(users::organisation_id.eq(organisation_id))
            .filter(users::id.eq(id))
            .select(User::as_select())
            .first(conn)?)
    }

    pub fn list_in_org(conn: &mut DbConnection, organisation_id: i64) -> AppResult<Vec<User>> {
        Ok(users::table
            .filter(users::organisation_id.eq(organisation_id))
            .order((users::display_name, users::id))
            .select(User::as_select())
            .load(conn)?)
    }

    pub fn count_admins(conn: &mut DbConnection, organisation_id: i64) -> AppResult<i64> {
        Ok(users::table
            .filter(users::organisation_id.eq(organisation_id))
            .filter(users::role.eq(OrgRole::Admin))
            .filter(users::status.eq(UserStatus::Active))
            .count()
            .get_result(conn)?)
    }

    pub fn insert(conn: &mut DbConnection, row: &NewUser) -> AppResult<User> {
        Ok(diesel::insert_into(users::table)
            .values(row)
            .get_result(conn)?)
    }

    pub fn update(conn: &mut DbConnection, id: i64, changes: &UserChanges) -> AppResult<User> {
        Ok(diesel::update(users::table.find(id))
            .set(changes)
            .get_result(conn)?)
    }

    pub fn view(&self, network_admin: bool) -> UserView {
        UserView {
            id: self.id,
            organisation_id: self.organisation_id,
            email: self.email.clone(),
            display_name: self.display_name.clone(),
            function: self.function.clone(),
            kind: self.kind(),
            role: self.role(),
            status: self.status(),
            interface_language: self.language(),
            languages_read: self.languages_read(),
            time_zone: self.time_zone.clone(),
            themes: self.themes(),
            network_admin,
        }
    }

    pub fn member_view(&self) -> MemberView {
        MemberView {
            id: self.id,
            email: self.email.clone(),
            display_name: self.display_name.clone(),
            function: self.function.clone(),
            kind: self.kind(),
            role: self.role(),
            status: self.status(),
        }
    }
}
