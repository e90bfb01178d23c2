//! The composer's multipart body, decoded by actix-multipart's typed form. A file over the size
//! limit is flagged, not fatal, so the form comes back with its text and the reason beside the
//! file input.

use actix_multipart::form::text::Text;
use actix_multipart::form::{FieldReader, Limits, MultipartForm, MultipartFormConfig};
use actix_multipart::{Field, MultipartError};
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, web};
use agora_shared::ErrorCode;
use agora_shared::limits::{MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_MESSAGE, MAX_BODY_BYTES};
use futures_util::TryStreamExt;
use futures_util::future::LocalBoxFuture;

use crate::error::{AppError, AppResult};

/// One `file` part: its name as sent, and its bytes unless it was over the limit.
pub(super) struct Upload {
    pub name: Option<String>,
    pub bytes: Option<Vec<u8>>,
}

impl<'t> FieldReader<'t> for Upload {
    type Future = LocalBoxFuture<'t, Result<Self, MultipartError>>;

    fn read_field(_: &'t HttpRequest, mut field: Field, limits: &'t mut Limits) -> Self::Future {
        Box::pin(async move {
            let name = field
                .content_disposition()
                .and_then(|d| d.get_filename())
                .map(str::to_string);
            let mut bytes = Some(Vec::new());
            while let Some(chunk) = field.try_next().await? {
                // Past the limit the rest is only counted (against the form's total), not kept.
                let kept = bytes
                    .as_ref()
                    .is_some_and(|b| b.len() + chunk.len() <= MAX_ATTACHMENT_BYTES);
                limits.try_consume_limits(chunk.len(), kept)?;
                match bytes.as_mut() {
                    Some(b) if kept => b.extend_from_slice(&chunk),
                    _ => bytes = None,
                }
            }
            Ok(Upload { name, bytes })
        })
    }
}

#[derive(actix_multipart::form::MultipartForm)]
pub(super) struct ComposerUpload {
    pub csrf_token: Option<Text<String>>,
    pub body: Option<Text<String>>,
    pub language: Option<Text<String>>,
    pub thread_root_id: Option<Text<String>>,
    #[multipart(rename = "file")]
    pub files: Vec<Upload>,
}

/// Decodes the body, then checks its CSRF token before anything is done with a file.
pub(super) async fn read(req: &HttpRequest, payload: web::Payload) -> AppResult<ComposerUpload> {
    let form = MultipartForm::<ComposerUpload>::from_request(req, &mut payload.into_inner())
        .await
        .map_err(|e| match e.as_response_error().status_code() {
            // Over the form's total: more than the files allowed could hold.
            StatusCode::PAYLOAD_TOO_LARGE => {
                AppError::new(ErrorCode::PayloadTooLarge, StatusCode::PAYLOAD_TOO_LARGE)
            }
            _ => AppError::bad_body(ErrorCode::InvalidBody, StatusCode::BAD_REQUEST, e),
        })?
        .into_inner();
    crate::web::csrf_body::check_upload(req, form.csrf_token.as_ref().map(|t| t.as_str()))?;
    Ok(form)
}

/// The most a composer body may hold: every file at its limit, and the text fields.
pub fn config() -> MultipartFormConfig {
    let total = MAX_ATTACHMENTS_PER_MESSAGE * MAX_ATTACHMENT_BYTES + MAX_BODY_BYTES;
    MultipartFormConfig::default()
        .total_limit(total)
        .memory_limit(total)
}
