//! Digest pages: a person's next digest (`/settings/email/digest`), an organisation admin's
//! preview of a member's (`/orgs/{org}/members/{user}/digest`), the organisation's digest
//! settings (`/orgs/{org}/digest`) and the record of runs for the network administrator
//! (`/network/digests`). Who may see what is asked of [`crate::policy::digest`].

use actix_web::{HttpResponse, web};
use agora_shared::ErrorCode;
use askama::Template;
use serde::Deserialize;

use super::email::{View, date, subject};
use super::model::{DigestRun, INACTIVE_DAYS, OrgDigestSettings};
use super::run::next_digest;
use crate::accounts::user::User;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::policy;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::{CurrentUser, OrgAccess, actions};
use crate::web::forms::{FormErrors, HtmlForm, form_or_err};
use crate::web::page::{Page, RenderHtml, see_other};

#[derive(Template)]
#[template(path = "digest_preview.html")]
struct PreviewPage {
    page: Page,
    t: Tr,
    v: View,
    /// `None` when nothing would be sent.
    subject: Option<String>,
    /// Shown to an admin: what they see is narrowed to what they may read.
    shared_only: bool,
}

async fn preview(
    state: &AppState,
    ctx: &Ctx,
    user_id: i64,
    viewer: Option<i64>,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let (user, digest) = next_digest(state, user_id, viewer, now, false).await?;
    // The digest in the reader's language, as it would be sent; the page around it in the
    // viewer's.
    let t = ctx.tr.with_lang(user.interface_language);
    let title = match viewer {
        Some(_) => ctx
            .tr
            .t1("digest-preview-member-title", "name", &user.display_name),
        None => ctx.tr.t("digest-preview-title"),
    };
    PreviewPage {
        page: Page::new(state, ctx, title),
        subject: digest.worth_sending().then(|| subject(&digest, &t)),
        v: View::new(&digest, &t),
        t,
        shared_only: viewer.is_some(),
    }
    .respond()
}

/// `GET /settings/email/digest`: the caller's own next digest.
pub async fn preview_own(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    policy::digest::preview(&actor, actor.user_id, actor.organisation_id)?;
    preview(&state, &ctx, actor.user_id, None).await
}

/// `GET /orgs/{org}/members/{user}/digest`: a member's next digest, for their organisation's
/// administrators.
pub async fn preview_member(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    let (org_id, user_id) = path.into_inner();
    let actor = user.actor();
    // Decided before loading: another organisation's people cost no query and show nowhere.
    policy::digest::preview(&actor, user_id, org_id)?;
    let target = state.db.read(move |conn| User::find(conn, user_id)).await?;
    if target.organisation_id != org_id {
        return Err(AppError::not_found());
    }
    policy::digest::preview(&actor, target.id, target.organisation_id)?;
    let viewer = (target.id != actor.user_id).then_some(actor.user_id);
    preview(&state, &ctx, target.id, viewer).await
}

struct RunRow {
    started: String,
    finished: String,
    considered: i64,
    queued: i64,
    quiet: i64,
}

#[derive(Template)]
#[template(path = "digest_runs.html")]
struct RunsPage {
    page: Page,
    runs: Vec<RunRow>,
}

/// `GET /network/digests`: the latest digest runs.
pub async fn runs(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
) -> AppResult<HttpResponse> {
    policy::digest::digest_runs(&user.actor())?;
    let runs = state
        .db
        .read(|conn| DigestRun::list_recent(conn, 50))
        .await?;
    let zone = user.0.user.time_zone.clone();
    let t = &ctx.tr;
    RunsPage {
        page: Page::new(&state, &ctx, t.t("digest-runs-title")),
        runs: runs
            .into_iter()
            .map(|r| RunRow {
                started: date(t, r.started_at, &zone),
                finished: r
                    .finished_at
                    .map_or_else(|| t.t("digest-runs-unfinished"), |f| date(t, f, &zone)),
                considered: r.considered,
                queued: r.queued,
                quiet: r.skipped_quiet,
            })
            .collect(),
    }
    .respond()
}

#[derive(Template)]
#[template(path = "digest_org.html")]
struct OrgSettingsPage {
    page: Page,
    org_id: i64,
    org_name: String,
    inactive_days: String,
    without_content: bool,
    errors: FormErrors,
}

fn org_page(
    state: &AppState,
    ctx: &Ctx,
    access: &OrgAccess<actions::ManageEmail>,
    settings: OrgDigestSettings,
    notice: Option<String>,
) -> OrgSettingsPage {
    let org = &access.organisation;
    OrgSettingsPage {
        page: Page::new(
            state,
            ctx,
            ctx.tr.t1("digest-org-title", "organisation", &org.name),
        )
        .with_notice(notice),
        org_id: org.id,
        org_name: org.name.clone(),
        inactive_days: settings.digest_inactive_days.to_string(),
        without_content: settings.email_without_content,
        errors: FormErrors::default(),
    }
}

#[derive(Deserialize)]
pub struct NoticeQuery {
    notice: Option<String>,
}

/// `GET /orgs/{org}/digest`: the organisation's digest settings, for its administrators.
pub async fn org_settings(
    state: web::Data<AppState>,
    ctx: Ctx,
    access: OrgAccess<actions::ManageEmail>,
    query: web::Query<NoticeQuery>,
) -> AppResult<HttpResponse> {
    let org_id = access.organisation.id;
    let settings = state
        .db
        .read(move |conn| OrgDigestSettings::find(conn, org_id))
        .await?;
    let notice = (query.notice.as_deref() == Some("saved")).then(|| ctx.tr.t("digest-org-saved"));
    org_page(&state, &ctx, &access, settings, notice).respond()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OrgSettingsForm {
    digest_inactive_days: String,
    email_without_content: Option<String>,
}

fn parse(form: &OrgSettingsForm) -> AppResult<OrgDigestSettings> {
    let days = form
        .digest_inactive_days
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|d| INACTIVE_DAYS.contains(d))
        .ok_or_else(|| AppError::invalid(ErrorCode::InvalidValue, "digest_inactive_days"))?;
    Ok(OrgDigestSettings {
        digest_inactive_days: days,
        email_without_content: form.email_without_content.is_some(),
    })
}

/// `POST /orgs/{org}/digest`.
pub async fn update_org_settings(
    state: web::Data<AppState>,
    ctx: Ctx,
    access: OrgAccess<actions::ManageEmail>,
    form: HtmlForm<OrgSettingsForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let org_id = access.organisation.id;
    match parse(&form) {
        Ok(settings) => {
            state
                .transact(move |tx| {
                    let now = tx.now();
                    settings.save(tx, org_id, now)
                })
                .await?;
            Ok(see_other(&format!("/orgs/{org_id}/digest?notice=saved")))
        }
        Err(e) => {
            let (errors, status) = form_or_err(&ctx, e)?;
            let current = OrgDigestSettings {
                digest_inactive_days: 0,
                email_without_content: form.email_without_content.is_some(),
            };
            let mut page = org_page(&state, &ctx, &access, current, None);
            page.inactive_days = form.digest_inactive_days;
            page.errors = errors;
            page.respond_with(status)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_threshold_is_a_whole_number_of_days_within_bounds() {
        let form = |days: &str, content: Option<&str>| OrgSettingsForm {
            digest_inactive_days: days.into(),
            email_without_content: content.map(String::from),
        };
        let ok = parse(&form(" 7 ", Some("on"))).unwrap();
        assert_eq!(
            (ok.digest_inactive_days, ok.email_without_content),
            (7, true)
        );
        assert!(!parse(&form("1", None)).unwrap().email_without_content);
        for bad in ["0", "91", "-3", "seven", ""] {
            let e = parse(&form(bad, None)).unwrap_err();
            assert_eq!(
                (e.status.as_u16(), e.field),
                (422, Some("digest_inactive_days"))
            );
        }
    }
}
