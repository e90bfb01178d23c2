//! Mention and direct-message emails: who receives one, and which messages one may carry.
//!
//! A message goes into someone's email exactly when they may read it on a page now: the email is
//! built when it is queued, not when the message was posted, so someone removed from a channel in
//! the meantime is sent nothing of it.

use agora_shared::api::{OrgStatus, UserStatus};

use super::Actor;
use super::workspace::{ChannelAction, ChannelFacts, channel};

/// Only active people of active organisations receive notification emails: a deactivated person
/// or a suspended organisation's members are not told what they cannot open.
pub fn receives_email(user: UserStatus, organisation: OrgStatus) -> bool {
    user == UserStatus::Active && organisation == OrgStatus::Active
}

/// Whether a message of a channel with `facts` (loaded for `reader`) may appear in their email:
/// the rule of reading it, and no other.
pub fn show_in_email(reader: &Actor, facts: &ChannelFacts) -> bool {
    channel(reader, facts, ChannelAction::Read).is_ok()
}

#[cfg(test)]
mod tests {
    use agora_shared::api::{OrgKind, OrgRole};
    use agora_shared::conversations::{Visibility, WorkspaceRole};

    use super::*;
    use crate::policy::workspace::WorkspaceFacts;

    fn facts(role: Option<WorkspaceRole>, private: bool, channel_member: bool) -> ChannelFacts {
        ChannelFacts {
            workspace: Some(WorkspaceFacts {
                visibility: Visibility::InviteOnly,
                archived: false,
                owner_organisation_id: 1,
                role,
                own_participation: None,
            }),
            private,
            archived: false,
            channel_member,
        }
    }

    #[test]
    fn only_what_the_reader_may_read_and_only_to_active_people() {
        let reader = Actor::new(5, 2, OrgRole::Member, OrgKind::PartnerMunicipality);
        assert!(show_in_email(
            &reader,
            &facts(Some(WorkspaceRole::Observer), false, false)
        ));
        assert!(show_in_email(
            &reader,
            &facts(Some(WorkspaceRole::Member), true, true)
        ));
        // Left the workspace, or removed from the private channel.
        assert!(!show_in_email(&reader, &facts(None, false, false)));
        assert!(!show_in_email(
            &reader,
            &facts(Some(WorkspaceRole::Member), true, false)
        ));
        let direct = |channel_member| ChannelFacts {
            workspace: None,
            private: true,
            archived: false,
            channel_member,
        };
        assert!(show_in_email(&reader, &direct(true)));
        assert!(!show_in_email(&reader, &direct(false)));

        assert!(receives_email(UserStatus::Active, OrgStatus::Active));
        assert!(!receives_email(UserStatus::Deactivated, OrgStatus::Active));
        assert!(!receives_email(UserStatus::Active, OrgStatus::Suspended));
    }
}
