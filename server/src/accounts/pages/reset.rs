//! Password resets: asking for a link, and setting a new password with it.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::accounts::service;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::forms::{FormErrors, form_or_err};
use crate::web::page::{Page, RenderHtml, see_other};

#[derive(Template)]
#[template(path = "reset_request.html")]
struct ResetRequestPage {
    page: Page,
    email: String,
    errors: FormErrors,
}

pub async fn reset_request_form(state: web::Data<AppState>, ctx: Ctx) -> AppResult<HttpResponse> {
    ResetRequestPage {
        page: Page::new(&state, &ctx, ctx.tr.t("reset-title")),
        email: String::new(),
        errors: FormErrors::default(),
    }
    .respond()
}

#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

pub async fn reset_request(
    state: web::Data<AppState>,
    ctx: Ctx,
    form: web::Form<EmailForm>,
) -> AppResult<HttpResponse> {
    match service::request_reset(&state, &form.email, ctx.client_address.clone()).await {
        Ok(()) => Ok(see_other("/signin?notice=reset-sent")),
        Err(e) => {
            let (errors, status) = form_or_err(&ctx, e)?;
            ResetRequestPage {
                page: Page::new(&state, &ctx, ctx.tr.t("reset-title")),
                email: form.into_inner().email,
                errors,
            }
            .respond_with(status)
        }
    }
}

#[derive(Template)]
#[template(path = "reset_form.html")]
struct ResetFormPage {
    page: Page,
    token: String,
    errors: FormErrors,
}

pub async fn reset_form(
    state: web::Data<AppState>,
    ctx: Ctx,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    service::check_reset_token(&state, &token).await?;
    ResetFormPage {
        page: Page::new(&state, &ctx, ctx.tr.t("reset-new-title")),
        token,
        errors: FormErrors::default(),
    }
    .respond()
}

#[derive(Deserialize)]
pub struct NewPasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

pub async fn reset(
    state: web::Data<AppState>,
    ctx: Ctx,
    token: web::Path<String>,
    form: web::Form<NewPasswordForm>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let result = if form.password != form.password_confirm {
        Err(AppError::invalid(
            agora_shared::ErrorCode::PasswordMismatch,
            "password_confirm",
        ))
    } else {
        service::confirm_reset(&state, &token, &form.password, ctx.client_address.clone()).await
    };
    match result {
        Ok(()) => Ok(see_other("/signin?notice=password-reset")),
        Err(e) => {
            let (errors, status) = form_or_err(&ctx, e)?;
            ResetFormPage {
                page: Page::new(&state, &ctx, ctx.tr.t("reset-new-title")),
                token,
                errors,
            }
            .respond_with(status)
        }
    }
}
