//! Workspace, channel and message decisions, one rule a test.

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
