use agora_shared::api::{OrgKind, OrgRole};
use agora_shared::conversations::{Participation, Visibility, WorkspaceRole};

use super::*;
use crate::policy::Actor;
use crate::policy::workspace::abilities::{addable_roles, assignable_roles};

use WorkspaceRole::{Member, Moderator, Observer, Owner};

const OWNING_ORG: i64 = 1;
const PARTNER_ORG: i64 = 2;
const ME: i64 = 10;

fn actor(org: i64, org_role: OrgRole) -> Actor {
    Actor::new(ME, org, org_role, OrgKind::FlemishMunicipality)
}

fn facts(role: Option<WorkspaceRole>, own: Option<Participation>) -> WorkspaceFacts {
    WorkspaceFacts {
        visibility: Visibility::InviteOnly,
        archived: false,
        owner_organisation_id: OWNING_ORG,
        role,
        own_participation: own,
    }
}

fn member_of(org: i64, role: WorkspaceRole) -> (Actor, WorkspaceFacts) {
    (
        actor(org, OrgRole::Member),
        facts(Some(role), Some(Participation::Active)),
    )
}

fn target(user_id: i64, organisation_id: i64, role: WorkspaceRole, owners: i64) -> Target {
    Target {
        user_id,
        organisation_id,
        role,
        owners,
    }
}

fn status(result: AppResult<()>) -> u16 {
    match result {
        Ok(()) => 200,
        Err(e) => e.status.as_u16(),
    }
}

#[test]
fn moderators_never_touch_owners() {
    let (a, f) = member_of(PARTNER_ORG, Moderator);
    let owner = target(1, OWNING_ORG, Owner, 1);
    for to in [Moderator, Member, Observer] {
        assert_eq!(status(change_role(&a, &f, &owner, to)), 403, "{to:?}");
    }
    assert_eq!(status(remove_member(&a, &f, &owner)), 403);
    let member = target(2, OWNING_ORG, Member, 1);
    assert_eq!(status(change_role(&a, &f, &member, Owner)), 403);
    assert_eq!(assignable_roles(&a, &f, &member), vec![Moderator, Observer]);
    assert!(assignable_roles(&a, &f, &owner).is_empty());
    assert_eq!(status(remove_member(&a, &f, &member)), 200);
}

#[test]
fn owners_make_and_unmake_owners_but_keep_one() {
    let (a, f) = member_of(OWNING_ORG, Owner);
    let other_owner = target(2, PARTNER_ORG, Owner, 2);
    assert_eq!(status(change_role(&a, &f, &other_owner, Observer)), 200);
    assert_eq!(status(remove_member(&a, &f, &other_owner)), 200);
    let member = target(3, PARTNER_ORG, Member, 1);
    assert_eq!(status(change_role(&a, &f, &member, Owner)), 200);
    assert_eq!(
        assignable_roles(&a, &f, &member),
        vec![Owner, Moderator, Observer]
    );
    // Stepping down is the one change of one's own role, and only with another owner left.
    let me_alone = target(ME, OWNING_ORG, Owner, 1);
    let err = change_role(&a, &f, &me_alone, Member).unwrap_err();
    assert_eq!(err.code, ErrorCode::LastOwner);
    assert_eq!(
        remove_member(&a, &f, &me_alone).unwrap_err().code,
        ErrorCode::LastOwner
    );
    assert!(assignable_roles(&a, &f, &me_alone).is_empty());
    let me_with_another = target(ME, OWNING_ORG, Owner, 2);
    assert_eq!(status(change_role(&a, &f, &me_with_another, Member)), 200);
}

#[test]
fn nobody_changes_their_own_role_but_an_owner_stepping_down() {
    let (a, f) = member_of(PARTNER_ORG, Moderator);
    let me = target(ME, PARTNER_ORG, Moderator, 1);
    for to in [Member, Observer] {
        assert_eq!(
            change_role(&a, &f, &me, to).unwrap_err().code,
            ErrorCode::CannotChangeSelf
        );
    }
    assert_eq!(status(change_role(&a, &f, &me, Owner)), 403);
    assert!(assignable_roles(&a, &f, &me).is_empty());
    for role in [Member, Observer] {
        let (a, f) = member_of(PARTNER_ORG, role);
        let me = target(ME, PARTNER_ORG, role, 1);
        for to in WorkspaceRole::ALL {
            assert_eq!(
                status(change_role(&a, &f, &me, *to)),
                403,
                "{role:?} -> {to:?}"
            );
        }
        // Leaving is always possible.
        assert_eq!(status(remove_member(&a, &f, &me)), 200);
    }
    // An organisation admin who is a plain member does not make herself moderator either, and
    // learns that her own role is not hers to change.
    let a = actor(PARTNER_ORG, OrgRole::Admin);
    let f = facts(Some(Member), Some(Participation::Active));
    let me = target(ME, PARTNER_ORG, Member, 1);
    assert_eq!(status(change_role(&a, &f, &me, Moderator)), 403);
    assert_eq!(status(change_role(&a, &f, &me, Owner)), 403);
    assert_eq!(
        change_role(&a, &f, &me, Observer).unwrap_err().code,
        ErrorCode::CannotChangeSelf
    );
    assert!(assignable_roles(&a, &f, &me).is_empty());
}

#[test]
fn organisation_admins_govern_their_own_people_only_between_member_and_observer() {
    let a = actor(PARTNER_ORG, OrgRole::Admin);
    let f = facts(None, Some(Participation::Active));
    let own_member = target(5, PARTNER_ORG, Member, 1);
    assert_eq!(assignable_roles(&a, &f, &own_member), vec![Observer]);
    assert_eq!(status(change_role(&a, &f, &own_member, Moderator)), 403);
    let own_moderator = target(6, PARTNER_ORG, Moderator, 1);
    assert!(assignable_roles(&a, &f, &own_moderator).is_empty());
    assert_eq!(status(remove_member(&a, &f, &own_moderator)), 200);
    let other_member = target(7, OWNING_ORG, Member, 1);
    assert!(assignable_roles(&a, &f, &other_member).is_empty());
    assert_eq!(status(remove_member(&a, &f, &other_member)), 403);
    assert_eq!(addable_roles(&a, &f), vec![Member, Observer]);
    assert_eq!(status(add_member(&a, &f, PARTNER_ORG, Moderator)), 403);
    assert_eq!(status(add_member(&a, &f, OWNING_ORG, Member)), 403);
    // Their own people's owner may go, but not the workspace's last.
    let own_owner = target(8, PARTNER_ORG, Owner, 2);
    assert_eq!(status(remove_member(&a, &f, &own_owner)), 200);
    let last = target(8, PARTNER_ORG, Owner, 1);
    assert_eq!(
        remove_member(&a, &f, &last).unwrap_err().code,
        ErrorCode::LastOwner
    );
}

#[test]
fn outsiders_see_nothing_and_archived_workspaces_are_frozen() {
    let outsider = actor(3, OrgRole::Admin);
    let f = facts(None, None);
    let someone = target(5, OWNING_ORG, Member, 1);
    assert_eq!(status(change_role(&outsider, &f, &someone, Observer)), 404);
    assert_eq!(status(remove_member(&outsider, &f, &someone)), 404);
    assert_eq!(status(add_member(&outsider, &f, 3, Member)), 404);
    assert!(addable_roles(&outsider, &f).is_empty());
    let (owner, mut archived) = member_of(OWNING_ORG, Owner);
    archived.archived = true;
    assert_eq!(
        status(change_role(&owner, &archived, &someone, Observer)),
        403
    );
    assert_eq!(
        status(add_member(&owner, &archived, PARTNER_ORG, Member)),
        403
    );
}

#[test]
fn owners_are_restored_by_the_network_operator_and_the_owning_organisation() {
    let network = Actor::new(ME, 9, OrgRole::Admin, OrgKind::NetworkOperator);
    let invisible = facts(None, None);
    let active = Some(Participation::Active);
    assert_eq!(
        status(restore_owner(&network, &invisible, PARTNER_ORG, active)),
        200
    );
    assert_eq!(
        status(restore_owner(
            &network,
            &invisible,
            PARTNER_ORG,
            Some(Participation::Left)
        )),
        422
    );
    let owning_admin = actor(OWNING_ORG, OrgRole::Admin);
    let f = facts(Some(Observer), active);
    assert_eq!(
        status(restore_owner(&owning_admin, &f, OWNING_ORG, active)),
        200
    );
    assert_eq!(
        status(restore_owner(&owning_admin, &f, PARTNER_ORG, active)),
        422
    );
    let partner_admin = actor(PARTNER_ORG, OrgRole::Admin);
    assert_eq!(
        status(restore_owner(&partner_admin, &f, PARTNER_ORG, active)),
        403
    );
    let (moderator, f) = member_of(OWNING_ORG, Moderator);
    assert_eq!(
        status(restore_owner(&moderator, &f, OWNING_ORG, active)),
        403
    );
    let stranger = actor(3, OrgRole::Admin);
    assert_eq!(status(restore_owner(&stranger, &invisible, 3, active)), 404);
}

#[test]
fn the_owning_organisation_cannot_withdraw() {
    let owning_admin = actor(OWNING_ORG, OrgRole::Admin);
    let f = facts(Some(Owner), Some(Participation::Active));
    assert_eq!(
        withdraw(&owning_admin, &f).unwrap_err().code,
        ErrorCode::OwnerOrganisationCannotLeave
    );
    let partner_admin = actor(PARTNER_ORG, OrgRole::Admin);
    assert_eq!(status(withdraw(&partner_admin, &f)), 200);
    let (partner_member, f) = member_of(PARTNER_ORG, Moderator);
    assert_eq!(status(withdraw(&partner_member, &f)), 403);
}
