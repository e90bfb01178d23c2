//! Decisions about channels and direct conversations, messages and new workspaces.

use agora_shared::conversations::WorkspaceRole;

use super::{ME, MY_ORG, OTHER_ORG, admin, archived, invite_only, member, network_admin, status};
use crate::policy::directory::start_direct;
use crate::policy::workspace::{
    ChannelAction as C, ChannelFacts, WorkspaceFacts, channel, create_workspace, delete_message,
    edit_message,
};

fn in_channel(ws: WorkspaceFacts, private: bool, channel_member: bool) -> ChannelFacts {
    ChannelFacts {
        workspace: Some(ws),
        private,
        archived: false,
        channel_member,
    }
}

fn direct(channel_member: bool, archived: bool) -> ChannelFacts {
    ChannelFacts {
        workspace: None,
        private: true,
        archived,
        channel_member,
    }
}

fn frozen(facts: ChannelFacts) -> ChannelFacts {
    ChannelFacts {
        archived: true,
        ..facts
    }
}

#[test]
fn channel_decisions() {
    use WorkspaceRole::{Member, Moderator, Observer, Owner};
    let public = |role| in_channel(invite_only(role), false, false);
    let cases: &[(&str, ChannelFacts, C, u16)] = &[
        (
            "a member reads a public channel",
            public(Some(Member)),
            C::Read,
            200,
        ),
        ("and posts", public(Some(Member)), C::Post, 200),
        ("a non-member does not read", public(None), C::Read, 404),
        (
            "a private channel is read by its members",
            in_channel(invite_only(Some(Member)), true, true),
            C::Read,
            200,
        ),
        (
            "only",
            in_channel(invite_only(Some(Owner)), true, false),
            C::Read,
            404,
        ),
        (
            "an observer does not post",
            public(Some(Observer)),
            C::Post,
            403,
        ),
        (
            "an archived channel is read",
            frozen(public(Some(Member))),
            C::Read,
            200,
        ),
        (
            "but not posted in",
            frozen(public(Some(Member))),
            C::Post,
            403,
        ),
        (
            "nor is a channel of an archived workspace",
            in_channel(archived(invite_only(Some(Member))), false, false),
            C::Post,
            403,
        ),
        (
            "a moderator moderates",
            public(Some(Moderator)),
            C::Moderate,
            200,
        ),
        ("an owner moderates", public(Some(Owner)), C::Moderate, 200),
        ("a member does not", public(Some(Member)), C::Moderate, 403),
        (
            "an archived channel is moderated, to reopen it",
            frozen(public(Some(Moderator))),
            C::Moderate,
            200,
        ),
        (
            "an archived workspace is not",
            in_channel(archived(invite_only(Some(Owner))), false, false),
            C::Moderate,
            403,
        ),
        (
            "a participant reads a direct conversation",
            direct(true, false),
            C::Read,
            200,
        ),
        ("and posts", direct(true, false), C::Post, 200),
        (
            "but not once it is archived",
            direct(true, true),
            C::Post,
            403,
        ),
        ("nobody moderates it", direct(true, false), C::Moderate, 403),
        ("others do not see it", direct(false, false), C::Read, 404),
    ];
    for (what, facts, action, expected) in cases {
        assert_eq!(
            status(channel(&member(), facts, *action)),
            *expected,
            "{what}: {action:?}"
        );
    }
}

#[test]
fn authors_edit_authors_and_moderators_delete() {
    let as_member = in_channel(invite_only(Some(WorkspaceRole::Member)), false, false);
    let as_moderator = in_channel(invite_only(Some(WorkspaceRole::Moderator)), false, false);
    let someone = ME + 1;
    assert_eq!(status(edit_message(&member(), ME, &as_member)), 200);
    assert_eq!(status(edit_message(&member(), someone, &as_member)), 403);
    assert_eq!(status(edit_message(&member(), someone, &as_moderator)), 403);
    assert_eq!(status(edit_message(&member(), ME, &frozen(as_member))), 403);
    assert_eq!(status(delete_message(&member(), ME, &as_member)), 200);
    assert_eq!(status(delete_message(&member(), someone, &as_member)), 403);
    assert_eq!(
        status(delete_message(&member(), someone, &as_moderator)),
        200
    );
}

#[test]
fn workspaces_are_created_by_their_organisations_admins_and_the_network() {
    assert_eq!(status(create_workspace(&admin(), MY_ORG)), 200);
    assert_eq!(status(create_workspace(&admin(), OTHER_ORG)), 403);
    assert_eq!(status(create_workspace(&member(), MY_ORG)), 403);
    assert_eq!(status(create_workspace(&network_admin(), OTHER_ORG)), 200);
}

#[test]
fn direct_conversations_need_an_active_person_of_an_active_organisation() {
    use agora_shared::api::{OrgStatus as O, UserStatus as U};
    assert_eq!(status(start_direct(&member(), U::Active, O::Active)), 200);
    assert_eq!(
        status(start_direct(&member(), U::Deactivated, O::Active)),
        404
    );
    assert_eq!(
        status(start_direct(&member(), U::Active, O::Suspended)),
        404
    );
}
