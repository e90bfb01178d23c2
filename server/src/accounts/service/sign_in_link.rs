//! Sign-in links by email: asked for on the sign-in page, answered the same whether or not the
//! address has an account, used once within 15 minutes to open a real session.

use agora_shared::ErrorCode;
use agora_shared::limits::*;
use chrono::Duration;
use serde_json::json;

use crate::accounts::session;
use crate::accounts::sign_in_link::{NewSignInLink, SignInLink};
use crate::accounts::user::User;
use crate::audit::{self, Action, Event};
use crate::error::{AppError, AppResult};
use crate::mail::{OutgoingEmail, templates};
use crate::organisations::model::Organisation;
use crate::security::tokens::{hash_token, looks_like_token};
use crate::state::AppState;
use crate::unit_of_work::Tx;

use super::token_email::{TokenEmail, request_token_email};
use super::{limit, session_ttl};

/// Emails a sign-in link leading to `next` (already checked to be a same-site path) if the
/// address belongs to an active account. Answers the same either way.
pub async fn request_sign_in_link(
    state: &AppState,
    email: &str,
    next: String,
    client: Option<String>,
) -> AppResult<()> {
    let spec = TokenEmail {
        limit_prefix: "signin-link",
        per_address: SIGNIN_LINK_PER_ADDRESS,
        per_account: SIGNIN_LINK_PER_ACCOUNT,
        mail: |user: &User, token: &str, token_hash: &str| {
            OutgoingEmail::new(
                format!("signin-link:{token_hash}"),
                &user.email,
                user.language(),
                &templates::SignInLink {
                    name: user.display_name.clone(),
                    link: state.link(&format!("/signin/link/{token}")),
                    minutes: SIGNIN_LINK_TTL_MINUTES,
                },
            )
        },
        store: move |tx: &mut Tx, user: &User, token_hash: &str| {
            let now = tx.now();
            SignInLink::insert(
                tx,
                &NewSignInLink {
                    user_id: user.id,
                    organisation_id: user.organisation_id,
                    token_hash,
                    next_path: &next,
                    created_at: now,
                    expires_at: now + Duration::minutes(SIGNIN_LINK_TTL_MINUTES),
                },
            )
        },
    };
    request_token_email(state, email, client.as_deref(), spec).await
}

/// Whether a sign-in link is still usable (for showing its button).
pub async fn check_sign_in_link(state: &AppState, token: &str) -> AppResult<()> {
    if !looks_like_token(token) {
        return Err(AppError::invalid(ErrorCode::InvalidToken, "token"));
    }
    let hash = hash_token(token);
    let now = state.clock.now();
    state
        .db
        .read(move |conn| {
            SignInLink::find_usable(conn, &hash, now)?
                .map(drop)
                .ok_or_else(|| AppError::invalid(ErrorCode::InvalidToken, "token"))
        })
        .await
}

/// Uses a sign-in link: a new session (replacing the browser's old one) and where to go.
pub async fn use_sign_in_link(
    state: &AppState,
    token: &str,
    client: Option<String>,
    previous_token: Option<String>,
) -> AppResult<(String, String)> {
    limit(
        state,
        format!("accept:addr:{}", client.clone().unwrap_or_default()),
        ACCEPT_PER_ADDRESS,
    )?;
    if !looks_like_token(token) {
        return Err(AppError::invalid(ErrorCode::InvalidToken, "token"));
    }
    let hash = hash_token(token);
    state
        .transact(move |tx| {
            let now = tx.now();
            let invalid = || AppError::invalid(ErrorCode::InvalidToken, "token");
            let link = SignInLink::find_usable(tx, &hash, now)?.ok_or_else(invalid)?;
            let user = User::find(tx, link.user_id)?;
            let org = Organisation::find(tx, user.organisation_id)?;
            if !user.is_active() || !org.is_active() || !SignInLink::consume(tx, link.id, now)? {
                return Err(invalid());
            }
            if let Some(old) = previous_token {
                session::delete_by_token(tx, &old)?;
            }
            let token = session::create(tx, &user, now, session_ttl())?;
            audit::record(
                tx,
                Event {
                    organisation_id: Some(user.organisation_id),
                    actor: Some(user.id),
                    action: Action::SignInSucceeded,
                    target_type: "user",
                    target_id: Some(user.id),
                    detail: json!({ "method": "link" }),
                    client_address: client.as_deref(),
                },
                now,
            )?;
            Ok((token, link.next_path))
        })
        .await
}
