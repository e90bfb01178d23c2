//! An organisation's administrators changing a member's role or status.

use agora_shared::api::{MemberUpdate, UserStatus};
use serde_json::json;

use crate::accounts::session;
use crate::accounts::user::{User, UserChanges};
use crate::audit::{self, Action, Event};
use crate::error::AppResult;
use crate::policy::{self, Actor};
use crate::state::AppState;
use crate::unit_of_work::Disconnect;

/// Changes a member's role or status. Deactivation ends their sessions in the same transaction.
pub async fn update_member(
    state: &AppState,
    actor: &Actor,
    organisation_id: i64,
    user_id: i64,
    input: MemberUpdate,
) -> AppResult<User> {
    let actor = *actor;
    state
        .transact(move |tx| {
            let target = User::find_in_org(tx, organisation_id, user_id)?;
            policy::change_member(&actor, target.id)?;
            let now = tx.now();
            let mut changes = UserChanges {
                updated_at: Some(now),
                ..Default::default()
            };
            let mut events = Vec::new();
            if let Some(role) = input.role.filter(|r| *r != target.role()) {
                changes.role = Some(role);
                events.push((
                    Action::RoleChanged,
                    json!({ "from": target.role, "to": role.as_str() }),
                ));
            }
            if let Some(status) = input.status.filter(|s| *s != target.status()) {
                changes.status = Some(status);
                if status == UserStatus::Deactivated {
                    session::delete_for_user(tx, target.id)?;
                    events.push((Action::UserDeactivated, json!({})));
                } else {
                    events.push((Action::UserReactivated, json!({})));
                }
            }
            let user = User::update(tx, target.id, &changes)?;
            if user.status() == UserStatus::Deactivated {
                tx.disconnect(Disconnect::User(user.id));
            }
            for (action, detail) in events {
                audit::record(
                    tx,
                    Event {
                        organisation_id: Some(organisation_id),
                        actor: Some(actor.user_id),
                        action,
                        target_type: "user",
                        target_id: Some(target.id),
                        detail,
                        client_address: None,
                    },
                    now,
                )?;
            }
            Ok(user)
        })
        .await
}
