//! A person's own profile and password.

use agora_shared::ErrorCode;
use agora_shared::api::{PasswordChange, ProfileUpdate};
use agora_shared::limits::*;
use serde_json::json;

use crate::accounts::session;
use crate::accounts::user::{User, UserChanges};
use crate::audit::{self, Action, Event};
use crate::db::run_blocking;
use crate::error::{AppError, AppResult};
use crate::security::password::{hash_password, verify_password};
use crate::state::AppState;
use crate::unit_of_work::Disconnect;
use crate::validate;
use crate::web::context::Identity;

pub async fn update_profile(
    state: &AppState,
    identity: &Identity,
    input: ProfileUpdate,
) -> AppResult<User> {
    let mut changes = UserChanges {
        updated_at: Some(state.clock.now()),
        ..Default::default()
    };
    if let Some(name) = &input.display_name {
        changes.display_name = Some(validate::text("display_name", name, MAX_NAME_CHARS)?);
    }
    if let Some(function) = &input.function {
        changes.function = Some(validate::optional_text(
            "function",
            function,
            MAX_FUNCTION_CHARS,
        )?);
    }
    changes.kind = input.kind;
    changes.interface_language = input.interface_language;
    if let Some(langs) = &input.languages_read {
        changes.languages_read = Some(validate::languages_read(langs)?);
    }
    if let Some(themes) = &input.themes {
        changes.themes = Some(validate::sdg_tags("themes", themes)?);
    }
    if let Some(tz) = &input.time_zone {
        changes.time_zone = Some(validate::time_zone(tz)?);
    }
    let id = identity.user.id;
    state
        .db
        .write(move |conn| User::update(conn, id, &changes))
        .await
}

pub async fn change_password(
    state: &AppState,
    identity: &Identity,
    input: PasswordChange,
) -> AppResult<()> {
    let new_password = validate::password("new_password", &input.new_password)?;
    let stored = identity.user.password_hash.clone();
    let current = input.current_password;
    let hash = run_blocking(move || {
        if !verify_password(&current, &stored) {
            return Err(AppError::invalid(
                ErrorCode::InvalidCredentials,
                "current_password",
            ));
        }
        Ok(hash_password(&new_password)?)
    })
    .await?;
    let (user_id, org_id, keep) = (
        identity.user.id,
        identity.organisation.id,
        identity.session_hash.clone(),
    );
    state
        .transact(move |tx| {
            let now = tx.now();
            User::update(
                tx,
                user_id,
                &UserChanges {
                    password_hash: Some(hash),
                    updated_at: Some(now),
                    ..Default::default()
                },
            )?;
            session::delete_others(tx, user_id, &keep)?;
            tx.disconnect(Disconnect::OtherSessions {
                user_id,
                keep_session_hash: keep,
            });
            audit::record(
                tx,
                Event {
                    organisation_id: Some(org_id),
                    actor: Some(user_id),
                    action: Action::PasswordChanged,
                    target_type: "user",
                    target_id: Some(user_id),
                    detail: json!({}),
                    client_address: None,
                },
                now,
            )
        })
        .await
}
