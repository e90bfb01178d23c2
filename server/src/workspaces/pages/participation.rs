//! Organisations in a workspace: inviting one, and its answer (accept, decline, withdraw).

use actix_web::{HttpResponse, web};
use agora_shared::ErrorCode;
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::CurrentUser;
use crate::web::forms::HtmlForm;
use crate::web::page::see_other;
use crate::workspaces::service;

use super::admin::{AdminForm, admin_again, admin_url};

#[derive(Deserialize)]
pub struct InviteForm {
    /// Absent names no organisation, which the service refuses like any unknown one.
    #[serde(default)]
    organisation_id: Option<i64>,
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
}

pub async fn invite_organisation(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    form: HtmlForm<InviteForm>,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let id = path.into_inner();
    let organisation = form.organisation_id.unwrap_or(0);
    match service::invite_organisation(&state, &actor, id, organisation).await {
        Ok(()) => Ok(see_other(&admin_url(id, "organisation-invited"))),
        Err(e) => admin_again(&state, &ctx, &actor, id, AdminForm::Invite, e).await,
    }
}

/// Accepting or declining for one's organisation, from the home page or the workspace page.
pub async fn decide_participation(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    form: HtmlForm<DecisionForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (accept, notice) = match form.decision.as_str() {
        "accept" => (true, "/?notice=participation-accepted"),
        "decline" => (false, "/?notice=participation-declined"),
        // The same decision once the organisation takes part: it leaves.
        "withdraw" => (false, "/?notice=participation-withdrawn"),
        _ => return Err(AppError::invalid(ErrorCode::InvalidValue, "decision")),
    };
    service::decide_participation(&state, &user.actor(), id, accept).await?;
    Ok(see_other(notice))
}
