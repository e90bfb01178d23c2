//! The rules of accounts. API and page handlers both call these; each change and its audit
//! record and email are written in one transaction.

use agora_shared::ErrorCode;
use agora_shared::api::{
    AcceptInvitation, MemberUpdate, NewInvitation, OrgRole, PasswordChange, ProfileUpdate,
    UserKind, UserStatus,
};
use agora_shared::limits::*;
use chrono::Duration;
use serde_json::json;

use super::invitation::{Invitation, NewInvitationRow};
use super::reset::{NewReset, PasswordReset};
use super::session;
use super::throttle;
use super::user::{NewUser, User, UserChanges};
use crate::audit::{self, Action, Event};
use crate::db::{DbConnection, Disconnect, run_blocking};
use crate::error::{AppError, AppResult};
use crate::mail::{OutgoingEmail, templates};
use crate::organisations::model::Organisation;
use crate::policy::{self, Actor};
use crate::security::password::{hash_password, verify_dummy, verify_password};
use crate::security::tokens::{hash_token, looks_like_token, new_token};
use crate::state::AppState;
use crate::time::now;
use crate::validate::{self, Email};
use crate::web::context::Identity;

/// A new session: the token goes into the cookie.
pub struct SignedIn {
    pub token: String,
    pub user: User,
    pub organisation: Organisation,
}

fn limit(state: &AppState, key: String, max: u32) -> AppResult<()> {
    state
        .limiter
        .check(&key, max)
        .map_err(AppError::rate_limited)
}

fn session_ttl() -> Duration {
    Duration::days(SESSION_TTL_DAYS)
}

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
    let looked_up = state
        .db
        .read(move |conn| {
            let Some(lookup_email) = parsed else {
                return Ok((None, false));
            };
            Ok(match User::find_by_email(conn, &lookup_email)? {
                Some(user) => {
                    let known =
                        over_account && throttle::is_known_address(conn, &user, &address, now())?;
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
                    now(),
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
    let token = state
        .db
        .write(move |conn| {
            let now = now();
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
                now(),
            )
        })
        .await
}

/// The pending invitation behind a link, for the acceptance page.
pub async fn find_invitation(
    state: &AppState,
    token: &str,
) -> AppResult<(Invitation, Organisation)> {
    if !looks_like_token(token) {
        return Err(AppError::invalid(ErrorCode::InvalidToken, "token"));
    }
    let hash = hash_token(token);
    state
        .db
        .read(move |conn| {
            let invitation = Invitation::find_by_token_hash(conn, &hash)?
                .filter(|i| i.status(now()) == agora_shared::api::InvitationStatus::Pending)
                .ok_or_else(|| AppError::invalid(ErrorCode::InvalidToken, "token"))?;
            let org = Organisation::find(conn, invitation.organisation_id)?;
            if !org.is_active() {
                return Err(AppError::invalid(ErrorCode::InvalidToken, "token"));
            }
            Ok((invitation, org))
        })
        .await
}

/// Creates the invited person's account and signs them in.
pub async fn accept_invitation(
    state: &AppState,
    input: AcceptInvitation,
    client: Option<String>,
) -> AppResult<SignedIn> {
    limit(
        state,
        format!("accept:addr:{}", client.clone().unwrap_or_default()),
        ACCEPT_PER_ADDRESS,
    )?;
    let (invitation, organisation) = find_invitation(state, &input.token).await?;
    limit(
        state,
        format!("accept:acct:{}", invitation.email),
        ACCEPT_PER_ADDRESS,
    )?;
    let display_name = validate::text("display_name", &input.display_name, MAX_NAME_CHARS)?;
    let password = validate::password("password", &input.password)?;
    let hash = run_blocking(move || Ok(hash_password(&password)?)).await?;
    let language = input.interface_language;
    let org_for_result = organisation.clone();
    let (token, user) = state
        .db
        .write(move |conn| {
            let now = now();
            if User::find_by_email(conn, &invitation.email)?.is_some() {
                return Err(AppError::conflict(ErrorCode::EmailTaken, "email"));
            }
            if !Invitation::mark_accepted(conn, invitation.id, now)? {
                return Err(AppError::invalid(ErrorCode::InvalidToken, "token"));
            }
            let user = User::insert(
                conn,
                &NewUser {
                    organisation_id: invitation.organisation_id,
                    email: &invitation.email,
                    password_hash: &hash,
                    display_name: &display_name,
                    function: "",
                    kind: UserKind::Official.as_str(),
                    role: invitation.role().as_str(),
                    status: UserStatus::Active.as_str(),
                    interface_language: language.as_str(),
                    languages_read: language.as_str(),
                    time_zone: "UTC",
                    created_at: now,
                    updated_at: now,
                },
            )?;
            audit::record(
                conn,
                Event {
                    organisation_id: Some(organisation.id),
                    actor: Some(user.id),
                    action: Action::InvitationAccepted,
                    target_type: "invitation",
                    target_id: Some(invitation.id),
                    detail: json!({ "role": invitation.role }),
                    client_address: client.as_deref(),
                },
                now,
            )?;
            let token = session::create(conn, &user, now, session_ttl())?;
            Ok((token, user))
        })
        .await?;
    Ok(SignedIn {
        token,
        user,
        organisation: org_for_result,
    })
}

/// Sends a reset link if the address belongs to an active account. Answers the same either way.
pub async fn request_reset(state: &AppState, email: &str, client: Option<String>) -> AppResult<()> {
    limit(
        state,
        format!("reset:addr:{}", client.clone().unwrap_or_default()),
        RESET_PER_ADDRESS,
    )?;
    let email = Email::parse(email)?;
    limit(
        state,
        format!("reset:acct:{}", email.as_str()),
        RESET_PER_ACCOUNT,
    )?;
    // Read before the transaction; the transaction checks that the account is still the one the
    // email was written for.
    let address = email.as_str().to_string();
    let found = state
        .db
        .read(move |conn| active_account(conn, &address))
        .await?;
    let Some(user) = found else {
        return Ok(());
    };
    let token = new_token();
    let token_hash = hash_token(&token);
    let mail = OutgoingEmail::new(
        format!("reset:{token_hash}"),
        &user.email,
        user.language(),
        &templates::Reset {
            name: user.display_name.clone(),
            link: state.link(&format!("/reset/{token}")),
            minutes: RESET_TTL_MINUTES,
        },
    )?;
    state
        .transact(move |tx| {
            if active_account(tx, email.as_str())?.map(|u| u.id) != Some(user.id) {
                return Ok(());
            }
            let now = now();
            PasswordReset::insert(
                tx,
                &NewReset {
                    user_id: user.id,
                    organisation_id: user.organisation_id,
                    token_hash: &token_hash,
                    created_at: now,
                    expires_at: now + Duration::minutes(RESET_TTL_MINUTES),
                },
            )?;
            tx.email(&mail)?;
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
        })
        .await
}

/// The account at `email` when it and its organisation are active.
fn active_account(conn: &mut DbConnection, email: &str) -> AppResult<Option<User>> {
    let Some(user) = User::find_by_email(conn, email)? else {
        return Ok(None);
    };
    let org = Organisation::find(conn, user.organisation_id)?;
    Ok((user.is_active() && org.is_active()).then_some(user))
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
            let now = now();
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
    if !looks_like_token(token) {
        return Err(AppError::invalid(ErrorCode::InvalidToken, "token"));
    }
    let hash = hash_token(token);
    state
        .db
        .read(move |conn| {
            PasswordReset::find_usable(conn, &hash, now())?
                .map(drop)
                .ok_or_else(|| AppError::invalid(ErrorCode::InvalidToken, "token"))
        })
        .await
}

pub async fn update_profile(
    state: &AppState,
    identity: &Identity,
    input: ProfileUpdate,
) -> AppResult<User> {
    let mut changes = UserChanges {
        updated_at: Some(now()),
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
    changes.kind = input.kind.map(|k| k.as_str().to_string());
    changes.interface_language = input.interface_language.map(|l| l.as_str().to_string());
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
            let now = now();
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

/// Invites `input.email` into `organisation` and queues the email in the invitee's language.
pub async fn invite(
    state: &AppState,
    inviter: &Identity,
    organisation: &Organisation,
    input: NewInvitation,
) -> AppResult<Invitation> {
    policy::organisation(
        &inviter.actor(),
        organisation.id,
        policy::Action::Invite(input.role),
    )?;
    let email = Email::parse(&input.email)?;
    let language = input.language.unwrap_or(organisation.language());
    let (org, inviter_id, inviter_name) = (
        organisation.clone(),
        inviter.user.id,
        inviter.user.display_name.clone(),
    );
    let (token, role) = (new_token(), input.role);
    // The email is chosen before the transaction for the account the address has now; should that
    // change before the transaction runs, it is chosen again.
    for _ in 0..INVITE_ATTEMPTS {
        let address = email.as_str().to_string();
        let holder = state
            .db
            .read(move |conn| User::find_by_email(conn, &address))
            .await?;
        if holder.as_ref().is_some_and(|u| u.organisation_id == org.id) {
            return Err(AppError::conflict(ErrorCode::EmailTaken, "email"));
        }
        let holder_id = holder.as_ref().map(|u| u.id);
        // The key names the invitation, known only once it is inserted.
        let mail = match &holder {
            // No link: accepting it could only fail, the address already has an account.
            Some(user) => OutgoingEmail::new(
                String::new(),
                &user.email,
                user.language(),
                &templates::InvitationConflict {
                    name: user.display_name.clone(),
                    inviter: inviter_name.clone(),
                    organisation: org.name.clone(),
                },
            )?,
            None => OutgoingEmail::new(
                String::new(),
                email.as_str(),
                language,
                &templates::Invitation {
                    inviter: inviter_name.clone(),
                    organisation: org.name.clone(),
                    link: state.link(&format!("/invite/{token}")),
                    days: INVITATION_TTL_HOURS / 24,
                },
            )?,
        };
        let (org, email, token) = (org.clone(), email.clone(), token.clone());
        let created = state
            .transact(move |tx| {
                // Invitations of one address take turns: the check below must see any made at once.
                crate::db::serialize_on(tx, &format!("invitation:{}", email.as_str()))?;
                let now = now();
                // Whether the address has an account, or an invitation, elsewhere is not the
                // inviting organisation's to know: it gets the same answer and list entry either
                // way, and the person at the address is told by email. Its own members it sees.
                let holder = User::find_by_email(tx, email.as_str())?;
                if holder.as_ref().is_some_and(|u| u.organisation_id == org.id) {
                    return Err(AppError::conflict(ErrorCode::EmailTaken, "email"));
                }
                if holder.map(|u| u.id) != holder_id {
                    return Ok(None);
                }
                // Inviting again replaces the earlier link; other organisations' invitations stay,
                // and the person chooses which to accept (the other link then fails).
                for pending in Invitation::pending_for_email(tx, email.as_str(), now)? {
                    if pending.organisation_id == org.id {
                        Invitation::revoke(tx, pending.id, now)?;
                    }
                }
                let invitation = Invitation::insert(
                    tx,
                    &NewInvitationRow {
                        organisation_id: org.id,
                        email: email.as_str(),
                        role: role.as_str(),
                        language: language.as_str(),
                        token_hash: &hash_token(&token),
                        invited_by: Some(inviter_id),
                        created_at: now,
                        expires_at: now + Duration::hours(INVITATION_TTL_HOURS),
                    },
                )?;
                tx.email(&OutgoingEmail {
                    key: format!("invitation:{}", invitation.id),
                    ..mail
                })?;
                audit::record(
                    tx,
                    Event {
                        organisation_id: Some(org.id),
                        actor: Some(inviter_id),
                        action: Action::InvitationCreated,
                        target_type: "invitation",
                        target_id: Some(invitation.id),
                        detail: json!({ "role": role.as_str() }),
                        client_address: None,
                    },
                    now,
                )?;
                Ok(Some(invitation))
            })
            .await?;
        if let Some(invitation) = created {
            return Ok(invitation);
        }
    }
    Err(AppError::unavailable(anyhow::anyhow!(
        "the account at an invited address kept changing"
    )))
}

/// Renderings of an invitation before giving up on an address whose account keeps changing.
const INVITE_ATTEMPTS: usize = 3;

pub async fn revoke_invitation(
    state: &AppState,
    actor: &Actor,
    organisation_id: i64,
    id: i64,
) -> AppResult<()> {
    let actor_id = actor.user_id;
    state
        .db
        .write(move |conn| {
            let invitation = Invitation::find_in_org(conn, organisation_id, id)?;
            let now = now();
            Invitation::revoke(conn, invitation.id, now)?;
            audit::record(
                conn,
                Event {
                    organisation_id: Some(organisation_id),
                    actor: Some(actor_id),
                    action: Action::InvitationRevoked,
                    target_type: "invitation",
                    target_id: Some(id),
                    detail: json!({}),
                    client_address: None,
                },
                now,
            )
        })
        .await
}

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
            let now = now();
            let mut changes = UserChanges {
                updated_at: Some(now),
                ..Default::default()
            };
            let mut events = Vec::new();
            if let Some(role) = input.role.filter(|r| *r != target.role()) {
                changes.role = Some(role.as_str().to_string());
                events.push((
                    Action::RoleChanged,
                    json!({ "from": target.role, "to": role.as_str() }),
                ));
            }
            if let Some(status) = input.status.filter(|s| *s != target.status()) {
                changes.status = Some(status.as_str().to_string());
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

/// Role given to invitees when a form does not say.
pub const DEFAULT_ROLE: OrgRole = OrgRole::Member;
