//! The network's directory: who appears in it, and so whom one may find and talk to directly.
//!
//! The whole network sees its directory; it lists the active people of active organisations and
//! nobody deactivated or suspended. `directory::search` filters by [`LISTED_USER`] and
//! [`LISTED_ORGANISATION`] in SQL (the efficient form of [`listed`]); one person's entry is
//! decided by [`entry`], and so is whether one may open a conversation with them
//! ([`start_direct`]).

use agora_shared::api::{OrgStatus, UserStatus};

use super::Actor;
use crate::error::{AppError, AppResult};

/// The status a person needs to appear.
pub const LISTED_USER: UserStatus = UserStatus::Active;
/// The status their organisation needs.
pub const LISTED_ORGANISATION: OrgStatus = OrgStatus::Active;

/// Whether a person with these statuses appears in the directory.
pub fn listed(user: UserStatus, organisation: OrgStatus) -> bool {
    user == LISTED_USER && organisation == LISTED_ORGANISATION
}

/// One person's entry: shown when [`listed`], otherwise it does not exist (404).
pub fn entry(actor: &Actor, user: UserStatus, organisation: OrgStatus) -> AppResult<()> {
    let _ = actor;
    if listed(user, organisation) {
        Ok(())
    } else {
        Err(AppError::not_found())
    }
}

/// Whom one may talk to directly: whoever the directory lists. Someone it does not list does not
/// exist for this purpose either (404).
pub fn start_direct(actor: &Actor, user: UserStatus, organisation: OrgStatus) -> AppResult<()> {
    entry(actor, user, organisation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use agora_shared::api::{OrgKind, OrgRole};

    #[test]
    fn only_active_people_of_active_organisations_are_listed() {
        let actor = Actor::new(1, 1, OrgRole::Member, OrgKind::Other);
        assert!(entry(&actor, UserStatus::Active, OrgStatus::Active).is_ok());
        for (user, org) in [
            (UserStatus::Deactivated, OrgStatus::Active),
            (UserStatus::Active, OrgStatus::Suspended),
        ] {
            assert_eq!(entry(&actor, user, org).unwrap_err().status.as_u16(), 404);
        }
    }
}
