//! `POST /workspaces/{workspace}/settings`: name, description, kind, goals and visibility.

use actix_web::{HttpResponse, web};
use agora_shared::conversations::WorkspaceUpdate;

use crate::error::AppResult;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::CurrentUser;
use crate::web::forms::{HtmlForm, checked};
use crate::web::page::see_other;
use crate::workspaces::service;

use super::admin::{AdminForm, admin_again, admin_url};
use super::{WorkspaceForm, parse_language, parse_visibility, sdg_numbers};

pub async fn update_settings(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    form: HtmlForm<WorkspaceForm>,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let id = path.into_inner();
    let form = form.into_inner();
    let result = async {
        let input = WorkspaceUpdate {
            name: Some(form.name),
            description: Some(form.description),
            sdg_tags: Some(sdg_numbers(&form.sdg_tags)),
            visibility: Some(parse_visibility(&form.visibility)?),
            default_language: Some(parse_language(&form.default_language)?),
            archived: Some(checked(&form.archived)),
        };
        service::update(&state, &actor, id, input).await
    }
    .await;
    match result {
        Ok(_) => Ok(see_other(&admin_url(id, "workspace-saved"))),
        Err(e) => admin_again(&state, &ctx, &actor, id, AdminForm::Settings, e).await,
    }
}
