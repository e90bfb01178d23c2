//! The caller's profile: name, languages, time zone, and their password.

use actix_web::{HttpResponse, http::StatusCode, web};
use agora_shared::api::{Language, PasswordChange, ProfileUpdate, UserKind};
use askama::Template;
use serde::Deserialize;

use crate::accounts::service;
use crate::accounts::user::User;
use crate::error::{AppError, AppResult};
use crate::policy::CurrentUser;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::forms::{FormErrors, form_or_err};
use crate::web::options::{self, Opt};
use crate::web::page::{Page, RenderHtml, see_other};

use super::{NextQuery, notice_text};

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    page: Page,
    user: User,
    kinds: Vec<Opt>,
    languages: Vec<Opt>,
    read: Vec<Opt>,
    zones: Vec<Opt>,
    themes: Vec<Opt>,
    errors: FormErrors,
    password_errors: FormErrors,
}

fn profile_page(state: &AppState, ctx: &Ctx, user: User, notice: Option<String>) -> ProfilePage {
    let read_now = user.languages_read();
    ProfilePage {
        page: Page::new(state, ctx, ctx.tr.t("profile-title")).with_notice(notice),
        kinds: options::user_kinds(&ctx.tr, user.kind()),
        languages: options::languages(&ctx.tr, user.language()),
        read: options::READ_LANGUAGES
            .iter()
            .map(|code| Opt {
                value: (*code).into(),
                label: ctx.tr.autonym(code),
                selected: read_now.iter().any(|r| r == code),
            })
            .collect(),
        zones: options::time_zones(&user.time_zone),
        themes: options::sdgs(&ctx.tr, &user.themes()),
        user,
        errors: FormErrors::default(),
        password_errors: FormErrors::default(),
    }
}

pub async fn profile(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    query: web::Query<NextQuery>,
) -> AppResult<HttpResponse> {
    let notice = notice_text(&ctx, query.notice.as_deref());
    profile_page(&state, &ctx, user.0.user.clone(), notice).respond()
}

pub async fn update_profile(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    // Checkbox groups repeat a field name, which only a list of pairs can hold.
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).map_err(|_| {
        AppError::new(
            agora_shared::ErrorCode::InvalidBody,
            StatusCode::BAD_REQUEST,
        )
    })?;
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let input = ProfileUpdate {
        display_name: Some(get("display_name").unwrap_or_default()),
        function: Some(get("function").unwrap_or_default()),
        kind: get("kind").and_then(|k| UserKind::parse(&k)),
        interface_language: get("interface_language").and_then(|l| Language::parse(&l)),
        languages_read: Some(
            pairs
                .iter()
                .filter(|(k, _)| k == "languages_read")
                .map(|(_, v)| v.clone())
                .collect(),
        ),
        time_zone: get("time_zone"),
        themes: Some(
            pairs
                .iter()
                .filter(|(k, _)| k == "themes")
                .filter_map(|(_, v)| v.parse().ok())
                .collect(),
        ),
    };
    match service::update_profile(&state, &user.0, input).await {
        Ok(_) => Ok(see_other("/profile?notice=profile-saved")),
        Err(e) => {
            let (errors, status) = form_or_err(&ctx, e)?;
            let mut page = profile_page(&state, &ctx, user.0.user.clone(), None);
            page.errors = errors;
            page.respond_with(status)
        }
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    password_confirm: String,
}

pub async fn change_password(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    form: web::Form<PasswordForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let result = if form.new_password != form.password_confirm {
        Err(AppError::invalid(
            agora_shared::ErrorCode::PasswordMismatch,
            "password_confirm",
        ))
    } else {
        service::change_password(
            &state,
            &user.0,
            PasswordChange {
                current_password: form.current_password,
                new_password: form.new_password,
            },
        )
        .await
    };
    match result {
        Ok(()) => Ok(see_other("/profile?notice=password-changed")),
        Err(e) => {
            let (errors, status) = form_or_err(&ctx, e)?;
            let mut page = profile_page(&state, &ctx, user.0.user.clone(), None);
            page.password_errors = errors;
            page.respond_with(status)
        }
    }
}
