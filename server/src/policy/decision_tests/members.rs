//! Who adds whom to a workspace and ends whose membership.

use agora_shared::conversations::{Participation, Visibility, WorkspaceRole};

use super::{ME, MY_ORG, OTHER_ORG, admin, invite_only, member, status, ws};
use crate::policy::Actor;
use crate::policy::workspace::{Target, WorkspaceFacts, add_member, remove_member};

#[test]
fn who_adds_whom_to_a_workspace() {
    use WorkspaceRole::{Member, Moderator, Owner};
    let outside_admin = ws(Visibility::InviteOnly, None, Some(Participation::Active));
    let cases: &[(&str, Actor, WorkspaceFacts, i64, WorkspaceRole, u16)] = &[
        (
            "an admin adds own people",
            admin(),
            outside_admin,
            MY_ORG,
            Member,
            200,
        ),
        (
            "but nobody else's",
            admin(),
            outside_admin,
            OTHER_ORG,
            Member,
            403,
        ),
        (
            "a moderator adds anyone",
            member(),
            invite_only(Some(Moderator)),
            OTHER_ORG,
            Member,
            200,
        ),
        (
            "but makes no owner",
            member(),
            invite_only(Some(Moderator)),
            OTHER_ORG,
            Owner,
            403,
        ),
        (
            "an owner makes owners",
            member(),
            invite_only(Some(Owner)),
            OTHER_ORG,
            Owner,
            200,
        ),
        (
            "a member adds nobody",
            member(),
            invite_only(Some(Member)),
            MY_ORG,
            Member,
            403,
        ),
    ];
    for (what, actor, facts, org, role, expected) in cases {
        assert_eq!(
            status(add_member(actor, facts, *org, *role)),
            *expected,
            "{what}"
        );
    }
}

#[test]
fn who_ends_whose_membership() {
    use WorkspaceRole::{Member, Moderator};
    let other = ME + 1;
    let in_discoverable = ws(Visibility::Discoverable, None, Some(Participation::Active));
    let cases: &[(&str, Actor, WorkspaceFacts, i64, i64, u16)] = &[
        (
            "anyone leaves",
            member(),
            invite_only(Some(Member)),
            ME,
            MY_ORG,
            200,
        ),
        (
            "a member removes nobody",
            member(),
            invite_only(Some(Member)),
            other,
            MY_ORG,
            403,
        ),
        (
            "a moderator removes anyone",
            member(),
            invite_only(Some(Moderator)),
            other,
            OTHER_ORG,
            200,
        ),
        (
            "an admin removes own people",
            admin(),
            invite_only(None),
            other,
            MY_ORG,
            200,
        ),
        (
            "but nobody else's",
            admin(),
            invite_only(None),
            other,
            OTHER_ORG,
            403,
        ),
        (
            // Moderating is not theirs to know about: answered like the workspace decides.
            "a non-member of a taking-part organisation finds no such membership",
            member(),
            in_discoverable,
            other,
            MY_ORG,
            404,
        ),
    ];
    for (what, actor, facts, user, org, expected) in cases {
        assert_eq!(
            status(remove_member(
                actor,
                facts,
                &Target {
                    user_id: *user,
                    organisation_id: *org,
                    role: Member,
                    owners: 1,
                }
            )),
            *expected,
            "{what}"
        );
    }
}
