//! The caller's profile: name, languages, time zone, and their password.

use actix_web::{HttpResponse, web};
use agora_shared::api::{Language, PasswordChange, ProfileUpdate, UserKind};
use askama::Template;
use serde::Deserialize;

use crate::accounts::service;
use crate::accounts::user::User;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::CurrentUser;
use crate::web::forms::{FormErrors, HtmlForm, form_or_err, present};
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
        zones: options::time_zones(&ctx.tr, &user.time_zone),
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

/// The profile form; `languages_read` and `themes` are checkbox groups.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ProfileForm {
    display_name: String,
    function: String,
    kind: Option<String>,
    interface_language: Option<String>,
    languages_read: Vec<String>,
    /// Sent empty, it is the service's to refuse.
    #[serde(deserialize_with = "present")]
    time_zone: Option<String>,
    themes: Vec<String>,
}

pub async fn update_profile(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    form: HtmlForm<ProfileForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let input = ProfileUpdate {
        display_name: Some(form.display_name),
        function: Some(form.function),
        kind: form.kind.as_deref().and_then(UserKind::parse),
        interface_language: form.interface_language.as_deref().and_then(Language::parse),
        languages_read: Some(form.languages_read),
        time_zone: form.time_zone,
        // A goal that is not a number is left out, as the checkboxes only send numbers.
        themes: Some(form.themes.iter().filter_map(|t| t.parse().ok()).collect()),
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
