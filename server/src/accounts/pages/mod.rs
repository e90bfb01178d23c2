//! HTML pages for signing in, invitations, password resets, profiles and members.

pub mod accept;
pub mod members;
pub mod profile;
pub mod reset;
pub mod setup;
pub mod sign_in;
pub mod sign_in_link;

use actix_web::HttpResponse;
use serde::Deserialize;

use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::cookies;

/// Only same-site paths are followed after sign-in.
fn safe_next(state: &AppState, next: Option<&str>) -> String {
    crate::web::redirect::same_site_path(&state.config.public_url, next)
}

fn with_session_cookie(state: &AppState, mut res: HttpResponse, token: String) -> HttpResponse {
    let _ = res.add_cookie(&cookies::session(
        token,
        state.config.https(),
        agora_shared::limits::SESSION_TTL_DAYS,
    ));
    res
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
    notice: Option<String>,
}

fn notice_text(ctx: &Ctx, key: Option<&str>) -> Option<String> {
    // Only known notices: the query string must not put arbitrary text on the page.
    match key? {
        "reset-sent" => Some(ctx.tr.t("notice-reset-sent")),
        "signin-link-sent" => Some(ctx.tr.t("notice-signin-link-sent")),
        "password-reset" => Some(ctx.tr.t("notice-password-reset")),
        "signed-out" => Some(ctx.tr.t("notice-signed-out")),
        "profile-saved" => Some(ctx.tr.t("notice-profile-saved")),
        "password-changed" => Some(ctx.tr.t("notice-password-changed")),
        "invitation-sent" => Some(ctx.tr.t("notice-invitation-sent")),
        "invitation-revoked" => Some(ctx.tr.t("notice-invitation-revoked")),
        "member-updated" => Some(ctx.tr.t("notice-member-updated")),
        "organisation-saved" => Some(ctx.tr.t("notice-organisation-saved")),
        _ => None,
    }
}
