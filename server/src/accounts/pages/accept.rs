//! Accepting an invitation: `GET` and `POST /invite/{token}`.

use actix_web::{HttpResponse, web};
use agora_shared::api::{AcceptInvitation, Language};
use askama::Template;
use serde::Deserialize;

use crate::accounts::service;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::forms::{FormErrors, form_or_err};
use crate::web::options::{self, Opt};
use crate::web::page::{Page, RenderHtml, see_other};

use super::with_session_cookie;

#[derive(Template)]
#[template(path = "accept.html")]
struct AcceptPage {
    page: Page,
    token: String,
    email: String,
    organisation: String,
    display_name: String,
    languages: Vec<Opt>,
    errors: FormErrors,
}

pub async fn accept_form(
    state: web::Data<AppState>,
    ctx: Ctx,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let (invitation, org) = service::find_invitation(&state, &token).await?;
    AcceptPage {
        page: Page::new(&state, &ctx, ctx.tr.t("accept-title")),
        token,
        email: invitation.email.clone(),
        organisation: org.name,
        display_name: String::new(),
        // The inviter chose the invitee's language for the email; offer it first here too.
        languages: options::languages(&ctx.tr, invitation.language()),
        errors: FormErrors::default(),
    }
    .respond()
}

#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
    #[serde(default)]
    interface_language: String,
}

pub async fn accept(
    state: web::Data<AppState>,
    ctx: Ctx,
    token: web::Path<String>,
    form: web::Form<AcceptForm>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let (invitation, org) = service::find_invitation(&state, &token).await?;
    let form = form.into_inner();
    let language = Language::parse(&form.interface_language).unwrap_or(ctx.tr.lang);
    let result = if form.password != form.password_confirm {
        Err(AppError::invalid(
            agora_shared::ErrorCode::PasswordMismatch,
            "password_confirm",
        ))
    } else {
        service::accept_invitation(
            &state,
            AcceptInvitation {
                token: token.clone(),
                display_name: form.display_name.clone(),
                password: form.password,
                interface_language: language,
            },
            ctx.client_address.clone(),
        )
        .await
    };
    match result {
        Ok(signed) => Ok(with_session_cookie(
            &state,
            see_other("/profile"),
            signed.token,
        )),
        Err(e) => {
            let (errors, status) = form_or_err(&ctx, e)?;
            AcceptPage {
                page: Page::new(&state, &ctx, ctx.tr.t("accept-title")),
                token,
                email: invitation.email,
                organisation: org.name,
                display_name: form.display_name,
                languages: options::languages(&ctx.tr, language),
                errors,
            }
            .respond_with(status)
        }
    }
}
