//! Password resets: the emailed link, and the new password set with it.

use agora_shared::ErrorCode;
use agora_shared::limits::*;
use chrono::Duration;
use serde_json::json;

use crate::accounts::reset::{NewReset, PasswordReset};
use crate::accounts::session;
use crate::accounts::user::{User, UserChanges};
use crate::audit::{self, Action, Event};
use crate::db::run_blocking;
use crate::error::{AppError, AppResult};
use crate::mail::{OutgoingEmail, templates};
use crate::security::password::hash_password;
use crate::security::tokens::{hash_token, looks_like_token};
use crate::state::AppState;
use crate::unit_of_work::{Disconnect, Tx};
use crate::validate;

use super::limit;
use super::token_email::{TokenEmail, request_token_email};

/// Sends a reset link if the address belongs to an active account. Answers the same either way.
pub async fn request_reset(state: &AppState, email: &str, client: Option<String>) -> AppResult<()> {
    let spec = TokenEmail {
        limit_prefix: "reset",
        per_address: RESET_PER_ADDRESS,
        per_account: RESET_PER_ACCOUNT,
        mail: |user: &User, token: &str, token_hash: &str| {
            OutgoingEmail::new(
                format!("reset:{token_hash}"),
                &user.email,
                user.language(),
                &templates::Reset {
                    name: user.display_name.clone(),
                    link: state.link(&format!("/reset/{token}")),
                    minutes: RESET_TTL_MINUTES,
                },
            )
        },
        store: {
            let client = client.clone();
            move |tx: &mut Tx, user: &User, token_hash: &str| {
                let now = tx.now();
                PasswordReset::insert(
                    tx,
                    &NewReset {
                        user_id: user.id,
                        organisation_id: user.organisation_id,
                        token_hash,
                        created_at: now,
                        expires_at: now + Duration::minutes(RESET_TTL_MINUTES),
                    },
                )?;
                audit::record(
                    tx,
                    Event {
                        organisation_id: Some(user.organisation_id),
                        actor: None,
                        action: Action::PasswordResetRequested,
                        target_type: "user",
                        target_id: Some(user.id),
                        detail: json!({}),
                        client_address: client.as_deref(),
                    },
                    now,
                )
            }
        },
    };
    request_token_email(state, email, client.as_deref(), spec).await
}

/// Sets a new password from a reset link and ends every session of that person.
pub async fn confirm_reset(
    state: &AppState,
    token: &str,
    password: &str,
    client: Option<String>,
) -> AppResult<()> {
    limit(
        state,
        format!("accept:addr:{}", client.clone().unwrap_or_default()),
        ACCEPT_PER_ADDRESS,
    )?;
    check_reset_token(state, token).await?;
    let password = validate::password("password", password)?;
    let hash = run_blocking(move || Ok(hash_password(&password)?)).await?;
    let token_hash = hash_token(token);
    state
        .transact(move |tx| {
            let now = tx.now();
            let reset = PasswordReset::find_usable(tx, &token_hash, now)?
                .ok_or_else(|| AppError::invalid(ErrorCode::InvalidToken, "token"))?;
            let user = User::find(tx, reset.user_id)?;
            User::update(
                tx,
                user.id,
                &UserChanges {
                    password_hash: Some(hash),
                    updated_at: Some(now),
                    ..Default::default()
                },
            )?;
            PasswordReset::consume_all_for_user(tx, user.id, now)?;
            session::delete_for_user(tx, user.id)?;
            tx.disconnect(Disconnect::User(user.id));
            audit::record(
                tx,
                Event {
                    organisation_id: Some(user.organisation_id),
                    actor: Some(user.id),
                    action: Action::PasswordResetCompleted,
                    target_type: "user",
                    target_id: Some(user.id),
                    detail: json!({}),
                    client_address: client.as_deref(),
                },
                now,
            )
        })
        .await
}

/// Whether a reset link is still usable (for showing its form).
pub async fn check_reset_token(state: &AppState, token: &str) -> AppResult<()> {
    let clock = state.clock.clone();
    if !looks_like_token(token) {
        return Err(AppError::invalid(ErrorCode::InvalidToken, "token"));
    }
    let hash = hash_token(token);
    state
        .db
        .read(move |conn| {
            PasswordReset::find_usable(conn, &hash, clock.now())?
                .map(drop)
                .ok_or_else(|| AppError::invalid(ErrorCode::InvalidToken, "token"))
        })
        .await
}
