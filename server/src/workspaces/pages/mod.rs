//! HTML pages for workspaces: creating one, its summary and channels, and its administration
//! (settings, organisations, members, channels). Every decision is the services' and the policy's;
//! the pages only show what the caller may do and send the forms to the services.

pub mod admin;
pub mod channels;
pub mod members;
pub mod new;
pub mod participation;
pub mod read_all;
pub mod settings;
pub mod show;

use agora_shared::ErrorCode;
use agora_shared::api::Language;
use agora_shared::conversations::{
    Participation, Visibility, WorkspaceKind, WorkspaceRole, WorkspaceView,
};
use serde::Deserialize;

use super::service;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::policy::Actor;
use crate::policy::workspace::{
    WorkspaceAbilities, WorkspaceAction, WorkspaceFacts, workspace_abilities,
};
use crate::web::options::Opt;

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
        "marked-read" => t.t("notice-marked-read"),
        _ => return None,
    })
}

#[derive(Deserialize)]
pub struct NoticeQuery {
    pub(crate) notice: Option<String>,
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

/// The fields of the create and settings forms of a workspace.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct WorkspaceForm {
    kind: String,
    name: String,
    description: String,
    /// Text, not numbers: an unreadable goal is the service's to name (see [`sdg_numbers`]).
    sdg_tags: Vec<String>,
    visibility: String,
    default_language: String,
    archived: Option<String>,
    owner_organisation_id: Option<i64>,
}

fn sdg_numbers(tags: &[String]) -> Vec<u8> {
    tags.iter()
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

/// A workspace the caller may at least see, with its counts and what they may do there.
fn load_view(
    conn: &mut DbConnection,
    actor: &Actor,
    workspace_id: i64,
) -> AppResult<(WorkspaceView, WorkspaceAbilities, WorkspaceFacts)> {
    let scoped = service::load(conn, actor, workspace_id, WorkspaceAction::SeeSummary)?;
    let counts = crate::db::unread::unread_counts(conn, actor.user_id)?;
    let totals = counts
        .iter()
        .filter(|c| c.workspace_id == Some(workspace_id))
        .fold((0, 0), |(u, m), c| (u + c.unread, m + c.mentions));
    let abilities = workspace_abilities(actor, &scoped.facts);
    Ok((
        service::view(conn, &scoped, totals)?,
        abilities,
        scoped.facts,
    ))
}
