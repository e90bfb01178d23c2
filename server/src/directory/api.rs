//! `/api/v1/directory` and `/api/v1/people/{user}`.

use actix_web::web;
use agora_shared::api::ErrorBody;
use agora_shared::conversations::DirectoryEntry;

use crate::error::AppResult;
use crate::state::AppState;
use crate::web::extract::CurrentUser;

#[utoipa::path(get, path = "/api/v1/directory", tag = "directory",
    params(("q" = Option<String>, Query), ("organisation" = Option<i64>, Query), ("country" = Option<String>, Query),
        ("kind" = Option<String>, Query), ("language" = Option<String>, Query), ("theme" = Option<u8>, Query)),
    responses((status = 200, body = Vec<DirectoryEntry>), (status = 401, body = ErrorBody)))]
pub async fn search(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<super::Query>,
) -> AppResult<web::Json<Vec<DirectoryEntry>>> {
    let actor = user.actor();
    let query = query.into_inner();
    Ok(web::Json(
        state
            .db
            .read(move |conn| super::search(conn, &actor, &query))
            .await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/people/{user}", tag = "directory", params(("user" = i64, Path)),
    responses((status = 200, body = DirectoryEntry), (status = 404, body = ErrorBody)))]
pub async fn person(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<web::Json<DirectoryEntry>> {
    let id = path.into_inner();
    let actor = user.actor();
    Ok(web::Json(
        state
            .db
            .read(move |conn| super::find(conn, &actor, id))
            .await?,
    ))
}
