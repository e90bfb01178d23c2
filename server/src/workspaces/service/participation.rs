//! Organisations taking part: invitations, their answers, and withdrawing with the members it
//! takes along.

use agora_shared::ErrorCode;
use agora_shared::conversations::*;
use agora_shared::events::EventKind;
use agora_shared::ids::{UserId, WorkspaceId};
use serde_json::json;

use crate::accounts::user::User;
use crate::error::{AppError, AppResult};
use crate::mail::outbox::OutgoingEmail;
use crate::mail::templates::WorkspaceInvited;
use crate::messaging::channel;
use crate::organisations::model::Organisation;
use crate::policy::workspace::WorkspaceAction;
use crate::policy::{self, Actor};
use crate::state::AppState;
use crate::unit_of_work::Tx;
use crate::workspaces::model::{Member, Participant};

use super::{Scoped, load};

/// Invites another organisation; it takes part once one of its admins accepts.
pub async fn invite_organisation(
    state: &AppState,
    actor: &Actor,
    workspace_id: i64,
    organisation_id: i64,
) -> AppResult<()> {
    let actor = *actor;
    let home = state.link("/");
    state
        .transact(move |tx| {
            let scope = load(tx, &actor, workspace_id, WorkspaceAction::Administer)?;
            let org = Organisation::find(tx, organisation_id)
                .map_err(|_| AppError::invalid(ErrorCode::InvalidValue, "organisation_id"))?;
            if !org.is_active() {
                return Err(AppError::invalid(
                    ErrorCode::InvalidValue,
                    "organisation_id",
                ));
            }
            match Participant::find(tx, workspace_id, organisation_id)?.map(|p| p.status()) {
                Some(Participation::Active | Participation::Invited) => Ok(()),
                _ => {
                    let now = tx.now();
                    Participant::upsert(
                        tx,
                        workspace_id,
                        organisation_id,
                        Participation::Invited,
                        actor.user_id,
                        now,
                    )?;
                    // The invited organisation's administrators decide for it: they are told,
                    // once per invitation (a new invitation after a refusal is a new email).
                    let inviter = Organisation::find(tx, actor.organisation_id)?.name;
                    let admins = policy::membership::workspace_invitation_recipients(
                        User::list_in_org(tx, organisation_id)?,
                    );
                    for admin in admins {
                        let email = OutgoingEmail::new(
                            format!(
                                "workspace-invited:{workspace_id}:{organisation_id}:{}:{}",
                                admin.id,
                                now.and_utc().timestamp()
                            ),
                            &admin.email,
                            admin.language(),
                            &WorkspaceInvited {
                                name: admin.display_name.clone(),
                                inviter: inviter.clone(),
                                organisation: org.name.clone(),
                                workspace: scope.workspace.name.clone(),
                                link: home.clone(),
                            },
                        )
                        .map_err(AppError::internal)?;
                        tx.email(&email)?;
                    }
                    Ok(())
                }
            }
        })
        .await
}

/// An organisation admin accepts or declines for their organisation; accepting makes them a member.
/// Declining once the organisation takes part withdraws it, which ends its people's memberships.
pub async fn decide_participation(
    state: &AppState,
    actor: &Actor,
    workspace_id: i64,
    accept: bool,
) -> AppResult<()> {
    let actor = *actor;
    state
        .transact(move |tx| {
            let scoped = load(
                tx,
                &actor,
                workspace_id,
                WorkspaceAction::DecideParticipation,
            )?;
            let now = tx.now();
            let active = scoped.facts.own_participation == Some(Participation::Active);
            if active && accept {
                return Ok(());
            }
            if active {
                return withdraw(tx, &actor, &scoped, now);
            }
            let status = if accept {
                Participation::Active
            } else {
                Participation::Declined
            };
            Participant::upsert(
                tx,
                workspace_id,
                actor.organisation_id,
                status,
                actor.user_id,
                now,
            )?;
            if !accept {
                return Ok(());
            }
            if scoped.facts.role.is_none() {
                join_workspace(
                    tx,
                    workspace_id,
                    (actor.user_id, actor.organisation_id),
                    WorkspaceRole::Member,
                    actor.user_id,
                    now,
                )?;
            }
            tx.emit_in_workspace(
                EventKind::MembershipChanged,
                workspace_id,
                json!({"workspace_id": workspace_id, "organisation_id": actor.organisation_id}),
            );
            Ok(())
        })
        .await?;
    Ok(())
}

/// The caller's organisation leaves: every membership of its people ends with their channel
/// access, so their streams stop carrying the workspace at once. Coming back takes a new
/// invitation.
fn withdraw(
    tx: &mut Tx,
    actor: &Actor,
    scoped: &Scoped,
    now: chrono::NaiveDateTime,
) -> AppResult<()> {
    policy::workspace::withdraw(actor, &scoped.facts)?;
    let workspace_id = scoped.workspace.id;
    Participant::upsert(
        tx,
        workspace_id,
        actor.organisation_id,
        Participation::Left,
        actor.user_id,
        now,
    )?;
    for (member, _, _) in Member::list(tx, workspace_id)? {
        if member.organisation_id == actor.organisation_id {
            end_membership(tx, workspace_id, member.user_id)?;
        }
    }
    tx.emit_in_workspace(
        EventKind::MembershipChanged,
        workspace_id,
        json!({"workspace_id": workspace_id, "organisation_id": actor.organisation_id, "removed": true}),
    );
    Ok(())
}

/// Makes someone of `organisation_id` a member with `role`, with the channel access that comes
/// with it: the one way in, whoever adds them.
pub(super) fn join_workspace(
    tx: &mut Tx,
    workspace_id: i64,
    (user_id, organisation_id): (i64, i64),
    role: WorkspaceRole,
    added_by: i64,
    now: chrono::NaiveDateTime,
) -> AppResult<()> {
    Member::insert(
        tx,
        workspace_id,
        user_id,
        organisation_id,
        role,
        Some(added_by),
        now,
    )?;
    channel::sync_member_readers(
        tx,
        WorkspaceId::new(workspace_id),
        UserId::new(user_id),
        now,
    )
}

/// Deletes a membership and the channel access that came with it; emits the events that tell
/// the workspace and the person.
pub(super) fn end_membership(tx: &mut Tx, workspace_id: i64, user_id: i64) -> AppResult<()> {
    Member::delete(tx, workspace_id, user_id)?;
    channel::leave_workspace_channels(tx, WorkspaceId::new(workspace_id), UserId::new(user_id))?;
    tx.emit_in_workspace(
        EventKind::MembershipChanged,
        workspace_id,
        json!({"workspace_id": workspace_id, "user_id": user_id, "removed": true}),
    );
    // The person removed learns it too, though no longer a member.
    tx.emit_to_user(
        EventKind::MembershipChanged,
        user_id,
        json!({"workspace_id": workspace_id, "removed": true}),
    );
    Ok(())
}
