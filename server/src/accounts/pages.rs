//! HTML pages for signing in, invitations, password resets, profiles and members.

use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use agora_shared::api::{
    AcceptInvitation, InvitationStatus, Language, MemberUpdate, NewInvitation, OrgRole,
    PasswordChange, ProfileUpdate, UserKind, UserStatus,
};
use askama::Template;
use serde::Deserialize;

use super::invitation::Invitation;
use super::service;
use super::user::User;
use crate::error::{AppError, AppResult};
use crate::policy::extract::actions;
use crate::policy::{CurrentUser, OrgAccess};
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::cookies;
use crate::web::forms::{FormErrors, is_form_error};
use crate::web::options::{self, Opt};
use crate::web::page::{Page, RenderHtml, see_other};

/// Only same-site paths are followed after sign-in.
fn safe_next(state: &AppState, next: Option<&str>) -> String {
    crate::web::redirect::same_site_path(&state.config.public_url, next)
}

fn with_session_cookie(state: &AppState, mut res: HttpResponse, token: String) -> HttpResponse {
    let _ = res.add_cookie(&cookies::session(
        token,
        state.config.https(),
        agora_shared::limits::SESSION_TTL_DAYS,
    ));
    res
}

/// Turns a form's validation failure into the form shown again; other errors propagate.
fn form_or_err(ctx: &Ctx, e: AppError) -> AppResult<(FormErrors, StatusCode)> {
    if is_form_error(&e) {
        Ok((FormErrors::from_error(ctx, &e), e.status))
    } else {
        Err(e)
    }
}

/// Direct conversations listed on the home page.
const HOME_DIRECT: usize = 8;

/// A workspace on the home page, with its counts as text (not colour alone).
struct HomeWorkspace {
    id: i64,
    name: String,
    kind_label: String,
    role_label: Option<String>,
    archived: bool,
    unread: Option<String>,
    mentions: Option<String>,
}

/// A workspace the person's organisation is invited to, for its admins to accept or decline.
struct HomeInvitation {
    id: i64,
    name: String,
    kind_label: String,
    description: String,
    from: String,
}

/// A direct conversation: the other people, and its unread count.
struct HomeDirect {
    id: i64,
    names: String,
    unread: Option<String>,
    mentions: Option<String>,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: Page,
    user: User,
    org_name: String,
    org_id: i64,
    can_create: bool,
    workspaces: Vec<HomeWorkspace>,
    others: Vec<HomeWorkspace>,
    invitations: Vec<HomeInvitation>,
    direct: Vec<HomeDirect>,
}

pub async fn home(
    state: web::Data<AppState>,
    ctx: Ctx,
    query: web::Query<NextQuery>,
) -> AppResult<HttpResponse> {
    use crate::workspaces::pages::{mentions_text, notice_text, unread_text};
    use agora_shared::conversations::Participation;

    let Some(identity) = ctx.identity.clone() else {
        return Ok(see_other("/signin"));
    };
    let actor = identity.actor();
    let t = &ctx.tr;
    let listed = crate::workspaces::service::list(&state, &actor).await?;
    let mut direct = crate::messaging::service::list_direct(&state, &actor).await?;
    // Unread conversations first; the full list is on /direct.
    direct.sort_by_key(|(c, _)| std::cmp::Reverse(c.unread > 0));
    direct.truncate(HOME_DIRECT);
    let mut workspaces = Vec::new();
    let mut others = Vec::new();
    let mut invitations = Vec::new();
    for ws in listed {
        let own = ws
            .organisations
            .iter()
            .find(|o| o.organisation_id == actor.organisation_id)
            .map(|o| o.status);
        if ws.my_role.is_none() && own == Some(Participation::Invited) && identity.is_org_admin() {
            invitations.push(HomeInvitation {
                id: ws.id,
                kind_label: t.workspace_kind(&ws.kind),
                from: ws
                    .organisations
                    .iter()
                    .find(|o| o.organisation_id == ws.owner_organisation_id)
                    .map(|o| o.name.clone())
                    .unwrap_or_default(),
                description: ws.description,
                name: ws.name,
            });
            continue;
        }
        let item = HomeWorkspace {
            id: ws.id,
            kind_label: t.workspace_kind(&ws.kind),
            role_label: ws.my_role.map(|r| t.workspace_role(&r)),
            archived: ws.archived,
            unread: unread_text(t, ws.unread),
            mentions: mentions_text(t, ws.mentions),
            name: ws.name,
        };
        if item.role_label.is_some() {
            workspaces.push(item);
        } else {
            others.push(item);
        }
    }
    let page = Page::new(&state, &ctx, t.t("home-title"))
        .with_notice(notice_text(t, query.notice.as_deref()));
    HomePage {
        page,
        org_name: identity.organisation.name.clone(),
        org_id: identity.organisation.id,
        can_create: identity.is_org_admin() || actor.network_admin,
        workspaces,
        others,
        invitations,
        direct: direct
            .into_iter()
            .map(|(c, names)| HomeDirect {
                id: c.id,
                names: names.join(", "),
                unread: unread_text(t, c.unread),
                mentions: mentions_text(t, c.mentions),
            })
            .collect(),
        user: identity.user,
    }
    .respond()
}

#[derive(Template)]
#[template(path = "signin.html")]
struct SignInPage {
    page: Page,
    email: String,
    next: String,
    errors: FormErrors,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
    notice: Option<String>,
}

fn notice_text(ctx: &Ctx, key: Option<&str>) -> Option<String> {
    // Only known notices: the query string must not put arbitrary text on the page.
    match key? {
        "reset-sent" => Some(ctx.tr.t("notice-reset-sent")),
        "password-reset" => Some(ctx.tr.t("notice-password-reset")),
        "signed-out" => Some(ctx.tr.t("notice-signed-out")),
        "profile-saved" => Some(ctx.tr.t("notice-profile-saved")),
        "password-changed" => Some(ctx.tr.t("notice-password-changed")),
        "invitation-sent" => Some(ctx.tr.t("notice-invitation-sent")),
        "invitation-revoked" => Some(ctx.tr.t("notice-invitation-revoked")),
        "member-updated" => Some(ctx.tr.t("notice-member-updated")),
        "organisation-saved" => Some(ctx.tr.t("notice-organisation-saved")),
        _ => None,
    }
}

pub async fn sign_in_form(
    state: web::Data<AppState>,
    ctx: Ctx,
    query: web::Query<NextQuery>,
) -> AppResult<HttpResponse> {
    let notice = notice_text(&ctx, query.notice.as_deref());
    SignInPage {
        page: Page::new(&state, &ctx, ctx.tr.t("signin-title")).with_notice(notice),
        email: String::new(),
        next: safe_next(&state, query.next.as_deref()),
        errors: FormErrors::default(),
    }
    .respond()
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn sign_in(
    state: web::Data<AppState>,
    ctx: Ctx,
    req: HttpRequest,
    form: web::Form<SignInForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let previous = req
        .cookie(cookies::session_name(state.config.https()))
        .map(|c| c.value().to_string());
    let next = safe_next(&state, form.next.as_deref());
    match service::sign_in(
        &state,
        &form.email,
        &form.password,
        ctx.client_address.clone(),
        previous,
    )
    .await
    {
        Ok(signed) => Ok(with_session_cookie(&state, see_other(&next), signed.token)),
        Err(e) => {
            let retry = e.retry_after;
            let (errors, status) = form_or_err(&ctx, e)?;
            let mut res = SignInPage {
                page: Page::new(&state, &ctx, ctx.tr.t("signin-title")),
                email: form.email,
                next,
                errors,
            }
            .respond_with(status)?;
            if let Some(secs) = retry
                && let Ok(v) = actix_web::http::header::HeaderValue::from_str(&secs.to_string())
            {
                res.headers_mut()
                    .insert(actix_web::http::header::RETRY_AFTER, v);
            }
            Ok(res)
        }
    }
}

pub async fn sign_out(
    state: web::Data<AppState>,
    user: CurrentUser,
    req: HttpRequest,
) -> AppResult<HttpResponse> {
    let token = req
        .cookie(cookies::session_name(state.config.https()))
        .map(|c| c.value().to_string());
    service::sign_out(&state, &user.0, token).await?;
    let mut res = see_other("/signin?notice=signed-out");
    let _ = res.add_cookie(&cookies::clear_session(state.config.https()));
    Ok(res)
}

#[derive(Template)]
#[template(path = "accept.html")]
struct AcceptPage {
    page: Page,
    token: String,
    email: String,
    organisation: String,
    display_name: String,
    languages: Vec<Opt>,
    errors: FormErrors,
}

pub async fn accept_form(
    state: web::Data<AppState>,
    ctx: Ctx,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let (invitation, org) = service::find_invitation(&state, &token).await?;
    AcceptPage {
        page: Page::new(&state, &ctx, ctx.tr.t("accept-title")),
        token,
        email: invitation.email.clone(),
        organisation: org.name,
        display_name: String::new(),
        // The inviter chose the invitee's language for the email; offer it first here too.
        languages: options::languages(&ctx.tr, invitation.language()),
        errors: FormErrors::default(),
    }
    .respond()
}

#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
    #[serde(default)]
    interface_language: String,
}

pub async fn accept(
    state: web::Data<AppState>,
    ctx: Ctx,
    token: web::Path<String>,
    form: web::Form<AcceptForm>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let (invitation, org) = service::find_invitation(&state, &token).await?;
    let form = form.into_inner();
    let language = Language::parse(&form.interface_language).unwrap_or(ctx.tr.lang);
    let result = if form.password != form.password_confirm {
        Err(AppError::invalid(
            agora_shared::ErrorCode::PasswordMismatch,
            "password_confirm",
        ))
    } else {
        service::accept_invitation(
            &state,
            AcceptInvitation {
                token: token.clone(),
                display_name: form.display_name.clone(),
                password: form.password,
                interface_language: language,
            },
            ctx.client_address.clone(),
        )
        .await
    };
    match result {
        Ok(signed) => Ok(with_session_cookie(
            &state,
            see_other("/profile"),
            signed.token,
        )),
        Err(e) => {
            let (errors, status) = form_or_err(&ctx, e)?;
            AcceptPage {
                page: Page::new(&state, &ctx, ctx.tr.t("accept-title")),
                token,
                email: invitation.email,
                organisation: org.name,
                display_name: form.display_name,
                languages: options::languages(&ctx.tr, language),
                errors,
            }
            .respond_with(status)
        }
    }
}

#[derive(Template)]
#[template(path = "reset_request.html")]
struct ResetRequestPage {
    page: Page,
    email: String,
    errors: FormErrors,
}

pub async fn reset_request_form(state: web::Data<AppState>, ctx: Ctx) -> AppResult<HttpResponse> {
    ResetRequestPage {
        page: Page::new(&state, &ctx, ctx.tr.t("reset-title")),
        email: String::new(),
        errors: FormErrors::default(),
    }
    .respond()
}

#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

pub async fn reset_request(
    state: web::Data<AppState>,
    ctx: Ctx,
    form: web::Form<EmailForm>,
) -> AppResult<HttpResponse> {
    match service::request_reset(&state, &form.email, ctx.client_address.clone()).await {
        Ok(()) => Ok(see_other("/signin?notice=reset-sent")),
        Err(e) => {
            let (errors, status) = form_or_err(&ctx, e)?;
            ResetRequestPage {
                page: Page::new(&state, &ctx, ctx.tr.t("reset-title")),
                email: form.into_inner().email,
                errors,
            }
            .respond_with(status)
        }
    }
}

#[derive(Template)]
#[template(path = "reset_form.html")]
struct ResetFormPage {
    page: Page,
    token: String,
    errors: FormErrors,
}

pub async fn reset_form(
    state: web::Data<AppState>,
    ctx: Ctx,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    service::check_reset_token(&state, &token).await?;
    ResetFormPage {
        page: Page::new(&state, &ctx, ctx.tr.t("reset-new-title")),
        token,
        errors: FormErrors::default(),
    }
    .respond()
}

#[derive(Deserialize)]
pub struct NewPasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

pub async fn reset(
    state: web::Data<AppState>,
    ctx: Ctx,
    token: web::Path<String>,
    form: web::Form<NewPasswordForm>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let result = if form.password != form.password_confirm {
        Err(AppError::invalid(
            agora_shared::ErrorCode::PasswordMismatch,
            "password_confirm",
        ))
    } else {
        service::confirm_reset(&state, &token, &form.password, ctx.client_address.clone()).await
    };
    match result {
        Ok(()) => Ok(see_other("/signin?notice=password-reset")),
        Err(e) => {
            let (errors, status) = form_or_err(&ctx, e)?;
            ResetFormPage {
                page: Page::new(&state, &ctx, ctx.tr.t("reset-new-title")),
                token,
                errors,
            }
            .respond_with(status)
        }
    }
}

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

/// A row of the members table.
struct MemberRow {
    user: User,
    role_label: String,
    status_label: String,
    active: bool,
    admin: bool,
    is_self: bool,
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
    let (members, invitations) = state
        .db
        .read(move |conn| {
            let members = User::list_in_org(conn, org_id)?;
            let invitations = if can_invite {
                Invitation::list_in_org(conn, org_id)?
            } else {
                Vec::new()
            };
            Ok((members, invitations))
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
                expires: crate::time::display(i.expires_at, &tz),
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
