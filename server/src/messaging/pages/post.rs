//! `POST /channels/{channel}/messages`: a message posted from the composer, with or without files.

use actix_multipart::form::text::Text;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use agora_shared::ErrorCode;
use agora_shared::conversations::{MessageView, NewMessage};
use agora_shared::limits::{MAX_ATTACHMENTS_PER_MESSAGE, MAX_BODY_BYTES, MAX_MESSAGE_CHARS};
use askama::Template;
use futures_util::StreamExt;

use crate::error::{AppError, AppResult};
use crate::messaging::{attachments, service};
use crate::policy::Actor;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::CurrentUser;
use crate::web::forms::{FormErrors, form_or_err};
use crate::web::page::{Page, RenderHtml};

use super::channel::{HistoryParams, channel_page};
use super::thread::thread_page;
use super::upload_form;
use super::{Composer, done, invalid_body, is_htmx, language_options};

/// A posted message form: multipart with files, or urlencoded without.
#[derive(Default)]
struct PostForm {
    body: String,
    language: String,
    thread_root_id: Option<i64>,
    files: Vec<(String, Vec<u8>)>,
}

/// The composer sent without files.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct PostText {
    body: String,
    language: String,
    thread_root_id: String,
}

fn parse_root(value: &str) -> AppResult<Option<i64>> {
    match value.trim() {
        "" => Ok(None),
        v => v
            .parse()
            .map(Some)
            .map_err(|_| AppError::invalid(ErrorCode::InvalidValue, "thread_root_id")),
    }
}

/// Reads the form into `form`; on failure, what was read before it stays (to be shown again).
async fn read_post_form(
    req: &HttpRequest,
    payload: web::Payload,
    form: &mut PostForm,
) -> AppResult<()> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let bytes = read_limited(payload, MAX_BODY_BYTES).await?;
        let text: PostText = serde_html_form::from_bytes(&bytes).map_err(|_| invalid_body())?;
        form.body = text.body;
        form.language = text.language;
        form.thread_root_id = parse_root(&text.thread_root_id)?;
        return Ok(());
    }
    if !content_type.starts_with("multipart/form-data") {
        return Err(AppError::new(
            ErrorCode::UnsupportedMediaType,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ));
    }
    let upload = upload_form::read(req, payload).await?;
    let text = |t: Option<Text<String>>| t.map(Text::into_inner).unwrap_or_default();
    form.body = text(upload.body);
    form.language = text(upload.language);
    form.thread_root_id = parse_root(&text(upload.thread_root_id))?;
    for file in upload.files {
        // A part without a file name is no file; a file input left empty sends one nameless.
        let Some(name) = file.name else { continue };
        let Some(bytes) = file.bytes else {
            return Err(AppError::new(
                ErrorCode::PayloadTooLarge,
                StatusCode::PAYLOAD_TOO_LARGE,
            ));
        };
        if name.is_empty() && bytes.is_empty() {
            continue;
        }
        if form.files.len() == MAX_ATTACHMENTS_PER_MESSAGE {
            return Err(AppError::too_long("file", MAX_ATTACHMENTS_PER_MESSAGE));
        }
        form.files.push((name, bytes));
    }
    Ok(())
}

async fn read_limited(mut payload: web::Payload, limit: usize) -> AppResult<Vec<u8>> {
    let mut out = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| invalid_body())?;
        if out.len() + chunk.len() > limit {
            return Err(AppError::new(
                ErrorCode::PayloadTooLarge,
                StatusCode::PAYLOAD_TOO_LARGE,
            ));
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// Stores the files, then posts the message with them.
async fn post_with_files(
    state: &AppState,
    actor: &Actor,
    channel_id: i64,
    form: &mut PostForm,
) -> AppResult<MessageView> {
    // The text is checked before any file is written, so a refused post leaves no files behind.
    let body = crate::validate::optional_multiline("body", &form.body, MAX_MESSAGE_CHARS)?;
    if body.is_empty() && form.files.is_empty() {
        return Err(AppError::invalid(ErrorCode::FieldRequired, "body"));
    }
    let mut attachment_ids = Vec::new();
    for (name, bytes) in std::mem::take(&mut form.files) {
        attachment_ids.push(
            attachments::store(state, actor, channel_id, &name, bytes)
                .await?
                .id,
        );
    }
    service::post(
        state,
        actor,
        channel_id,
        NewMessage {
            body: form.body.clone(),
            thread_root_id: form.thread_root_id,
            language: Some(form.language.clone()).filter(|l| !l.is_empty()),
            attachment_ids,
        },
    )
    .await
}

#[derive(Template)]
#[template(source = r#"{% include "partials/composer.html" %}"#, ext = "html")]
struct ComposerFragment {
    page: Page,
    composer: Composer,
    errors: FormErrors,
}

pub async fn post(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    req: HttpRequest,
    payload: web::Payload,
) -> AppResult<HttpResponse> {
    let channel_id = path.into_inner();
    let actor = user.actor();
    let mut form = PostForm::default();
    let result = match read_post_form(&req, payload, &mut form).await {
        Ok(()) => post_with_files(&state, &actor, channel_id, &mut form).await,
        Err(e) => Err(e),
    };
    let e = match result {
        Ok(m) => {
            let location = match m.thread_root_id {
                Some(root) => format!("/messages/{root}/thread#m{}", m.id),
                None => format!("/channels/{channel_id}#m{}", m.id),
            };
            return Ok(done(&req, &location, m.id));
        }
        Err(failure) => failure,
    };
    // A file over the size limit is the form's to explain, beside the file input.
    let (mut errors, status) = if e.code == ErrorCode::PayloadTooLarge {
        let mut e = e;
        e.field = Some("file");
        (FormErrors::from_error(&ctx, &e), e.status)
    } else {
        form_or_err(&ctx, e)?
    };
    // The summary links to the file input, whichever attachment rule failed.
    for error in &mut errors.errors {
        if error.field == "attachment_ids" {
            error.field = "file".into();
        }
    }
    let t = &ctx.tr;
    let mut composer = Composer::new(
        t,
        super::preferences::enter_sends(&state, user.actor().user_id).await?,
        channel_id,
        form.thread_root_id,
    );
    composer.body = form.body;
    composer.languages = language_options(t, &form.language, true);
    if is_htmx(&req) {
        // Only the composer comes back, with its errors, in place of the one on the page.
        let html = ComposerFragment {
            page: Page::new(&state, &ctx, String::new()),
            composer,
            errors,
        }
        .render()
        .map_err(|e| AppError::internal(e.into()))?;
        return Ok(HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .insert_header(("HX-Retarget", "#composer"))
            .insert_header(("HX-Reswap", "outerHTML"))
            .body(html));
    }
    match form.thread_root_id {
        Some(root) => {
            let mut page = thread_page(&state, &ctx, &user, root).await?;
            page.composer = composer;
            page.errors = errors;
            page.respond_with(status)
        }
        None => {
            let mut page =
                channel_page(&state, &ctx, &user, channel_id, &HistoryParams::default()).await?;
            page.composer = composer;
            page.errors = errors;
            page.respond_with(status)
        }
    }
}
