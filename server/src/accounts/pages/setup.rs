//! The first-start page: the one-time setup link creates the network operator and its first
//! administrator.

use actix_web::{HttpResponse, web};
use agora_shared::api::Language;
use askama::Template;
use serde::Deserialize;

use crate::accounts::setup;
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::cookies;
use crate::web::forms::{FormErrors, is_form_error};
use crate::web::options::{self, Opt};
use crate::web::page::{Page, RenderHtml, see_other};

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage {
    page: Page,
    token: String,
    organisation_name: String,
    country: String,
    display_name: String,
    email: String,
    languages: Vec<Opt>,
    errors: FormErrors,
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

pub async fn setup_form(
    state: web::Data<AppState>,
    ctx: Ctx,
    query: web::Query<TokenQuery>,
) -> AppResult<HttpResponse> {
    setup::check(&state, &query.token).await?;
    SetupPage {
        page: Page::new(&state, &ctx, ctx.tr.t("setup-title")),
        token: query.token.clone(),
        organisation_name: String::new(),
        country: "BE".into(),
        display_name: String::new(),
        email: String::new(),
        languages: options::languages(&ctx.tr, ctx.tr.lang),
        errors: FormErrors::default(),
    }
    .respond()
}

pub async fn setup(
    state: web::Data<AppState>,
    ctx: Ctx,
    form: web::Form<setup::SetupInput>,
) -> AppResult<HttpResponse> {
    let input = form.into_inner();
    let shown = SetupPage {
        page: Page::new(&state, &ctx, ctx.tr.t("setup-title")),
        token: input.token.clone(),
        organisation_name: input.organisation_name.clone(),
        country: input.country.clone(),
        display_name: input.display_name.clone(),
        email: input.email.clone(),
        languages: options::languages(
            &ctx.tr,
            Language::parse(&input.language).unwrap_or(ctx.tr.lang),
        ),
        errors: FormErrors::default(),
    };
    match setup::complete(&state, input, ctx.client_address.clone()).await {
        Ok(signed) => {
            let mut res = see_other("/orgs");
            let _ = res.add_cookie(&cookies::session(
                signed.token,
                state.config.https(),
                agora_shared::limits::SESSION_TTL_DAYS,
            ));
            Ok(res)
        }
        Err(e) if is_form_error(&e) => {
            let status = e.status;
            SetupPage {
                errors: FormErrors::from_error(&ctx, &e),
                ..shown
            }
            .respond_with(status)
        }
        Err(e) => Err(e),
    }
}
