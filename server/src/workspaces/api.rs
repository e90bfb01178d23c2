//! `/api/v1/workspaces` handlers.

use actix_web::{HttpResponse, web};
use agora_shared::api::ErrorBody;
use agora_shared::conversations::*;

use super::service;
use crate::error::AppResult;
use crate::messaging::service as messaging;
use crate::policy::workspace::WorkspaceAction;
use crate::state::AppState;
use crate::web::extract::CurrentUser;

#[utoipa::path(get, path = "/api/v1/workspaces", tag = "workspaces",
    responses((status = 200, body = Vec<WorkspaceView>), (status = 401, body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> AppResult<web::Json<Vec<WorkspaceView>>> {
    Ok(web::Json(service::list(&state, &user.actor()).await?))
}

async fn one(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<WorkspaceView> {
    let actor = user.actor();
    state
        .db
        .read(move |conn| {
            let scoped = service::load(conn, &actor, id, WorkspaceAction::SeeSummary)?;
            let counts = crate::db::unread::unread_counts(conn, actor.user_id)?;
            let (u, m) = counts
                .iter()
                .filter(|c| c.workspace_id == Some(id))
                .fold((0, 0), |(u, m), c| (u + c.unread, m + c.mentions));
            service::view(conn, &scoped, (u, m))
        })
        .await
}

#[utoipa::path(post, path = "/api/v1/workspaces", tag = "workspaces", request_body = NewWorkspace,
    responses((status = 201, body = WorkspaceView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<NewWorkspace>,
) -> AppResult<HttpResponse> {
    let ws = service::create(&state, &user.actor(), body.into_inner()).await?;
    let view = one(&state, &user, ws.id).await?;
    Ok(HttpResponse::Created().json(view))
}

#[utoipa::path(get, path = "/api/v1/workspaces/{workspace}", tag = "workspaces", params(("workspace" = i64, Path)),
    responses((status = 200, body = WorkspaceView), (status = 404, body = ErrorBody)))]
pub async fn get(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<web::Json<WorkspaceView>> {
    Ok(web::Json(one(&state, &user, path.into_inner()).await?))
}

#[utoipa::path(patch, path = "/api/v1/workspaces/{workspace}", tag = "workspaces", params(("workspace" = i64, Path)),
    request_body = WorkspaceUpdate, responses((status = 200, body = WorkspaceView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn update(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<WorkspaceUpdate>,
) -> AppResult<web::Json<WorkspaceView>> {
    let id = path.into_inner();
    service::update(&state, &user.actor(), id, body.into_inner()).await?;
    Ok(web::Json(one(&state, &user, id).await?))
}

#[utoipa::path(post, path = "/api/v1/workspaces/{workspace}/organisations", tag = "workspaces", params(("workspace" = i64, Path)),
    request_body = InviteOrganisation, responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn invite_organisation(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<InviteOrganisation>,
) -> AppResult<HttpResponse> {
    service::invite_organisation(
        &state,
        &user.actor(),
        path.into_inner(),
        body.organisation_id,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Accepting or declining an invitation for one's organisation; declining once it takes part
/// withdraws it and ends its people's memberships. Coming back takes a new invitation.
#[utoipa::path(post, path = "/api/v1/workspaces/{workspace}/participation", tag = "workspaces", params(("workspace" = i64, Path)),
    request_body = ParticipationDecision, responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "`owner_organisation_cannot_leave`", body = ErrorBody)))]
pub async fn decide(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<ParticipationDecision>,
) -> AppResult<HttpResponse> {
    service::decide_participation(&state, &user.actor(), path.into_inner(), body.accept).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(get, path = "/api/v1/workspaces/{workspace}/members", tag = "workspaces", params(("workspace" = i64, Path)),
    responses((status = 200, body = Vec<WorkspaceMemberView>), (status = 404, body = ErrorBody)))]
pub async fn members(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<web::Json<Vec<WorkspaceMemberView>>> {
    Ok(web::Json(
        service::members(&state, &user.actor(), path.into_inner()).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/workspaces/{workspace}/members", tag = "workspaces", params(("workspace" = i64, Path)),
    request_body = AddWorkspaceMember, responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Already a member: change roles with PATCH", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_member(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<AddWorkspaceMember>,
) -> AppResult<HttpResponse> {
    service::add_member(&state, &user.actor(), path.into_inner(), body.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(patch, path = "/api/v1/workspaces/{workspace}/members/{user}", tag = "workspaces",
    params(("workspace" = i64, Path), ("user" = i64, Path)), request_body = WorkspaceMemberUpdate,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "`last_owner` or `cannot_change_self`", body = ErrorBody)))]
pub async fn update_member(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: web::Json<WorkspaceMemberUpdate>,
) -> AppResult<HttpResponse> {
    let (ws, uid) = path.into_inner();
    service::set_member_role(&state, &user.actor(), ws, uid, body.role).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(delete, path = "/api/v1/workspaces/{workspace}/members/{user}", tag = "workspaces",
    params(("workspace" = i64, Path), ("user" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "`last_owner`", body = ErrorBody)))]
pub async fn remove_member(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    let (ws, uid) = path.into_inner();
    service::remove_member(&state, &user.actor(), ws, uid).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Repairs a workspace without a rightful owner: the network operator's admins, or the owning
/// organisation's admins for their own people, make a person of an active participating
/// organisation an owner (adding them if needed). Audited as `workspace.owner_restored`.
#[utoipa::path(post, path = "/api/v1/workspaces/{workspace}/owner", tag = "workspaces",
    params(("workspace" = i64, Path)), request_body = RestoreOwner,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn restore_owner(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<RestoreOwner>,
) -> AppResult<HttpResponse> {
    service::restore_owner(&state, &user.actor(), path.into_inner(), body.user_id).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(get, path = "/api/v1/workspaces/{workspace}/channels", tag = "channels", params(("workspace" = i64, Path)),
    responses((status = 200, body = Vec<ChannelView>), (status = 404, body = ErrorBody)))]
pub async fn list_channels(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<web::Json<Vec<ChannelView>>> {
    Ok(web::Json(
        service::list_channels(&state, &user.actor(), path.into_inner()).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/workspaces/{workspace}/channels", tag = "channels", params(("workspace" = i64, Path)),
    request_body = NewChannel, responses((status = 201, body = ChannelView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn create_channel(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<NewChannel>,
) -> AppResult<HttpResponse> {
    let c = service::create_channel(&state, &user.actor(), path.into_inner(), body.into_inner())
        .await?;
    Ok(HttpResponse::Created().json(messaging::channel_view(&c, c.last_seq, 0)))
}

#[utoipa::path(patch, path = "/api/v1/channels/{channel}", tag = "channels", params(("channel" = i64, Path)),
    request_body = ChannelUpdate, responses((status = 200, body = ChannelView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn update_channel(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<ChannelUpdate>,
) -> AppResult<web::Json<ChannelView>> {
    let c = service::update_channel(&state, &user.actor(), path.into_inner(), body.into_inner())
        .await?;
    Ok(web::Json(messaging::channel_view(&c, c.last_seq, 0)))
}
