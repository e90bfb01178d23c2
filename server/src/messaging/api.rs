//! `/api/v1` handlers for channels, messages, reactions, read markers and direct conversations.

use actix_web::{HttpRequest, HttpResponse, web};
use agora_shared::api::ErrorBody;
use agora_shared::conversations::*;
use serde::Deserialize;
use utoipa::IntoParams;

use super::message::Window;
use super::{attachments, service};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::extract::CurrentUser;

#[utoipa::path(get, path = "/api/v1/channels/{channel}", tag = "channels", params(("channel" = i64, Path)),
    responses((status = 200, body = ChannelView), (status = 404, body = ErrorBody)))]
pub async fn get_channel(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<web::Json<ChannelView>> {
    Ok(web::Json(
        service::channel_summary(&state, &user.actor(), path.into_inner())
            .await?
            .0,
    ))
}

/// Which part of the history: the newest page, or before/after/around a sequence number.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct HistoryQuery {
    pub before: Option<i64>,
    pub after: Option<i64>,
    pub around: Option<i64>,
    pub limit: Option<i64>,
}

impl HistoryQuery {
    pub fn window(&self) -> AppResult<Window> {
        Ok(match (self.before, self.after, self.around) {
            (None, None, None) => Window::Latest,
            (Some(s), None, None) => Window::Before(s),
            (None, Some(s), None) => Window::After(s),
            (None, None, Some(s)) => Window::Around(s),
            _ => {
                return Err(AppError::invalid(
                    agora_shared::ErrorCode::InvalidValue,
                    "before",
                ));
            }
        })
    }
}

#[utoipa::path(get, path = "/api/v1/channels/{channel}/messages", tag = "messages", params(("channel" = i64, Path), HistoryQuery),
    responses((status = 200, body = HistoryPage), (status = 404, body = ErrorBody)))]
pub async fn history(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    query: web::Query<HistoryQuery>,
) -> AppResult<web::Json<HistoryPage>> {
    let window = query.window()?;
    let limit = query.limit.unwrap_or(agora_shared::limits::HISTORY_PAGE);
    Ok(web::Json(
        service::history(&state, &user.actor(), path.into_inner(), window, limit).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/channels/{channel}/messages", tag = "messages", params(("channel" = i64, Path)),
    request_body = NewMessage, responses((status = 201, body = MessageView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn post(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<NewMessage>,
) -> AppResult<HttpResponse> {
    let m = service::post(&state, &user.actor(), path.into_inner(), body.into_inner()).await?;
    Ok(HttpResponse::Created().json(m))
}

#[utoipa::path(post, path = "/api/v1/channels/{channel}/read", tag = "messages", params(("channel" = i64, Path)),
    request_body = MarkRead, responses((status = 200, body = ChannelView), (status = 404, body = ErrorBody)))]
pub async fn mark_read(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<MarkRead>,
) -> AppResult<web::Json<ChannelView>> {
    Ok(web::Json(
        service::mark_read(&state, &user.actor(), path.into_inner(), body.seq).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct UploadQuery {
    /// The file's name as the uploader knows it.
    pub name: String,
}

#[utoipa::path(post, path = "/api/v1/channels/{channel}/attachments", tag = "messages", params(("channel" = i64, Path), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = AttachmentView),
        (status = 413, description = "Larger than one file may be, or over the person's or the organisation's storage quota (`quota_exceeded`, `organisation_quota_exceeded`)", body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 429, description = "Too many uploads; see `Retry-After`", body = ErrorBody)))]
pub async fn upload(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    query: web::Query<UploadQuery>,
    body: web::Payload,
) -> AppResult<HttpResponse> {
    let bytes = read_limited(body).await?;
    let a =
        attachments::store(&state, &user.actor(), path.into_inner(), &query.name, bytes).await?;
    Ok(HttpResponse::Created().json(crate::messaging::service::views::attachment_view(a)))
}

/// Reads a raw body up to the attachment limit.
pub async fn read_limited(mut body: web::Payload) -> AppResult<Vec<u8>> {
    use futures_util::StreamExt;
    let mut out = Vec::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|_| {
            AppError::new(
                agora_shared::ErrorCode::InvalidBody,
                actix_web::http::StatusCode::BAD_REQUEST,
            )
        })?;
        if out.len() + chunk.len() > agora_shared::limits::MAX_ATTACHMENT_BYTES {
            return Err(AppError::new(
                agora_shared::ErrorCode::PayloadTooLarge,
                actix_web::http::StatusCode::PAYLOAD_TOO_LARGE,
            ));
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

#[utoipa::path(get, path = "/api/v1/messages/{message}", tag = "messages", params(("message" = i64, Path)),
    responses((status = 200, body = MessageView), (status = 404, body = ErrorBody)))]
pub async fn get_message(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<web::Json<MessageView>> {
    Ok(web::Json(
        service::get_message(&state, &user.actor(), path.into_inner()).await?,
    ))
}

#[utoipa::path(patch, path = "/api/v1/messages/{message}", tag = "messages", params(("message" = i64, Path)),
    request_body = MessageUpdate, responses((status = 200, body = MessageView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn edit(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<MessageUpdate>,
) -> AppResult<web::Json<MessageView>> {
    Ok(web::Json(
        service::edit(&state, &user.actor(), path.into_inner(), body.into_inner()).await?,
    ))
}

#[utoipa::path(delete, path = "/api/v1/messages/{message}", tag = "messages", params(("message" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    service::delete(&state, &user.actor(), path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ThreadView {
    pub root: MessageView,
    pub replies: Vec<MessageView>,
}

#[utoipa::path(get, path = "/api/v1/messages/{message}/thread", tag = "messages", params(("message" = i64, Path)),
    responses((status = 200, body = ThreadView), (status = 404, body = ErrorBody)))]
pub async fn thread(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<web::Json<ThreadView>> {
    let (root, replies) = service::thread(&state, &user.actor(), path.into_inner()).await?;
    Ok(web::Json(ThreadView { root, replies }))
}

#[utoipa::path(get, path = "/api/v1/messages/{message}/history", tag = "messages", params(("message" = i64, Path)),
    responses((status = 200, body = Vec<MessageEditView>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn edit_history(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<web::Json<Vec<MessageEditView>>> {
    Ok(web::Json(
        service::history_of(&state, &user.actor(), path.into_inner()).await?,
    ))
}

#[utoipa::path(put, path = "/api/v1/messages/{message}/reactions", tag = "messages", params(("message" = i64, Path)),
    request_body = ReactionRequest, responses((status = 200, body = MessageView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn add_reaction(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<ReactionRequest>,
) -> AppResult<web::Json<MessageView>> {
    Ok(web::Json(
        service::react(&state, &user.actor(), path.into_inner(), &body.emoji, true).await?,
    ))
}

#[utoipa::path(delete, path = "/api/v1/messages/{message}/reactions", tag = "messages", params(("message" = i64, Path)),
    request_body = ReactionRequest, responses((status = 200, body = MessageView), (status = 404, body = ErrorBody)))]
pub async fn remove_reaction(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<ReactionRequest>,
) -> AppResult<web::Json<MessageView>> {
    Ok(web::Json(
        service::react(&state, &user.actor(), path.into_inner(), &body.emoji, false).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/unread", tag = "messages",
    responses((status = 200, body = UnreadView), (status = 401, body = ErrorBody)))]
pub async fn unread(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> AppResult<web::Json<UnreadView>> {
    Ok(web::Json(service::unread(&state, &user.actor()).await?))
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct DirectConversationView {
    pub channel: ChannelView,
    /// The other participants, "Name (Organisation)".
    pub with: Vec<String>,
}

#[utoipa::path(get, path = "/api/v1/direct", tag = "direct",
    responses((status = 200, body = Vec<DirectConversationView>), (status = 401, body = ErrorBody)))]
pub async fn list_direct(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> AppResult<web::Json<Vec<DirectConversationView>>> {
    let list = service::list_direct(&state, &user.actor()).await?;
    Ok(web::Json(
        list.into_iter()
            .map(|(channel, with)| DirectConversationView { channel, with })
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/direct", tag = "direct", request_body = NewDirectConversation,
    responses((status = 201, body = ChannelView), (status = 422, body = ErrorBody)))]
pub async fn start_direct(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<NewDirectConversation>,
) -> AppResult<HttpResponse> {
    let c = service::start_direct(&state, &user.actor(), body.into_inner().user_ids).await?;
    Ok(HttpResponse::Created().json(service::channel_view(&c, c.last_seq, 0)))
}

/// Downloads an attachment. Not under `/api`: browsers follow these links directly.
pub async fn download(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, String)>,
    _req: HttpRequest,
) -> AppResult<HttpResponse> {
    let (id, _) = path.into_inner();
    let (a, bytes) = attachments::open(&state, &user.actor(), id).await?;
    let inline = attachments::inline(&a.content_type);
    let content_type = if inline {
        a.content_type.as_str()
    } else {
        "application/octet-stream"
    };
    let disposition = attachments::content_disposition(&a.file_name, inline);
    Ok(file_answer(content_type, disposition, bytes))
}

/// The thumbnail of an image attachment, for whoever may download the attachment. Not under
/// `/api` either: pages embed it.
pub async fn thumbnail(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let (content_type, bytes) =
        attachments::open_thumbnail(&state, &user.actor(), path.into_inner()).await?;
    Ok(file_answer(content_type, "inline".to_string(), bytes))
}

/// A stored file's answer: sandboxed, cached by the browser only.
fn file_answer(content_type: &str, disposition: String, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("Content-Type", content_type))
        .insert_header(("Content-Disposition", disposition))
        .insert_header(("Content-Security-Policy", "default-src 'none'; sandbox"))
        .insert_header(("Cache-Control", "private, max-age=3600"))
        .body(bytes)
}
