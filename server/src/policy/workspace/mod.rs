//! Decisions about workspaces, channels and messages.
//!
//! A workspace is visible to its members, and (name, description, participants only) to everyone
//! on the network when it is discoverable. Channels are readable by workspace members, private
//! ones only by their own members; direct conversations only by their participants. Who may add,
//! promote, demote and remove whom is in [`members`].

use agora_shared::conversations::{Participation, Visibility, WorkspaceRole};

use super::Actor;
use crate::error::{AppError, AppResult};

pub mod abilities;
mod channel;
pub mod facts;
mod members;
mod message;
pub use abilities::{
    MemberAbilities, People, WorkspaceAbilities, addable_roles, assignable_roles, listable_members,
    member_abilities, open_administration, workspace_abilities,
};
pub use channel::{ChannelAction, ChannelFacts, channel, readable};
pub use members::{Target, add_member, change_role, remove_member, restore_owner, withdraw};
pub use message::{delete_message, edit_message, read_edit_history};

/// What the policy needs to know about a workspace and the caller's place in it.
#[derive(Debug, Clone, Copy)]
pub struct WorkspaceFacts {
    pub visibility: Visibility,
    pub archived: bool,
    pub owner_organisation_id: i64,
    /// The caller's role, if they are a member.
    pub role: Option<WorkspaceRole>,
    /// Where the caller's organisation stands in the workspace.
    pub own_participation: Option<Participation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkspaceAction {
    /// Name, description and participating organisations.
    SeeSummary,
    /// Channels, members and history.
    Read,
    /// Create channels, add and remove members, change roles, moderate messages.
    Moderate,
    /// Settings, archiving, inviting organisations.
    Administer,
    /// An organisation admin accepting or declining for their organisation.
    DecideParticipation,
    /// An organisation admin adding their own people or ending their memberships.
    GovernOwnMembers,
}

pub fn workspace(actor: &Actor, facts: &WorkspaceFacts, action: WorkspaceAction) -> AppResult<()> {
    let member = facts.role.is_some();
    let own_org_active = facts.own_participation == Some(Participation::Active);
    let own_org_involved = matches!(
        facts.own_participation,
        Some(Participation::Active | Participation::Invited)
    );
    let org_admin = actor.role == agora_shared::api::OrgRole::Admin;
    let visible =
        member || facts.visibility == Visibility::Discoverable || (org_admin && own_org_involved);
    if !visible {
        return Err(AppError::not_found());
    }
    let allowed = match action {
        WorkspaceAction::SeeSummary => true,
        WorkspaceAction::Read => member,
        WorkspaceAction::Moderate => matches!(
            facts.role,
            Some(WorkspaceRole::Owner | WorkspaceRole::Moderator)
        ),
        WorkspaceAction::Administer => facts.role == Some(WorkspaceRole::Owner),
        WorkspaceAction::DecideParticipation => org_admin && own_org_involved,
        WorkspaceAction::GovernOwnMembers => org_admin && own_org_active,
    };
    if !allowed {
        // Members see what they may not do; others may only know that the workspace exists.
        return Err(
            if member
                || action == WorkspaceAction::DecideParticipation
                || org_admin && own_org_involved
            {
                AppError::forbidden()
            } else {
                AppError::not_found()
            },
        );
    }
    if facts.archived && matches!(action, WorkspaceAction::Moderate) {
        return Err(AppError::forbidden());
    }
    Ok(())
}

/// Whether the caller may create workspaces for any organisation, not only their own (the new
/// workspace page then offers the choice of owner).
pub fn creates_for_others(actor: &Actor) -> bool {
    actor.network_admin
}

/// Whether the creator of a workspace owned by `owner_organisation_id` joins it as its owner: a
/// network admin creating for another organisation is not a member of it.
pub fn creator_joins(actor: &Actor, owner_organisation_id: i64) -> bool {
    actor.organisation_id == owner_organisation_id
}

/// Whether workspaces the caller's organisation is invited to or takes part in are visible to
/// them without being discoverable: the SQL prefilter of [`workspace`]'s visibility rule, which
/// still decides each one.
pub fn sees_involved_workspaces(actor: &Actor) -> bool {
    actor.role == agora_shared::api::OrgRole::Admin
}

/// Who may create a workspace owned by `owner_organisation_id`.
pub fn create_workspace(actor: &Actor, owner_organisation_id: i64) -> AppResult<()> {
    let own_admin = actor.organisation_id == owner_organisation_id
        && actor.role == agora_shared::api::OrgRole::Admin;
    if own_admin || actor.network_admin {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

#[cfg(test)]
mod tests;
