//! `GET /messages/{message}/reactions`: who reacted with what; `GET /messages/{message}/react`:
//! the searchable emoji picker. Both are plain pages, so they work without JavaScript.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::messaging::service;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::CurrentUser;
use crate::web::page::{Page, RenderHtml};

use super::Viewer;
use super::edit::place_of;

#[derive(Template)]
#[template(path = "message_reactions.html")]
struct WhoReactedPage {
    page: Page,
    back: String,
    reactions: Vec<(String, Vec<String>)>,
}

pub async fn who_reacted(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let (view, reactions) = service::who_reacted(&state, &user.actor(), path.into_inner()).await?;
    let t = &ctx.tr;
    WhoReactedPage {
        page: Page::new(&state, &ctx, t.t("compose-who-reacted-title")),
        back: place_of(&view),
        reactions,
    }
    .respond()
}

/// Emoji shown at most: a search narrows them down.
const PICKER_MAX: usize = 160;

#[derive(Deserialize)]
pub struct PickerQuery {
    #[serde(default)]
    q: String,
    in_thread: Option<String>,
}

pub struct PickerEmoji {
    pub emoji: &'static str,
    pub name: &'static str,
}

#[derive(Template)]
#[template(path = "emoji_picker.html")]
struct PickerPage {
    page: Page,
    id: i64,
    back: String,
    q: String,
    in_thread: bool,
    emoji: Vec<PickerEmoji>,
}

/// Emoji whose English name or shortcode contains every word of `query`, in Unicode's order.
pub fn search_emoji(query: &str, max: usize) -> Vec<PickerEmoji> {
    let words: Vec<String> = query
        .split_whitespace()
        .map(|w| w.trim_matches(':').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    emojis::iter()
        .filter(|e| {
            words.iter().all(|w| {
                e.name().contains(w.as_str()) || e.shortcodes().any(|s| s.contains(w.as_str()))
            })
        })
        .take(max)
        .map(|e| PickerEmoji {
            emoji: e.as_str(),
            name: e.name(),
        })
        .collect()
}

pub async fn picker(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    query: web::Query<PickerQuery>,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let view = service::get_message(&state, &actor, path.into_inner()).await?;
    let (_, _, facts) = service::channel_summary(&state, &actor, view.channel_id).await?;
    let t = &ctx.tr;
    let viewer = Viewer {
        t,
        actor,
        time_zone: user.0.user.time_zone.clone(),
        facts,
    };
    let id = view.id;
    let back = place_of(&view);
    if !viewer.item(view, false, None).can_react {
        return Err(AppError::forbidden());
    }
    let query = query.into_inner();
    let q: String = query.q.chars().take(60).collect();
    PickerPage {
        page: Page::new(&state, &ctx, t.t("compose-emoji-title")),
        id,
        back,
        emoji: search_emoji(&q, PICKER_MAX),
        q,
        in_thread: query.in_thread.is_some(),
    }
    .respond()
}
