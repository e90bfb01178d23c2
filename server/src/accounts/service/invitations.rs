//! Invitations into an organisation: sending one, finding it behind its link, accepting it and
//! revoking it.

use agora_shared::ErrorCode;
use agora_shared::api::{AcceptInvitation, NewInvitation, UserKind, UserStatus};
use agora_shared::limits::*;
use chrono::Duration;
use serde_json::json;

use crate::accounts::invitation::{Invitation, NewInvitationRow};
use crate::accounts::session;
use crate::accounts::user::{NewUser, User};
use crate::audit::{self, Action, Event};
use crate::db::run_blocking;
use crate::error::{AppError, AppResult};
use crate::mail::{OutgoingEmail, templates};
use crate::organisations::model::Organisation;
use crate::policy::{self, Actor};
use crate::security::password::hash_password;
use crate::security::tokens::{hash_token, looks_like_token, new_token};
use crate::state::AppState;
use crate::validate::{self, Email};
use crate::web::context::Identity;

use super::{SignedIn, limit, session_ttl};

/// The pending invitation behind a link, for the acceptance page.
pub async fn find_invitation(
    state: &AppState,
    token: &str,
) -> AppResult<(Invitation, Organisation)> {
    if !looks_like_token(token) {
        return Err(AppError::invalid(ErrorCode::InvalidToken, "token"));
    }
    let hash = hash_token(token);
    let now = state.clock.now();
    state
        .db
        .read(move |conn| {
            let invitation = Invitation::find_by_token_hash(conn, &hash)?
                .filter(|i| i.status(now) == agora_shared::api::InvitationStatus::Pending)
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
    let clock = state.clock.clone();
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
            let now = clock.now();
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
                    kind: UserKind::Official,
                    role: invitation.role(),
                    status: UserStatus::Active,
                    interface_language: language,
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
                let now = tx.now();
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
                        role,
                        language,
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
    let clock = state.clock.clone();
    let actor_id = actor.user_id;
    state
        .db
        .write(move |conn| {
            let invitation = Invitation::find_in_org(conn, organisation_id, id)?;
            let now = clock.now();
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
