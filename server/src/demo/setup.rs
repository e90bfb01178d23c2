//! The rows `agora demo` inserts directly, as first-start setup and accepted invitations would
//! have created them: the network operator and the people.

use anyhow::bail;
use diesel::prelude::*;
use serde_json::json;

use super::data::{OrganisationEntry, PersonEntry};
use super::step;
use crate::accounts::user::{NewUser, User, UserChanges};
use crate::audit::{self, Action, Event};
use crate::db::schema::users;
use crate::organisations::model::{NewOrganisationRow, Organisation};
use crate::state::AppState;
use crate::validate;

/// Inserts the network operator with its setup record, unless the database holds any
/// organisation or person already.
pub(super) async fn operator(
    state: &AppState,
    spec: &OrganisationEntry,
) -> anyhow::Result<Organisation> {
    let clock = state.clock.clone();
    let (name, kind, country, language) = (
        spec.name.clone(),
        spec.kind,
        spec.country.clone(),
        spec.language,
    );
    let created = step(
        "creating the network operator",
        state
            .db
            .write(move |conn| {
                let organisations = Organisation::count(conn)?;
                let people: i64 = users::table.count().get_result(conn)?;
                if organisations > 0 || people > 0 {
                    return Ok(Err((organisations, people)));
                }
                let now = clock.now();
                let org = Organisation::insert(
                    conn,
                    &NewOrganisationRow::active(&name, kind, &country, language, now),
                )?;
                audit::record(
                    conn,
                    Event {
                        organisation_id: Some(org.id),
                        actor: None,
                        action: Action::SetupCompleted,
                        target_type: "organisation",
                        target_id: Some(org.id),
                        detail: json!({ "demo": true }),
                        client_address: None,
                    },
                    now,
                )?;
                Ok(Ok(org))
            })
            .await,
    )?;
    match created {
        Ok(org) => Ok(org),
        Err((organisations, people)) => bail!(
            "the database is not empty ({organisations} organisations, {people} people): \
             `agora demo` only fills a new, empty database. Point AGORA_DATA_DIR or \
             AGORA_DATABASE_URL at a fresh one and run it again."
        ),
    }
}

/// Inserts a person of organisation `org_id` with the demo password's `hash`, as an accepted
/// invitation would have.
pub(super) async fn person(
    state: &AppState,
    org_id: i64,
    spec: &PersonEntry,
    hash: &str,
) -> anyhow::Result<User> {
    let clock = state.clock.clone();
    let languages_read = step(&spec.email, validate::languages_read(&spec.reads))?;
    let themes = step(&spec.email, validate::sdg_tags("themes", &spec.themes))?;
    let time_zone = step(&spec.email, validate::time_zone(&spec.time_zone))?;
    let (hash, org_id) = (hash.to_string(), org_id);
    let (email, name, function) = (spec.email.clone(), spec.name.clone(), spec.function.clone());
    let (kind, role, language) = (spec.kind, spec.role, spec.language);
    step(
        &spec.email,
        state
            .db
            .write(move |conn| {
                let now = clock.now();
                let user = User::insert(
                    conn,
                    &NewUser {
                        organisation_id: org_id,
                        email: &email,
                        password_hash: &hash,
                        display_name: &name,
                        function: &function,
                        kind,
                        role,
                        status: agora_shared::api::UserStatus::Active,
                        interface_language: language,
                        languages_read: &languages_read,
                        time_zone: &time_zone,
                        created_at: now,
                        updated_at: now,
                    },
                )?;
                User::update(
                    conn,
                    user.id,
                    &UserChanges {
                        themes: Some(themes),
                        ..Default::default()
                    },
                )
            })
            .await,
    )
}
