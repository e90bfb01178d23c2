//! The OpenAPI document of `/api/v1`, generated from the handlers' annotations.
//!
//! The error answers that follow from how a route is reached (signed in, a changing method, a
//! path id, a body or query, a rate limit) are added here, in one place, by [`ErrorResponses`],
//! rather than repeated on every handler, so a new route cannot forget them.

use actix_web::HttpResponse;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::{
    Content, Object, OpenApi as Document, Ref, RefOr, Response, Responses, Type, header::Header,
};
use utoipa::{Modify, OpenApi};

use crate::accounts::api as accounts;
use crate::directory::api as dir;
use crate::messaging::api as msg;
use crate::organisations::api as orgs;
use crate::workspaces::api as ws;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Agora API",
        description = "Organisations, people and sessions of an Agora network. \
        Calls made with the session cookie send the `X-CSRF-Token` header on every change. \
        Errors are `ErrorBody`: a stable `code`, a `message` in the caller's language and, \
        for invalid input, the `field` at fault."
    ),
    modifiers(&ErrorResponses),
    paths(
        crate::health::healthz,
        crate::health::readyz,
        serve,
        accounts::sign_in,
        accounts::sign_out,
        accounts::me,
        accounts::update_me,
        accounts::change_password,
        accounts::request_reset,
        accounts::confirm_reset,
        accounts::accept_invitation,
        accounts::list_members,
        accounts::update_member,
        accounts::list_invitations,
        accounts::create_invitation,
        accounts::revoke_invitation,
        orgs::list,
        orgs::create,
        orgs::get,
        orgs::update,
        crate::realtime::ws::events,
        ws::list,
        ws::create,
        ws::get,
        ws::update,
        ws::invite_organisation,
        ws::decide,
        ws::members,
        ws::add_member,
        ws::update_member,
        ws::remove_member,
        ws::restore_owner,
        ws::list_channels,
        ws::create_channel,
        msg::get_channel,
        ws::update_channel,
        msg::history,
        msg::post,
        msg::mark_read,
        msg::upload,
        msg::get_message,
        msg::edit,
        msg::delete,
        msg::thread,
        msg::edit_history,
        msg::add_reaction,
        msg::remove_reaction,
        msg::unread,
        crate::search::api::search,
        msg::list_direct,
        msg::start_direct,
        dir::search,
        dir::person,
    )
)]
pub struct ApiDoc;

#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "operations", responses((status = 200, description = "This document")))]
pub async fn serve() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}

/// Operations that answer without a session (`(method, path)`); every other `/api` operation
/// answers 401 to a caller who is not signed in.
pub const PUBLIC_OPERATIONS: &[(&str, &str)] = &[
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/api/v1/openapi.json"),
    ("POST", "/api/v1/session"),
    ("POST", "/api/v1/password-resets"),
    ("POST", "/api/v1/password-resets/confirm"),
    ("POST", "/api/v1/invitations/accept"),
];

/// Operations counted by the rate limiter (`crate::security::rate`).
pub const RATE_LIMITED_OPERATIONS: &[(&str, &str)] = &[
    ("POST", "/api/v1/session"),
    ("POST", "/api/v1/password-resets"),
    ("POST", "/api/v1/password-resets/confirm"),
    ("POST", "/api/v1/invitations/accept"),
    ("GET", "/api/v1/events"),
    ("POST", "/api/v1/channels/{channel}/attachments"),
];

/// Adds to every operation the error answers its shape allows, each with the `ErrorBody` schema.
pub struct ErrorResponses;

impl Modify for ErrorResponses {
    fn modify(&self, doc: &mut Document) {
        for (path, item) in doc.paths.paths.iter_mut() {
            let operations = [
                ("GET", &mut item.get),
                ("POST", &mut item.post),
                ("PUT", &mut item.put),
                ("PATCH", &mut item.patch),
                ("DELETE", &mut item.delete),
            ];
            for (method, operation) in operations {
                if let Some(operation) = operation {
                    add_error_responses(method, path, operation);
                }
            }
        }
    }
}

/// The error statuses `operation` can answer, from how it is reached.
pub fn error_statuses(method: &str, path: &str, operation: &Operation) -> Vec<u16> {
    let listed = |list: &[(&str, &str)]| list.iter().any(|(m, p)| *m == method && *p == path);
    let params = operation.parameters.iter().flatten();
    let param_in = |place: ParameterIn| {
        params
            .clone()
            .any(|p| matches!(p, RefOr::T(p) if p.parameter_in == place))
    };
    let has_body = operation.request_body.is_some();
    let changes = method != "GET";
    let mut statuses = Vec::new();
    if !path.starts_with("/api/") {
        return statuses;
    }
    if has_body || param_in(ParameterIn::Query) {
        statuses.extend([400, 422]);
    }
    if !listed(PUBLIC_OPERATIONS) {
        statuses.push(401);
    }
    // Every change made with a session cookie needs the CSRF header; role checks answer 403 too.
    if changes {
        statuses.push(403);
    }
    if param_in(ParameterIn::Path) {
        statuses.push(404);
    }
    if has_body {
        statuses.extend([413, 415]);
    }
    if listed(RATE_LIMITED_OPERATIONS) {
        statuses.push(429);
    }
    statuses
}

fn add_error_responses(method: &str, path: &str, operation: &mut Operation) {
    for status in error_statuses(method, path, operation) {
        let key = status.to_string();
        let responses: &mut Responses = &mut operation.responses;
        let response = responses
            .responses
            .entry(key)
            .or_insert_with(|| RefOr::T(Response::new(describe(status))));
        if let RefOr::T(response) = response {
            if response.description.is_empty() {
                response.description = describe(status).to_string();
            }
            response
                .content
                .entry("application/json".to_string())
                .or_insert_with(|| {
                    RefOr::T(Content::new(Some(Ref::from_schema_name("ErrorBody"))))
                });
            if status == 429 {
                response
                    .headers
                    .entry("Retry-After".into())
                    .or_insert_with(|| {
                        let mut header = Header::new(Object::with_type(Type::Integer));
                        header.description = Some("Seconds to wait before trying again".into());
                        RefOr::T(header)
                    });
            }
        }
    }
}

fn describe(status: u16) -> &'static str {
    match status {
        400 => "The body or a query parameter does not parse (`invalid_body`)",
        401 => "Not signed in, or the session has ended (`unauthenticated`)",
        403 => {
            "Not allowed for the caller's role, or the `X-CSRF-Token` header is missing or wrong"
        }
        404 => "No such object, or one the caller may not see: the two answer alike",
        413 => "The body is larger than the limit",
        415 => "The body is not of the documented media type",
        422 => "A field is invalid; `field` names it",
        429 => "Too many attempts; `Retry-After` says when to try again",
        _ => "Error",
    }
}
