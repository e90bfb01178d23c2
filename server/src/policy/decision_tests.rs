//! Each access rule from both sides, so that flipping one operator of a decision fails a test
//! (checked with cargo-mutants; see the README's testing section). One case per line: who asks,
//! what they know, and the status the decision must give.

use agora_shared::api::{OrgKind, OrgRole};
use agora_shared::conversations::{Participation, Visibility, WorkspaceRole};

use crate::error::AppResult;
use crate::policy::workspace::{WorkspaceAction as W, WorkspaceFacts, workspace};
use crate::policy::{Action, Actor, change_member, organisation};

/// Channels, messages, new workspaces and direct conversations.
mod channels;
/// Who adds whom to a workspace and ends whose membership.
mod members;

/// Ok is 200, an error its status.
fn status(result: AppResult<()>) -> u16 {
    match result {
        Ok(()) => 200,
        Err(e) => e.status.as_u16(),
    }
}

const ME: i64 = 1;
const MY_ORG: i64 = 10;
const OTHER_ORG: i64 = 20;

fn person(role: OrgRole) -> Actor {
    Actor::new(ME, MY_ORG, role, OrgKind::FlemishMunicipality)
}

fn member() -> Actor {
    person(OrgRole::Member)
}

fn admin() -> Actor {
    person(OrgRole::Admin)
}

fn network_admin() -> Actor {
    Actor::new(ME, MY_ORG, OrgRole::Admin, OrgKind::NetworkOperator)
}

fn ws(
    visibility: Visibility,
    role: Option<WorkspaceRole>,
    participation: Option<Participation>,
) -> WorkspaceFacts {
    WorkspaceFacts {
        visibility,
        archived: false,
        owner_organisation_id: OTHER_ORG,
        role,
        own_participation: participation,
    }
}

fn invite_only(role: Option<WorkspaceRole>) -> WorkspaceFacts {
    ws(Visibility::InviteOnly, role, Some(Participation::Active))
}

fn archived(facts: WorkspaceFacts) -> WorkspaceFacts {
    WorkspaceFacts {
        archived: true,
        ..facts
    }
}

#[test]
fn organisations_are_governed_by_their_own_admins() {
    assert_eq!(
        status(organisation(&admin(), MY_ORG, Action::ManageMembers)),
        200
    );
    assert_eq!(
        status(organisation(&member(), MY_ORG, Action::ManageMembers)),
        403
    );
    assert_eq!(
        status(organisation(&member(), MY_ORG, Action::ManageInvitations)),
        403
    );
    assert_eq!(
        status(organisation(&admin(), MY_ORG, Action::ManageInvitations)),
        200
    );
    assert_eq!(status(organisation(&member(), MY_ORG, Action::View)), 200);
    assert_eq!(status(organisation(&admin(), OTHER_ORG, Action::View)), 404);
    assert_eq!(
        status(organisation(&network_admin(), OTHER_ORG, Action::View)),
        200
    );
    assert_eq!(
        status(organisation(
            &network_admin(),
            OTHER_ORG,
            Action::ManageInvitations
        )),
        200
    );
}

#[test]
fn nobody_changes_their_own_membership() {
    assert_eq!(status(change_member(&admin(), ME)), 422);
    assert_eq!(status(change_member(&admin(), ME + 1)), 200);
}

#[test]
fn workspace_decisions() {
    use Participation::{Active, Invited};
    use Visibility::{Discoverable, InviteOnly};
    use WorkspaceRole::{Member, Moderator, Observer, Owner};
    let cases: &[(&str, Actor, WorkspaceFacts, W, u16)] = &[
        (
            "a member reads",
            member(),
            invite_only(Some(Member)),
            W::Read,
            200,
        ),
        (
            "an observer reads",
            member(),
            invite_only(Some(Observer)),
            W::Read,
            200,
        ),
        (
            "a person of a taking-part organisation is no member",
            member(),
            ws(InviteOnly, None, Some(Active)),
            W::SeeSummary,
            404,
        ),
        (
            "an admin of a taking-part organisation sees the summary",
            admin(),
            ws(InviteOnly, None, Some(Invited)),
            W::SeeSummary,
            200,
        ),
        (
            "but does not read",
            admin(),
            ws(InviteOnly, None, Some(Active)),
            W::Read,
            403,
        ),
        (
            "an admin of an organisation that does not take part",
            admin(),
            ws(Discoverable, None, None),
            W::Read,
            404,
        ),
        (
            "a moderator moderates",
            member(),
            invite_only(Some(Moderator)),
            W::Moderate,
            200,
        ),
        (
            "an owner moderates",
            member(),
            invite_only(Some(Owner)),
            W::Moderate,
            200,
        ),
        (
            "a member does not moderate",
            member(),
            invite_only(Some(Member)),
            W::Moderate,
            403,
        ),
        (
            "an owner administers",
            member(),
            invite_only(Some(Owner)),
            W::Administer,
            200,
        ),
        (
            "a moderator does not administer",
            member(),
            invite_only(Some(Moderator)),
            W::Administer,
            403,
        ),
        (
            "an invited organisation's admin decides",
            admin(),
            ws(InviteOnly, None, Some(Invited)),
            W::DecideParticipation,
            200,
        ),
        (
            "a member of a taking-part organisation does not decide",
            member(),
            ws(Discoverable, Some(Member), Some(Active)),
            W::DecideParticipation,
            403,
        ),
        (
            "nor does an admin of an organisation that is not invited",
            admin(),
            ws(Discoverable, None, None),
            W::DecideParticipation,
            403,
        ),
        (
            "a taking-part organisation's admin governs its people",
            admin(),
            ws(InviteOnly, None, Some(Active)),
            W::GovernOwnMembers,
            200,
        ),
        (
            "not before accepting",
            admin(),
            ws(InviteOnly, None, Some(Invited)),
            W::GovernOwnMembers,
            403,
        ),
        (
            "a plain member governs nobody",
            member(),
            invite_only(Some(Member)),
            W::GovernOwnMembers,
            403,
        ),
        (
            "an archived workspace is still read",
            member(),
            archived(invite_only(Some(Member))),
            W::Read,
            200,
        ),
        (
            "but not moderated",
            member(),
            archived(invite_only(Some(Owner))),
            W::Moderate,
            403,
        ),
        (
            "its owner still administers it, to reopen it",
            member(),
            archived(invite_only(Some(Owner))),
            W::Administer,
            200,
        ),
    ];
    for (what, actor, facts, action, expected) in cases {
        assert_eq!(
            status(workspace(actor, facts, *action)),
            *expected,
            "{what}: {action:?}"
        );
    }
}

#[test]
fn an_unattached_upload_is_its_uploaders_alone() {
    assert_eq!(status(crate::policy::unattached_upload(&member(), ME)), 200);
    for someone_else in [member(), admin(), network_admin()] {
        assert_eq!(
            status(crate::policy::unattached_upload(&someone_else, ME + 1)),
            404
        );
    }
}
