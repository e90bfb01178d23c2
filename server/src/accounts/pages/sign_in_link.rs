//! Sign-in links: `GET`/`POST /signin/link` to ask for one, `GET /signin/link/{token}` shows a
//! button and its `POST` signs in. The `GET` never uses the link: mail scanners that open every
//! link would otherwise spend it before the person clicks.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::accounts::service;
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::cookies;
use crate::web::forms::{FormErrors, HtmlForm, form_or_err};
use crate::web::page::{Page, RenderHtml, see_other};

use super::{NextQuery, safe_next, with_session_cookie};

#[derive(Template)]
#[template(path = "signin_link_request.html")]
struct RequestPage {
    page: Page,
    email: String,
    next: String,
    errors: FormErrors,
}

pub async fn request_form(
    state: web::Data<AppState>,
    ctx: Ctx,
    query: web::Query<NextQuery>,
) -> AppResult<HttpResponse> {
    RequestPage {
        page: Page::new(&state, &ctx, ctx.tr.t("signin-link-title")),
        email: String::new(),
        next: safe_next(&state, query.next.as_deref()),
        errors: FormErrors::default(),
    }
    .respond()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RequestForm {
    email: String,
    next: Option<String>,
}

pub async fn request(
    state: web::Data<AppState>,
    ctx: Ctx,
    form: HtmlForm<RequestForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let next = safe_next(&state, form.next.as_deref());
    let asked = service::request_sign_in_link(
        &state,
        &form.email,
        next.clone(),
        ctx.client_address.clone(),
    )
    .await;
    match asked {
        Ok(()) => Ok(see_other("/signin?notice=signin-link-sent")),
        Err(e) => {
            let (errors, status) = form_or_err(&ctx, e)?;
            RequestPage {
                page: Page::new(&state, &ctx, ctx.tr.t("signin-link-title")),
                email: form.email,
                next,
                errors,
            }
            .respond_with(status)
        }
    }
}

#[derive(Template)]
#[template(path = "signin_link_confirm.html")]
struct ConfirmPage {
    page: Page,
    token: String,
}

pub async fn confirm_form(
    state: web::Data<AppState>,
    ctx: Ctx,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    service::check_sign_in_link(&state, &token).await?;
    ConfirmPage {
        page: Page::new(&state, &ctx, ctx.tr.t("signin-link-confirm-title")),
        token,
    }
    .respond()
}

pub async fn confirm(
    state: web::Data<AppState>,
    ctx: Ctx,
    req: HttpRequest,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    let previous = req
        .cookie(cookies::session_name(state.config.https()))
        .map(|c| c.value().to_string());
    let (session, next) =
        service::use_sign_in_link(&state, &token, ctx.client_address.clone(), previous).await?;
    // Checked when the link was asked for, and again here in case the rules have changed since.
    let next = safe_next(&state, Some(&next));
    Ok(with_session_cookie(&state, see_other(&next), session))
}
