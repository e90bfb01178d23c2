//! The home page: the caller's workspaces with their counts, invitations waiting for an answer,
//! and their latest direct conversations.

use actix_web::{HttpResponse, web};
use askama::Template;

use crate::accounts::user::User;
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::page::{Page, RenderHtml, see_other};

use crate::workspaces::pages::NoticeQuery;

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
    query: web::Query<NoticeQuery>,
) -> AppResult<HttpResponse> {
    use crate::web::badges::{mentions_text, unread_text};
    use crate::workspaces::pages::notice_text;
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
        // The same decision the create route makes, for a workspace of the caller's own organisation.
        can_create: crate::policy::workspace::create_workspace(&actor, actor.organisation_id)
            .is_ok(),
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
