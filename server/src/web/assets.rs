//! Static files embedded in the binary and served under content-hashed names, cached for a year.

use actix_web::{HttpResponse, http::header, web};
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::state::AppState;

const CSS: &str = include_str!("../../static/agora.css");

pub struct Assets {
    /// `/static/agora-<hash>.css`
    pub css_path: String,
}

impl Assets {
    pub fn new() -> Assets {
        let hash = Sha256::digest(CSS.as_bytes());
        let short: String = hash.iter().take(5).map(|b| format!("{b:02x}")).collect();
        Assets {
            css_path: format!("/static/agora-{short}.css"),
        }
    }
}

impl Default for Assets {
    fn default() -> Self {
        Self::new()
    }
}

pub async fn serve(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    if format!("/static/{}", path.into_inner()) != state.assets.css_path {
        return Err(AppError::not_found());
    }
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/css; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(CSS))
}
