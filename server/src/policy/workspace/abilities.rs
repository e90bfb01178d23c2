//! What the caller may do in a workspace and to each of its members, for pages to render.
//!
//! Every field is the answer of a decision function ([`workspace`], [`add_member`],
//! [`change_role`], [`remove_member`], [`restore_owner`], [`withdraw`]) asked for the case at
//! hand, so a page that offers a form and the route that receives it cannot disagree.

use agora_shared::conversations::{Participation, WorkspaceRole};

use super::members::{Target, add_member, change_role, remove_member, restore_owner, withdraw};
use super::{WorkspaceAction, WorkspaceFacts, workspace};
use crate::error::AppResult;
use crate::policy::Actor;

/// Whose people a list covers: everyone, or the caller's own organisation only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum People {
    Everyone,
    /// An organisation admin governing their own people without moderating the workspace.
    OwnOrganisation,
}

impl People {
    /// Whether someone of `organisation_id` is in the list, for `actor`.
    pub fn includes(self, actor: &Actor, organisation_id: i64) -> bool {
        self == People::Everyone || organisation_id == actor.organisation_id
    }
}

/// Whose memberships the caller may list: members see everyone, organisation admins who are not
/// members see their own people only, others are refused as [`workspace`] refuses them.
pub fn listable_members(actor: &Actor, facts: &WorkspaceFacts) -> AppResult<People> {
    if workspace(actor, facts, WorkspaceAction::Read).is_ok() {
        return Ok(People::Everyone);
    }
    workspace(actor, facts, WorkspaceAction::GovernOwnMembers)?;
    Ok(People::OwnOrganisation)
}

/// What the caller may do in a workspace as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceAbilities {
    /// Settings, archiving, inviting organisations.
    pub may_administer: bool,
    /// Channels, and members of every organisation.
    pub may_moderate: bool,
    /// An organisation admin adding and removing their own people.
    pub may_govern_own: bool,
    /// The administration page opens (any of the three above).
    pub may_open_administration: bool,
    /// Whose memberships the administration page manages.
    pub managed_people: People,
    /// Someone may be added (the page lists candidates).
    pub may_add_members: bool,
    /// The roles offered when adding someone, in display order.
    pub addable_roles: Vec<WorkspaceRole>,
    /// People of the owning organisation may be made owners to repair the workspace.
    pub may_restore_owner: bool,
    /// The caller's organisation is invited and they may accept or decline for it.
    pub may_answer_invitation: bool,
    /// The caller's organisation takes part and they may take it out.
    pub may_withdraw: bool,
}

/// What the caller may do with one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberAbilities {
    pub may_remove: bool,
    /// The roles the member may be given besides the one they have; empty when none.
    pub may_change_role_to: Vec<WorkspaceRole>,
}

/// The caller's abilities in a workspace they may at least see.
pub fn workspace_abilities(actor: &Actor, facts: &WorkspaceFacts) -> WorkspaceAbilities {
    let can = |action| workspace(actor, facts, action).is_ok();
    let may_administer = can(WorkspaceAction::Administer);
    let may_moderate = can(WorkspaceAction::Moderate);
    let may_govern_own = can(WorkspaceAction::GovernOwnMembers);
    let own = facts.own_participation;
    WorkspaceAbilities {
        may_administer,
        may_moderate,
        may_govern_own,
        may_open_administration: may_administer || may_moderate || may_govern_own,
        managed_people: if may_moderate {
            People::Everyone
        } else {
            People::OwnOrganisation
        },
        may_add_members: may_moderate || may_govern_own,
        addable_roles: addable_roles(actor, facts),
        may_restore_owner: restore_owner(
            actor,
            facts,
            facts.owner_organisation_id,
            Some(Participation::Active),
        )
        .is_ok(),
        may_answer_invitation: can(WorkspaceAction::DecideParticipation)
            && own == Some(Participation::Invited),
        may_withdraw: own == Some(Participation::Active) && withdraw(actor, facts).is_ok(),
    }
}

/// The administration page's own refusal for those who may only look: the policy's answer to
/// moderating, 404 or 403 as the caller may know the workspace.
pub fn open_administration(actor: &Actor, facts: &WorkspaceFacts) -> AppResult<()> {
    if workspace_abilities(actor, facts).may_open_administration {
        Ok(())
    } else {
        workspace(actor, facts, WorkspaceAction::Moderate)
    }
}

/// The roles the caller may give someone of their own organisation they add, in display order.
pub fn addable_roles(actor: &Actor, facts: &WorkspaceFacts) -> Vec<WorkspaceRole> {
    [
        WorkspaceRole::Member,
        WorkspaceRole::Moderator,
        WorkspaceRole::Observer,
        WorkspaceRole::Owner,
    ]
    .into_iter()
    .filter(|r| add_member(actor, facts, actor.organisation_id, *r).is_ok())
    .collect()
}

/// The roles `target` may be given by the caller, besides the one they have; empty when the
/// caller may not change it.
pub fn assignable_roles(
    actor: &Actor,
    facts: &WorkspaceFacts,
    target: &Target,
) -> Vec<WorkspaceRole> {
    WorkspaceRole::ALL
        .iter()
        .copied()
        .filter(|r| *r != target.role && change_role(actor, facts, target, *r).is_ok())
        .collect()
}

/// The caller's abilities towards one member.
pub fn member_abilities(actor: &Actor, facts: &WorkspaceFacts, target: &Target) -> MemberAbilities {
    MemberAbilities {
        may_remove: remove_member(actor, facts, target).is_ok(),
        may_change_role_to: assignable_roles(actor, facts, target),
    }
}

#[cfg(test)]
#[path = "abilities_tests.rs"]
mod tests;
