//! Every error answer, translated: JSON for the API, a sign-in redirect or an error page for
//! browsers.

use actix_web::body::BoxBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse};
use agora_shared::ErrorCode;
use agora_shared::api::ErrorBody;

use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::page::{ErrorPage, Page, RenderHtml};

use super::context::{Ctx, is_api};
use super::encode::url_encode;

pub(super) fn error_response(
    req: ServiceRequest,
    state: &AppState,
    ctx: &Ctx,
    error: &AppError,
) -> ServiceResponse<BoxBody> {
    let (http, _) = req.into_parts();
    let res = render_error(state, ctx, &http, error);
    ServiceResponse::new(http, res)
}

/// The parts of an error needed to answer it (its cause was logged already).
pub(super) fn clone_for_render(e: &AppError) -> AppError {
    let mut copy = AppError::new(e.code, e.status);
    copy.field = e.field;
    copy.args = e.args.clone();
    copy.retry_after = e.retry_after;
    copy.also = e.also.iter().map(clone_for_render).collect();
    copy
}

/// Errors raised by actix itself (no route, bad path, method) get our codes too.
pub(super) fn from_framework(status: StatusCode) -> AppError {
    let code = match status.as_u16() {
        404 | 405 => return AppError::not_found(),
        413 => ErrorCode::PayloadTooLarge,
        415 => ErrorCode::UnsupportedMediaType,
        400..=499 => ErrorCode::InvalidBody,
        _ => ErrorCode::Internal,
    };
    let status = if status == StatusCode::METHOD_NOT_ALLOWED {
        StatusCode::NOT_FOUND
    } else {
        status
    };
    AppError::new(code, status)
}

/// The translated message of an error.
pub fn message(tr: &Tr, error: &AppError) -> String {
    let mut args = error.args.clone();
    if let Some(field) = error.field {
        args.push(("field", field.to_string()));
    }
    // How long to wait, in whole minutes rounded up: "wait 15 minutes", never "a while".
    if let Some(secs) = error.retry_after {
        args.push(("minutes", secs.div_ceil(60).max(1).to_string()));
    }
    tr.targs(&error.code.message_id(), &args)
}

pub(super) fn render_error(
    state: &AppState,
    ctx: &Ctx,
    http: &HttpRequest,
    error: &AppError,
) -> HttpResponse<BoxBody> {
    let mut builder = HttpResponse::build(error.status);
    if let Some(secs) = error.retry_after {
        builder.insert_header((header::RETRY_AFTER, secs.to_string()));
    }
    builder.insert_header((header::CACHE_CONTROL, "no-store"));
    if is_api(http.path()) {
        return builder.json(ErrorBody {
            code: error.code,
            message: message(&ctx.tr, error),
            field: error.field.map(str::to_string),
        });
    }
    if error.code == ErrorCode::Unauthenticated {
        let next = url_encode(&ctx.path);
        return HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("/signin?next={next}")))
            .finish();
    }
    let page = Page::new(state, ctx, ctx.tr.t("error-page-title"));
    match (ErrorPage {
        page,
        message: message(&ctx.tr, error),
        status: error.status.as_u16(),
    })
    .render_html()
    {
        Ok(html) => builder
            .content_type("text/html; charset=utf-8")
            .body(html)
            .map_into_boxed_body(),
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            builder.body(error.code.as_str()).map_into_boxed_body()
        }
    }
}
