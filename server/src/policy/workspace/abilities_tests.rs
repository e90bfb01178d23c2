//! The abilities pages render agree with the decisions routes make, for every combination of a
//! small matrix of callers, workspaces and targets.

use agora_shared::api::{OrgKind, OrgRole};
use agora_shared::conversations::{Participation, Visibility, WorkspaceRole};

use super::*;
use crate::policy::workspace::members::Target;

const OWNING_ORG: i64 = 1;
const PARTNER_ORG: i64 = 2;
const ME: i64 = 10;
const SOMEONE: i64 = 11;

fn actors() -> Vec<Actor> {
    let mut out = Vec::new();
    for org in [OWNING_ORG, PARTNER_ORG] {
        for role in [OrgRole::Member, OrgRole::Admin] {
            out.push(Actor::new(ME, org, role, OrgKind::FlemishMunicipality));
        }
    }
    out.push(Actor::new(ME, 3, OrgRole::Admin, OrgKind::NetworkOperator));
    out
}

fn all_facts() -> Vec<WorkspaceFacts> {
    let mut out = Vec::new();
    for visibility in [Visibility::InviteOnly, Visibility::Discoverable] {
        for role in [None]
            .into_iter()
            .chain(WorkspaceRole::ALL.iter().copied().map(Some))
        {
            for own_participation in [
                None,
                Some(Participation::Invited),
                Some(Participation::Active),
            ] {
                for archived in [false, true] {
                    out.push(WorkspaceFacts {
                        visibility,
                        archived,
                        owner_organisation_id: OWNING_ORG,
                        role,
                        own_participation,
                    });
                }
            }
        }
    }
    out
}

fn targets(actor: &Actor) -> Vec<Target> {
    let mut out = Vec::new();
    for user_id in [actor.user_id, SOMEONE] {
        for organisation_id in [OWNING_ORG, PARTNER_ORG] {
            for role in WorkspaceRole::ALL.iter().copied() {
                for owners in [1, 2] {
                    out.push(Target {
                        user_id,
                        organisation_id,
                        role,
                        owners,
                    });
                }
            }
        }
    }
    out
}

#[test]
fn member_abilities_are_the_decisions() {
    let (mut removable, mut changeable) = (0, 0);
    for actor in actors() {
        for facts in all_facts() {
            if workspace(&actor, &facts, WorkspaceAction::SeeSummary).is_err() {
                continue;
            }
            for target in targets(&actor) {
                let can = member_abilities(&actor, &facts, &target);
                assert_eq!(
                    can.may_remove,
                    remove_member(&actor, &facts, &target).is_ok(),
                    "{actor:?} {facts:?} {target:?}"
                );
                for role in WorkspaceRole::ALL.iter().copied() {
                    let decided =
                        role != target.role && change_role(&actor, &facts, &target, role).is_ok();
                    assert_eq!(
                        can.may_change_role_to.contains(&role),
                        decided,
                        "{actor:?} {facts:?} {target:?} {role:?}"
                    );
                }
                removable += usize::from(can.may_remove);
                changeable += usize::from(!can.may_change_role_to.is_empty());
            }
        }
    }
    // The matrix reaches both answers.
    assert!(removable > 0 && changeable > 0);
}

#[test]
fn workspace_abilities_are_the_decisions() {
    for actor in actors() {
        for facts in all_facts() {
            if workspace(&actor, &facts, WorkspaceAction::SeeSummary).is_err() {
                continue;
            }
            let can = workspace_abilities(&actor, &facts);
            let decide = |action| workspace(&actor, &facts, action).is_ok();
            assert_eq!(can.may_administer, decide(WorkspaceAction::Administer));
            assert_eq!(can.may_moderate, decide(WorkspaceAction::Moderate));
            assert_eq!(
                can.may_govern_own,
                decide(WorkspaceAction::GovernOwnMembers)
            );
            assert_eq!(
                can.may_open_administration,
                open_administration(&actor, &facts).is_ok()
            );
            for role in WorkspaceRole::ALL.iter().copied() {
                assert_eq!(
                    can.addable_roles.contains(&role),
                    add_member(&actor, &facts, actor.organisation_id, role).is_ok()
                );
            }
            assert_eq!(
                can.may_restore_owner,
                restore_owner(&actor, &facts, OWNING_ORG, Some(Participation::Active)).is_ok()
            );
            if can.may_withdraw {
                assert!(withdraw(&actor, &facts).is_ok());
            }
            if can.may_answer_invitation {
                assert!(decide(WorkspaceAction::DecideParticipation));
            }
            for org in [OWNING_ORG, PARTNER_ORG] {
                // Those who manage only their own people never manage anyone else's.
                if !can.managed_people.includes(&actor, org) {
                    assert_ne!(org, actor.organisation_id);
                    assert!(!can.may_moderate);
                }
            }
        }
    }
}

#[test]
fn non_member_admins_list_their_own_people_only() {
    let admin = Actor::new(ME, PARTNER_ORG, OrgRole::Admin, OrgKind::Other);
    let facts = WorkspaceFacts {
        visibility: Visibility::InviteOnly,
        archived: false,
        owner_organisation_id: OWNING_ORG,
        role: None,
        own_participation: Some(Participation::Active),
    };
    let people = listable_members(&admin, &facts).unwrap();
    assert_eq!(people, People::OwnOrganisation);
    assert!(people.includes(&admin, PARTNER_ORG));
    assert!(!people.includes(&admin, OWNING_ORG));
    let member = WorkspaceFacts {
        role: Some(WorkspaceRole::Member),
        ..facts
    };
    assert_eq!(listable_members(&admin, &member).unwrap(), People::Everyone);
    let outsider = Actor::new(ME, PARTNER_ORG, OrgRole::Member, OrgKind::Other);
    assert!(listable_members(&outsider, &facts).is_err());
}
