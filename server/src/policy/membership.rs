//! Who hears about membership and discovery: the people an organisation's invitation to a
//! workspace is addressed to.

use agora_shared::api::OrgRole;

use crate::accounts::user::User;

/// An organisation invited to a workspace is told through its active administrators: they alone
/// may accept for it (`decide_participation`), so nobody else is emailed.
pub fn workspace_invitation_recipients(people: Vec<User>) -> Vec<User> {
    people
        .into_iter()
        .filter(|u| u.role() == OrgRole::Admin && u.is_active())
        .collect()
}
