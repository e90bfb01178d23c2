//! A workspace itself: creating it with its first channel, and changing its settings.

use agora_shared::conversations::*;
use agora_shared::events::EventKind;
use agora_shared::ids::ChannelId;
use agora_shared::limits::{MAX_DESCRIPTION_CHARS, MAX_WORKSPACE_NAME_CHARS};
use serde_json::json;

use crate::error::{AppError, AppResult};
use crate::messaging::channel::{self, Channel, ChannelKind};
use crate::organisations::model::Organisation;
use crate::policy::scope::WorkspaceScope;
use crate::policy::workspace::{WorkspaceAction, workspace as decide};
use crate::policy::{self, Actor};
use crate::state::AppState;
use crate::validate;
use crate::workspaces::model::{Member, NewWorkspaceRow, Participant, Workspace, WorkspaceChanges};

/// The name of a workspace's first channel, in its default language.
fn general_name(state: &AppState, language: agora_shared::api::Language) -> String {
    crate::i18n::Tr::new(state.i18n.clone(), language).t("channel-general-name")
}

pub async fn create(state: &AppState, actor: &Actor, input: NewWorkspace) -> AppResult<Workspace> {
    let owner = input.owner_organisation_id.unwrap_or(actor.organisation_id);
    policy::workspace::create_workspace(actor, owner)?;
    // Every field is checked before answering, so the form shows all its errors at once.
    let name = validate::text("name", &input.name, MAX_WORKSPACE_NAME_CHARS);
    let description =
        validate::optional_multiline("description", &input.description, MAX_DESCRIPTION_CHARS);
    let tags = validate::sdg_tags("sdg_tags", &input.sdg_tags);
    let (name, description, tags) = match (name, description, tags) {
        (Ok(n), Ok(d), Ok(t)) => (n, d, t),
        (n, d, t) => {
            let errors = [n.err(), d.err(), t.err()].into_iter().flatten().collect();
            return Err(AppError::all(errors).expect_err("one failed"));
        }
    };
    let general = general_name(state, input.default_language);
    let actor = *actor;
    let workspace = state
        .transact(move |tx| {
            let org = Organisation::find(tx, owner)?;
            if !org.is_active() {
                return Err(AppError::not_found());
            }
            let now = tx.now();
            let workspace = Workspace::insert(
                tx,
                &NewWorkspaceRow {
                    owner_organisation_id: owner,
                    kind: input.kind,
                    name: &name,
                    description: &description,
                    sdg_tags: &tags,
                    visibility: input.visibility,
                    default_language: input.default_language,
                    created_by: Some(actor.user_id),
                    created_at: now,
                    updated_at: now,
                },
            )?;
            Participant::upsert(
                tx,
                workspace.id,
                owner,
                Participation::Active,
                actor.user_id,
                now,
            )?;
            if policy::workspace::creator_joins(&actor, owner) {
                Member::insert(
                    tx,
                    workspace.id,
                    actor.user_id,
                    actor.organisation_id,
                    WorkspaceRole::Owner,
                    None,
                    now,
                )?;
            }
            let first = Channel::insert(
                tx,
                Some(workspace.id),
                ChannelKind::Channel,
                &general,
                "",
                false,
                actor.user_id,
                now,
            )?;
            channel::sync_channel_readers(tx, ChannelId::new(first.id), now)?;
            tx.emit_in_workspace(
                EventKind::MembershipChanged,
                workspace.id,
                json!({"workspace_id": workspace.id, "user_id": actor.user_id}),
            );
            Ok(workspace)
        })
        .await?;
    Ok(workspace)
}

pub async fn update(
    state: &AppState,
    actor: &Actor,
    workspace_id: i64,
    input: WorkspaceUpdate,
) -> AppResult<Workspace> {
    let mut changes = WorkspaceChanges {
        updated_at: Some(state.clock.now()),
        ..Default::default()
    };
    if let Some(name) = &input.name {
        changes.name = Some(validate::text("name", name, MAX_WORKSPACE_NAME_CHARS)?);
    }
    if let Some(d) = &input.description {
        changes.description = Some(validate::optional_multiline(
            "description",
            d,
            MAX_DESCRIPTION_CHARS,
        )?);
    }
    if let Some(tags) = &input.sdg_tags {
        changes.sdg_tags = Some(validate::sdg_tags("sdg_tags", tags)?);
    }
    changes.visibility = input.visibility;
    changes.default_language = input.default_language;
    changes.archived_at = input.archived.map(|a| a.then(|| state.clock.now()));
    let actor = *actor;
    let ws = state
        .transact(move |tx| {
            // Archived workspaces can still be unarchived by their owners.
            let mut f = WorkspaceScope::load(tx, &actor, workspace_id)?.facts;
            f.archived = false;
            decide(&actor, &f, WorkspaceAction::Administer)?;
            let ws = Workspace::update(tx, workspace_id, &changes)?;
            tx.emit_in_workspace(
                EventKind::ChannelChanged,
                workspace_id,
                json!({"workspace_id": workspace_id}),
            );
            Ok(ws)
        })
        .await?;
    Ok(ws)
}
