//! `POST /workspaces/{workspace}/settings`: name, description, kind, goals and visibility.

use actix_web::{HttpResponse, web};
use agora_shared::conversations::WorkspaceUpdate;

use crate::error::AppResult;
use crate::policy::CurrentUser;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::forms::FormPairs;
use crate::web::page::see_other;
use crate::workspaces::service;

use super::admin::{AdminForm, admin_again, admin_url};
use super::{parse_language, parse_visibility, sdg_numbers};

pub async fn update_settings(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let id = path.into_inner();
    let form = FormPairs::parse(&body)?;
    let result = async {
        let input = WorkspaceUpdate {
            name: Some(form.text("name")),
            description: Some(form.text("description")),
            sdg_tags: Some(sdg_numbers(&form)),
            visibility: Some(parse_visibility(&form.text("visibility"))?),
            default_language: Some(parse_language(&form.text("default_language"))?),
            archived: Some(form.checked("archived")),
        };
        service::update(&state, &actor, id, input).await
    }
    .await;
    match result {
        Ok(_) => Ok(see_other(&admin_url(id, "workspace-saved"))),
        Err(e) => admin_again(&state, &ctx, &actor, id, AdminForm::Settings, e).await,
    }
}
