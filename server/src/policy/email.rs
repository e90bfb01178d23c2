//! Whose email settings someone may change, and which workspaces a person may silence.

use agora_shared::conversations::WorkspaceRole;

use super::Actor;
use crate::error::{AppError, AppResult};

/// Email preferences are their owner's alone: no administrator, of the organisation or the
/// network, changes what lands in someone else's inbox.
pub fn edit_email_preferences(actor: &Actor, owner_user_id: i64) -> AppResult<()> {
    if actor.user_id == owner_user_id {
        Ok(())
    } else {
        Err(AppError::not_found())
    }
}

/// A person may silence a workspace they are a member of (`role` is their role there), from the
/// settings page or with an unsubscribe link. Any other workspace does not exist for them,
/// whether it exists or not: a link kept after leaving a workspace says so rather than muting.
pub fn mute_workspace(role: Option<WorkspaceRole>) -> AppResult<()> {
    match role {
        Some(_) => Ok(()),
        None => Err(AppError::not_found()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use agora_shared::api::{OrgKind, OrgRole};

    #[test]
    fn only_the_owner_changes_their_preferences_and_only_their_workspaces_are_muted() {
        let admin = Actor::new(1, 1, OrgRole::Admin, OrgKind::NetworkOperator);
        assert!(edit_email_preferences(&admin, 1).is_ok());
        assert_eq!(
            edit_email_preferences(&admin, 2)
                .unwrap_err()
                .status
                .as_u16(),
            404
        );
        assert!(mute_workspace(Some(WorkspaceRole::Observer)).is_ok());
        assert_eq!(mute_workspace(None).unwrap_err().status.as_u16(), 404);
    }
}
