//! HTML pages of conversations: a channel's history with its composer, threads, editing and
//! deleting, reactions and search. Everything works with plain forms (Post/Redirect/Get); with
//! JavaScript, `static/agora.js` posts the same forms through htmx and keeps the page live by
//! fetching single messages from `/messages/{id}/fragment` when events arrive.
//!
//! Every decision is the service's and the policy's: a control is shown when the policy allows
//! it, and a post that the service refuses anyway comes back as an error.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use agora_shared::ErrorCode;
use agora_shared::conversations::{MessageUpdate, MessageView, NewMessage, ReactionView};
use agora_shared::limits::{
    HISTORY_PAGE, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_MESSAGE, MAX_BODY_BYTES,
    MAX_MESSAGE_CHARS,
};
use askama::Template;
use futures_util::StreamExt;
use serde::Deserialize;

use super::api::SearchQuery;
use super::message::Window;
use super::{attachments, service};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::policy::workspace::{self as rules, ChannelAction, ChannelFacts};
use crate::policy::{Actor, CurrentUser};
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::forms::{FormErrors, is_form_error};
use crate::web::options::{Opt, READ_LANGUAGES};
use crate::web::page::{Page, RenderHtml, see_other};

/// Reactions offered on every message, besides those it already has.
const QUICK_REACTIONS: &[&str] = &["👍", "❤️", "😀", "🎉", "🙏", "👀"];

/// Header naming the message a form post created or changed, so the script can show it at once.
const MESSAGE_HEADER: &str = "X-Agora-Message";

// ---------------------------------------------------------------------------------------------
// What the templates show
// ---------------------------------------------------------------------------------------------

/// An attachment link.
pub struct FileItem {
    pub url: String,
    pub name: String,
    pub size: String,
    /// Raster images open in the browser; everything else downloads.
    pub image: bool,
}

/// One message as `partials/message.html` shows it to one reader.
pub struct MessageItem {
    pub id: i64,
    pub author_id: i64,
    pub author: String,
    pub organisation: String,
    /// Where the message is, with its anchor (channel around it, or its thread).
    pub href: String,
    pub time_iso: String,
    pub time: String,
    /// Sanitized when it was written (`render`); empty once deleted.
    pub html: String,
    pub deleted: bool,
    /// The language tag of the text, for `lang`.
    pub language: String,
    /// "NL", shown beside the text.
    pub language_code: String,
    /// The language's own name, for screen readers.
    pub language_name: String,
    pub edited: bool,
    pub reactions: Vec<ReactionView>,
    pub files: Vec<FileItem>,
    pub reply_count: i64,
    /// Shown on its thread page: no link to the thread, reaction posts come back to the thread.
    pub in_thread: bool,
    /// A top-level message outside its thread page: it links to its thread.
    pub show_thread: bool,
    pub can_react: bool,
    pub can_edit: bool,
    pub can_delete: bool,
    /// The message a jump (`?around=`) was for.
    pub target: bool,
}

impl MessageItem {
    pub fn quick_reactions(&self) -> &'static [&'static str] {
        QUICK_REACTIONS
    }
}

/// The reader and what the policy lets them do in one channel.
struct Viewer<'a> {
    t: &'a Tr,
    actor: Actor,
    time_zone: String,
    facts: ChannelFacts,
}

impl Viewer<'_> {
    fn can_post(&self) -> bool {
        rules::channel(&self.actor, &self.facts, ChannelAction::Post).is_ok()
    }

    fn item(&self, v: MessageView, in_thread: bool, target: Option<i64>) -> MessageItem {
        let t = self.t;
        let created = chrono::DateTime::parse_from_rfc3339(&v.created_at)
            .map(|d| d.naive_utc())
            .unwrap_or_default();
        let href = match v.thread_root_id {
            Some(root) => format!("/messages/{root}/thread#m{}", v.id),
            None if in_thread => format!("/messages/{}/thread#m{}", v.id, v.id),
            None => format!("/channels/{}?around={}#m{}", v.channel_id, v.seq, v.id),
        };
        let alive = !v.deleted;
        let files = v
            .attachments
            .into_iter()
            .map(|a| FileItem {
                image: attachments::inline(&a.content_type),
                size: file_size(t, a.size_bytes),
                url: a.url,
                name: a.file_name,
            })
            .collect();
        MessageItem {
            id: v.id,
            author_id: v.author.id,
            author: v.author.display_name,
            organisation: v.author.organisation_name,
            href,
            time_iso: v.created_at,
            time: crate::time::display(created, &self.time_zone),
            html: v.html,
            deleted: v.deleted,
            language_code: v.language.to_uppercase(),
            language_name: t.autonym(&v.language),
            language: v.language,
            edited: v.edited_at.is_some(),
            reactions: v.reactions,
            files,
            reply_count: v.reply_count,
            in_thread,
            show_thread: v.thread_root_id.is_none() && !in_thread,
            can_react: alive && self.can_post(),
            can_edit: alive && rules::edit_message(&self.actor, v.author.id, &self.facts).is_ok(),
            can_delete: alive
                && rules::delete_message(&self.actor, v.author.id, &self.facts).is_ok(),
            target: target == Some(v.seq),
        }
    }
}

/// "512 bytes", "12 KB", "1.5 MB" in the reader's language.
fn file_size(t: &Tr, bytes: i64) -> String {
    let (size, unit) = if bytes < 1024 {
        (bytes.to_string(), "b")
    } else if bytes < 1024 * 1024 {
        (((bytes + 1023) / 1024).to_string(), "kb")
    } else {
        let mb = format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
        (
            if t.code() == "en" {
                mb
            } else {
                mb.replace('.', ",")
            },
            "mb",
        )
    };
    t.t2("file-size", "size", size, "unit", unit)
}

/// "Detect automatically", then the languages people write in across the network.
fn language_options(t: &Tr, selected: &str, detect: bool) -> Vec<Opt> {
    let mut out = Vec::new();
    if detect {
        out.push(Opt {
            value: String::new(),
            label: t.t("composer-language-detect"),
            selected: selected.is_empty(),
        });
    }
    // A tag the list lacks (detected as, say, Portuguese from Brazil) stays choosable.
    if !selected.is_empty() && !READ_LANGUAGES.contains(&selected) {
        out.push(Opt {
            value: selected.to_string(),
            label: t.autonym(selected),
            selected: true,
        });
    }
    out.extend(READ_LANGUAGES.iter().map(|code| Opt {
        value: (*code).to_string(),
        label: t.autonym(code),
        selected: *code == selected,
    }));
    out
}

/// What the composer shows: an empty form, or the one just sent back with its errors.
pub struct Composer {
    pub channel_id: i64,
    pub thread_root: Option<i64>,
    pub body: String,
    pub languages: Vec<Opt>,
    pub max_files: usize,
}

impl Composer {
    fn new(t: &Tr, channel_id: i64, thread_root: Option<i64>) -> Composer {
        Composer {
            channel_id,
            thread_root,
            body: String::new(),
            languages: language_options(t, "", true),
            max_files: MAX_ATTACHMENTS_PER_MESSAGE,
        }
    }
}

/// Where the live script starts: the cursor of the newest event the reader could see before the
/// page was read (opaque, and unmoved by other tenants' activity).
async fn last_event_id(state: &AppState, user_id: i64) -> AppResult<i64> {
    let id = state
        .db
        .read(move |conn| crate::realtime::events::last_visible_id(conn, user_id, i64::MAX))
        .await?;
    Ok(state.hub.cursors().encode(id))
}

fn is_htmx(req: &HttpRequest) -> bool {
    req.headers().contains_key("hx-request")
}

/// The answer to a form post: back to `location`, or (htmx) nothing to swap, naming the message.
fn done(req: &HttpRequest, location: &str, message_id: i64) -> HttpResponse {
    if is_htmx(req) {
        HttpResponse::NoContent()
            .insert_header((MESSAGE_HEADER, message_id.to_string()))
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .finish()
    } else {
        see_other(location)
    }
}

fn form_or_err(ctx: &Ctx, e: AppError) -> AppResult<(FormErrors, StatusCode)> {
    if is_form_error(&e) {
        Ok((FormErrors::from_error(ctx, &e), e.status))
    } else {
        Err(e)
    }
}

fn invalid_body() -> AppError {
    AppError::new(ErrorCode::InvalidBody, StatusCode::BAD_REQUEST)
}

// ---------------------------------------------------------------------------------------------
// GET /channels/{channel}
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "channel.html")]
struct ChannelPage {
    page: Page,
    channel_id: i64,
    heading: String,
    topic: String,
    /// `(id, name)` of the workspace; none for a direct conversation.
    workspace: Option<(i64, String)>,
    direct: bool,
    archived: bool,
    messages: Vec<MessageItem>,
    older: Option<String>,
    newer: Option<String>,
    /// The newest messages are shown, so new ones may be appended live.
    live: bool,
    last_event: i64,
    me: i64,
    can_post: bool,
    composer: Composer,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct HistoryParams {
    before: Option<i64>,
    after: Option<i64>,
    around: Option<i64>,
}

impl HistoryParams {
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

async fn channel_page(
    state: &AppState,
    ctx: &Ctx,
    user: &CurrentUser,
    channel_id: i64,
    params: &HistoryParams,
) -> AppResult<ChannelPage> {
    let actor = user.actor();
    let last_event = last_event_id(state, actor.user_id).await?;
    let (view, workspace, facts) = service::channel_summary(state, &actor, channel_id).await?;
    let history =
        service::history(state, &actor, channel_id, params.window(), HISTORY_PAGE).await?;
    let t = &ctx.tr;

    // Reading the newest page reads the channel (thread replies are summed up on it); an older
    // page reads up to its newest message. Markers never move back.
    let newest_shown = history.messages.last().map_or(0, |m| m.seq);
    let read_up_to = if history.more_after {
        newest_shown
    } else {
        newest_shown.max(view.last_seq)
    };
    if read_up_to > view.last_seq - view.unread {
        service::mark_read(state, &actor, channel_id, Some(read_up_to)).await?;
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
    let messages = history
        .messages
        .into_iter()
        .map(|m| viewer.item(m, false, params.around))
        .collect();
    let heading = if view.direct {
        t.t1("direct-heading", "people", &view.name)
    } else {
        view.name.clone()
    };
    Ok(ChannelPage {
        page: Page::new(state, ctx, heading.clone()),
        channel_id,
        heading,
        topic: view.topic.clone(),
        workspace: workspace.map(|w| (w.id, w.name)),
        direct: view.direct,
        archived: view.archived,
        messages,
        older,
        newer,
        live: !history.more_after,
        last_event,
        me: actor.user_id,
        can_post: viewer.can_post(),
        composer: Composer::new(t, channel_id, None),
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

// ---------------------------------------------------------------------------------------------
// GET /messages/{message}/thread
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "thread.html")]
struct ThreadPage {
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
    composer: Composer,
    errors: FormErrors,
}

async fn thread_page(
    state: &AppState,
    ctx: &Ctx,
    user: &CurrentUser,
    root_id: i64,
) -> AppResult<ThreadPage> {
    let actor = user.actor();
    let last_event = last_event_id(state, actor.user_id).await?;
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
    let back = format!("/channels/{channel_id}?around={}#m{}", root.seq, root.id);
    let channel_name = view.name.clone();
    Ok(ThreadPage {
        page: Page::new(state, ctx, t.t1("thread-title", "channel", &channel_name)),
        channel_id,
        channel_name,
        back,
        roots: vec![viewer.item(root, true, None)],
        root_id,
        messages: replies
            .into_iter()
            .map(|m| viewer.item(m, true, None))
            .collect(),
        live: true,
        last_event,
        me: actor.user_id,
        can_post: viewer.can_post(),
        composer: Composer::new(t, channel_id, Some(root_id)),
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

// ---------------------------------------------------------------------------------------------
// GET /messages/{message}/fragment
// ---------------------------------------------------------------------------------------------

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
    let html = MessageFragment {
        page: Page::new(&state, &ctx, String::new()),
        m: viewer.item(view, in_thread, None),
    }
    .render()
    .map_err(|e| AppError::internal(e.into()))?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(html))
}

// ---------------------------------------------------------------------------------------------
// POST /channels/{channel}/messages
// ---------------------------------------------------------------------------------------------

/// A posted message form: multipart with files, or urlencoded without.
#[derive(Default)]
struct PostForm {
    body: String,
    language: String,
    thread_root_id: Option<i64>,
    files: Vec<(String, Vec<u8>)>,
}

/// Reads a field's bytes, failing as soon as it exceeds `limit`.
async fn read_field(
    field: &mut actix_multipart::Field,
    limit: usize,
    too_large: impl Fn() -> AppError,
) -> AppResult<Vec<u8>> {
    let mut out = Vec::new();
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(|_| invalid_body())?;
        if out.len() + chunk.len() > limit {
            return Err(too_large());
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

fn text_of(bytes: Vec<u8>) -> AppResult<String> {
    String::from_utf8(bytes).map_err(|_| invalid_body())
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
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&bytes).map_err(|_| invalid_body())?;
        for (k, v) in pairs {
            match k.as_str() {
                "body" => form.body = v,
                "language" => form.language = v,
                "thread_root_id" => form.thread_root_id = parse_root(&v)?,
                _ => {}
            }
        }
        return Ok(());
    }
    if !content_type.starts_with("multipart/form-data") {
        return Err(AppError::new(
            ErrorCode::UnsupportedMediaType,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ));
    }
    let mut multipart = actix_multipart::Multipart::new(req.headers(), payload);
    let too_large = || AppError::new(ErrorCode::PayloadTooLarge, StatusCode::PAYLOAD_TOO_LARGE);
    while let Some(field) = multipart.next().await {
        let mut field = field.map_err(|_| invalid_body())?;
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .map(str::to_string);
        match (name.as_str(), file_name) {
            ("file", Some(file_name)) => {
                let bytes = read_field(&mut field, MAX_ATTACHMENT_BYTES, too_large).await?;
                // A file input left empty still sends a part, nameless and empty.
                if file_name.is_empty() && bytes.is_empty() {
                    continue;
                }
                if form.files.len() == MAX_ATTACHMENTS_PER_MESSAGE {
                    return Err(AppError::too_long("file", MAX_ATTACHMENTS_PER_MESSAGE));
                }
                form.files.push((file_name, bytes));
            }
            (_, Some(_)) => {
                read_field(&mut field, MAX_ATTACHMENT_BYTES, too_large).await?;
            }
            (name, None) => {
                let text = text_of(read_field(&mut field, MAX_BODY_BYTES, too_large).await?)?;
                match name {
                    "body" => form.body = text,
                    "language" => form.language = text,
                    "thread_root_id" => form.thread_root_id = parse_root(&text)?,
                    _ => {}
                }
            }
        }
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
    let mut composer = Composer::new(t, channel_id, form.thread_root_id);
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

// ---------------------------------------------------------------------------------------------
// GET and POST /messages/{message}/edit, POST /messages/{message}/delete
// ---------------------------------------------------------------------------------------------

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
fn place_of(m: &MessageView) -> String {
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

// ---------------------------------------------------------------------------------------------
// POST /messages/{message}/reactions
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// GET /search
// ---------------------------------------------------------------------------------------------

/// One search hit.
pub struct Hit {
    pub channel_name: String,
    pub workspace: Option<(i64, String)>,
    pub m: MessageItem,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    page: Page,
    q: String,
    from: String,
    until: String,
    /// Kept from the link that narrowed the search (a channel's search box, a person).
    channel: String,
    author: String,
    workspaces: Vec<Opt>,
    searched: bool,
    hits: Vec<Hit>,
    errors: FormErrors,
}

/// The search form as sent: every field text, so an empty choice is not an error.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchForm {
    q: String,
    workspace: String,
    channel: String,
    author: String,
    from: String,
    until: String,
}

fn id_of(s: &str) -> Option<i64> {
    s.trim().parse().ok()
}

pub async fn search(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    query: web::Query<SearchForm>,
) -> AppResult<HttpResponse> {
    let form = query.into_inner();
    let actor = user.actor();
    let t = &ctx.tr;
    let workspace = id_of(&form.workspace);
    let mut workspaces = vec![Opt {
        value: String::new(),
        label: t.t("search-all-workspaces"),
        selected: workspace.is_none(),
    }];
    for w in crate::workspaces::service::list(&state, &actor).await? {
        if w.my_role.is_some() {
            workspaces.push(Opt {
                value: w.id.to_string(),
                selected: Some(w.id) == workspace,
                label: w.name,
            });
        }
    }
    let api_query = SearchQuery {
        q: form.q.clone(),
        workspace,
        channel: id_of(&form.channel),
        author: id_of(&form.author),
        from: Some(form.from.clone()),
        until: Some(form.until.clone()),
    };
    let searched = !form.q.trim().is_empty();
    let found = match api_query.filters() {
        Ok(filters) => service::search(&state, &actor, &form.q, filters).await,
        Err(e) => Err(e),
    };
    let (hits, errors, status) = match found {
        Ok(hits) => (hits, FormErrors::default(), StatusCode::OK),
        Err(e) => {
            let (errors, status) = form_or_err(&ctx, e)?;
            (Vec::new(), errors, status)
        }
    };
    let mut items = Vec::new();
    let mut facts_of = std::collections::HashMap::new();
    for hit in hits {
        let channel_id = hit.message.channel_id;
        let facts = match facts_of.get(&channel_id) {
            Some(facts) => *facts,
            None => {
                let (_, _, facts) = service::channel_summary(&state, &actor, channel_id).await?;
                *facts_of.entry(channel_id).or_insert(facts)
            }
        };
        let viewer = Viewer {
            t,
            actor,
            time_zone: user.0.user.time_zone.clone(),
            facts,
        };
        let mut m = viewer.item(hit.message, false, None);
        // A hit is read, not acted on, here.
        m.can_react = false;
        m.can_edit = false;
        m.can_delete = false;
        m.show_thread = false;
        items.push(Hit {
            channel_name: hit.channel_name,
            workspace: hit.workspace_id.zip(hit.workspace_name),
            m,
        });
    }
    let title = if searched {
        t.t1("search-results-title", "query", form.q.trim())
    } else {
        t.t("search-title")
    };
    SearchPage {
        page: Page::new(&state, &ctx, title),
        q: form.q,
        from: form.from,
        until: form.until,
        channel: form.channel,
        author: form.author,
        workspaces,
        searched,
        hits: items,
        errors,
    }
    .respond_with(status)
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
