//! People in a workspace: adding, changing roles, restoring an owner, removing.

use actix_web::{HttpResponse, web};
use agora_shared::conversations::{AddWorkspaceMember, WorkspaceRole};

use crate::error::AppResult;
use crate::policy::CurrentUser;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::forms::FormPairs;
use crate::web::page::see_other;
use crate::workspaces::service;

use super::admin::{AdminForm, admin_again, admin_url};
use super::parse_role;

pub async fn add_member(
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
        let input = AddWorkspaceMember {
            user_id: form.ids("user_id").first().copied().unwrap_or(0),
            role: match form.get("role") {
                None | Some("") => WorkspaceRole::Member,
                Some(r) => parse_role(r)?,
            },
        };
        service::add_member(&state, &actor, id, input).await
    }
    .await;
    match result {
        Ok(()) => Ok(see_other(&admin_url(id, "member-added"))),
        Err(e) => admin_again(&state, &ctx, &actor, id, AdminForm::AddMember, e).await,
    }
}

pub async fn change_role(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let (id, user_id) = path.into_inner();
    let form = FormPairs::parse(&body)?;
    let result = async {
        let role = parse_role(&form.text("role"))?;
        service::set_member_role(&state, &actor, id, user_id, role).await
    }
    .await;
    match result {
        Ok(()) => Ok(see_other(&admin_url(id, "member-role-changed"))),
        Err(e) => admin_again(&state, &ctx, &actor, id, AdminForm::Member(user_id), e).await,
    }
}

/// Making someone of the owning organisation an owner again (see [`service::restore_owner`]).
pub async fn restore_owner(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let id = path.into_inner();
    let form = FormPairs::parse(&body)?;
    let person = form.ids("user_id").first().copied().unwrap_or(0);
    match service::restore_owner(&state, &actor, id, person).await {
        Ok(()) => Ok(see_other(&admin_url(id, "owner-restored"))),
        Err(e) => admin_again(&state, &ctx, &actor, id, AdminForm::RestoreOwner, e).await,
    }
}

pub async fn remove_member(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let (id, user_id) = path.into_inner();
    match service::remove_member(&state, &actor, id, user_id).await {
        // Having left, one may no longer see the workspace.
        Ok(()) if user_id == actor.user_id => Ok(see_other("/?notice=workspace-left")),
        Ok(()) => Ok(see_other(&admin_url(id, "member-removed"))),
        Err(e) => admin_again(&state, &ctx, &actor, id, AdminForm::Member(user_id), e).await,
    }
}
