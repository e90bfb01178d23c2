//! `/api/v1/organisations` handlers.

use actix_web::{HttpResponse, web};
use agora_shared::api::*;

use super::model::Organisation;
use super::service;
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::extract::actions;
use crate::web::extract::{CurrentUser, NetworkAdmin, OrgAccess};

#[utoipa::path(get, path = "/api/v1/organisations", tag = "organisations",
    responses((status = 200, description = "All organisations for network administrators, one's own otherwise", body = Vec<OrganisationView>)))]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> AppResult<web::Json<Vec<OrganisationView>>> {
    if crate::policy::manage_network(&user.actor()).is_ok() {
        let all = state.db.read(Organisation::list_all).await?;
        Ok(web::Json(all.iter().map(Organisation::view).collect()))
    } else {
        Ok(web::Json(vec![user.0.organisation.view()]))
    }
}

#[utoipa::path(post, path = "/api/v1/organisations", tag = "organisations", request_body = NewOrganisation,
    responses((status = 201, body = OrganisationView), (status = 422, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn create(
    state: web::Data<AppState>,
    admin: NetworkAdmin,
    body: web::Json<NewOrganisation>,
) -> AppResult<HttpResponse> {
    let org = service::create(&state, &admin.0.actor(), body.into_inner()).await?;
    Ok(HttpResponse::Created().json(org.view()))
}

#[utoipa::path(get, path = "/api/v1/organisations/{org}", tag = "organisations", params(("org" = i64, Path)),
    responses((status = 200, body = OrganisationView), (status = 404, body = ErrorBody)))]
pub async fn get(access: OrgAccess<actions::View>) -> AppResult<web::Json<OrganisationView>> {
    Ok(web::Json(access.organisation.view()))
}

#[utoipa::path(patch, path = "/api/v1/organisations/{org}", tag = "organisations", params(("org" = i64, Path)),
    request_body = OrganisationUpdate,
    responses((status = 200, body = OrganisationView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn update(
    state: web::Data<AppState>,
    access: OrgAccess<actions::Edit>,
    body: web::Json<OrganisationUpdate>,
) -> AppResult<web::Json<OrganisationView>> {
    let org = service::update(
        &state,
        &access.actor(),
        access.organisation.id,
        body.into_inner(),
    )
    .await?;
    Ok(web::Json(org.view()))
}
