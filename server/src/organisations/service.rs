//! Rules for creating, editing and suspending organisations.

use agora_shared::ErrorCode;
use agora_shared::api::{NewOrganisation, OrgStatus, OrganisationUpdate};
use agora_shared::limits::MAX_NAME_CHARS;
use serde_json::json;

use super::model::{NewOrganisationRow, Organisation, OrganisationChanges};
use crate::audit::{self, Action, Event};
use crate::error::{AppError, AppResult};
use crate::policy::{self, Actor};
use crate::state::AppState;
use crate::unit_of_work::Disconnect;
use crate::validate;

pub async fn create(
    state: &AppState,
    actor: &Actor,
    input: NewOrganisation,
) -> AppResult<Organisation> {
    let clock = state.clock.clone();
    policy::manage_network(actor)?;
    let name = validate::text("name", &input.name, MAX_NAME_CHARS)?;
    let country = validate::country(&input.country)?;
    let actor_id = actor.user_id;
    state
        .db
        .write(move |conn| {
            let now = clock.now();
            let org = Organisation::insert(
                conn,
                &NewOrganisationRow::active(
                    &name,
                    input.kind,
                    &country,
                    input.default_language,
                    now,
                ),
            )?;
            audit::record(
                conn,
                Event {
                    organisation_id: Some(org.id),
                    actor: Some(actor_id),
                    action: Action::OrganisationCreated,
                    target_type: "organisation",
                    target_id: Some(org.id),
                    detail: json!({ "kind": org.kind }),
                    client_address: None,
                },
                now,
            )?;
            Ok(org)
        })
        .await
}

/// Edits an organisation; suspending it ends all its members' sessions at once.
pub async fn update(
    state: &AppState,
    actor: &Actor,
    organisation_id: i64,
    input: OrganisationUpdate,
) -> AppResult<Organisation> {
    policy::organisation(actor, organisation_id, policy::Action::Edit)?;
    let mut changes = OrganisationChanges {
        updated_at: Some(state.clock.now()),
        ..Default::default()
    };
    if let Some(name) = &input.name {
        changes.name = Some(validate::text("name", name, MAX_NAME_CHARS)?);
    }
    if let Some(country) = &input.country {
        changes.country = Some(validate::country(country)?);
    }
    changes.kind = input.kind;
    changes.default_language = input.default_language;
    if input.status == Some(OrgStatus::Suspended) && organisation_id == actor.organisation_id {
        // The operator suspending itself would lock everyone out of the network.
        return Err(AppError::invalid(ErrorCode::CannotChangeSelf, "status"));
    }
    changes.status = input.status;
    let actor_id = actor.user_id;
    state
        .transact(move |tx| {
            let before = Organisation::find(tx, organisation_id)?;
            let org = Organisation::update(tx, organisation_id, &changes)?;
            let now = tx.now();
            if org.status() == OrgStatus::Suspended {
                tx.disconnect(Disconnect::Organisation(org.id));
            }
            let action = match (before.status(), org.status()) {
                (OrgStatus::Active, OrgStatus::Suspended) => {
                    super::model::end_sessions(tx, organisation_id)?;
                    Action::OrganisationSuspended
                }
                (OrgStatus::Suspended, OrgStatus::Active) => Action::OrganisationReactivated,
                _ => Action::OrganisationUpdated,
            };
            audit::record(
                tx,
                Event {
                    organisation_id: Some(organisation_id),
                    actor: Some(actor_id),
                    action,
                    target_type: "organisation",
                    target_id: Some(organisation_id),
                    detail: json!({}),
                    client_address: None,
                },
                now,
            )?;
            Ok(org)
        })
        .await
}
