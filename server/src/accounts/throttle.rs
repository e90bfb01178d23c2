//! Sign-in limits that slow guessing down without handing anyone a way to lock the owner out
//! (OWASP, "Authentication Cheat Sheet", account lockout):
//!
//! - a tight limit per (account, client address) pair: someone guessing from their own address
//!   is stopped after a few failures, and only that pair is;
//! - a wide limit per account over all addresses together, for guessing spread over many
//!   addresses; addresses the account signed in from recently stay exempt, so the owner at their
//!   usual place still gets in (each such address still within its own pair limit).
//!
//! Attempts are counted before the password is checked and given back when it was right, so a
//! burst of parallel requests cannot all pass before the first failure is counted.

use agora_shared::limits::{
    SIGNIN_KNOWN_ADDRESS_DAYS, SIGNIN_PER_ACCOUNT_ADDRESS, SIGNIN_PER_ACCOUNT_ANY_ADDRESS,
};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::user::User;
use crate::audit::Action;
use crate::db::DbConnection;
use crate::db::schema::audit_events;
use crate::error::{AppError, AppResult};
use crate::security::rate_limit::{RateLimit, Reservation};

/// The attempts one sign-in has counted; dropped, they stay counted (a failure).
#[must_use]
pub struct SignInAttempt {
    pair: Reservation,
    account: Result<Reservation, u64>,
}

impl SignInAttempt {
    /// Counts an attempt for `email` from `client`. Refused at once when the pair is over its
    /// limit; over the account-wide limit, [`SignInAttempt::over_account_limit`] says so and the
    /// caller asks whether the address is known before going on.
    pub fn reserve(
        limiter: &(impl RateLimit + ?Sized),
        email: &str,
        client: &str,
    ) -> AppResult<SignInAttempt> {
        let pair = limiter
            .reserve(
                &format!("signin:pair:{email}\u{0}{client}"),
                SIGNIN_PER_ACCOUNT_ADDRESS,
            )
            .map_err(AppError::rate_limited)?;
        let account = limiter.reserve(
            &format!("signin:acct:{email}"),
            SIGNIN_PER_ACCOUNT_ANY_ADDRESS,
        );
        Ok(SignInAttempt { pair, account })
    }

    /// Whether the account as a whole has had too many failures from everywhere.
    pub fn over_account_limit(&self) -> bool {
        self.account.is_err()
    }

    /// Refuses an attempt from an unknown address over the account-wide limit. The attempt
    /// checked no password, so it is given back.
    pub fn refuse(self, limiter: &(impl RateLimit + ?Sized)) -> AppError {
        let wait = match &self.account {
            Err(wait) => *wait,
            Ok(_) => 1,
        };
        self.give_back(limiter);
        AppError::rate_limited(wait)
    }

    /// The attempt does not count against anyone: the password was right, or none was checked.
    pub fn give_back(self, limiter: &(impl RateLimit + ?Sized)) {
        limiter.release(self.pair);
        if let Ok(account) = self.account {
            limiter.release(account);
        }
    }
}

/// Whether `user` signed in (or accepted their invitation, which signs in) from `client` within
/// the last [`SIGNIN_KNOWN_ADDRESS_DAYS`] days, as the audit trail records.
pub fn is_known_address(
    conn: &mut DbConnection,
    user: &User,
    client: &str,
    now: NaiveDateTime,
) -> AppResult<bool> {
    if client.is_empty() {
        return Ok(false);
    }
    let since = now - Duration::days(SIGNIN_KNOWN_ADDRESS_DAYS);
    let found: i64 = audit_events::table
        .filter(audit_events::organisation_id.eq(user.organisation_id))
        .filter(audit_events::actor_user_id.eq(user.id))
        .filter(audit_events::action.eq_any([
            Action::SignInSucceeded.as_str(),
            Action::InvitationAccepted.as_str(),
        ]))
        .filter(audit_events::client_address.eq(client))
        .filter(audit_events::created_at.gt(since))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}
