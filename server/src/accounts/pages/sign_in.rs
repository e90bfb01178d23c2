//! Signing in and out: `GET` and `POST /signin`, `POST /signout`.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::accounts::service;
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::cookies;
use crate::web::extract::CurrentUser;
use crate::web::forms::{FormErrors, form_or_err};
use crate::web::page::{Page, RenderHtml, see_other};

use super::{NextQuery, notice_text, safe_next, with_session_cookie};

#[derive(Template)]
#[template(path = "signin.html")]
struct SignInPage {
    page: Page,
    email: String,
    next: String,
    errors: FormErrors,
}

pub async fn sign_in_form(
    state: web::Data<AppState>,
    ctx: Ctx,
    query: web::Query<NextQuery>,
) -> AppResult<HttpResponse> {
    let notice = notice_text(&ctx, query.notice.as_deref());
    SignInPage {
        page: Page::new(&state, &ctx, ctx.tr.t("signin-title")).with_notice(notice),
        email: String::new(),
        next: safe_next(&state, query.next.as_deref()),
        errors: FormErrors::default(),
    }
    .respond()
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn sign_in(
    state: web::Data<AppState>,
    ctx: Ctx,
    req: HttpRequest,
    form: web::Form<SignInForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let previous = req
        .cookie(cookies::session_name(state.config.https()))
        .map(|c| c.value().to_string());
    let next = safe_next(&state, form.next.as_deref());
    match service::sign_in(
        &state,
        &form.email,
        &form.password,
        ctx.client_address.clone(),
        previous,
    )
    .await
    {
        Ok(signed) => Ok(with_session_cookie(&state, see_other(&next), signed.token)),
        Err(e) => {
            let retry = e.retry_after;
            let (errors, status) = form_or_err(&ctx, e)?;
            let mut res = SignInPage {
                page: Page::new(&state, &ctx, ctx.tr.t("signin-title")),
                email: form.email,
                next,
                errors,
            }
            .respond_with(status)?;
            if let Some(secs) = retry
                && let Ok(v) = actix_web::http::header::HeaderValue::from_str(&secs.to_string())
            {
                res.headers_mut()
                    .insert(actix_web::http::header::RETRY_AFTER, v);
            }
            Ok(res)
        }
    }
}

pub async fn sign_out(
    state: web::Data<AppState>,
    user: CurrentUser,
    req: HttpRequest,
) -> AppResult<HttpResponse> {
    let token = req
        .cookie(cookies::session_name(state.config.https()))
        .map(|c| c.value().to_string());
    service::sign_out(&state, &user.0, token).await?;
    let mut res = see_other("/signin?notice=signed-out");
    let _ = res.add_cookie(&cookies::clear_session(state.config.https()));
    Ok(res)
}
