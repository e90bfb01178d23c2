//! `POST /workspaces/{workspace}/read`: "mark all as read", a plain form with its CSRF token.

use actix_web::{HttpResponse, web};

use crate::error::AppResult;
use crate::state::AppState;
use crate::web::extract::CurrentUser;
use crate::web::page::see_other;
use crate::workspaces::service;

pub async fn mark_all_read(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let workspace_id = path.into_inner();
    service::mark_workspace_read(&state, &user.actor(), workspace_id).await?;
    Ok(see_other(&format!(
        "/workspaces/{workspace_id}?notice=marked-read"
    )))
}
