//! Who may see and do what. Every access decision in Agora is made here and nowhere else.
//!
//! Deny by default. Objects of an organisation the caller may not see answer exactly like missing
//! ones (404); objects they may see but not change answer 403.

pub mod attachments;
pub mod compose;
#[cfg(test)]
mod decision_tests;
pub mod digest;
pub mod directory;
pub mod email;
pub mod events;
pub mod membership;
pub mod navigation;
pub mod notifications;
pub mod readers;
pub mod scope;
pub mod workspace;

pub use attachments::unattached_upload;

use agora_shared::api::{OrgKind, OrgRole};

use crate::error::{AppError, AppResult};

/// The person making a request, reduced to what decisions need.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    pub user_id: i64,
    pub organisation_id: i64,
    pub role: OrgRole,
    pub network_admin: bool,
}

impl Actor {
    /// Administrators of the network operator run the network.
    pub fn new(user_id: i64, organisation_id: i64, role: OrgRole, org_kind: OrgKind) -> Actor {
        Actor {
            user_id,
            organisation_id,
            role,
            network_admin: role == OrgRole::Admin && org_kind == OrgKind::NetworkOperator,
        }
    }

    fn is_admin_of(&self, organisation_id: i64) -> bool {
        self.organisation_id == organisation_id && self.role == OrgRole::Admin
    }
}

/// What someone wants to do with an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// See its name, kind and members.
    View,
    /// Change its name, kind, country, language or status.
    Edit,
    /// Invite someone with the given role.
    Invite(OrgRole),
    /// See and revoke pending invitations.
    ManageInvitations,
    /// Change members' roles and deactivate them.
    ManageMembers,
    /// Choose how digests treat its people: after how many idle days, with or without quotes.
    ManageEmail,
}

/// Decides `action` on organisation `organisation_id`.
pub fn organisation(actor: &Actor, organisation_id: i64, action: Action) -> AppResult<()> {
    let own = actor.organisation_id == organisation_id;
    if !own && !actor.network_admin {
        return Err(AppError::not_found());
    }
    let allowed = match action {
        Action::View => true,
        Action::Edit => actor.network_admin,
        // The network operator brings in each organisation's first administrators; after that an
        // organisation governs its own people.
        Action::Invite(_) | Action::ManageInvitations => {
            actor.is_admin_of(organisation_id) || actor.network_admin
        }
        Action::ManageMembers | Action::ManageEmail => actor.is_admin_of(organisation_id),
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

/// Only network administrators create organisations and list all of them.
pub fn manage_network(actor: &Actor) -> AppResult<()> {
    if actor.network_admin {
        Ok(())
    } else {
        Err(AppError::not_found())
    }
}

/// Nobody changes their own role or deactivates themselves: an organisation must not lose its
/// last administrator by accident.
pub fn change_member(actor: &Actor, target_user_id: i64) -> AppResult<()> {
    if actor.user_id == target_user_id {
        Err(AppError::invalid(
            agora_shared::ErrorCode::CannotChangeSelf,
            "user",
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(org: i64, role: OrgRole, kind: OrgKind) -> Actor {
        Actor::new(1, org, role, kind)
    }

    #[test]
    fn other_tenants_are_invisible() {
        let member = actor(1, OrgRole::Member, OrgKind::FlemishMunicipality);
        let admin = actor(1, OrgRole::Admin, OrgKind::FlemishMunicipality);
        for a in [member, admin] {
            for action in [
                Action::View,
                Action::Edit,
                Action::ManageMembers,
                Action::Invite(OrgRole::Member),
            ] {
                assert_eq!(
                    organisation(&a, 2, action).unwrap_err().status.as_u16(),
                    404
                );
            }
        }
    }

    #[test]
    fn members_view_admins_manage() {
        let member = actor(1, OrgRole::Member, OrgKind::PartnerMunicipality);
        let admin = actor(1, OrgRole::Admin, OrgKind::PartnerMunicipality);
        assert!(organisation(&member, 1, Action::View).is_ok());
        assert_eq!(
            organisation(&member, 1, Action::ManageMembers)
                .unwrap_err()
                .status
                .as_u16(),
            403
        );
        assert!(organisation(&admin, 1, Action::ManageMembers).is_ok());
        assert!(organisation(&admin, 1, Action::Invite(OrgRole::Admin)).is_ok());
        assert_eq!(
            organisation(&admin, 1, Action::Edit)
                .unwrap_err()
                .status
                .as_u16(),
            403
        );
    }

    #[test]
    fn network_admins_run_the_network_not_other_peoples_members() {
        let net = actor(9, OrgRole::Admin, OrgKind::NetworkOperator);
        assert!(net.network_admin);
        assert!(organisation(&net, 2, Action::Edit).is_ok());
        assert!(organisation(&net, 2, Action::Invite(OrgRole::Admin)).is_ok());
        assert_eq!(
            organisation(&net, 2, Action::ManageMembers)
                .unwrap_err()
                .status
                .as_u16(),
            403
        );
        let net_member = actor(9, OrgRole::Member, OrgKind::NetworkOperator);
        assert!(!net_member.network_admin);
        assert!(manage_network(&net_member).is_err());
    }
}
