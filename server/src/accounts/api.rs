//! `/api/v1` handlers for sessions, profiles, resets, invitations and members.

use actix_web::{HttpRequest, HttpResponse, web};
use agora_shared::api::*;

use super::invitation::Invitation;
use super::service;
use super::user::User;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::context::{Ctx, Identity};
use crate::web::cookies;
use crate::web::extract::actions;
use crate::web::extract::{CurrentUser, OrgAccess};

fn session_view(
    user: &User,
    identity_org: &crate::organisations::model::Organisation,
    csrf_token: String,
    network_admin: bool,
) -> SessionView {
    SessionView {
        user: user.view(network_admin),
        organisation: identity_org.view(),
        csrf_token,
    }
}

fn current_token(state: &AppState, req: &HttpRequest) -> Option<String> {
    req.cookie(cookies::session_name(state.config.https()))
        .map(|c| c.value().to_string())
}

/// The answer to a new session: cookie plus the CSRF token bound to it.
fn signed_in_response(
    state: &AppState,
    signed: service::SignedIn,
    status: actix_web::http::StatusCode,
) -> HttpResponse {
    let hash = crate::security::tokens::hash_token(&signed.token);
    let csrf = crate::security::csrf::token_for(&state.secret, &hash);
    let network_admin = crate::policy::Actor::new(
        signed.user.id,
        signed.organisation.id,
        signed.user.role(),
        signed.organisation.kind(),
    )
    .network_admin;
    let view = session_view(&signed.user, &signed.organisation, csrf, network_admin);
    HttpResponse::build(status)
        .cookie(cookies::session(
            signed.token,
            state.config.https(),
            agora_shared::limits::SESSION_TTL_DAYS,
        ))
        .insert_header(("Cache-Control", "no-store"))
        .json(view)
}

#[utoipa::path(post, path = "/api/v1/session", tag = "session", request_body = SignInRequest,
    responses((status = 200, body = SessionView), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn sign_in(
    state: web::Data<AppState>,
    ctx: Ctx,
    req: HttpRequest,
    body: web::Json<SignInRequest>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    let signed = service::sign_in(
        &state,
        &body.email,
        &body.password,
        ctx.client_address,
        current_token(&state, &req),
    )
    .await?;
    Ok(signed_in_response(
        &state,
        signed,
        actix_web::http::StatusCode::OK,
    ))
}

#[utoipa::path(delete, path = "/api/v1/session", tag = "session",
    responses((status = 204), (status = 401, body = ErrorBody)))]
pub async fn sign_out(
    state: web::Data<AppState>,
    user: CurrentUser,
    req: HttpRequest,
) -> AppResult<HttpResponse> {
    service::sign_out(&state, &user.0, current_token(&state, &req)).await?;
    Ok(HttpResponse::NoContent()
        .cookie(cookies::clear_session(state.config.https()))
        .finish())
}

fn me_view(identity: &Identity, ctx: &Ctx) -> SessionView {
    session_view(
        &identity.user,
        &identity.organisation,
        ctx.csrf_token.clone(),
        identity.actor().network_admin,
    )
}

#[utoipa::path(get, path = "/api/v1/me", tag = "profile",
    responses((status = 200, body = SessionView), (status = 401, body = ErrorBody)))]
pub async fn me(user: CurrentUser, ctx: Ctx) -> AppResult<HttpResponse> {
    // It carries the CSRF token: no cache may keep it.
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(me_view(&user.0, &ctx)))
}

#[utoipa::path(patch, path = "/api/v1/me", tag = "profile", request_body = ProfileUpdate,
    responses((status = 200, body = UserView), (status = 422, body = ErrorBody)))]
pub async fn update_me(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<ProfileUpdate>,
) -> AppResult<web::Json<UserView>> {
    let updated = service::update_profile(&state, &user.0, body.into_inner()).await?;
    Ok(web::Json(updated.view(user.actor().network_admin)))
}

#[utoipa::path(put, path = "/api/v1/me/password", tag = "profile", request_body = PasswordChange,
    responses((status = 204), (status = 422, body = ErrorBody)))]
pub async fn change_password(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<PasswordChange>,
) -> AppResult<HttpResponse> {
    service::change_password(&state, &user.0, body.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(post, path = "/api/v1/password-resets", tag = "session", request_body = ResetRequest,
    responses((status = 202, description = "Sent if the address has an account"), (status = 429, body = ErrorBody)))]
pub async fn request_reset(
    state: web::Data<AppState>,
    ctx: Ctx,
    body: web::Json<ResetRequest>,
) -> AppResult<HttpResponse> {
    service::request_reset(&state, &body.email, ctx.client_address).await?;
    Ok(HttpResponse::Accepted().finish())
}

#[utoipa::path(post, path = "/api/v1/password-resets/confirm", tag = "session", request_body = ResetConfirm,
    responses((status = 204), (status = 422, body = ErrorBody)))]
pub async fn confirm_reset(
    state: web::Data<AppState>,
    ctx: Ctx,
    body: web::Json<ResetConfirm>,
) -> AppResult<HttpResponse> {
    service::confirm_reset(&state, &body.token, &body.password, ctx.client_address).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(post, path = "/api/v1/invitations/accept", tag = "session", request_body = AcceptInvitation,
    responses((status = 201, body = SessionView), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn accept_invitation(
    state: web::Data<AppState>,
    ctx: Ctx,
    body: web::Json<AcceptInvitation>,
) -> AppResult<HttpResponse> {
    let signed = service::accept_invitation(&state, body.into_inner(), ctx.client_address).await?;
    Ok(signed_in_response(
        &state,
        signed,
        actix_web::http::StatusCode::CREATED,
    ))
}

#[utoipa::path(get, path = "/api/v1/organisations/{org}/members", tag = "members",
    params(("org" = i64, Path)), responses((status = 200, body = Vec<MemberView>), (status = 404, body = ErrorBody)))]
pub async fn list_members(
    state: web::Data<AppState>,
    access: OrgAccess<actions::View>,
) -> AppResult<web::Json<Vec<MemberView>>> {
    let org_id = access.organisation.id;
    let members = state
        .db
        .read(move |conn| User::list_in_org(conn, org_id))
        .await?;
    Ok(web::Json(members.iter().map(User::member_view).collect()))
}

#[utoipa::path(patch, path = "/api/v1/organisations/{org}/members/{user}", tag = "members",
    params(("org" = i64, Path), ("user" = i64, Path)), request_body = MemberUpdate,
    responses((status = 200, body = MemberView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn update_member(
    state: web::Data<AppState>,
    access: OrgAccess<actions::ManageMembers>,
    path: web::Path<(i64, i64)>,
    body: web::Json<MemberUpdate>,
) -> AppResult<web::Json<MemberView>> {
    let (_, user_id) = path.into_inner();
    let user = service::update_member(
        &state,
        &access.actor(),
        access.organisation.id,
        user_id,
        body.into_inner(),
    )
    .await?;
    Ok(web::Json(user.member_view()))
}

#[utoipa::path(get, path = "/api/v1/organisations/{org}/invitations", tag = "members",
    params(("org" = i64, Path)), responses((status = 200, body = Vec<InvitationView>), (status = 404, body = ErrorBody)))]
pub async fn list_invitations(
    state: web::Data<AppState>,
    access: OrgAccess<actions::ManageInvitations>,
) -> AppResult<web::Json<Vec<InvitationView>>> {
    let org_id = access.organisation.id;
    let list = state
        .db
        .read(move |conn| Invitation::list_in_org(conn, org_id))
        .await?;
    let now = state.clock.now();
    Ok(web::Json(list.iter().map(|i| i.view(now)).collect()))
}

#[utoipa::path(post, path = "/api/v1/organisations/{org}/invitations", tag = "members",
    params(("org" = i64, Path)), request_body = NewInvitation,
    responses((status = 201, body = InvitationView, description = "Sent; the same answer whether or not the address has an account or an invitation in another organisation"),
        (status = 409, body = ErrorBody, description = "The address belongs to a member of this organisation"), (status = 404, body = ErrorBody)))]
pub async fn create_invitation(
    state: web::Data<AppState>,
    access: OrgAccess<actions::InviteMember>,
    body: web::Json<NewInvitation>,
) -> AppResult<HttpResponse> {
    let invitation = service::invite(
        &state,
        &access.identity,
        &access.organisation,
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Created().json(invitation.view(state.clock.now())))
}

#[utoipa::path(delete, path = "/api/v1/organisations/{org}/invitations/{invitation}", tag = "members",
    params(("org" = i64, Path), ("invitation" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn revoke_invitation(
    state: web::Data<AppState>,
    access: OrgAccess<actions::ManageInvitations>,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    let (_, id) = path.into_inner();
    service::revoke_invitation(&state, &access.actor(), access.organisation.id, id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Maps body and path errors of actix's extractors to our codes.
pub fn json_error(err: actix_web::error::JsonPayloadError, _: &HttpRequest) -> actix_web::Error {
    use actix_web::error::JsonPayloadError as E;
    use actix_web::http::StatusCode;
    use agora_shared::ErrorCode;
    match err {
        E::Overflow { .. } | E::OverflowKnownLength { .. } => {
            AppError::new(ErrorCode::PayloadTooLarge, StatusCode::PAYLOAD_TOO_LARGE)
        }
        E::ContentType => AppError::new(
            ErrorCode::UnsupportedMediaType,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        _ => AppError::new(ErrorCode::InvalidBody, StatusCode::BAD_REQUEST),
    }
    .into()
}
