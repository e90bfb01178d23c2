//! A workspace's administration page, shown again with a form's errors when a post is refused.

use actix_web::{HttpResponse, web};
use agora_shared::api::{OrgStatus, UserStatus};
use agora_shared::conversations::{Participation, WorkspaceRole, WorkspaceView};
use askama::Template;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{organisations, users};
use crate::error::{AppError, AppResult};
use crate::organisations::model::Organisation;
use crate::policy::Actor;
use crate::policy::workspace::{
    self as policy, People, Target, WorkspaceAbilities, WorkspaceFacts,
};
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::CurrentUser;
use crate::web::forms::{FormErrors, form_or_err};
use crate::web::options::{self, Opt};
use crate::web::page::{Page, RenderHtml};
use crate::workspaces::model::{Member, Participant};
use crate::workspaces::service;

use super::{
    NoticeQuery, Summary, VisibilityOpt, load_view, notice_text, roles, summary, visibilities,
};

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
pub(super) struct AdminPage {
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
    pub(super) channel_people: Vec<Opt>,
    pub(super) channel_name: String,
    pub(super) channel_topic: String,
    pub(super) channel_private: bool,
    pub(super) channel_errors: FormErrors,
}

/// Which form of the administration page an error belongs to.
pub(super) enum AdminForm {
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
    can: WorkspaceAbilities,
    facts: WorkspaceFacts,
    members: Vec<(Member, String, String)>,
    owners: i64,
    candidates: Vec<(i64, String, String)>,
    /// People the caller may make owners to repair the workspace.
    restorable: Vec<(i64, String, String)>,
    invitable: Vec<Organisation>,
}

pub(super) async fn admin_page(
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
            policy::open_administration(&actor, &facts)?;
            let managed = can.managed_people;
            let members: Vec<(Member, String, String)> = Member::list(conn, workspace_id)?
                .into_iter()
                .filter(|(m, _, _)| managed.includes(&actor, m.organisation_id))
                .collect();
            let active_orgs: Vec<i64> = Participant::list(conn, workspace_id)?
                .into_iter()
                .filter(|(p, _, _)| p.status() == Participation::Active)
                .map(|(p, _, _)| p.organisation_id)
                .filter(|org| managed.includes(&actor, *org))
                .collect();
            let member_ids: Vec<i64> = Member::user_ids(conn, workspace_id)?;
            let owners = Member::count_owners(conn, workspace_id)?;
            let owning = ws.owner_organisation_id;
            let restorable = if can.may_restore_owner {
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
            let candidates = if can.may_add_members {
                people_of(conn, &active_orgs)?
                    .into_iter()
                    .filter(|(id, _, _)| !member_ids.contains(id))
                    .collect()
            } else {
                Vec::new()
            };
            let invitable = if can.may_administer {
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
    let can = &data.can;
    let channels = if can.may_moderate {
        service::list_channels(state, &actor, workspace_id)
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
            let may = policy::member_abilities(&actor, &data.facts, &target);
            let offered = may.may_change_role_to;
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
                can_remove: may.may_remove,
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
        administer: can.may_administer,
        moderate: can.may_moderate,
        own_only: can.managed_people == People::OwnOrganisation,
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
        add_roles: roles(t, &can.addable_roles, WorkspaceRole::Member),
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
pub(super) async fn admin_again(
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

pub(super) fn admin_url(workspace_id: i64, notice: &str) -> String {
    format!("/workspaces/{workspace_id}/admin?notice={notice}")
}

/// Errors of one form among several on a page: field ids get the form's prefix so the summary
/// links to the right field.
pub(super) fn prefixed(mut errors: FormErrors, prefix: &str) -> FormErrors {
    for e in &mut errors.errors {
        if e.field != "form" {
            e.field = format!("{prefix}{}", e.field);
        }
    }
    errors
}
