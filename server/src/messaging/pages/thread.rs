//! `GET /messages/{message}/thread`: a message with its replies and a composer for more.

use actix_web::{HttpResponse, web};
use askama::Template;

use crate::error::AppResult;
use crate::messaging::service;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::CurrentUser;
use crate::web::forms::FormErrors;
use crate::web::page::{Page, RenderHtml};

use super::{Composer, MessageItem, Viewer, last_event_id};

#[derive(Template)]
#[template(path = "thread.html")]
pub(super) struct ThreadPage {
    page: Page,
    channel_id: i64,
    channel_name: String,
    back: String,
    /// The root, as a list of one so the message partial can be included in a loop.
    roots: Vec<MessageItem>,
    root_id: i64,
    messages: Vec<MessageItem>,
    live: bool,
    last_event: i64,
    me: i64,
    can_post: bool,
    pub(super) composer: Composer,
    pub(super) errors: FormErrors,
}

pub(super) async fn thread_page(
    state: &AppState,
    ctx: &Ctx,
    user: &CurrentUser,
    root_id: i64,
) -> AppResult<ThreadPage> {
    let actor = user.actor();
    let last_event = last_event_id(state, actor.user_id).await?;
    let enter_sends = super::preferences::enter_sends(state, actor.user_id).await?;
    let (root, replies) = service::thread(state, &actor, root_id).await?;
    let channel_id = root.channel_id;
    let (view, _, facts) = service::channel_summary(state, &actor, channel_id).await?;
    let t = &ctx.tr;
    let viewer = Viewer {
        t,
        actor,
        time_zone: user.0.user.time_zone.clone(),
        facts,
    };
    // "today 14:05" rather than the full date, as on the channel page.
    let clock = crate::web::when::ReaderClock::new(&viewer.time_zone, state.clock.now());
    let item = |m| {
        let mut item = viewer.item(m, true, None);
        clock.relabel(t, &mut item.time, &item.time_iso);
        item
    };
    let back = format!("/channels/{channel_id}?around={}#m{}", root.seq, root.id);
    let channel_name = view.name.clone();
    Ok(ThreadPage {
        page: Page::new(state, ctx, t.t1("thread-title", "channel", &channel_name)),
        channel_id,
        channel_name,
        back,
        roots: vec![item(root)],
        root_id,
        messages: replies.into_iter().map(item).collect(),
        live: true,
        last_event,
        me: actor.user_id,
        can_post: viewer.can_post(),
        composer: Composer::new(t, enter_sends, channel_id, Some(root_id)),
        errors: FormErrors::default(),
    })
}

pub async fn thread(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    thread_page(&state, &ctx, &user, path.into_inner())
        .await?
        .respond()
}
