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
pub mod facts;
mod members;
pub use abilities::{
    MemberAbilities, People, WorkspaceAbilities, addable_roles, assignable_roles, listable_members,
    member_abilities, open_administration, workspace_abilities,
};
pub use members::{Target, add_member, change_role, remove_member, restore_owner, withdraw};

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

/// What the policy needs to know about a channel and the caller's place in it.
#[derive(Debug, Clone, Copy)]
pub struct ChannelFacts {
    /// `None` for a direct conversation.
    pub workspace: Option<WorkspaceFacts>,
    pub private: bool,
    pub archived: bool,
    /// The caller belongs to this private channel or direct conversation.
    pub channel_member: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelAction {
    Read,
    Post,
    /// Rename, topic, archive; delete others' messages.
    Moderate,
}

/// Who may read a channel: the one rule behind [`channel`]'s `Read`, the read markers that
/// [`crate::policy::readers`] keeps, and through them search and realtime delivery.
pub fn readable(facts: &ChannelFacts) -> bool {
    match &facts.workspace {
        None => facts.channel_member,
        Some(ws) => ws.role.is_some() && (!facts.private || facts.channel_member),
    }
}

pub fn channel(actor: &Actor, facts: &ChannelFacts, action: ChannelAction) -> AppResult<()> {
    if !readable(facts) {
        return Err(AppError::not_found());
    }
    let Some(ws) = &facts.workspace else {
        // Direct conversations: participants only, and nobody moderates them.
        return match action {
            ChannelAction::Read => Ok(()),
            ChannelAction::Post if !facts.archived => Ok(()),
            _ => Err(AppError::forbidden()),
        };
    };
    let frozen = facts.archived || ws.archived;
    let _ = actor;
    match action {
        ChannelAction::Read => Ok(()),
        ChannelAction::Post => {
            if frozen || ws.role == Some(WorkspaceRole::Observer) {
                Err(AppError::forbidden())
            } else {
                Ok(())
            }
        }
        ChannelAction::Moderate => {
            if ws.archived
                || !matches!(
                    ws.role,
                    Some(WorkspaceRole::Owner | WorkspaceRole::Moderator)
                )
            {
                Err(AppError::forbidden())
            } else {
                Ok(())
            }
        }
    }
}

/// Authors edit their own messages; authors and moderators delete them.
pub fn edit_message(actor: &Actor, author_id: i64, facts: &ChannelFacts) -> AppResult<()> {
    channel(actor, facts, ChannelAction::Read)?;
    if actor.user_id == author_id && channel(actor, facts, ChannelAction::Post).is_ok() {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

pub fn delete_message(actor: &Actor, author_id: i64, facts: &ChannelFacts) -> AppResult<()> {
    channel(actor, facts, ChannelAction::Read)?;
    if actor.user_id == author_id || channel(actor, facts, ChannelAction::Moderate).is_ok() {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

/// A message's edit history is the author's and the moderators' to read: whoever may delete it.
pub fn read_edit_history(actor: &Actor, author_id: i64, facts: &ChannelFacts) -> AppResult<()> {
    delete_message(actor, author_id, facts)
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
mod tests {
    use super::*;
    use agora_shared::api::{OrgKind, OrgRole};

    fn facts(role: Option<WorkspaceRole>, visibility: Visibility) -> WorkspaceFacts {
        WorkspaceFacts {
            visibility,
            archived: false,
            owner_organisation_id: 1,
            role,
            own_participation: None,
        }
    }

    #[test]
    fn invite_only_workspaces_are_invisible_to_outsiders() {
        let a = Actor::new(1, 2, OrgRole::Member, OrgKind::Other);
        let f = facts(None, Visibility::InviteOnly);
        assert_eq!(
            workspace(&a, &f, WorkspaceAction::SeeSummary)
                .unwrap_err()
                .status
                .as_u16(),
            404
        );
        let f = facts(None, Visibility::Discoverable);
        assert!(workspace(&a, &f, WorkspaceAction::SeeSummary).is_ok());
        assert_eq!(
            workspace(&a, &f, WorkspaceAction::Read)
                .unwrap_err()
                .status
                .as_u16(),
            404
        );
    }

    #[test]
    fn observers_read_but_do_not_post() {
        let a = Actor::new(1, 2, OrgRole::Member, OrgKind::Other);
        let ws = facts(Some(WorkspaceRole::Observer), Visibility::InviteOnly);
        let ch = ChannelFacts {
            workspace: Some(ws),
            private: false,
            archived: false,
            channel_member: false,
        };
        assert!(channel(&a, &ch, ChannelAction::Read).is_ok());
        assert_eq!(
            channel(&a, &ch, ChannelAction::Post)
                .unwrap_err()
                .status
                .as_u16(),
            403
        );
    }

    #[test]
    fn private_channels_and_direct_conversations_need_membership() {
        let a = Actor::new(1, 2, OrgRole::Member, OrgKind::Other);
        let ws = facts(Some(WorkspaceRole::Owner), Visibility::InviteOnly);
        let ch = ChannelFacts {
            workspace: Some(ws),
            private: true,
            archived: false,
            channel_member: false,
        };
        assert_eq!(
            channel(&a, &ch, ChannelAction::Read)
                .unwrap_err()
                .status
                .as_u16(),
            404
        );
        let dm = ChannelFacts {
            workspace: None,
            private: true,
            archived: false,
            channel_member: false,
        };
        assert_eq!(
            channel(&a, &dm, ChannelAction::Read)
                .unwrap_err()
                .status
                .as_u16(),
            404
        );
    }

    #[test]
    fn only_authors_edit_and_moderators_delete() {
        let a = Actor::new(1, 2, OrgRole::Member, OrgKind::Other);
        let member = ChannelFacts {
            workspace: Some(facts(Some(WorkspaceRole::Member), Visibility::InviteOnly)),
            private: false,
            archived: false,
            channel_member: false,
        };
        assert!(edit_message(&a, 1, &member).is_ok());
        assert!(edit_message(&a, 9, &member).is_err());
        assert!(delete_message(&a, 9, &member).is_err());
        let moderator = ChannelFacts {
            workspace: Some(facts(
                Some(WorkspaceRole::Moderator),
                Visibility::InviteOnly,
            )),
            ..member
        };
        assert!(delete_message(&a, 9, &moderator).is_ok());
        assert!(edit_message(&a, 9, &moderator).is_err());
    }
}
