//! Creating a workspace: `GET /workspaces/new` and `POST /workspaces`.

use actix_web::{HttpResponse, web};
use agora_shared::api::Language;
use agora_shared::conversations::{NewWorkspace, Visibility, WorkspaceKind};
use askama::Template;

use crate::error::AppResult;
use crate::organisations::model::Organisation;
use crate::policy::Actor;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::CurrentUser;
use crate::web::forms::{FormErrors, HtmlForm, form_or_err};
use crate::web::options::{self, Opt};
use crate::web::page::{Page, RenderHtml, see_other};
use crate::workspaces::service;

use super::{
    VisibilityOpt, WorkspaceForm, kinds, parse_kind, parse_language, parse_visibility, sdg_numbers,
    visibilities,
};

#[derive(Template)]
#[template(path = "workspace_new.html")]
struct NewWorkspacePage {
    page: Page,
    kinds: Vec<Opt>,
    name: String,
    description: String,
    sdgs: Vec<Opt>,
    visibilities: Vec<VisibilityOpt>,
    languages: Vec<Opt>,
    /// Organisations a network administrator may create the workspace for; empty otherwise.
    owners: Vec<Opt>,
    errors: FormErrors,
}

struct NewWorkspaceInput {
    kind: WorkspaceKind,
    name: String,
    description: String,
    sdgs: Vec<u8>,
    visibility: Visibility,
    language: Language,
    owner: i64,
}

async fn new_workspace_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    input: NewWorkspaceInput,
) -> AppResult<NewWorkspacePage> {
    let t = &ctx.tr;
    let owners = if crate::policy::workspace::creates_for_others(actor) {
        state
            .db
            .read(Organisation::list_all)
            .await?
            .into_iter()
            .filter(Organisation::is_active)
            .map(|o| Opt {
                value: o.id.to_string(),
                selected: o.id == input.owner,
                label: o.name,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(NewWorkspacePage {
        page: Page::new(state, ctx, t.t("workspace-new-title")),
        kinds: kinds(t, input.kind),
        name: input.name,
        description: input.description,
        sdgs: options::sdgs(t, &input.sdgs),
        visibilities: visibilities(t, input.visibility),
        languages: options::languages(t, input.language),
        owners,
        errors: FormErrors::default(),
    })
}

pub async fn new_form(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    crate::policy::workspace::create_workspace(&actor, actor.organisation_id)?;
    let input = NewWorkspaceInput {
        kind: WorkspaceKind::Twinning,
        name: String::new(),
        description: String::new(),
        sdgs: Vec::new(),
        visibility: Visibility::InviteOnly,
        language: user.0.organisation.language(),
        owner: actor.organisation_id,
    };
    new_workspace_page(&state, &ctx, &actor, input)
        .await?
        .respond()
}

pub async fn create(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    form: HtmlForm<WorkspaceForm>,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let form = form.into_inner();
    let owner = form.owner_organisation_id;
    let shown = NewWorkspaceInput {
        kind: WorkspaceKind::parse(&form.kind).unwrap_or(WorkspaceKind::Twinning),
        name: form.name.clone(),
        description: form.description.clone(),
        sdgs: sdg_numbers(&form.sdg_tags),
        visibility: Visibility::parse(&form.visibility).unwrap_or(Visibility::InviteOnly),
        language: Language::parse(&form.default_language).unwrap_or(ctx.tr.lang),
        owner: owner.unwrap_or(actor.organisation_id),
    };
    let result = async {
        let input = NewWorkspace {
            kind: parse_kind(&form.kind)?,
            name: form.name,
            description: form.description,
            sdg_tags: sdg_numbers(&form.sdg_tags),
            visibility: parse_visibility(&form.visibility)?,
            default_language: parse_language(&form.default_language)?,
            owner_organisation_id: owner,
        };
        service::create(&state, &actor, input).await
    }
    .await;
    match result {
        // A network administrator creating for another organisation is not a member of it.
        Ok(ws) if ws.owner_organisation_id == actor.organisation_id => Ok(see_other(&format!(
            "/workspaces/{}?notice=workspace-created",
            ws.id
        ))),
        Ok(_) => Ok(see_other("/?notice=workspace-created")),
        Err(e) => {
            let (errors, status) = form_or_err(&ctx, e)?;
            let mut page = new_workspace_page(&state, &ctx, &actor, shown).await?;
            page.errors = errors;
            page.respond_with(status)
        }
    }
}
