//! The OpenAPI document of `/api/v1`, generated from the handlers' annotations.

use actix_web::HttpResponse;
use utoipa::OpenApi;

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
        Calls made with the session cookie send the `X-CSRF-Token` header on every change."
    ),
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
        msg::list_channels,
        msg::create_channel,
        msg::get_channel,
        msg::update_channel,
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
        msg::search,
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
