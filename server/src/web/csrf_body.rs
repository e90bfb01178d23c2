//! The CSRF token of a form post, read from its body: a urlencoded field, or a multipart part
//! ahead of the files.

use actix_web::dev::{Payload, ServiceRequest};
use actix_web::http::StatusCode;
use actix_web::{HttpMessage, web};
use agora_shared::ErrorCode;
use agora_shared::limits::MAX_BODY_BYTES;
use futures_util::StreamExt;

use crate::error::AppError;
use crate::security::csrf;

/// Reads a form body (bounded) to find its CSRF field, then puts the body back for the handler.
pub(super) async fn csrf_from_form(req: &mut ServiceRequest) -> Result<Option<String>, AppError> {
    let mut payload = req.take_payload();
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk
            .map_err(|e| AppError::bad_body(ErrorCode::InvalidBody, StatusCode::BAD_REQUEST, e))?;
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(AppError::new(
                ErrorCode::PayloadTooLarge,
                StatusCode::PAYLOAD_TOO_LARGE,
            ));
        }
        body.extend_from_slice(&chunk);
    }
    let body = body.freeze();
    let token = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body)
        .ok()
        .and_then(|pairs| {
            pairs
                .into_iter()
                .find(|(k, _)| k == csrf::FORM_FIELD)
                .map(|(_, v)| v)
        });
    req.set_payload(Payload::from(body));
    Ok(token)
}

/// The boundary of a `multipart/form-data` content type.
pub(super) fn multipart_boundary(content_type: &str) -> Option<String> {
    let (mime, params) = content_type.split_once(';')?;
    if !mime.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        let v = v.trim().trim_matches('"');
        (k.trim().eq_ignore_ascii_case("boundary") && !v.is_empty()).then(|| v.to_string())
    })
}

/// How far into a multipart body the CSRF field is looked for. Forms put it first, before any
/// file, so it arrives in the first packet.
const MULTIPART_CSRF_WINDOW: usize = 16 * 1024;

/// The value of the `csrf_token` part in the start of a multipart body, once that part is complete.
fn multipart_field(head: &[u8], boundary: &str, name: &str) -> Option<String> {
    let delimiter = format!("--{boundary}");
    let text = String::from_utf8_lossy(head);
    let wanted = format!("name=\"{name}\"");
    for part in text.split(delimiter.as_str()).skip(1) {
        let Some((headers, body)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let disposition = headers
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"));
        if disposition.is_some_and(|d| d.contains(&wanted) && !d.contains("filename=")) {
            // The part is complete only when the next delimiter has arrived.
            return body.strip_suffix("\r\n").map(str::to_string);
        }
    }
    None
}

/// Reads the start of a multipart body (a file upload form) for its CSRF field, then hands the
/// whole body, unbuffered beyond that start, to the handler.
pub(super) async fn csrf_from_multipart(
    req: &mut ServiceRequest,
    boundary: &str,
) -> Result<Option<String>, AppError> {
    let mut payload = req.take_payload();
    let mut head = web::BytesMut::new();
    let mut token = None;
    while head.len() < MULTIPART_CSRF_WINDOW {
        match payload.next().await {
            Some(chunk) => {
                let chunk = chunk.map_err(|e| {
                    AppError::bad_body(ErrorCode::InvalidBody, StatusCode::BAD_REQUEST, e)
                })?;
                head.extend_from_slice(&chunk);
                token = multipart_field(&head, boundary, csrf::FORM_FIELD);
                if token.is_some() {
                    break;
                }
            }
            None => break,
        }
    }
    let head = head.freeze();
    type Stream = std::pin::Pin<
        Box<dyn futures_util::Stream<Item = Result<web::Bytes, actix_web::error::PayloadError>>>,
    >;
    let stream: Stream =
        Box::pin(futures_util::stream::once(async move { Ok(head) }).chain(payload));
    req.set_payload(Payload::from(stream));
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_csrf_field() {
        assert_eq!(
            multipart_boundary("multipart/form-data; boundary=----x1"),
            Some("----x1".into())
        );
        assert_eq!(
            multipart_boundary("multipart/form-data; boundary=\"b c\""),
            Some("b c".into())
        );
        assert_eq!(multipart_boundary("application/json"), None);
        let body = b"--XX\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc-123\r\n--XX\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nhi\r\n--XX--\r\n";
        assert_eq!(
            multipart_field(body, "XX", "csrf_token"),
            Some("abc-123".into())
        );
        // Not complete yet: the next delimiter has not arrived.
        let partial = b"--XX\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc";
        assert_eq!(multipart_field(partial, "XX", "csrf_token"), None);
        // A file named like the field is not the field.
        let file = b"--XX\r\nContent-Disposition: form-data; name=\"csrf_token\"; filename=\"a\"\r\n\r\nabc\r\n--XX--";
        assert_eq!(multipart_field(file, "XX", "csrf_token"), None);
    }
}
