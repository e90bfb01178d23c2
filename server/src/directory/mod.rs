//! The network's directory: colleagues across organisations, found by name, organisation,
//! country, function, kind, languages and themes.

pub mod api;
pub mod pages;

use agora_shared::conversations::DirectoryEntry;
use diesel::prelude::*;
use serde::Deserialize;

use crate::accounts::user::User;
use crate::db::DbConnection;
use crate::db::schema::{organisations, users};
use crate::error::AppResult;
use crate::organisations::model::Organisation;
use crate::policy::{self, Actor};

/// Directory filters, all optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Query {
    /// Words matched against name and function.
    pub q: Option<String>,
    pub organisation: Option<i64>,
    pub country: Option<String>,
    pub kind: Option<String>,
    /// A language the person reads.
    pub language: Option<String>,
    /// An SDG the person works on.
    pub theme: Option<u8>,
}

const PAGE: i64 = 100;

/// `s` without the characters LIKE treats specially (and the list separator).
fn like_free(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '%' | '_' | '\\' | ','))
        .collect()
}

fn like(s: &str) -> String {
    format!("%{}%", like_free(s).to_lowercase())
}

pub fn entry(user: &User, org: &Organisation) -> DirectoryEntry {
    DirectoryEntry {
        user_id: user.id,
        display_name: user.display_name.clone(),
        function: user.function.clone(),
        kind: user.kind(),
        organisation_id: org.id,
        organisation_name: org.name.clone(),
        country: org.country.clone(),
        languages_read: user.languages_read(),
        themes: user.themes(),
    }
}

/// The people `policy::directory` lists, filtered by `query`.
pub fn search(
    conn: &mut DbConnection,
    actor: &Actor,
    query: &Query,
) -> AppResult<Vec<DirectoryEntry>> {
    let _ = actor;
    let mut q = users::table
        .inner_join(organisations::table)
        .filter(users::status.eq(policy::directory::LISTED_USER.as_str()))
        .filter(organisations::status.eq(policy::directory::LISTED_ORGANISATION.as_str()))
        .select((User::as_select(), Organisation::as_select()))
        .order((users::display_name, users::id))
        .limit(PAGE)
        .into_boxed();
    if let Some(text) = query.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        for word in text.split_whitespace().take(5) {
            let pattern = like(word);
            q = q.filter(
                diesel::dsl::sql::<diesel::sql_types::Bool>("(LOWER(users.display_name) LIKE ")
                    .bind::<diesel::sql_types::Text, _>(pattern.clone())
                    .sql(" OR LOWER(users.function) LIKE ")
                    .bind::<diesel::sql_types::Text, _>(pattern)
                    .sql(")"),
            );
        }
    }
    if let Some(org) = query.organisation {
        q = q.filter(users::organisation_id.eq(org));
    }
    if let Some(country) = query.country.as_deref().filter(|c| !c.is_empty()) {
        q = q.filter(organisations::country.eq(country.to_uppercase()));
    }
    if let Some(kind) = query.kind.as_deref().filter(|k| !k.is_empty()) {
        q = q.filter(users::kind.eq(kind.to_string()));
    }
    // Lists are stored comma-separated; wrapping both sides in commas matches whole elements.
    if let Some(language) = query
        .language
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        q = q.filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>(
                "(',' || users.languages_read || ',') LIKE ",
            )
            .bind::<diesel::sql_types::Text, _>(format!(
                "%,{},%",
                like_free(&language.to_lowercase())
            )),
        );
    }
    if let Some(theme) = query.theme {
        q = q.filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("(',' || users.themes || ',') LIKE ")
                .bind::<diesel::sql_types::Text, _>(format!("%,{theme},%")),
        );
    }
    let rows: Vec<(User, Organisation)> = q.load(conn)?;
    Ok(rows.iter().map(|(u, o)| entry(u, o)).collect())
}

/// One person's directory entry, if `policy::directory` lists them.
pub fn find(conn: &mut DbConnection, actor: &Actor, user_id: i64) -> AppResult<DirectoryEntry> {
    let user = User::find(conn, user_id)?;
    let org = Organisation::find(conn, user.organisation_id)?;
    policy::directory::entry(actor, user.status(), org.status())?;
    Ok(entry(&user, &org))
}
