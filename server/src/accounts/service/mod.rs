//! The rules of accounts. API and page handlers both call these; each change and its audit
//! record and email are written in one transaction.

mod invitations;
mod members;
mod password_reset;
mod profile;
mod sign_in;
mod sign_in_link;
mod token_email;
pub use invitations::{accept_invitation, find_invitation, invite, revoke_invitation};
pub use members::update_member;
pub use password_reset::{check_reset_token, confirm_reset, request_reset};
pub use profile::{change_password, update_profile};
pub use sign_in::{sign_in, sign_out};
pub use sign_in_link::{check_sign_in_link, request_sign_in_link, use_sign_in_link};

use agora_shared::api::OrgRole;
use agora_shared::limits::*;
use chrono::Duration;

use super::user::User;
use crate::error::{AppError, AppResult};
use crate::organisations::model::Organisation;
use crate::state::AppState;

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

/// Role given to invitees when a form does not say.
pub const DEFAULT_ROLE: OrgRole = OrgRole::Member;
