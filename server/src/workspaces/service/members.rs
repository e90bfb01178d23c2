//! People in a workspace: adding them, their roles, restoring an owner and removing them.

use agora_shared::ErrorCode;
use agora_shared::conversations::*;
use agora_shared::events::EventKind;
use serde_json::json;

use crate::accounts::user::User;
use crate::audit;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::policy::scope::WorkspaceScope;
use crate::policy::workspace::{Target, WorkspaceAction, workspace as decide};
use crate::policy::{self, Actor};
use crate::state::AppState;
use crate::unit_of_work::Tx;
use crate::workspaces::model::{Member, Participant, Workspace};

use super::load;
use super::participation::{end_membership, join_workspace};

/// A member as the membership policy sees them.
pub fn target(conn: &mut DbConnection, workspace_id: i64, user_id: i64) -> AppResult<Target> {
    let member = Member::find(conn, workspace_id, user_id)?.ok_or_else(AppError::not_found)?;
    Ok(Target {
        user_id,
        organisation_id: member.organisation_id,
        role: member.role(),
        owners: Member::count_owners(conn, workspace_id)?,
    })
}

/// Adds a person who is not yet a member, as [`policy::workspace::add_member`] allows; someone
/// already a member answers 409 `already_member`.
pub async fn add_member(
    state: &AppState,
    actor: &Actor,
    workspace_id: i64,
    input: AddWorkspaceMember,
) -> AppResult<()> {
    let actor = *actor;
    state
        .transact(move |tx| {
            let f = WorkspaceScope::load(tx, &actor, workspace_id)?.facts;
            let target = User::find(tx, input.user_id)
                .map_err(|_| AppError::invalid(ErrorCode::InvalidValue, "user_id"))?;
            policy::workspace::add_member(&actor, &f, target.organisation_id, input.role)?;
            let participates = Participant::find(tx, workspace_id, target.organisation_id)?
                .map(|p| p.status())
                == Some(Participation::Active);
            if !participates || !target.is_active() {
                // People of organisations outside the workspace cannot be added.
                return Err(AppError::invalid(ErrorCode::InvalidValue, "user_id"));
            }
            let now = tx.now();
            // Roles change through one route only, where the whole rule is asked.
            if Member::find(tx, workspace_id, target.id)?.is_some() {
                return Err(AppError::conflict(ErrorCode::AlreadyMember, "user_id"));
            }
            join_workspace(
                tx,
                workspace_id,
                (target.id, target.organisation_id),
                input.role,
                actor.user_id,
                now,
            )?;
            tx.emit_in_workspace(
                EventKind::MembershipChanged,
                workspace_id,
                json!({"workspace_id": workspace_id, "user_id": target.id}),
            );
            Ok(())
        })
        .await?;
    Ok(())
}

/// Changes a member's role, as [`policy::workspace::change_role`] decides; audited.
pub async fn set_member_role(
    state: &AppState,
    actor: &Actor,
    workspace_id: i64,
    user_id: i64,
    role: WorkspaceRole,
) -> AppResult<()> {
    let actor = *actor;
    state
        .transact(move |tx| {
            let scoped = load(tx, &actor, workspace_id, WorkspaceAction::SeeSummary)?;
            let member = target(tx, workspace_id, user_id)?;
            policy::workspace::change_role(&actor, &scoped.facts, &member, role)?;
            if member.role == role {
                return Ok(());
            }
            Member::set_role(tx, workspace_id, user_id, role)?;
            audit_role(
                tx,
                &actor,
                &scoped.workspace,
                (user_id, member.organisation_id),
                Some(member.role),
                role,
                false,
            )?;
            tx.emit_in_workspace(
                EventKind::MembershipChanged,
                workspace_id,
                json!({"workspace_id": workspace_id, "user_id": user_id}),
            );
            Ok(())
        })
        .await?;
    Ok(())
}

/// Records a role change; `from` is `None` for someone who was not a member.
fn audit_role(
    tx: &mut Tx,
    actor: &Actor,
    workspace: &Workspace,
    (user_id, organisation_id): (i64, i64),
    from: Option<WorkspaceRole>,
    to: WorkspaceRole,
    restored: bool,
) -> AppResult<()> {
    let now = tx.now();
    audit::record(
        tx,
        audit::Event {
            organisation_id: Some(workspace.owner_organisation_id),
            actor: Some(actor.user_id),
            action: if restored {
                audit::Action::WorkspaceOwnerRestored
            } else {
                audit::Action::RoleChanged
            },
            target_type: "workspace_member",
            target_id: Some(user_id),
            detail: json!({
                "workspace_id": workspace.id,
                "organisation_id": organisation_id,
                "from": from.map(WorkspaceRole::as_str),
                "to": to.as_str(),
            }),
            client_address: None,
        },
        now,
    )
}

/// Makes a person an owner to repair a workspace without a rightful owner: the network operator's
/// admins and the owning organisation's admins, as [`policy::workspace::restore_owner`] decides.
/// Someone not yet a member joins as owner. Audited.
pub async fn restore_owner(
    state: &AppState,
    actor: &Actor,
    workspace_id: i64,
    user_id: i64,
) -> AppResult<()> {
    let actor = *actor;
    state
        .transact(move |tx| {
            let WorkspaceScope {
                workspace,
                facts: f,
            } = WorkspaceScope::load(tx, &actor, workspace_id)?;
            let person = User::find(tx, user_id).ok().filter(User::is_active);
            let org = person.as_ref().map_or(0, |p| p.organisation_id);
            let participation = Participant::find(tx, workspace_id, org)?.map(|p| p.status());
            policy::workspace::restore_owner(&actor, &f, org, participation)?;
            let Some(person) = person else {
                return Err(AppError::invalid(ErrorCode::InvalidValue, "user_id"));
            };
            let now = tx.now();
            let before = match Member::find(tx, workspace_id, user_id)? {
                // Already an owner: nothing changes, so nothing is audited or announced.
                Some(m) if m.role() == WorkspaceRole::Owner => return Ok(()),
                Some(m) => Some(m.role()),
                None => {
                    join_workspace(
                        tx,
                        workspace_id,
                        (user_id, person.organisation_id),
                        WorkspaceRole::Owner,
                        actor.user_id,
                        now,
                    )?;
                    None
                }
            };
            Member::set_role(tx, workspace_id, user_id, WorkspaceRole::Owner)?;
            audit_role(
                tx,
                &actor,
                &workspace,
                (user_id, person.organisation_id),
                before,
                WorkspaceRole::Owner,
                true,
            )?;
            tx.emit_in_workspace(
                EventKind::MembershipChanged,
                workspace_id,
                json!({"workspace_id": workspace_id, "user_id": user_id}),
            );
            Ok(())
        })
        .await?;
    Ok(())
}

/// Ends a membership: moderators for anyone, organisation admins for their own people, and
/// anyone for themselves.
pub async fn remove_member(
    state: &AppState,
    actor: &Actor,
    workspace_id: i64,
    user_id: i64,
) -> AppResult<()> {
    let actor = *actor;
    state
        .transact(move |tx| {
            let f = WorkspaceScope::load(tx, &actor, workspace_id)?.facts;
            decide(&actor, &f, WorkspaceAction::SeeSummary)?;
            let member = target(tx, workspace_id, user_id)?;
            policy::workspace::remove_member(&actor, &f, &member)?;
            end_membership(tx, workspace_id, user_id)
        })
        .await?;
    Ok(())
}
