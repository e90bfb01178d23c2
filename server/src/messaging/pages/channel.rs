//! `GET /channels/{channel}`: a channel's history with its composer.

use actix_web::{HttpResponse, web};
use agora_shared::limits::HISTORY_PAGE;
use askama::Template;
use serde::Deserialize;

use crate::error::AppResult;
use crate::messaging::message::Window;
use crate::messaging::service;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::CurrentUser;
use crate::web::forms::FormErrors;
use crate::web::page::{Page, RenderHtml};
use crate::web::when::{ReaderClock, parse_wire};

use super::{Composer, MessageItem, Viewer, last_event_id};

#[derive(Template)]
#[template(path = "channel.html")]
pub(super) struct ChannelPage {
    page: Page,
    channel_id: i64,
    heading: String,
    topic: String,
    /// `(id, name)` of the workspace; none for a direct conversation.
    workspace: Option<(i64, String)>,
    direct: bool,
    archived: bool,
    /// The messages with the day separators and the "new messages" line before them.
    rows: Vec<Row>,
    /// The "new messages" line is on the page (else `#unread` marks the end).
    divider: bool,
    older: Option<String>,
    newer: Option<String>,
    /// The newest messages are shown, so new ones may be appended live.
    live: bool,
    last_event: i64,
    me: i64,
    can_post: bool,
    pub(super) composer: Composer,
    pub(super) errors: FormErrors,
}

/// One message of the history and what goes before it.
pub(super) struct Row {
    /// `(date, label)` where a new day starts: "Today", "Tuesday 1 December".
    pub day: Option<(String, String)>,
    /// The first message the reader has not read yet.
    pub first_unread: bool,
    pub m: MessageItem,
}

#[derive(Debug, Default, Deserialize)]
pub struct HistoryParams {
    before: Option<i64>,
    after: Option<i64>,
    around: Option<i64>,
}

impl HistoryParams {
    /// A plain visit shows the newest page, which reads the channel; its "new messages" line
    /// stands before the first unread message on it (the first shown when all are unread).
    fn window(&self) -> Window {
        // A jump wins over paging; a link never carries more than one.
        match (self.around, self.before, self.after) {
            (Some(s), _, _) => Window::Around(s),
            (None, Some(s), _) => Window::Before(s),
            (None, None, Some(s)) => Window::After(s),
            (None, None, None) => Window::Latest,
        }
    }
}

pub(super) async fn channel_page(
    state: &AppState,
    ctx: &Ctx,
    user: &CurrentUser,
    channel_id: i64,
    params: &HistoryParams,
) -> AppResult<ChannelPage> {
    let actor = user.actor();
    let last_event = last_event_id(state, actor.user_id).await?;
    let enter_sends = super::preferences::enter_sends(state, actor.user_id).await?;
    let (view, workspace, facts) = service::channel_summary(state, &actor, channel_id).await?;
    let read_before = view.last_seq - view.unread;
    let window = params.window();
    let history = service::history(state, &actor, channel_id, window, HISTORY_PAGE).await?;
    let t = &ctx.tr;

    // Reading the newest page reads the channel (thread replies are summed up on it); an older
    // page reads up to its newest message. Markers never move back.
    let newest_shown = history.messages.last().map_or(0, |m| m.seq);
    let read_up_to = if history.more_after {
        newest_shown
    } else {
        newest_shown.max(view.last_seq)
    };
    let mut unread_left = view.unread;
    if read_up_to > read_before {
        let read = service::mark_read(state, &actor, channel_id, Some(read_up_to)).await?;
        unread_left = read.unread;
    }

    let viewer = Viewer {
        t,
        actor,
        time_zone: user.0.user.time_zone.clone(),
        facts,
    };
    let first = history.messages.first().map(|m| m.seq);
    let last = history.messages.last().map(|m| m.seq);
    let older = first
        .filter(|_| history.more_before)
        .map(|s| format!("/channels/{channel_id}?before={s}"));
    let newer = last
        .filter(|_| history.more_after)
        .map(|s| format!("/channels/{channel_id}?after={s}"));
    let clock = ReaderClock::new(&viewer.time_zone, state.clock.now());
    let mut rows: Vec<Row> = Vec::with_capacity(history.messages.len());
    let mut last_day = None;
    let mut divider = false;
    for m in history.messages {
        let first_unread = !divider && m.seq > read_before;
        divider |= first_unread;
        let mut item = viewer.item(m, false, params.around);
        let at = parse_wire(&item.time_iso).unwrap_or_default();
        clock.relabel(t, &mut item.time, &item.time_iso);
        let day = clock.day(at);
        let new_day = (last_day != Some(day))
            .then(|| (day.format("%Y-%m-%d").to_string(), clock.day_label(t, day)));
        last_day = Some(day);
        rows.push(Row {
            day: new_day,
            first_unread,
            m: item,
        });
    }
    let heading = if view.direct {
        t.t1("direct-heading", "people", &view.name)
    } else {
        view.name.clone()
    };
    let mut page = Page::new(state, ctx, heading.clone());
    page.read_channel(channel_id, unread_left);
    Ok(ChannelPage {
        page,
        channel_id,
        heading,
        topic: view.topic.clone(),
        workspace,
        direct: view.direct,
        archived: view.archived,
        rows,
        divider,
        older,
        newer,
        live: !history.more_after,
        last_event,
        me: actor.user_id,
        can_post: viewer.can_post(),
        composer: Composer::new(t, enter_sends, channel_id, None),
        errors: FormErrors::default(),
    })
}

pub async fn channel(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    query: web::Query<HistoryParams>,
) -> AppResult<HttpResponse> {
    channel_page(&state, &ctx, &user, path.into_inner(), &query)
        .await?
        .respond()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_parameters_choose_a_window() {
        let p = HistoryParams {
            before: Some(10),
            after: None,
            around: Some(4),
        };
        assert!(matches!(p.window(), Window::Around(4)));
        assert!(matches!(HistoryParams::default().window(), Window::Latest));
    }
}
