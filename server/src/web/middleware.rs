//! The middleware every request passes: who is calling, in which language, CSRF, and the
//! translated rendering of every error answer.

use actix_web::body::BoxBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, web};
use agora_shared::limits::SESSION_TTL_DAYS;

use crate::accounts::session;
use crate::error::AppError;
use crate::i18n::{Tr, negotiate};
use crate::security::{csrf, tokens};
use crate::state::AppState;
use crate::web::cookies;
use crate::web::csrf_body::{csrf_from_form, is_multipart, is_upload_route};
use crate::web::error_answer::{clone_for_render, error_response, from_framework, render_error};

use crate::db::navigation::SideRow;
use crate::web::context::{Ctx, Identity, is_api};

/// Loads the session behind the cookie; a session of a deactivated person or a suspended
/// organisation is ended on sight. Also says whether the expiry was just slid forward.
async fn identify(
    state: &AppState,
    token: Option<String>,
    want_nav: bool,
) -> Result<Option<(Identity, bool, Option<Vec<SideRow>>)>, AppError> {
    let Some(token) = token.filter(|t| tokens::looks_like_token(t)) else {
        return Ok(None);
    };
    let now = state.clock.now();
    // The side navigation is read on the same connection, right after the session.
    let found = state
        .db
        .read(move |conn| {
            let Some(record) = session::find_live(conn, &token, now)? else {
                return Ok(None);
            };
            let nav = if want_nav && record.user.is_active() && record.organisation.is_active() {
                let actor = crate::policy::Actor::new(
                    record.user.id,
                    record.organisation.id,
                    record.user.role(),
                    record.organisation.kind(),
                );
                Some(crate::policy::navigation::side_list(conn, &actor)?)
            } else {
                None
            };
            Ok(Some((record, nav)))
        })
        .await?;
    let Some((record, nav)) = found else {
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
    // Slide the expiry (at most every five minutes per session) and store the person's activity
    // (at most every few minutes): one write for both, and none on most requests.
    let renew = now - record.last_seen_at > chrono::Duration::minutes(5);
    let active = crate::accounts::activity::is_stale(record.user.last_active_at, now);
    if renew || active {
        let (session_id, user_id) = (record.id, record.user.id);
        state
            .db
            .write(move |conn| {
                if renew {
                    session::touch(
                        conn,
                        session_id,
                        now,
                        chrono::Duration::days(SESSION_TTL_DAYS),
                    )?;
                }
                if active {
                    crate::accounts::activity::record(conn, user_id, now)?;
                }
                Ok(())
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
        nav,
    )))
}

/// Whether the request is for a whole page that shows the side navigation: a signed-in `GET`
/// of a page, not an asset, a fragment, a file, the API or a probe.
fn shows_navigation(req: &ServiceRequest, path: &str) -> bool {
    *req.method() == Method::GET
        && !is_api(path)
        && !req.headers().contains_key("hx-request")
        && !path.ends_with("/fragment")
        && !["/static/", "/files/", "/healthz", "/readyz", "/metrics"]
            .iter()
            .any(|p| path.starts_with(p))
}

fn header_str(req: &ServiceRequest, name: header::HeaderName) -> Option<String> {
    req.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// The one-click unsubscribe posts (RFC 8058): a mail client sends them with no cookie and no
/// CSRF token, only `List-Unsubscribe=One-Click`. A forger gains nothing the link itself does not
/// give: the signed token in the path is the whole credential, and the handlers never look at
/// the session. Matched by route pattern, so no other path can slip through.
fn csrf_exempt(method: &Method, pattern: Option<&str>) -> bool {
    *method == Method::POST
        && matches!(
            pattern,
            Some("/unsubscribe/{token}" | "/unsubscribe/{token}/undo")
        )
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
    let want_nav = shows_navigation(&req, &path);
    let (identity, renewed, nav) = match identify(&state, session_token.clone(), want_nav).await {
        Ok(Some((identity, renewed, nav))) => (Some(identity), renewed, nav),
        Ok(None) => (None, false, None),
        Err(e) => {
            let tr = Tr::new(state.i18n.clone(), agora_shared::api::Language::En);
            let (http, _) = req.into_parts();
            let ctx = Ctx {
                tr,
                identity: None,
                csrf_token: String::new(),
                path,
                client_address: None,
                nav: None,
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
        nav: nav.map(std::sync::Arc::new),
    };

    // A cookie minted on this very request cannot have been sent with a form.
    let expected = binding.clone().filter(|_| new_pre.is_none());
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // Signed-out API calls carry no ambient credential, so there is nothing to forge.
    let csrf_required = unsafe_method
        && (identity.is_some() || !api)
        && !csrf_exempt(req.method(), req.match_pattern().as_deref());
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
        // A multipart body is not read here: an upload route's handler checks the token in it
        // (`csrf::check_upload`) before touching a file; on any other route it is refused, so a
        // handler that forgets the check opens nothing.
        let deferred = presented.is_none()
            && is_multipart(&req)
            && is_upload_route(req.method(), req.match_pattern().as_deref());
        if !deferred
            && let Err(e) = csrf::check(&state.secret, expected.as_deref(), presented.as_deref())
        {
            return Ok(error_response(req, &state, &ctx, &e));
        }
    }
    req.extensions_mut().insert(csrf::Binding(expected));

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
