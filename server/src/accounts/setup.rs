//! First start: with no organisation yet, a one-time link creates the network operator and its
//! first administrator.

use agora_shared::ErrorCode;
use agora_shared::api::{Language, OrgKind, OrgRole, UserKind, UserStatus};
use agora_shared::limits::{ACCEPT_PER_ADDRESS, MAX_NAME_CHARS};
use diesel::prelude::*;
use serde::Deserialize;
use serde_json::json;

use super::service::SignedIn;
use super::session;
use super::user::{NewUser, User};
use crate::audit::{self, Action, Event};
use crate::db::schema::instance_settings;
use crate::db::{Db, run_blocking};
use crate::error::{AppError, AppResult};
use crate::organisations::model::{NewOrganisationRow, Organisation};
use crate::security::password::hash_password;
use crate::security::tokens::{hash_token, looks_like_token, new_token};
use crate::state::AppState;
use crate::validate::{self, Email};

const SETTING: &str = "setup_token_hash";

/// When the database has no organisation, issues a fresh setup token and returns it.
pub async fn prepare(db: &Db) -> AppResult<Option<String>> {
    db.write(|conn| {
        if Organisation::count(conn)? > 0 {
            return Ok(None);
        }
        let token = new_token();
        diesel::delete(instance_settings::table.filter(instance_settings::name.eq(SETTING)))
            .execute(conn)?;
        diesel::insert_into(instance_settings::table)
            .values((
                instance_settings::name.eq(SETTING),
                instance_settings::value.eq(hash_token(&token)),
            ))
            .execute(conn)?;
        Ok(Some(token))
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct SetupInput {
    pub token: String,
    pub organisation_name: String,
    pub country: String,
    pub language: String,
    pub display_name: String,
    pub email: String,
    pub password: String,
}

/// Checks a setup token without using it.
pub async fn check(state: &AppState, token: &str) -> AppResult<()> {
    if !looks_like_token(token) {
        return Err(AppError::invalid(ErrorCode::InvalidToken, "token"));
    }
    let hash = hash_token(token);
    state
        .db
        .read(move |conn| {
            if Organisation::count(conn)? > 0 {
                return Err(AppError::invalid(ErrorCode::SetupDone, "token"));
            }
            let stored: Option<String> = instance_settings::table
                .filter(instance_settings::name.eq(SETTING))
                .select(instance_settings::value)
                .first(conn)
                .optional()?;
            if stored.as_deref() == Some(hash.as_str()) {
                Ok(())
            } else {
                Err(AppError::invalid(ErrorCode::InvalidToken, "token"))
            }
        })
        .await
}

pub async fn complete(
    state: &AppState,
    input: SetupInput,
    client: Option<String>,
) -> AppResult<SignedIn> {
    let clock = state.clock.clone();
    state
        .limiter
        .check(
            &format!("accept:addr:{}", client.clone().unwrap_or_default()),
            ACCEPT_PER_ADDRESS,
        )
        .map_err(AppError::rate_limited)?;
    check(state, &input.token).await?;
    let org_name = validate::text(
        "organisation_name",
        &input.organisation_name,
        MAX_NAME_CHARS,
    )?;
    let country = validate::country(&input.country)?;
    let language = Language::parse(&input.language)
        .ok_or_else(|| AppError::invalid(ErrorCode::InvalidValue, "language"))?;
    let display_name = validate::text("display_name", &input.display_name, MAX_NAME_CHARS)?;
    let email = Email::parse(&input.email)?;
    let password = validate::password("password", &input.password)?;
    let hash = run_blocking(move || Ok(hash_password(&password)?)).await?;
    let token_hash = hash_token(&input.token);
    state
        .db
        .write(move |conn| {
            // Checked again inside the transaction: two setups racing must not both win.
            let deleted = diesel::delete(
                instance_settings::table
                    .filter(instance_settings::name.eq(SETTING))
                    .filter(instance_settings::value.eq(&token_hash)),
            )
            .execute(conn)?;
            if deleted != 1 || Organisation::count(conn)? > 0 {
                return Err(AppError::invalid(ErrorCode::SetupDone, "token"));
            }
            let now = clock.now();
            let organisation = Organisation::insert(
                conn,
                &NewOrganisationRow::active(
                    &org_name,
                    OrgKind::NetworkOperator,
                    &country,
                    language,
                    now,
                ),
            )?;
            let user = User::insert(
                conn,
                &NewUser {
                    organisation_id: organisation.id,
                    email: email.as_str(),
                    password_hash: &hash,
                    display_name: &display_name,
                    function: "",
                    kind: UserKind::Official,
                    role: OrgRole::Admin,
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
                    action: Action::SetupCompleted,
                    target_type: "organisation",
                    target_id: Some(organisation.id),
                    detail: json!({}),
                    client_address: client.as_deref(),
                },
                now,
            )?;
            let token = session::create(
                conn,
                &user,
                now,
                chrono::Duration::days(agora_shared::limits::SESSION_TTL_DAYS),
            )?;
            Ok(SignedIn {
                token,
                user,
                organisation,
            })
        })
        .await
}
