//! Who may add whom to a workspace, change whose role from what to what, end whose membership,
//! and restore an owner. Every route that touches a membership (API and pages alike) asks these
//! functions, and the pages offer exactly what [`super::abilities`] derives from them.
//!
//! The rules:
//!
//! 1. Someone who may not see the workspace gets 404, like for a missing one.
//! 2. An archived workspace is frozen: no additions or role changes until an owner unarchives it.
//! 3. Only owners make owners, and only owners change or end another owner's membership
//!    (moderators never touch owners).
//! 4. Moderators add people of any participating organisation and set moderator, member or
//!    observer for anyone who is not an owner.
//! 5. Organisation admins govern their own people's membership (the Slack Connect model): they
//!    add them as member or observer, switch them between member and observer, and end their
//!    memberships, an owner's included. They do not appoint moderators or owners: a role with power
//!    over other organisations' people is the workspace's to give, not one organisation's.
//! 6. Nobody changes their own role, except an owner stepping down while another owner remains.
//!    Those whom rules 3–5 would allow the change for someone else are told `cannot_change_self`
//!    (422); the others get the usual 403.
//! 7. A workspace never loses its last owner through a role change or a removal (`last_owner`).
//! 8. When it has no owner anyway (an organisation withdrew with its people, or someone was
//!    demoted wrongly), the network operator's admins and the owning organisation's admins may
//!    make a person an owner ([`restore_owner`]); the service audits it.
//!
//! An organisation admin may withdraw their organisation ([`withdraw`]), which ends its people's
//! memberships; the owning organisation cannot. Coming back takes a new invitation.
//!
//! Adding someone who is already a member is not a role change: the service answers 409
//! `already_member`, so roles change through one route only.

use agora_shared::ErrorCode;
use agora_shared::api::OrgRole;
use agora_shared::conversations::{Participation, WorkspaceRole};

use super::{WorkspaceAction, WorkspaceFacts, workspace};
use crate::error::{AppError, AppResult};
use crate::policy::Actor;

/// A member whose role or membership is at stake, and how many owners the workspace has.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub user_id: i64,
    pub organisation_id: i64,
    pub role: WorkspaceRole,
    /// Owners of the workspace now, the target included.
    pub owners: i64,
}

fn can(actor: &Actor, facts: &WorkspaceFacts, action: WorkspaceAction) -> bool {
    workspace(actor, facts, action).is_ok()
}

fn is_owner(facts: &WorkspaceFacts) -> bool {
    facts.role == Some(WorkspaceRole::Owner)
}

/// Governs the target's organisation's people: an admin of that organisation while it takes part.
fn governs(actor: &Actor, facts: &WorkspaceFacts, organisation_id: i64) -> bool {
    organisation_id == actor.organisation_id && can(actor, facts, WorkspaceAction::GovernOwnMembers)
}

/// The policy's usual refusal: 404 for those who may only know that the workspace exists (or
/// not even that), 403 for members and involved organisation admins.
fn refuse(actor: &Actor, facts: &WorkspaceFacts) -> AppError {
    workspace(actor, facts, WorkspaceAction::Moderate)
        .err()
        .unwrap_or_else(AppError::forbidden)
}

fn last_owner(field: &'static str) -> AppError {
    AppError::invalid(ErrorCode::LastOwner, field)
}

/// Adding a person of `target_organisation_id` who is not yet a member, with `role`.
pub fn add_member(
    actor: &Actor,
    facts: &WorkspaceFacts,
    target_organisation_id: i64,
    role: WorkspaceRole,
) -> AppResult<()> {
    workspace(actor, facts, WorkspaceAction::SeeSummary)?;
    if facts.archived {
        return Err(refuse(actor, facts));
    }
    let allowed = match role {
        WorkspaceRole::Owner => is_owner(facts),
        WorkspaceRole::Moderator => can(actor, facts, WorkspaceAction::Moderate),
        WorkspaceRole::Member | WorkspaceRole::Observer => {
            can(actor, facts, WorkspaceAction::Moderate)
                || governs(actor, facts, target_organisation_id)
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(refuse(actor, facts))
    }
}

/// Changing `target`'s role to `to`, by whatever route.
pub fn change_role(
    actor: &Actor,
    facts: &WorkspaceFacts,
    target: &Target,
    to: WorkspaceRole,
) -> AppResult<()> {
    workspace(actor, facts, WorkspaceAction::SeeSummary)?;
    if facts.archived {
        return Err(refuse(actor, facts));
    }
    let from = target.role;
    let touches_owner = from == WorkspaceRole::Owner || to == WorkspaceRole::Owner;
    let allowed = if touches_owner {
        is_owner(facts)
    } else if to == WorkspaceRole::Moderator || from == WorkspaceRole::Moderator {
        can(actor, facts, WorkspaceAction::Moderate)
    } else {
        can(actor, facts, WorkspaceAction::Moderate)
            || governs(actor, facts, target.organisation_id)
    };
    if !allowed {
        return Err(refuse(actor, facts));
    }
    // Those who could make this change for someone else learn why not for themselves.
    if actor.user_id == target.user_id && from != WorkspaceRole::Owner {
        return Err(AppError::invalid(ErrorCode::CannotChangeSelf, "role"));
    }
    if from == WorkspaceRole::Owner && to != WorkspaceRole::Owner && target.owners <= 1 {
        return Err(last_owner("role"));
    }
    Ok(())
}

/// Ending `target`'s membership: anyone for themselves (leaving), owners for anyone, moderators
/// for anyone but owners, organisation admins for their own people; never the last owner.
pub fn remove_member(actor: &Actor, facts: &WorkspaceFacts, target: &Target) -> AppResult<()> {
    workspace(actor, facts, WorkspaceAction::SeeSummary)?;
    let moderates = can(actor, facts, WorkspaceAction::Moderate);
    let allowed = actor.user_id == target.user_id
        || governs(actor, facts, target.organisation_id)
        || moderates && (target.role != WorkspaceRole::Owner || is_owner(facts));
    if !allowed {
        return Err(refuse(actor, facts));
    }
    if target.role == WorkspaceRole::Owner && target.owners <= 1 {
        return Err(last_owner("user"));
    }
    Ok(())
}

/// Making a person of `target_organisation_id` an owner outside the usual rules, to repair a
/// workspace without a (rightful) owner: the network operator's admins for anyone of an active
/// participating organisation, the owning organisation's admins for their own people.
/// `target_participation` is where the target's organisation stands in the workspace.
pub fn restore_owner(
    actor: &Actor,
    facts: &WorkspaceFacts,
    target_organisation_id: i64,
    target_participation: Option<Participation>,
) -> AppResult<()> {
    let owning_admin = actor.role == OrgRole::Admin
        && actor.organisation_id == facts.owner_organisation_id
        && target_organisation_id == facts.owner_organisation_id;
    if !actor.network_admin && !owning_admin {
        return Err(
            if actor.role == OrgRole::Admin && actor.organisation_id == facts.owner_organisation_id
            {
                // An admin of the owning organisation naming someone of another organisation.
                AppError::invalid(ErrorCode::InvalidValue, "user_id")
            } else {
                refuse(actor, facts)
            },
        );
    }
    if target_participation != Some(Participation::Active) {
        return Err(AppError::invalid(ErrorCode::InvalidValue, "user_id"));
    }
    Ok(())
}

/// An organisation admin taking their organisation out of a workspace it takes part in (which
/// ends its people's memberships). The owning organisation cannot: the workspace is its own, to
/// archive rather than leave.
pub fn withdraw(actor: &Actor, facts: &WorkspaceFacts) -> AppResult<()> {
    workspace(actor, facts, WorkspaceAction::DecideParticipation)?;
    if actor.organisation_id == facts.owner_organisation_id {
        return Err(AppError::conflict(
            ErrorCode::OwnerOrganisationCannotLeave,
            "accept",
        ));
    }
    Ok(())
}

#[cfg(test)]
#[path = "members_tests.rs"]
mod tests;
