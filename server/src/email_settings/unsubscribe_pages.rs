//! `GET /unsubscribe/{token}` shows where a link stands with a "stop" button, its `POST` stops
//! (also what a mail client sends for RFC 8058 one-click), and `POST .../undo` starts again. None
//! of them reads a cookie: the token is the credential, so the middleware exempts the two posts
//! from CSRF. The page speaks the token's person's language, not the browser's: the link may be
//! opened on a shared or borrowed device.

use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::unsubscribe::{self, List, Subscription};
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::forms::HtmlForm;
use crate::web::page::{Page, RenderHtml};

#[derive(Template)]
#[template(path = "unsubscribe.html")]
struct UnsubscribePage {
    page: Page,
    token: String,
    message: String,
    stopped: bool,
    /// The value before stopping, carried by the undo form.
    previous: Option<String>,
}

fn respond(
    state: &AppState,
    ctx: &Ctx,
    token: String,
    sub: Subscription,
    previous: Option<String>,
) -> AppResult<HttpResponse> {
    let ctx = Ctx {
        tr: ctx.tr.with_lang(sub.user.language()),
        ..ctx.clone()
    };
    let t = &ctx.tr;
    let message = match (sub.list, sub.stopped) {
        (List::Digest, false) => t.t("unsubscribe-digest-active"),
        (List::Digest, true) => t.t("unsubscribe-digest-stopped"),
        (List::Notifications, false) => t.t("unsubscribe-notifications-active"),
        (List::Notifications, true) => t.t("unsubscribe-notifications-stopped"),
        (List::Workspace(_), stopped) => t.t1(
            if stopped {
                "unsubscribe-workspace-stopped"
            } else {
                "unsubscribe-workspace-active"
            },
            "workspace",
            sub.workspace_name.unwrap_or_default(),
        ),
    };
    UnsubscribePage {
        page: Page::new(state, &ctx, t.t("unsubscribe-title")),
        token,
        message,
        stopped: sub.stopped,
        previous,
    }
    .respond()
}

/// Changes nothing: mail scanners open every link in an email.
pub async fn confirm_form(
    state: web::Data<AppState>,
    ctx: Ctx,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let sub = unsubscribe::look(&state, &token).await?;
    respond(&state, &ctx, token, sub, None)
}

/// The body (`List-Unsubscribe=One-Click` from a mail client, or our form) is not read: the
/// token alone says what to stop.
pub async fn unsubscribe(
    state: web::Data<AppState>,
    ctx: Ctx,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let (sub, previous) = unsubscribe::stop(&state, &token).await?;
    respond(&state, &ctx, token, sub, previous)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UndoForm {
    previous: Option<String>,
}

pub async fn undo(
    state: web::Data<AppState>,
    ctx: Ctx,
    token: web::Path<String>,
    form: HtmlForm<UndoForm>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let sub = unsubscribe::undo(&state, &token, form.into_inner().previous).await?;
    respond(&state, &ctx, token, sub, None)
}
