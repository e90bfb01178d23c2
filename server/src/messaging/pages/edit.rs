//! Editing and deleting a message: `GET` and `POST /messages/{message}/edit`,
//! `POST /messages/{message}/delete`.

use actix_web::{HttpRequest, HttpResponse, web};
use agora_shared::conversations::{MessageUpdate, MessageView};
use askama::Template;
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::messaging::service;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::CurrentUser;
use crate::web::forms::{FormErrors, form_or_err};
use crate::web::options::Opt;
use crate::web::page::{Page, RenderHtml};

use super::{MessageItem, Viewer, done, language_options};

#[derive(Template)]
#[template(path = "message_edit.html")]
struct EditPage {
    page: Page,
    /// The message as it is now, as a list of one for the partial.
    roots: Vec<MessageItem>,
    id: i64,
    back: String,
    body: String,
    languages: Vec<Opt>,
    can_edit: bool,
    can_delete: bool,
    errors: FormErrors,
}

/// Where a message is read: its thread, or its channel around it.
pub(super) fn place_of(m: &MessageView) -> String {
    match m.thread_root_id {
        Some(root) => format!("/messages/{root}/thread#m{}", m.id),
        None => format!("/channels/{}?around={}#m{}", m.channel_id, m.seq, m.id),
    }
}

async fn edit_page(
    state: &AppState,
    ctx: &Ctx,
    user: &CurrentUser,
    message_id: i64,
) -> AppResult<EditPage> {
    let actor = user.actor();
    let view = service::get_message(state, &actor, message_id).await?;
    let (_, _, facts) = service::channel_summary(state, &actor, view.channel_id).await?;
    let t = &ctx.tr;
    let viewer = Viewer {
        t,
        actor,
        time_zone: user.0.user.time_zone.clone(),
        facts,
    };
    let back = place_of(&view);
    let body = view.markdown.clone();
    let languages = language_options(t, &view.language, false);
    let mut item = viewer.item(view, true, None);
    if !item.can_edit && !item.can_delete {
        return Err(if item.deleted {
            AppError::not_found()
        } else {
            AppError::forbidden()
        });
    }
    let (can_edit, can_delete) = (item.can_edit, item.can_delete);
    // Shown for reference: what can be done with it is on this page, below.
    item.can_edit = false;
    item.can_delete = false;
    item.can_react = false;
    Ok(EditPage {
        page: Page::new(
            state,
            ctx,
            t.t(if can_edit {
                "edit-title"
            } else {
                "delete-title"
            }),
        ),
        id: item.id,
        can_edit,
        can_delete,
        roots: vec![item],
        back,
        body,
        languages,
        errors: FormErrors::default(),
    })
}

pub async fn edit_form(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    edit_page(&state, &ctx, &user, path.into_inner())
        .await?
        .respond()
}

#[derive(Deserialize)]
pub struct EditForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    language: String,
}

pub async fn edit(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    req: HttpRequest,
    form: web::Form<EditForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = form.into_inner();
    let input = MessageUpdate {
        body: Some(form.body.clone()),
        language: Some(form.language.clone()).filter(|l| !l.is_empty()),
    };
    match service::edit(&state, &user.actor(), id, input).await {
        Ok(m) => Ok(done(&req, &place_of(&m), m.id)),
        Err(e) => {
            let (errors, status) = form_or_err(&ctx, e)?;
            let mut page = edit_page(&state, &ctx, &user, id).await?;
            page.body = form.body;
            page.languages = language_options(&ctx.tr, &form.language, false);
            page.errors = errors;
            page.respond_with(status)
        }
    }
}

pub async fn delete(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    req: HttpRequest,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let actor = user.actor();
    // Read first: where to go back to, and a message the caller may not read stays a 404.
    let view = service::get_message(&state, &actor, id).await?;
    service::delete(&state, &actor, id).await?;
    Ok(done(&req, &place_of(&view), id))
}

#[derive(Template)]
#[template(path = "message_delete.html")]
struct DeletePage {
    page: Page,
    roots: Vec<MessageItem>,
    id: i64,
    back: String,
}

/// `GET /messages/{message}/delete`: the message and a button to confirm, so a delete never
/// happens by one mistaken click, with or without JavaScript.
pub async fn delete_form(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let page = edit_page(&state, &ctx, &user, path.into_inner()).await?;
    if !page.can_delete {
        return Err(AppError::forbidden());
    }
    DeletePage {
        page: Page::new(&state, &ctx, ctx.tr.t("delete-title")),
        roots: page.roots,
        id: page.id,
        back: page.back,
    }
    .respond()
}
