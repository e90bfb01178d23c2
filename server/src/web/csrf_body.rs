//! The CSRF token of a form post as the middleware finds it: a urlencoded body's field. Multipart
//! bodies are left to the upload routes listed here, which check their token with [`check_upload`].

use actix_web::dev::{Payload, ServiceRequest};
use actix_web::http::{Method, StatusCode, header};
use actix_web::{HttpMessage, HttpRequest, web};
use agora_shared::ErrorCode;
use agora_shared::limits::MAX_BODY_BYTES;
use futures_util::StreamExt;

use crate::error::{AppError, AppResult};
use crate::security::csrf;
use crate::state::AppState;

/// Reads a form body (bounded) to find its CSRF field, then puts the body back for the handler.
pub(super) async fn csrf_from_form(req: &mut ServiceRequest) -> Result<Option<String>, AppError> {
    let mut payload = req.take_payload();
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk
            .map_err(|e| AppError::bad_body(ErrorCode::InvalidBody, StatusCode::BAD_REQUEST, e))?;
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(AppError::new(
                ErrorCode::PayloadTooLarge,
                StatusCode::PAYLOAD_TOO_LARGE,
            ));
        }
        body.extend_from_slice(&chunk);
    }
    let body = body.freeze();
    let token = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body)
        .ok()
        .and_then(|pairs| {
            pairs
                .into_iter()
                .find(|(k, _)| k == csrf::FORM_FIELD)
                .map(|(_, v)| v)
        });
    req.set_payload(Payload::from(body));
    Ok(token)
}

/// The routes whose handlers read a multipart body and check its token themselves, with
/// `csrf::check_upload`. A multipart post anywhere else must carry its token in the header.
pub const UPLOAD_ROUTES: &[(&str, &str)] = &[("POST", "/channels/{channel}/messages")];

pub(super) fn is_upload_route(method: &Method, pattern: Option<&str>) -> bool {
    pattern.is_some_and(|p| {
        UPLOAD_ROUTES
            .iter()
            .any(|(m, route)| *m == method.as_str() && *route == p)
    })
}

pub(super) fn is_multipart(req: &ServiceRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            ct.trim_start()
                .get(..10)
                .is_some_and(|m| m.eq_ignore_ascii_case("multipart/"))
        })
}

/// Checks an upload form's token (the header, or else the form's `csrf_token` field) before its
/// handler does anything with the files.
pub fn check_upload(req: &HttpRequest, field: Option<&str>) -> AppResult<()> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .expect("AppState is registered");
    let binding = req
        .extensions()
        .get::<csrf::Binding>()
        .and_then(|b| b.0.clone());
    let header = req
        .headers()
        .get(csrf::HEADER)
        .and_then(|v| v.to_str().ok());
    csrf::check(&state.secret, binding.as_deref(), header.or(field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_routes_are_routes() {
        for route in UPLOAD_ROUTES {
            assert!(crate::routes::ROUTES.contains(route), "{route:?}");
        }
        assert!(is_upload_route(
            &Method::POST,
            Some("/channels/{channel}/messages")
        ));
        assert!(!is_upload_route(&Method::POST, Some("/profile")));
        assert!(!is_upload_route(&Method::POST, None));
    }
}
