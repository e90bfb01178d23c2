//! HTML pages for first-run setup and the network administration of organisations.

use actix_web::{HttpResponse, web};
use agora_shared::api::{Language, NewOrganisation, OrgKind, OrgStatus, OrganisationUpdate};
use askama::Template;
use serde::Deserialize;

use super::model::Organisation;
use super::service;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::actions;
use crate::web::extract::{NetworkAdmin, OrgAccess};
use crate::web::forms::{FormErrors, is_form_error};
use crate::web::options::{self, Opt};
use crate::web::page::{Page, RenderHtml, see_other};

struct OrgRow {
    org: Organisation,
    kind_label: String,
    status_label: String,
    suspended: bool,
}

#[derive(Template)]
#[template(path = "orgs.html")]
struct OrgsPage {
    page: Page,
    orgs: Vec<OrgRow>,
    kinds: Vec<Opt>,
    languages: Vec<Opt>,
    name: String,
    country: String,
    errors: FormErrors,
}

async fn orgs_page(state: &AppState, ctx: &Ctx, notice: Option<String>) -> AppResult<OrgsPage> {
    let orgs = state.db.read(Organisation::list_all).await?;
    let t = &ctx.tr;
    Ok(OrgsPage {
        page: Page::new(state, ctx, t.t("orgs-title")).with_notice(notice),
        orgs: orgs
            .into_iter()
            .map(|org| OrgRow {
                kind_label: t.org_kind(&org.kind()),
                status_label: t.org_status(&org.status()),
                suspended: !org.is_active(),
                org,
            })
            .collect(),
        kinds: options::org_kinds(t, Some(OrgKind::FlemishMunicipality)),
        languages: options::languages(t, t.lang),
        name: String::new(),
        country: String::new(),
        errors: FormErrors::default(),
    })
}

#[derive(Deserialize)]
pub struct NoticeQuery {
    notice: Option<String>,
}

pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    _admin: NetworkAdmin,
    query: web::Query<NoticeQuery>,
) -> AppResult<HttpResponse> {
    let notice = (query.notice.as_deref() == Some("organisation-saved"))
        .then(|| ctx.tr.t("notice-organisation-saved"));
    orgs_page(&state, &ctx, notice).await?.respond()
}

#[derive(Deserialize)]
pub struct OrgForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    default_language: String,
    status: Option<String>,
}

fn parse_kind(s: &str) -> AppResult<OrgKind> {
    OrgKind::parse(s)
        .ok_or_else(|| AppError::invalid(agora_shared::ErrorCode::InvalidValue, "kind"))
}

fn parse_language(s: &str) -> AppResult<Language> {
    Language::parse(s)
        .ok_or_else(|| AppError::invalid(agora_shared::ErrorCode::InvalidValue, "default_language"))
}

pub async fn create(
    state: web::Data<AppState>,
    ctx: Ctx,
    admin: NetworkAdmin,
    form: web::Form<OrgForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let result = async {
        let input = NewOrganisation {
            name: form.name.clone(),
            kind: parse_kind(&form.kind)?,
            country: form.country.clone(),
            default_language: parse_language(&form.default_language)?,
        };
        service::create(&state, &admin.0.actor(), input).await
    }
    .await;
    match result {
        Ok(org) => Ok(see_other(&format!(
            "/orgs/{}/members?notice=organisation-saved",
            org.id
        ))),
        Err(e) if is_form_error(&e) => {
            let status = e.status;
            let mut page = orgs_page(&state, &ctx, None).await?;
            page.errors = FormErrors::from_error(&ctx, &e);
            page.name = form.name;
            page.country = form.country;
            page.kinds = options::org_kinds(&ctx.tr, OrgKind::parse(&form.kind));
            page.respond_with(status)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "org_edit.html")]
struct OrgEditPage {
    page: Page,
    org: Organisation,
    kinds: Vec<Opt>,
    languages: Vec<Opt>,
    suspended: bool,
    is_own: bool,
    errors: FormErrors,
}

fn edit_page(state: &AppState, ctx: &Ctx, org: Organisation, is_own: bool) -> OrgEditPage {
    OrgEditPage {
        page: Page::new(
            state,
            ctx,
            ctx.tr.t1("org-edit-title", "organisation", &org.name),
        ),
        kinds: options::org_kinds(&ctx.tr, Some(org.kind())),
        languages: options::languages(&ctx.tr, org.language()),
        suspended: !org.is_active(),
        is_own,
        org,
        errors: FormErrors::default(),
    }
}

pub async fn edit_form(
    state: web::Data<AppState>,
    ctx: Ctx,
    access: OrgAccess<actions::Edit>,
) -> AppResult<HttpResponse> {
    let is_own = access.actor().organisation_id == access.organisation.id;
    edit_page(&state, &ctx, access.organisation, is_own).respond()
}

pub async fn edit(
    state: web::Data<AppState>,
    ctx: Ctx,
    access: OrgAccess<actions::Edit>,
    form: web::Form<OrgForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let org_id = access.organisation.id;
    let result = async {
        let input = OrganisationUpdate {
            name: Some(form.name.clone()),
            kind: Some(parse_kind(&form.kind)?),
            country: Some(form.country.clone()),
            default_language: Some(parse_language(&form.default_language)?),
            status: match form.status.as_deref() {
                None | Some("") => None,
                Some(s) => Some(OrgStatus::parse(s).ok_or_else(|| {
                    AppError::invalid(agora_shared::ErrorCode::InvalidValue, "status")
                })?),
            },
        };
        service::update(&state, &access.actor(), org_id, input).await
    }
    .await;
    match result {
        Ok(_) => Ok(see_other("/orgs?notice=organisation-saved")),
        Err(e) if is_form_error(&e) => {
            let status = e.status;
            let is_own = access.actor().organisation_id == org_id;
            let mut page = edit_page(&state, &ctx, access.organisation, is_own);
            page.errors = FormErrors::from_error(&ctx, &e);
            page.respond_with(status)
        }
        Err(e) => Err(e),
    }
}
