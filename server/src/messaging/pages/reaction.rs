//! `POST /messages/{message}/reactions`: adding or taking back a reaction.

use actix_web::{HttpRequest, HttpResponse, web};
use agora_shared::ErrorCode;
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::messaging::service;
use crate::state::AppState;
use crate::web::extract::CurrentUser;

use super::done;
use super::edit::place_of;

/// `add=👍` or `remove=👍` (one button each), or `emoji=👍&action=add|remove`.
#[derive(Deserialize)]
pub struct ReactionForm {
    add: Option<String>,
    remove: Option<String>,
    emoji: Option<String>,
    action: Option<String>,
    /// Posted from the thread page: go back there.
    in_thread: Option<String>,
}

pub async fn react(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    req: HttpRequest,
    form: web::Form<ReactionForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = form.into_inner();
    let (emoji, add) = match (form.add, form.remove, form.emoji, form.action.as_deref()) {
        (Some(e), None, None, _) => (e, true),
        (None, Some(e), None, _) => (e, false),
        (None, None, Some(e), Some("add")) => (e, true),
        (None, None, Some(e), Some("remove")) => (e, false),
        _ => return Err(AppError::invalid(ErrorCode::InvalidValue, "emoji")),
    };
    let m = service::react(&state, &user.actor(), id, &emoji, add).await?;
    let location = match (m.thread_root_id, form.in_thread.is_some()) {
        (None, true) => format!("/messages/{}/thread#m{}", m.id, m.id),
        _ => place_of(&m),
    };
    Ok(done(&req, &location, m.id))
}
