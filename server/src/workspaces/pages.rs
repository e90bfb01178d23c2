//! HTML pages for workspaces: creating one, its summary and channels, and its administration
//! (settings, organisations, members, channels). Every decision is the services' and the policy's;
//! the pages only show what the caller may do and send the forms to the services.

use actix_web::{HttpResponse, http::StatusCode, web};
use agora_shared::ErrorCode;
use agora_shared::api::{Language, OrgStatus, UserStatus};
use agora_shared::conversations::{
    AddWorkspaceMember, ChannelUpdate, NewChannel, NewWorkspace, Participation, Visibility,
    WorkspaceKind, WorkspaceRole, WorkspaceUpdate, WorkspaceView,
};
use askama::Template;
use diesel::prelude::*;
use serde::Deserialize;

use super::model::{Member, Participant};
use super::service;
use crate::db::DbConnection;
use crate::db::schema::{organisations, users};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::messaging::service as messaging;
use crate::organisations::model::Organisation;
use crate::policy::workspace::{
    self as policy, Target, WorkspaceAction, WorkspaceFacts, workspace as decide,
};
use crate::policy::{Actor, CurrentUser};
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::forms::{FormErrors, is_form_error};
use crate::web::options::{self, Opt};
use crate::web::page::{Page, RenderHtml, see_other};

// ---------------------------------------------------------------------------------------------
// Shared helpers (also used by the home page and the directory pages)
// ---------------------------------------------------------------------------------------------

/// A form body as name/value pairs: checkbox groups and repeated fields need a list.
pub(crate) struct FormPairs(Vec<(String, String)>);

impl FormPairs {
    pub(crate) fn parse(body: &[u8]) -> AppResult<FormPairs> {
        serde_urlencoded::from_bytes(body)
            .map(FormPairs)
            .map_err(|_| AppError::new(ErrorCode::InvalidBody, StatusCode::BAD_REQUEST))
    }

    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The field's value, empty when absent.
    pub(crate) fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or_default().to_string()
    }

    pub(crate) fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Every value of a repeated numeric field; a value that is not a number becomes 0, which
    /// names nothing, so the service rejects it like any unknown id.
    pub(crate) fn ids(&self, name: &str) -> Vec<i64> {
        self.all(name)
            .into_iter()
            .map(|v| v.trim().parse().unwrap_or(0))
            .collect()
    }

    pub(crate) fn checked(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| v == "true" || v == "on")
    }
}

/// A validation failure shown on the form (with its status); any other error propagates.
pub(crate) fn form_or_err(ctx: &Ctx, e: AppError) -> AppResult<(FormErrors, StatusCode)> {
    if is_form_error(&e) {
        Ok((FormErrors::from_error(ctx, &e), e.status))
    } else {
        Err(e)
    }
}

/// Errors of one form among several on a page: field ids get the form's prefix so the summary
/// links to the right field.
fn prefixed(mut errors: FormErrors, prefix: &str) -> FormErrors {
    for e in &mut errors.errors {
        if e.field != "form" {
            e.field = format!("{prefix}{}", e.field);
        }
    }
    errors
}

/// Confirmations of the workspace pages and the home page, by their `?notice=` key. Only known
/// keys: the query string must not put arbitrary text on the page.
pub(crate) fn notice_text(t: &Tr, key: Option<&str>) -> Option<String> {
    Some(match key? {
        "workspace-created" => t.t("notice-workspace-created"),
        "workspace-saved" => t.t("notice-workspace-saved"),
        "organisation-invited" => t.t("notice-organisation-invited"),
        "participation-accepted" => t.t("notice-participation-accepted"),
        "participation-declined" => t.t("notice-participation-declined"),
        "participation-withdrawn" => t.t("notice-participation-withdrawn"),
        "member-added" => t.t("notice-member-added"),
        "member-role-changed" => t.t("notice-member-role-changed"),
        "member-removed" => t.t("notice-member-removed"),
        "owner-restored" => t.t("notice-owner-restored"),
        "workspace-left" => t.t("notice-workspace-left"),
        "channel-created" => t.t("notice-workspace-channel-created"),
        "channel-saved" => t.t("notice-workspace-channel-saved"),
        _ => return None,
    })
}

#[derive(Deserialize)]
pub struct NoticeQuery {
    notice: Option<String>,
}

/// "3 unread messages", or nothing when there are none.
pub(crate) fn unread_text(t: &Tr, unread: i64) -> Option<String> {
    (unread > 0).then(|| t.t1("unread-count-badge", "count", unread))
}

/// "1 mention", or nothing when there are none.
pub(crate) fn mentions_text(t: &Tr, mentions: i64) -> Option<String> {
    (mentions > 0).then(|| t.t1("mention-count-badge", "count", mentions))
}

fn kinds(t: &Tr, selected: WorkspaceKind) -> Vec<Opt> {
    WorkspaceKind::ALL
        .iter()
        .map(|k| Opt {
            value: k.as_str().into(),
            label: t.workspace_kind(k),
            selected: *k == selected,
        })
        .collect()
}

/// A choice of visibility with the sentence that explains it.
pub struct VisibilityOpt {
    pub value: String,
    pub label: String,
    pub hint: String,
    pub selected: bool,
}

fn visibilities(t: &Tr, selected: Visibility) -> Vec<VisibilityOpt> {
    Visibility::ALL
        .iter()
        .map(|v| VisibilityOpt {
            value: v.as_str().into(),
            label: t.visibility(v),
            hint: match v {
                Visibility::InviteOnly => t.t("visibility-invite-only-hint"),
                Visibility::Discoverable => t.t("visibility-discoverable-hint"),
            },
            selected: *v == selected,
        })
        .collect()
}

fn roles(t: &Tr, allowed: &[WorkspaceRole], selected: WorkspaceRole) -> Vec<Opt> {
    allowed
        .iter()
        .map(|r| Opt {
            value: r.as_str().into(),
            label: t.workspace_role(r),
            selected: *r == selected,
        })
        .collect()
}

fn parse_kind(s: &str) -> AppResult<WorkspaceKind> {
    WorkspaceKind::parse(s).ok_or_else(|| AppError::invalid(ErrorCode::InvalidValue, "kind"))
}

fn parse_visibility(s: &str) -> AppResult<Visibility> {
    Visibility::parse(s).ok_or_else(|| AppError::invalid(ErrorCode::InvalidValue, "visibility"))
}

fn parse_language(s: &str) -> AppResult<Language> {
    Language::parse(s).ok_or_else(|| AppError::invalid(ErrorCode::InvalidValue, "default_language"))
}

fn parse_role(s: &str) -> AppResult<WorkspaceRole> {
    WorkspaceRole::parse(s).ok_or_else(|| AppError::invalid(ErrorCode::InvalidValue, "role"))
}

fn sdg_numbers(form: &FormPairs) -> Vec<u8> {
    form.all("sdg_tags")
        .into_iter()
        // Out of range on purpose when unreadable, so the service names the field.
        .map(|v| v.trim().parse().unwrap_or(0))
        .collect()
}

/// Labels of a workspace's summary, shared by its page and its administration.
pub struct Summary {
    pub ws: WorkspaceView,
    pub kind_label: String,
    pub visibility_label: String,
    pub language_label: String,
    pub sdgs: Vec<String>,
    pub organisations: Vec<OrgRow>,
}

pub struct OrgRow {
    pub id: i64,
    pub name: String,
    pub country: String,
    pub status_label: String,
    pub invited: bool,
}

fn summary(t: &Tr, ws: WorkspaceView) -> Summary {
    Summary {
        kind_label: t.workspace_kind(&ws.kind),
        visibility_label: t.visibility(&ws.visibility),
        language_label: t.language_name(&ws.default_language),
        sdgs: ws.sdg_tags.iter().map(|n| t.sdg(*n)).collect(),
        organisations: ws
            .organisations
            .iter()
            .map(|o| OrgRow {
                id: o.organisation_id,
                name: o.name.clone(),
                country: o.country.clone(),
                status_label: t.participation(&o.status),
                invited: o.status == Participation::Invited,
            })
            .collect(),
        ws,
    }
}

/// What the caller may do in a workspace, as the policy decides it.
#[derive(Clone, Copy)]
struct Abilities {
    administer: bool,
    moderate: bool,
    govern_own: bool,
    decide: bool,
}

/// A workspace the caller may at least see, with its counts and what they may do there.
fn load_view(
    conn: &mut DbConnection,
    actor: &Actor,
    workspace_id: i64,
) -> AppResult<(WorkspaceView, Abilities, WorkspaceFacts)> {
    let scoped = service::load(conn, actor, workspace_id, WorkspaceAction::SeeSummary)?;
    let counts = crate::db::search::unread_counts(conn, actor.user_id)?;
    let totals = counts
        .iter()
        .filter(|c| c.workspace_id == Some(workspace_id))
        .fold((0, 0), |(u, m), c| (u + c.unread, m + c.mentions));
    let can = |action| decide(actor, &scoped.facts, action).is_ok();
    let abilities = Abilities {
        administer: can(WorkspaceAction::Administer),
        moderate: can(WorkspaceAction::Moderate),
        govern_own: can(WorkspaceAction::GovernOwnMembers),
        decide: can(WorkspaceAction::DecideParticipation),
    };
    Ok((
        service::view(conn, &scoped, totals)?,
        abilities,
        scoped.facts,
    ))
}

/// Whether the caller's organisation is invited (not yet active) in the workspace.
fn own_invitation(ws: &WorkspaceView, organisation_id: i64) -> bool {
    ws.organisations
        .iter()
        .any(|o| o.organisation_id == organisation_id && o.status == Participation::Invited)
}

// ---------------------------------------------------------------------------------------------
// Creating a workspace
// ---------------------------------------------------------------------------------------------

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
    let owners = if actor.network_admin {
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
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let form = FormPairs::parse(&body)?;
    let owner = match form.get("owner_organisation_id").map(str::trim) {
        None | Some("") => None,
        Some(v) => Some(v.parse().unwrap_or(0)),
    };
    let shown = NewWorkspaceInput {
        kind: WorkspaceKind::parse(&form.text("kind")).unwrap_or(WorkspaceKind::Twinning),
        name: form.text("name"),
        description: form.text("description"),
        sdgs: sdg_numbers(&form),
        visibility: Visibility::parse(&form.text("visibility")).unwrap_or(Visibility::InviteOnly),
        language: Language::parse(&form.text("default_language")).unwrap_or(ctx.tr.lang),
        owner: owner.unwrap_or(actor.organisation_id),
    };
    let result = async {
        let input = NewWorkspace {
            kind: parse_kind(&form.text("kind"))?,
            name: form.text("name"),
            description: form.text("description"),
            sdg_tags: sdg_numbers(&form),
            visibility: parse_visibility(&form.text("visibility"))?,
            default_language: parse_language(&form.text("default_language"))?,
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

// ---------------------------------------------------------------------------------------------
// A workspace's page
// ---------------------------------------------------------------------------------------------

pub struct ChannelRow {
    pub id: i64,
    pub name: String,
    pub topic: String,
    pub private: bool,
    pub archived: bool,
    pub unread: Option<String>,
    pub mentions: Option<String>,
}

#[derive(Template)]
#[template(path = "workspace.html")]
struct WorkspacePage {
    page: Page,
    s: Summary,
    role_label: Option<String>,
    unread: Option<String>,
    mentions: Option<String>,
    channels: Vec<ChannelRow>,
    /// Owners, moderators and organisation admins governing their own people.
    can_manage: bool,
    /// An organisation admin whose organisation is invited.
    can_decide: bool,
    /// An organisation admin whose organisation takes part and may leave.
    can_withdraw: bool,
    /// The reader, for the "leave" form.
    me: i64,
}

pub async fn show(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    query: web::Query<NoticeQuery>,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let id = path.into_inner();
    let (ws, can, facts) = state
        .db
        .read(move |conn| load_view(conn, &actor, id))
        .await?;
    let can_withdraw = facts.own_participation == Some(Participation::Active)
        && policy::withdraw(&actor, &facts).is_ok();
    let t = &ctx.tr;
    let channels = if ws.my_role.is_some() {
        messaging::list_channels(&state, &actor, id)
            .await?
            .into_iter()
            .map(|c| ChannelRow {
                unread: unread_text(t, c.unread),
                mentions: mentions_text(t, c.mentions),
                id: c.id,
                name: c.name,
                topic: c.topic,
                private: c.private,
                archived: c.archived,
            })
            .collect()
    } else {
        Vec::new()
    };
    let can_decide = can.decide && own_invitation(&ws, actor.organisation_id);
    WorkspacePage {
        me: actor.user_id,
        page: Page::new(&state, &ctx, ws.name.clone())
            .with_notice(notice_text(t, query.notice.as_deref())),
        role_label: ws.my_role.map(|r| t.workspace_role(&r)),
        unread: unread_text(t, ws.unread),
        mentions: mentions_text(t, ws.mentions),
        channels,
        can_manage: can.administer || can.moderate || can.govern_own,
        can_decide,
        can_withdraw,
        s: summary(t, ws),
    }
    .respond()
}

// ---------------------------------------------------------------------------------------------
// Administration
// ---------------------------------------------------------------------------------------------

pub struct MemberRow {
    pub user_id: i64,
    pub name: String,
    pub organisation: String,
    pub role_label: String,
    /// Choices of a new role; empty when the caller may not change this person's role.
    pub roles: Vec<Opt>,
    pub can_remove: bool,
    pub is_self: bool,
    pub errors: FormErrors,
}

pub struct AdminChannelRow {
    pub id: i64,
    pub name: String,
    pub topic: String,
    pub private: bool,
    pub archived: bool,
    pub errors: FormErrors,
    pub name_invalid: bool,
    pub topic_invalid: bool,
}

#[derive(Template)]
#[template(path = "workspace_admin.html")]
struct AdminPage {
    page: Page,
    s: Summary,
    administer: bool,
    moderate: bool,
    /// An organisation admin who is not a moderator: only their own people.
    own_only: bool,
    // Settings.
    name: String,
    description: String,
    sdgs: Vec<Opt>,
    visibilities: Vec<VisibilityOpt>,
    languages: Vec<Opt>,
    archived: bool,
    settings_errors: FormErrors,
    // Organisations.
    invitable: Vec<Opt>,
    invite_errors: FormErrors,
    // Members.
    members: Vec<MemberRow>,
    candidates: Vec<Opt>,
    add_roles: Vec<Opt>,
    add_errors: FormErrors,
    /// People of the owning organisation the caller may make owners; empty hides the form.
    restorable: Vec<Opt>,
    restore_errors: FormErrors,
    // Channels.
    channels: Vec<AdminChannelRow>,
    channel_people: Vec<Opt>,
    channel_name: String,
    channel_topic: String,
    channel_private: bool,
    channel_errors: FormErrors,
}

/// Which form of the administration page an error belongs to.
enum AdminForm {
    Settings,
    Invite,
    AddMember,
    RestoreOwner,
    Member(i64),
    Channel(i64),
}

/// Active people of the given organisations (active ones only), with their organisation's name.
fn people_of(
    conn: &mut DbConnection,
    organisation_ids: &[i64],
) -> AppResult<Vec<(i64, String, String)>> {
    Ok(users::table
        .inner_join(organisations::table)
        .filter(users::organisation_id.eq_any(organisation_ids))
        .filter(users::status.eq(UserStatus::Active.as_str()))
        .filter(organisations::status.eq(OrgStatus::Active.as_str()))
        .order((organisations::name, users::display_name, users::id))
        .select((users::id, users::display_name, organisations::name))
        .load(conn)?)
}

struct AdminData {
    ws: WorkspaceView,
    can: Abilities,
    facts: WorkspaceFacts,
    members: Vec<(Member, String, String)>,
    owners: i64,
    candidates: Vec<(i64, String, String)>,
    /// People the caller may make owners to repair the workspace.
    restorable: Vec<(i64, String, String)>,
    invitable: Vec<Organisation>,
}

async fn admin_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    workspace_id: i64,
    notice: Option<String>,
) -> AppResult<AdminPage> {
    let actor = *actor;
    let data = state
        .db
        .read(move |conn| {
            let (ws, can, facts) = load_view(conn, &actor, workspace_id)?;
            if !(can.administer || can.moderate || can.govern_own) {
                // The policy's own answer to those who may only look.
                decide(&actor, &facts, WorkspaceAction::Moderate)?;
            }
            let own_only = !can.moderate;
            let members: Vec<(Member, String, String)> = Member::list(conn, workspace_id)?
                .into_iter()
                .filter(|(m, _, _)| !own_only || m.organisation_id == actor.organisation_id)
                .collect();
            let active_orgs: Vec<i64> = Participant::list(conn, workspace_id)?
                .into_iter()
                .filter(|(p, _, _)| p.status() == Participation::Active)
                .map(|(p, _, _)| p.organisation_id)
                .filter(|org| !own_only || *org == actor.organisation_id)
                .collect();
            let member_ids: Vec<i64> = Member::user_ids(conn, workspace_id)?;
            let owners = Member::count_owners(conn, workspace_id)?;
            let owning = ws.owner_organisation_id;
            let restorable =
                if policy::restore_owner(&actor, &facts, owning, Some(Participation::Active))
                    .is_ok()
                {
                    let current: Vec<i64> = Member::list(conn, workspace_id)?
                        .into_iter()
                        .filter(|(m, _, _)| m.role() == WorkspaceRole::Owner)
                        .map(|(m, _, _)| m.user_id)
                        .collect();
                    people_of(conn, &[owning])?
                        .into_iter()
                        .filter(|(id, _, _)| !current.contains(id))
                        .collect()
                } else {
                    Vec::new()
                };
            let candidates = if can.moderate || can.govern_own {
                people_of(conn, &active_orgs)?
                    .into_iter()
                    .filter(|(id, _, _)| !member_ids.contains(id))
                    .collect()
            } else {
                Vec::new()
            };
            let invitable = if can.administer {
                let involved: Vec<i64> =
                    ws.organisations.iter().map(|o| o.organisation_id).collect();
                Organisation::list_all(conn)?
                    .into_iter()
                    .filter(|o| o.is_active() && !involved.contains(&o.id))
                    .collect()
            } else {
                Vec::new()
            };
            Ok(AdminData {
                ws,
                can,
                facts,
                members,
                owners,
                candidates,
                restorable,
                invitable,
            })
        })
        .await?;
    let t = &ctx.tr;
    let can = data.can;
    let channels = if can.moderate {
        messaging::list_channels(state, &actor, workspace_id)
            .await?
            .into_iter()
            .map(|c| AdminChannelRow {
                id: c.id,
                name: c.name,
                topic: c.topic,
                private: c.private,
                archived: c.archived,
                errors: FormErrors::default(),
                name_invalid: false,
                topic_invalid: false,
            })
            .collect()
    } else {
        Vec::new()
    };
    let channel_people = data
        .members
        .iter()
        .filter(|(m, _, _)| m.user_id != actor.user_id)
        .map(|(m, name, org)| Opt {
            value: m.user_id.to_string(),
            label: format!("{name} ({org})"),
            selected: false,
        })
        .collect();
    let members = data
        .members
        .into_iter()
        .map(|(m, name, organisation)| {
            let target = Target {
                user_id: m.user_id,
                organisation_id: m.organisation_id,
                role: m.role(),
                owners: data.owners,
            };
            let offered = policy::assignable_roles(&actor, &data.facts, &target);
            MemberRow {
                user_id: m.user_id,
                role_label: t.workspace_role(&target.role),
                roles: if offered.is_empty() {
                    Vec::new()
                } else {
                    let choices: Vec<WorkspaceRole> = WorkspaceRole::ALL
                        .iter()
                        .copied()
                        .filter(|r| *r == target.role || offered.contains(r))
                        .collect();
                    roles(t, &choices, target.role)
                },
                can_remove: policy::remove_member(&actor, &data.facts, &target).is_ok(),
                is_self: m.user_id == actor.user_id,
                name,
                organisation,
                errors: FormErrors::default(),
            }
        })
        .collect();
    let ws = data.ws;
    Ok(AdminPage {
        page: Page::new(
            state,
            ctx,
            t.t1("workspace-admin-title", "workspace", &ws.name),
        )
        .with_notice(notice),
        administer: can.administer,
        moderate: can.moderate,
        own_only: !can.moderate,
        name: ws.name.clone(),
        description: ws.description.clone(),
        sdgs: options::sdgs(t, &ws.sdg_tags),
        visibilities: visibilities(t, ws.visibility),
        languages: options::languages(t, ws.default_language),
        archived: ws.archived,
        settings_errors: FormErrors::default(),
        invitable: data
            .invitable
            .into_iter()
            .map(|o| Opt {
                value: o.id.to_string(),
                label: format!("{} ({})", o.name, o.country),
                selected: false,
            })
            .collect(),
        invite_errors: FormErrors::default(),
        members,
        candidates: data
            .candidates
            .into_iter()
            .map(|(id, name, org)| Opt {
                value: id.to_string(),
                label: format!("{name} ({org})"),
                selected: false,
            })
            .collect(),
        add_roles: roles(
            t,
            &policy::addable_roles(&actor, &data.facts),
            WorkspaceRole::Member,
        ),
        add_errors: FormErrors::default(),
        restorable: data
            .restorable
            .into_iter()
            .map(|(id, name, org)| Opt {
                value: id.to_string(),
                label: format!("{name} ({org})"),
                selected: false,
            })
            .collect(),
        restore_errors: FormErrors::default(),
        channels,
        channel_people,
        channel_name: String::new(),
        channel_topic: String::new(),
        channel_private: false,
        channel_errors: FormErrors::default(),
        s: summary(t, ws),
    })
}

pub async fn admin(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    query: web::Query<NoticeQuery>,
) -> AppResult<HttpResponse> {
    let notice = notice_text(&ctx.tr, query.notice.as_deref());
    admin_page(&state, &ctx, &user.actor(), path.into_inner(), notice)
        .await?
        .respond()
}

/// The administration page shown again with a form's errors, or the error itself.
async fn admin_again(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    workspace_id: i64,
    form: AdminForm,
    error: AppError,
) -> AppResult<HttpResponse> {
    let (errors, status) = form_or_err(ctx, error)?;
    let mut page = admin_page(state, ctx, actor, workspace_id, None).await?;
    match form {
        AdminForm::Settings => page.settings_errors = errors,
        AdminForm::Invite => page.invite_errors = errors,
        AdminForm::AddMember => page.add_errors = errors,
        AdminForm::RestoreOwner => page.restore_errors = prefixed(errors, "owner_"),
        AdminForm::Member(id) => match page.members.iter_mut().find(|m| m.user_id == id) {
            Some(row) => row.errors = prefixed(errors, &format!("member-{id}-")),
            None => page.add_errors = errors,
        },
        AdminForm::Channel(id) => match page.channels.iter_mut().find(|c| c.id == id) {
            Some(row) => {
                row.name_invalid = errors.get("name").is_some();
                row.topic_invalid = errors.get("topic").is_some();
                row.errors = prefixed(errors, &format!("channel-{id}-"));
            }
            None => page.channel_errors = errors,
        },
    }
    page.respond_with(status)
}

fn admin_url(workspace_id: i64, notice: &str) -> String {
    format!("/workspaces/{workspace_id}/admin?notice={notice}")
}

pub async fn update_settings(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let id = path.into_inner();
    let form = FormPairs::parse(&body)?;
    let result = async {
        let input = WorkspaceUpdate {
            name: Some(form.text("name")),
            description: Some(form.text("description")),
            sdg_tags: Some(sdg_numbers(&form)),
            visibility: Some(parse_visibility(&form.text("visibility"))?),
            default_language: Some(parse_language(&form.text("default_language"))?),
            archived: Some(form.checked("archived")),
        };
        service::update(&state, &actor, id, input).await
    }
    .await;
    match result {
        Ok(_) => Ok(see_other(&admin_url(id, "workspace-saved"))),
        Err(e) => admin_again(&state, &ctx, &actor, id, AdminForm::Settings, e).await,
    }
}

pub async fn invite_organisation(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let id = path.into_inner();
    let form = FormPairs::parse(&body)?;
    let organisation = form.ids("organisation_id").first().copied().unwrap_or(0);
    match service::invite_organisation(&state, &actor, id, organisation).await {
        Ok(()) => Ok(see_other(&admin_url(id, "organisation-invited"))),
        Err(e) => admin_again(&state, &ctx, &actor, id, AdminForm::Invite, e).await,
    }
}

/// Accepting or declining for one's organisation, from the home page or the workspace page.
pub async fn decide_participation(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = FormPairs::parse(&body)?;
    let (accept, notice) = match form.get("decision") {
        Some("accept") => (true, "/?notice=participation-accepted"),
        Some("decline") => (false, "/?notice=participation-declined"),
        // The same decision once the organisation takes part: it leaves.
        Some("withdraw") => (false, "/?notice=participation-withdrawn"),
        _ => return Err(AppError::invalid(ErrorCode::InvalidValue, "decision")),
    };
    service::decide_participation(&state, &user.actor(), id, accept).await?;
    Ok(see_other(notice))
}

pub async fn add_member(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let id = path.into_inner();
    let form = FormPairs::parse(&body)?;
    let result = async {
        let input = AddWorkspaceMember {
            user_id: form.ids("user_id").first().copied().unwrap_or(0),
            role: match form.get("role") {
                None | Some("") => WorkspaceRole::Member,
                Some(r) => parse_role(r)?,
            },
        };
        service::add_member(&state, &actor, id, input).await
    }
    .await;
    match result {
        Ok(()) => Ok(see_other(&admin_url(id, "member-added"))),
        Err(e) => admin_again(&state, &ctx, &actor, id, AdminForm::AddMember, e).await,
    }
}

pub async fn change_role(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let (id, user_id) = path.into_inner();
    let form = FormPairs::parse(&body)?;
    let result = async {
        let role = parse_role(&form.text("role"))?;
        service::set_member_role(&state, &actor, id, user_id, role).await
    }
    .await;
    match result {
        Ok(()) => Ok(see_other(&admin_url(id, "member-role-changed"))),
        Err(e) => admin_again(&state, &ctx, &actor, id, AdminForm::Member(user_id), e).await,
    }
}

/// Making someone of the owning organisation an owner again (see [`service::restore_owner`]).
pub async fn restore_owner(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let id = path.into_inner();
    let form = FormPairs::parse(&body)?;
    let person = form.ids("user_id").first().copied().unwrap_or(0);
    match service::restore_owner(&state, &actor, id, person).await {
        Ok(()) => Ok(see_other(&admin_url(id, "owner-restored"))),
        Err(e) => admin_again(&state, &ctx, &actor, id, AdminForm::RestoreOwner, e).await,
    }
}

pub async fn remove_member(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let (id, user_id) = path.into_inner();
    match service::remove_member(&state, &actor, id, user_id).await {
        // Having left, one may no longer see the workspace.
        Ok(()) if user_id == actor.user_id => Ok(see_other("/?notice=workspace-left")),
        Ok(()) => Ok(see_other(&admin_url(id, "member-removed"))),
        Err(e) => admin_again(&state, &ctx, &actor, id, AdminForm::Member(user_id), e).await,
    }
}

pub async fn create_channel(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let id = path.into_inner();
    let form = FormPairs::parse(&body)?;
    let private = form.checked("private");
    let input = NewChannel {
        name: form.text("name"),
        topic: form.text("topic"),
        private,
        member_ids: if private {
            form.ids("member_ids")
        } else {
            Vec::new()
        },
    };
    match messaging::create_channel(&state, &actor, id, input).await {
        Ok(_) => Ok(see_other(&format!(
            "/workspaces/{id}?notice=channel-created"
        ))),
        Err(e) => {
            let (errors, status) = form_or_err(&ctx, e)?;
            let mut page = admin_page(&state, &ctx, &actor, id, None).await?;
            page.channel_errors = prefixed(errors, "channel_");
            page.channel_name = form.text("name");
            page.channel_topic = form.text("topic");
            page.channel_private = private;
            let chosen = form.ids("member_ids");
            for p in &mut page.channel_people {
                p.selected = chosen.iter().any(|c| c.to_string() == p.value);
            }
            page.respond_with(status)
        }
    }
}

/// Renaming, a new topic, archiving or unarchiving: whichever fields the form sends.
pub async fn update_channel(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let channel_id = path.into_inner();
    let form = FormPairs::parse(&body)?;
    let input = ChannelUpdate {
        name: form.get("name").map(str::to_string),
        topic: form.get("topic").map(str::to_string),
        archived: form.get("archived").map(|v| v == "true"),
    };
    match messaging::update_channel(&state, &actor, channel_id, input).await {
        Ok(channel) => match channel.workspace_id {
            Some(ws) => Ok(see_other(&admin_url(ws, "channel-saved"))),
            None => Ok(see_other(&format!("/channels/{channel_id}"))),
        },
        Err(e) => {
            if !is_form_error(&e) {
                return Err(e);
            }
            // The page to show again is the administration of the channel's workspace, which
            // decides on its own whether the caller may see it.
            let (view, _, _) = messaging::channel_summary(&state, &actor, channel_id).await?;
            let Some(ws) = view.workspace_id else {
                return Err(e);
            };
            admin_again(&state, &ctx, &actor, ws, AdminForm::Channel(channel_id), e).await
        }
    }
}
