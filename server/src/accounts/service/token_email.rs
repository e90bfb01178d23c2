//! The request half of every emailed single-use link (password reset, sign-in link): the same
//! limits, the same answer whether or not the address has an account, the token stored hashed
//! and its email queued in one unit of work.

use crate::accounts::user::User;
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::mail::OutgoingEmail;
use crate::organisations::model::Organisation;
use crate::security::tokens::{hash_token, new_token};
use crate::state::AppState;
use crate::unit_of_work::Tx;
use crate::validate::Email;

use super::limit;

/// What one kind of link adds to the shared request.
pub(super) struct TokenEmail<M, S> {
    /// Prefix of its rate-limit keys (`<prefix>:addr:…`, `<prefix>:acct:…`).
    pub limit_prefix: &'static str,
    pub per_address: u32,
    pub per_account: u32,
    /// Builds the email from the person and the token (the link) and its hash (the email's key).
    pub mail: M,
    /// Stores the token's hash (and whatever goes with it) inside the unit of work.
    pub store: S,
}

/// Emails a fresh token to `email` if it belongs to an active account; answers the same either
/// way. The account is read before the transaction, and checked again inside it to be the one the
/// email was written for.
pub(super) async fn request_token_email<M, S>(
    state: &AppState,
    email: &str,
    client: Option<&str>,
    spec: TokenEmail<M, S>,
) -> AppResult<()>
where
    M: FnOnce(&User, &str, &str) -> anyhow::Result<OutgoingEmail>,
    S: FnOnce(&mut Tx, &User, &str) -> AppResult<()> + Send + 'static,
{
    let prefix = spec.limit_prefix;
    limit(
        state,
        format!("{prefix}:addr:{}", client.unwrap_or_default()),
        spec.per_address,
    )?;
    let email = Email::parse(email)?;
    limit(
        state,
        format!("{prefix}:acct:{}", email.as_str()),
        spec.per_account,
    )?;
    let address = email.as_str().to_string();
    let Some(user) = state
        .db
        .read(move |conn| active_account(conn, &address))
        .await?
    else {
        return Ok(());
    };
    let token = new_token();
    let token_hash = hash_token(&token);
    let mail = (spec.mail)(&user, &token, &token_hash)?;
    let store = spec.store;
    state
        .transact(move |tx| {
            if active_account(tx, email.as_str())?.map(|u| u.id) != Some(user.id) {
                return Ok(());
            }
            store(tx, &user, &token_hash)?;
            tx.email(&mail)
        })
        .await
}

/// The account at `email` when it and its organisation are active.
pub(super) fn active_account(conn: &mut DbConnection, email: &str) -> AppResult<Option<User>> {
    let Some(user) = User::find_by_email(conn, email)? else {
        return Ok(None);
    };
    let org = Organisation::find(conn, user.organisation_id)?;
    Ok((user.is_active() && org.is_active()).then_some(user))
}
