//! The email settings page: `GET` and `POST /settings/email`. A plain form, so it works without
//! JavaScript; the hour is the person's local hour in the time zone of their profile.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::model::{DigestCadence, MemberWorkspace, MentionBatching};
use super::service::{self, EmailSettings, SettingsInput};
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::CurrentUser;
use crate::web::forms::{FormErrors, HtmlForm, form_or_err};
use crate::web::options::Opt;
use crate::web::page::{Page, RenderHtml, see_other};

#[derive(Template)]
#[template(path = "email_settings.html")]
struct SettingsPage {
    page: Page,
    cadences: Vec<Opt>,
    weekdays: Vec<Opt>,
    hours: Vec<Opt>,
    batchings: Vec<Opt>,
    workspaces: Vec<MemberWorkspace>,
    time_zone: String,
    /// Title and text of the notice that the person's address hard-bounced.
    bounced: Option<(String, String)>,
    errors: FormErrors,
}

fn settings_page(
    state: &AppState,
    ctx: &Ctx,
    user: &CurrentUser,
    loaded: EmailSettings,
    notice: Option<String>,
) -> SettingsPage {
    let t = &ctx.tr;
    let EmailSettings {
        preferences: prefs,
        workspaces,
        bounce,
    } = loaded;
    let bounced = bounce.map(|b| {
        (
            t.t1("delivery-bounced-title", "address", &b.address),
            t.t1(
                "delivery-bounced-body",
                "date",
                crate::time::display(b.last_bounced_at, &user.0.user.time_zone, t),
            ),
        )
    });
    SettingsPage {
        page: Page::new(state, ctx, t.t("email-settings-title")).with_notice(notice),
        cadences: DigestCadence::ALL
            .iter()
            .map(|c| Opt {
                value: c.as_str().into(),
                label: t.t(cadence_label(*c)),
                selected: *c == prefs.digest_cadence,
            })
            .collect(),
        weekdays: (1..=7u8)
            .map(|d| Opt {
                value: d.to_string(),
                label: t.t(weekday_label(d)),
                selected: d == prefs.digest_weekday,
            })
            .collect(),
        hours: (0..24u8)
            .map(|h| Opt {
                value: h.to_string(),
                label: format!("{h:02}:00"),
                selected: h == prefs.digest_hour,
            })
            .collect(),
        batchings: MentionBatching::ALL
            .iter()
            .map(|b| Opt {
                value: b.as_str().into(),
                label: t.t(batching_label(*b)),
                selected: *b == prefs.mention_batching,
            })
            .collect(),
        workspaces,
        // The zone by its city in the reader's language, and by its IANA name as the profile shows it.
        time_zone: format!(
            "{} ({})",
            crate::time::zone_name(&user.0.user.time_zone, t),
            user.0.user.time_zone
        ),
        bounced,
        errors: FormErrors::default(),
    }
}

fn cadence_label(c: DigestCadence) -> &'static str {
    match c {
        DigestCadence::Off => "email-cadence-off",
        DigestCadence::Daily => "email-cadence-daily",
        DigestCadence::EveryOtherDay => "email-cadence-every-other-day",
        DigestCadence::Weekly => "email-cadence-weekly",
    }
}

fn batching_label(b: MentionBatching) -> &'static str {
    match b {
        MentionBatching::Immediately => "email-batching-immediately",
        MentionBatching::Every15Minutes => "email-batching-every-15-minutes",
        MentionBatching::Hourly => "email-batching-hourly",
        MentionBatching::Off => "email-batching-off",
    }
}

/// ISO weekday `d` (1 is Monday).
fn weekday_label(d: u8) -> &'static str {
    match d {
        1 => "weekday-1",
        2 => "weekday-2",
        3 => "weekday-3",
        4 => "weekday-4",
        5 => "weekday-5",
        6 => "weekday-6",
        _ => "weekday-7",
    }
}

#[derive(Deserialize)]
pub struct NoticeQuery {
    notice: Option<String>,
}

pub async fn settings(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    query: web::Query<NoticeQuery>,
) -> AppResult<HttpResponse> {
    let loaded = service::load(&state, &user.0).await?;
    // Only the one known notice: the query string must not put text on the page.
    let notice =
        (query.notice.as_deref() == Some("saved")).then(|| ctx.tr.t("notice-email-settings-saved"));
    settings_page(&state, &ctx, &user, loaded, notice).respond()
}

/// The form; `muted` is a checkbox group of workspace ids.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SettingsForm {
    digest_cadence: String,
    digest_weekday: String,
    digest_hour: String,
    mention_batching: String,
    muted: Vec<String>,
}

pub async fn update_settings(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    form: HtmlForm<SettingsForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let input = SettingsInput {
        digest_cadence: form.digest_cadence,
        digest_weekday: form.digest_weekday,
        digest_hour: form.digest_hour,
        mention_batching: form.mention_batching,
        muted: form.muted,
    };
    let result = match service::parse(&input) {
        Ok((prefs, muted)) => service::save(&state, &user.0, prefs, muted).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other("/settings/email?notice=saved")),
        Err(e) => {
            let (errors, status) = form_or_err(&ctx, e)?;
            let loaded = service::load(&state, &user.0).await?;
            let mut page = settings_page(&state, &ctx, &user, loaded, None);
            page.errors = errors;
            page.respond_with(status)
        }
    }
}
