//! The middleware every request passes: who is calling, in which language, CSRF, and the
//! translated rendering of every error answer.

use actix_web::body::BoxBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, web};
use agora_shared::ErrorCode;
use agora_shared::api::{ErrorBody, OrgRole};
use agora_shared::limits::{MAX_BODY_BYTES, SESSION_TTL_DAYS};
use futures_util::StreamExt;

use crate::accounts::session;
use crate::accounts::user::User;
use crate::error::AppError;
use crate::i18n::{Tr, negotiate};
use crate::organisations::model::Organisation;
use crate::policy::Actor;
use crate::security::{csrf, tokens};
use crate::state::AppState;
use crate::web::cookies;
use crate::web::page::{ErrorPage, Page, RenderHtml};

/// A signed-in person with a live session.
#[derive(Clone, Debug)]
pub struct Identity {
    pub user: User,
    pub organisation: Organisation,
    pub session_hash: String,
}

impl Identity {
    pub fn actor(&self) -> Actor {
        Actor::new(
            self.user.id,
            self.organisation.id,
            self.user.role(),
            self.organisation.kind(),
        )
    }

    pub fn is_org_admin(&self) -> bool {
        self.user.role() == OrgRole::Admin
    }
}

/// What handlers know about the request beyond its arguments.
#[derive(Clone)]
pub struct Ctx {
    pub tr: Tr,
    pub identity: Option<Identity>,
    /// The token forms and API calls must send back.
    pub csrf_token: String,
    /// Path and query, for the language switcher and `next` links.
    pub path: String,
    pub client_address: Option<String>,
}

impl FromRequest for Ctx {
    type Error = AppError;
    type Future = std::future::Ready<Result<Ctx, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(
            req.extensions()
                .get::<Ctx>()
                .cloned()
                .ok_or_else(|| AppError::internal(anyhow::anyhow!("context middleware missing"))),
        )
    }
}

pub fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

/// Loads the session behind the cookie; a session of a deactivated person or a suspended
/// organisation is ended on sight. Also says whether the expiry was just slid forward.
async fn identify(
    state: &AppState,
    token: Option<String>,
) -> Result<Option<(Identity, bool)>, AppError> {
    let Some(token) = token.filter(|t| tokens::looks_like_token(t)) else {
        return Ok(None);
    };
    let now = state.clock.now();
    let record = state
        .db
        .read(move |conn| session::find_live(conn, &token, now))
        .await?;
    let Some(record) = record else {
        return Ok(None);
    };
    if !record.user.is_active() || !record.organisation.is_active() {
        let user_id = record.user.id;
        state
            .db
            .write(move |conn| session::delete_for_user(conn, user_id).map(drop))
            .await?;
        return Ok(None);
    }
    // Slide the expiry, but write at most every five minutes per session.
    let renew = now - record.last_seen_at > chrono::Duration::minutes(5);
    if renew {
        let id = record.id;
        state
            .db
            .write(move |conn| {
                session::touch(conn, id, now, chrono::Duration::days(SESSION_TTL_DAYS))
            })
            .await?;
    }
    Ok(Some((
        Identity {
            user: record.user,
            organisation: record.organisation,
            session_hash: record.token_hash,
        },
        renew,
    )))
}

fn header_str(req: &ServiceRequest, name: header::HeaderName) -> Option<String> {
    req.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// Reads a form body (bounded) to find its CSRF field, then puts the body back for the handler.
async fn csrf_from_form(req: &mut ServiceRequest) -> Result<Option<String>, AppError> {
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
fn multipart_boundary(content_type: &str) -> Option<String> {
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
async fn csrf_from_multipart(
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

pub async fn middleware(
    mut req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .expect("AppState is registered");
    let https = state.config.https();
    let path = req.path().to_string();
    let api = is_api(&path);

    let session_token = req
        .cookie(cookies::session_name(https))
        .map(|c| c.value().to_string());
    let (identity, renewed) = match identify(&state, session_token.clone()).await {
        Ok(Some((identity, renewed))) => (Some(identity), renewed),
        Ok(None) => (None, false),
        Err(e) => {
            let tr = Tr::new(state.i18n.clone(), agora_shared::api::Language::En);
            let (http, _) = req.into_parts();
            let ctx = Ctx {
                tr,
                identity: None,
                csrf_token: String::new(),
                path,
                client_address: None,
            };
            return Ok(ServiceResponse::new(
                http.clone(),
                render_error(&state, &ctx, &http, &e),
            ));
        }
    };

    // The switcher's `?lang=` wins for this request and is remembered in a cookie.
    let query_lang = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.0.into_iter().find(|(k, _)| k == "lang").map(|(_, v)| v))
        .filter(|v| agora_shared::api::Language::parse(v).is_some());
    let switcher = query_lang
        .clone()
        .or_else(|| req.cookie(cookies::LANG).map(|c| c.value().to_string()));
    let lang = negotiate(
        identity.as_ref().map(|i| i.user.language()),
        switcher.as_deref(),
        header_str(&req, header::ACCEPT_LANGUAGE).as_deref(),
        identity.as_ref().map(|i| i.organisation.language()),
    );
    let tr = Tr::new(state.i18n.clone(), lang);

    let mut new_pre = None;
    let binding = match &identity {
        Some(identity) => Some(identity.session_hash.clone()),
        None => match req.cookie(cookies::pre_session_name(https)) {
            Some(c) if !c.value().is_empty() => Some(c.value().to_string()),
            _ if !api => {
                let value = tokens::new_token();
                new_pre = Some(value.clone());
                Some(value)
            }
            _ => None,
        },
    };
    let csrf_token = binding
        .as_deref()
        .map(|b| csrf::token_for(&state.secret, b))
        .unwrap_or_default();
    let client_address = req.peer_addr().map(|a| a.ip().to_string());
    let full_path = match req.query_string() {
        "" => path.clone(),
        q => format!("{path}?{q}"),
    };
    let ctx = Ctx {
        tr,
        identity: identity.clone(),
        csrf_token,
        path: full_path,
        client_address,
    };

    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // Signed-out API calls carry no ambient credential, so there is nothing to forge.
    let csrf_required = unsafe_method && (identity.is_some() || !api);
    if csrf_required {
        let mut presented = header_str(&req, header::HeaderName::from_static(csrf::HEADER));
        let is_form = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
        if presented.is_none() && is_form {
            match csrf_from_form(&mut req).await {
                Ok(token) => presented = token,
                Err(e) => return Ok(error_response(req, &state, &ctx, &e)),
            }
        }
        let boundary = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(multipart_boundary);
        if presented.is_none()
            && let Some(boundary) = boundary
        {
            match csrf_from_multipart(&mut req, &boundary).await {
                Ok(token) => presented = token,
                Err(e) => return Ok(error_response(req, &state, &ctx, &e)),
            }
        }
        let ok = match (binding.as_deref(), presented.as_deref(), new_pre.is_some()) {
            // A cookie minted on this very request cannot have been sent with a form.
            (Some(b), Some(p), false) => csrf::verify(&state.secret, b, p),
            _ => false,
        };
        if !ok {
            return Ok(error_response(req, &state, &ctx, &AppError::csrf()));
        }
    }

    req.extensions_mut().insert(ctx.clone());
    if let Some(identity) = identity {
        req.extensions_mut().insert(identity);
    }

    let res = next.call(req).await?;
    let mut res = match res.response().error() {
        Some(err) => {
            let status = res.status();
            let app_error = match err.as_error::<AppError>() {
                Some(e) => clone_for_render(e),
                None => from_framework(status),
            };
            let (http, old) = res.into_parts();
            let mut fresh = render_error(&state, &ctx, &http, &app_error);
            // Cookies set by the handler (a cleared session, say) must survive.
            for cookie in old.cookies() {
                let _ = fresh.add_cookie(&cookie);
            }
            ServiceResponse::new(http, fresh)
        }
        None => res,
    };
    if let Some(value) = new_pre {
        let _ = res
            .response_mut()
            .add_cookie(&cookies::pre_session(value, https));
    }
    if let Some(code) = query_lang {
        let _ = res.response_mut().add_cookie(&cookies::lang(&code, https));
    }
    // A renewed session gets its cookie's lifetime renewed too, unless the handler replaced
    // or cleared the cookie (sign-in, sign-out).
    let session_cookie = cookies::session_name(https);
    if renewed
        && let Some(token) = session_token
        && !res.response().cookies().any(|c| c.name() == session_cookie)
    {
        let _ = res
            .response_mut()
            .add_cookie(&cookies::session(token, https, SESSION_TTL_DAYS));
    }
    Ok(res)
}

fn error_response(
    req: ServiceRequest,
    state: &AppState,
    ctx: &Ctx,
    error: &AppError,
) -> ServiceResponse<BoxBody> {
    let (http, _) = req.into_parts();
    let res = render_error(state, ctx, &http, error);
    ServiceResponse::new(http, res)
}

/// The parts of an error needed to answer it (its cause was logged already).
fn clone_for_render(e: &AppError) -> AppError {
    let mut copy = AppError::new(e.code, e.status);
    copy.field = e.field;
    copy.args = e.args.clone();
    copy.retry_after = e.retry_after;
    copy
}

/// Errors raised by actix itself (no route, bad path, method) get our codes too.
fn from_framework(status: StatusCode) -> AppError {
    let code = match status.as_u16() {
        404 | 405 => return AppError::not_found(),
        413 => ErrorCode::PayloadTooLarge,
        415 => ErrorCode::UnsupportedMediaType,
        400..=499 => ErrorCode::InvalidBody,
        _ => ErrorCode::Internal,
    };
    let status = if status == StatusCode::METHOD_NOT_ALLOWED {
        StatusCode::NOT_FOUND
    } else {
        status
    };
    AppError::new(code, status)
}

/// The translated message of an error.
pub fn message(tr: &Tr, error: &AppError) -> String {
    let mut args = error.args.clone();
    if let Some(field) = error.field {
        args.push(("field", field.to_string()));
    }
    tr.targs(&error.code.message_id(), &args)
}

fn render_error(
    state: &AppState,
    ctx: &Ctx,
    http: &HttpRequest,
    error: &AppError,
) -> HttpResponse<BoxBody> {
    let mut builder = HttpResponse::build(error.status);
    if let Some(secs) = error.retry_after {
        builder.insert_header((header::RETRY_AFTER, secs.to_string()));
    }
    builder.insert_header((header::CACHE_CONTROL, "no-store"));
    if is_api(http.path()) {
        return builder.json(ErrorBody {
            code: error.code,
            message: message(&ctx.tr, error),
            field: error.field.map(str::to_string),
        });
    }
    if error.code == ErrorCode::Unauthenticated {
        let next = url_encode(&ctx.path);
        return HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("/signin?next={next}")))
            .finish();
    }
    let page = Page::new(state, ctx, ctx.tr.t("error-page-title"));
    match (ErrorPage {
        page,
        message: message(&ctx.tr, error),
        status: error.status.as_u16(),
    })
    .render_html()
    {
        Ok(html) => builder
            .content_type("text/html; charset=utf-8")
            .body(html)
            .map_into_boxed_body(),
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            builder.body(error.code.as_str()).map_into_boxed_body()
        }
    }
}

pub fn url_encode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|v| v.trim_start_matches('=').to_string())
        .unwrap_or_default()
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
