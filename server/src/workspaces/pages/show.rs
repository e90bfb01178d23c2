//! A workspace's page: its summary, organisations and the channels the caller may read.

use actix_web::{HttpResponse, web};
use askama::Template;

use crate::error::AppResult;
use crate::state::AppState;
use crate::web::badges::{mentions_text, unread_text};
use crate::web::context::Ctx;
use crate::web::extract::CurrentUser;
use crate::web::page::{Page, RenderHtml};
use crate::workspaces::service;

use super::{NoticeQuery, Summary, load_view, notice_text, summary};

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
    let (ws, can, _) = state
        .db
        .read(move |conn| load_view(conn, &actor, id))
        .await?;
    let t = &ctx.tr;
    let channels = if ws.my_role.is_some() {
        service::list_channels(&state, &actor, id)
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
    WorkspacePage {
        me: actor.user_id,
        page: Page::new(&state, &ctx, ws.name.clone())
            .with_notice(notice_text(t, query.notice.as_deref())),
        role_label: ws.my_role.map(|r| t.workspace_role(&r)),
        unread: unread_text(t, ws.unread),
        mentions: mentions_text(t, ws.mentions),
        channels,
        can_manage: can.may_open_administration,
        can_decide: can.may_answer_invitation,
        can_withdraw: can.may_withdraw,
        s: summary(t, ws),
    }
    .respond()
}
