//! `GET /static/{file}`: the embedded static files, under their content-hashed names.

use actix_web::{HttpResponse, http::header, web};

use crate::error::AppError;
use crate::state::AppState;

pub async fn serve(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let full = format!("/static/{}", path.into_inner());
    let (body, content_type) = state.assets.lookup(&full).ok_or_else(AppError::not_found)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(body))
}
