//! People in a workspace: adding, changing roles, restoring an owner, removing.

use actix_web::{HttpResponse, web};
use agora_shared::conversations::{AddWorkspaceMember, WorkspaceRole};
use serde::Deserialize;

use crate::error::AppResult;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::CurrentUser;
use crate::web::forms::HtmlForm;
use crate::web::page::see_other;
use crate::workspaces::service;

use super::admin::{AdminForm, admin_again, admin_url};
use super::parse_role;

/// A person picked on the administration page, and the role the form gives them.
#[derive(Deserialize)]
pub struct PersonForm {
    /// Absent names nobody, which the service refuses like any unknown person.
    #[serde(default)]
    user_id: Option<i64>,
    #[serde(default)]
    role: String,
}

pub async fn add_member(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    form: HtmlForm<PersonForm>,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let id = path.into_inner();
    let form = form.into_inner();
    let result = async {
        let input = AddWorkspaceMember {
            user_id: form.user_id.unwrap_or(0),
            role: match form.role.as_str() {
                "" => WorkspaceRole::Member,
                r => parse_role(r)?,
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
    form: HtmlForm<PersonForm>,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let (id, user_id) = path.into_inner();
    let result = async {
        let role = parse_role(&form.role)?;
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
    form: HtmlForm<PersonForm>,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let id = path.into_inner();
    let person = form.user_id.unwrap_or(0);
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
