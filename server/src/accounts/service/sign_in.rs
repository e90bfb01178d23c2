//! Signing in (throttled, with the same answer for unknown and wrong) and signing out.

use agora_shared::ErrorCode;
use agora_shared::limits::*;
use serde_json::json;

use crate::accounts::session;
use crate::accounts::throttle;
use crate::accounts::user::User;
use crate::audit::{self, Action, Event};
use crate::db::run_blocking;
use crate::error::{AppError, AppResult};
use crate::organisations::model::Organisation;
use crate::security::password::{verify_dummy, verify_password};
use crate::state::AppState;
use crate::unit_of_work::Disconnect;
use crate::validate::Email;
use crate::web::context::Identity;

use super::{SignedIn, limit, session_ttl};

/// Signs a person in. Unknown address and wrong password get the same answer in the same time.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    client: Option<String>,
    previous_token: Option<String>,
) -> AppResult<SignedIn> {
    let client_key = client.clone().unwrap_or_default();
    limit(
        state,
        format!("signin:addr:{client_key}"),
        SIGNIN_PER_ADDRESS,
    )?;
    // An address that does not parse cannot have an account: no lookup, same answer.
    let parsed = Email::parse(email).ok().map(|e| e.as_str().to_string());
    let email = parsed
        .clone()
        .unwrap_or_else(|| email.trim().to_lowercase());
    let attempt = throttle::SignInAttempt::reserve(&state.limiter, &email, &client_key)?;
    let over_account = attempt.over_account_limit();
    let password = password.to_string();
    let address = client_key.clone();
    let now = state.clock.now();
    let looked_up = state
        .db
        .read(move |conn| {
            let Some(lookup_email) = parsed else {
                return Ok((None, false));
            };
            Ok(match User::find_by_email(conn, &lookup_email)? {
                Some(user) => {
                    let known =
                        over_account && throttle::is_known_address(conn, &user, &address, now)?;
                    let org = Organisation::find(conn, user.organisation_id)?;
                    (Some((user, org)), known)
                }
                None => (None, false),
            })
        })
        .await;
    let (found, known) = match looked_up {
        Ok(v) => v,
        Err(e) => {
            attempt.give_back(&state.limiter);
            return Err(e);
        }
    };
    if over_account && !known {
        return Err(attempt.refuse(&state.limiter));
    }
    let (verified, found) = run_blocking(move || {
        Ok(match found {
            Some((user, org)) => (
                verify_password(&password, &user.password_hash),
                Some((user, org)),
            ),
            None => {
                verify_dummy(&password);
                (false, None)
            }
        })
    })
    .await?;
    let failure = match (&found, verified) {
        (Some((user, _)), true) if !user.is_active() => Some(ErrorCode::InvalidCredentials),
        (Some((_, org)), true) if !org.is_active() => Some(ErrorCode::OrganisationSuspended),
        (Some(_), true) => None,
        _ => Some(ErrorCode::InvalidCredentials),
    };
    if let Some(code) = failure {
        // The reservation stays: this attempt counts against the pair and the account.
        drop(attempt);
        let (org_id, user_id) = found
            .as_ref()
            .map(|(u, _)| (Some(u.organisation_id), Some(u.id)))
            .unwrap_or((None, None));
        let clock = state.clock.clone();
        state
            .db
            .write(move |conn| {
                audit::record(
                    conn,
                    Event {
                        organisation_id: org_id,
                        actor: None,
                        action: Action::SignInFailed,
                        target_type: "user",
                        target_id: user_id,
                        detail: json!({ "reason": code.as_str() }),
                        client_address: client.as_deref(),
                    },
                    clock.now(),
                )
            })
            .await?;
        let status = if code == ErrorCode::OrganisationSuspended {
            403
        } else {
            401
        };
        return Err(AppError::new(
            code,
            actix_web::http::StatusCode::from_u16(status).expect("valid status"),
        ));
    }
    attempt.give_back(&state.limiter);
    let (user, organisation) = found.expect("checked above");
    let signed_in_user = user.clone();
    let clock = state.clock.clone();
    let token = state
        .db
        .write(move |conn| {
            let now = clock.now();
            // Rotation: whatever session the browser had before is gone.
            if let Some(old) = previous_token {
                session::delete_by_token(conn, &old)?;
            }
            let token = session::create(conn, &user, now, session_ttl())?;
            audit::record(
                conn,
                Event {
                    organisation_id: Some(user.organisation_id),
                    actor: Some(user.id),
                    action: Action::SignInSucceeded,
                    target_type: "user",
                    target_id: Some(user.id),
                    detail: json!({}),
                    client_address: client.as_deref(),
                },
                now,
            )?;
            Ok(token)
        })
        .await?;
    Ok(SignedIn {
        token,
        user: signed_in_user,
        organisation,
    })
}

pub async fn sign_out(
    state: &AppState,
    identity: &Identity,
    token: Option<String>,
) -> AppResult<()> {
    let (user_id, org_id) = (identity.user.id, identity.organisation.id);
    let session_hash = identity.session_hash.clone();
    state
        .transact(move |tx| {
            if let Some(token) = token {
                session::delete_by_token(tx, &token)?;
            }
            tx.disconnect(Disconnect::Session(session_hash));
            let now = tx.now();
            audit::record(
                tx,
                Event {
                    organisation_id: Some(org_id),
                    actor: Some(user_id),
                    action: Action::SignedOut,
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
