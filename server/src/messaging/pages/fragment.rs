//! `GET /messages/{message}/fragment`: one message as the pages show it, for the live script.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::messaging::service;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::CurrentUser;
use crate::web::page::Page;

use super::{MessageItem, Viewer};

#[derive(Template)]
#[template(source = r#"{% include "partials/message.html" %}"#, ext = "html")]
struct MessageFragment {
    page: Page,
    m: MessageItem,
}

#[derive(Debug, Default, Deserialize)]
pub struct FragmentParams {
    /// Shown on its thread page.
    #[serde(default)]
    thread: Option<String>,
}

/// One message as the pages show it, for the live script.
pub async fn fragment(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    query: web::Query<FragmentParams>,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let (view, facts) = service::message_in_channel(&state, &actor, path.into_inner()).await?;
    let viewer = Viewer {
        t: &ctx.tr,
        actor,
        time_zone: user.0.user.time_zone.clone(),
        facts,
    };
    let in_thread = query.thread.is_some();
    let mut m = viewer.item(view, in_thread, None);
    crate::web::when::ReaderClock::new(&viewer.time_zone, state.clock.now()).relabel(
        &ctx.tr,
        &mut m.time,
        &m.time_iso,
    );
    let html = MessageFragment {
        page: Page::new(&state, &ctx, String::new()),
        m,
    }
    .render()
    .map_err(|e| AppError::internal(e.into()))?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(html))
}
