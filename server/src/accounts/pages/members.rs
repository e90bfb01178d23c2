//! An organisation's members and invitations, as its administrators manage them.

use actix_web::{HttpResponse, web};
use agora_shared::api::{
    InvitationStatus, Language, MemberUpdate, NewInvitation, OrgRole, UserStatus,
};
use askama::Template;
use serde::Deserialize;

use crate::accounts::invitation::Invitation;
use crate::accounts::service;
use crate::accounts::user::User;
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::OrgAccess;
use crate::web::extract::actions;
use crate::web::forms::{FormErrors, form_or_err};
use crate::web::options::{self, Opt};
use crate::web::page::{Page, RenderHtml, see_other};

use super::{NextQuery, notice_text};

/// A row of the members table.
struct MemberRow {
    user: User,
    role_label: String,
    status_label: String,
    active: bool,
    admin: bool,
    is_self: bool,
    /// The address hard-bounced: shown to those who manage members, who can fix the address.
    bounced: bool,
}

struct InvitationRow {
    id: i64,
    email: String,
    role_label: String,
    status_label: String,
    pending: bool,
    expires: String,
}

#[derive(Template)]
#[template(path = "members.html")]
struct MembersPage {
    page: Page,
    org_id: i64,
    org_name: String,
    members: Vec<MemberRow>,
    invitations: Vec<InvitationRow>,
    can_manage: bool,
    can_invite: bool,
    roles: Vec<Opt>,
    languages: Vec<Opt>,
    invite_email: String,
    errors: FormErrors,
}

async fn members_page(
    state: &AppState,
    ctx: &Ctx,
    access: &OrgAccess<actions::View>,
    notice: Option<String>,
) -> AppResult<MembersPage> {
    let actor = access.actor();
    let org = access.organisation.clone();
    let can_manage =
        crate::policy::organisation(&actor, org.id, crate::policy::Action::ManageMembers).is_ok();
    let can_invite =
        crate::policy::organisation(&actor, org.id, crate::policy::Action::ManageInvitations)
            .is_ok();
    let org_id = org.id;
    let (members, invitations, bounced) = state
        .db
        .read(move |conn| {
            let members = User::list_in_org(conn, org_id)?;
            let invitations = if can_invite {
                Invitation::list_in_org(conn, org_id)?
            } else {
                Vec::new()
            };
            let bounced = if can_manage {
                let addresses: Vec<String> = members.iter().map(|u| u.email.clone()).collect();
                crate::mail::bounces::bounced_among(conn, &addresses)?
            } else {
                Vec::new()
            };
            Ok((members, invitations, bounced))
        })
        .await?;
    let now = state.clock.now();
    let tz = access.identity.user.time_zone.clone();
    let t = &ctx.tr;
    Ok(MembersPage {
        page: Page::new(state, ctx, t.t1("members-title", "organisation", &org.name))
            .with_notice(notice),
        org_id,
        org_name: org.name.clone(),
        members: members
            .into_iter()
            .map(|u| MemberRow {
                role_label: t.role(&u.role()),
                status_label: t.user_status(&u.status()),
                active: u.is_active(),
                admin: u.role() == OrgRole::Admin,
                is_self: u.id == actor.user_id,
                bounced: bounced.contains(&u.email),
                user: u,
            })
            .collect(),
        invitations: invitations
            .into_iter()
            .map(|i| InvitationRow {
                id: i.id,
                email: i.email.clone(),
                role_label: t.role(&i.role()),
                status_label: t.invitation_status(&i.status(now)),
                pending: i.status(now) == InvitationStatus::Pending,
                expires: crate::time::date_time(i.expires_at, &tz, t),
            })
            .collect(),
        can_manage,
        can_invite,
        roles: options::roles(t, OrgRole::Member),
        languages: options::languages(t, org.language()),
        invite_email: String::new(),
        errors: FormErrors::default(),
    })
}

pub async fn members(
    state: web::Data<AppState>,
    ctx: Ctx,
    access: OrgAccess<actions::View>,
    query: web::Query<NextQuery>,
) -> AppResult<HttpResponse> {
    let notice = notice_text(&ctx, query.notice.as_deref());
    members_page(&state, &ctx, &access, notice).await?.respond()
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    language: String,
}

pub async fn invite(
    state: web::Data<AppState>,
    ctx: Ctx,
    access: OrgAccess<actions::View>,
    form: web::Form<InviteForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let input = NewInvitation {
        email: form.email.clone(),
        role: OrgRole::parse(&form.role).unwrap_or(service::DEFAULT_ROLE),
        language: Language::parse(&form.language),
    };
    match service::invite(&state, &access.identity, &access.organisation, input).await {
        Ok(_) => Ok(see_other(&format!(
            "/orgs/{}/members?notice=invitation-sent",
            access.organisation.id
        ))),
        Err(e) => {
            let (errors, status) = form_or_err(&ctx, e)?;
            let mut page = members_page(&state, &ctx, &access, None).await?;
            page.errors = errors;
            page.invite_email = form.email;
            page.respond_with(status)
        }
    }
}

pub async fn revoke_invitation(
    state: web::Data<AppState>,
    access: OrgAccess<actions::ManageInvitations>,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    let (_, id) = path.into_inner();
    service::revoke_invitation(&state, &access.actor(), access.organisation.id, id).await?;
    Ok(see_other(&format!(
        "/orgs/{}/members?notice=invitation-revoked",
        access.organisation.id
    )))
}

#[derive(Deserialize)]
pub struct MemberForm {
    role: Option<String>,
    status: Option<String>,
}

pub async fn update_member(
    state: web::Data<AppState>,
    access: OrgAccess<actions::ManageMembers>,
    path: web::Path<(i64, i64)>,
    form: web::Form<MemberForm>,
) -> AppResult<HttpResponse> {
    let (_, user_id) = path.into_inner();
    let input = MemberUpdate {
        role: form.role.as_deref().and_then(OrgRole::parse),
        status: form.status.as_deref().and_then(UserStatus::parse),
    };
    service::update_member(
        &state,
        &access.actor(),
        access.organisation.id,
        user_id,
        input,
    )
    .await?;
    Ok(see_other(&format!(
        "/orgs/{}/members?notice=member-updated",
        access.organisation.id
    )))
}
