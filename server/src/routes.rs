//! Every route of the application, listed once. The same list registers the handlers and is
//! exported as [`ROUTES`], so the access tests fail when a route is missing from their table.

use actix_web::web;

use crate::accounts::{api as accounts_api, pages as accounts_pages};
use crate::directory::{api as directory_api, pages as directory_pages};
use crate::messaging::{api as messaging_api, pages as messaging_pages};
use crate::organisations::{api as orgs_api, pages as orgs_pages};
use crate::workspaces::{api as workspaces_api, pages as workspaces_pages};
use crate::{health, home, openapi, search, web::asset_route};

macro_rules! routes {
    ($($method:ident $path:literal => $handler:path),+ $(,)?) => {
        /// `(method, path pattern)` of every route, in registration order.
        pub const ROUTES: &[(&str, &str)] = &[$((stringify!($method), $path)),+];

        pub fn configure(cfg: &mut web::ServiceConfig) {
            $(cfg.route($path, routes!(@method $method).to($handler));)+
        }
    };
    (@method GET) => { web::get() };
    (@method POST) => { web::post() };
    (@method PUT) => { web::put() };
    (@method PATCH) => { web::patch() };
    (@method DELETE) => { web::delete() };
}

routes! {
    GET "/healthz" => health::healthz,
    GET "/readyz" => health::readyz,
    GET "/static/{file}" => asset_route::serve,

    GET "/" => home::home,
    GET "/setup" => accounts_pages::setup::setup_form,
    POST "/setup" => accounts_pages::setup::setup,
    GET "/signin" => accounts_pages::sign_in::sign_in_form,
    POST "/signin" => accounts_pages::sign_in::sign_in,
    POST "/signout" => accounts_pages::sign_in::sign_out,
    GET "/signin/link" => accounts_pages::sign_in_link::request_form,
    POST "/signin/link" => accounts_pages::sign_in_link::request,
    GET "/signin/link/{token}" => accounts_pages::sign_in_link::confirm_form,
    POST "/signin/link/{token}" => accounts_pages::sign_in_link::confirm,
    GET "/invite/{token}" => accounts_pages::accept::accept_form,
    POST "/invite/{token}" => accounts_pages::accept::accept,
    GET "/reset" => accounts_pages::reset::reset_request_form,
    POST "/reset" => accounts_pages::reset::reset_request,
    GET "/reset/{token}" => accounts_pages::reset::reset_form,
    POST "/reset/{token}" => accounts_pages::reset::reset,
    GET "/profile" => accounts_pages::profile::profile,
    POST "/profile" => accounts_pages::profile::update_profile,
    POST "/profile/password" => accounts_pages::profile::change_password,
    GET "/settings/email" => crate::email_settings::pages::settings,
    POST "/settings/email" => crate::email_settings::pages::update_settings,
    GET "/settings/email/digest" => crate::digest::pages::preview_own,
    GET "/unsubscribe/{token}" => crate::email_settings::unsubscribe_pages::confirm_form,
    POST "/unsubscribe/{token}" => crate::email_settings::unsubscribe_pages::unsubscribe,
    POST "/unsubscribe/{token}/undo" => crate::email_settings::unsubscribe_pages::undo,
    GET "/orgs" => orgs_pages::list,
    POST "/orgs" => orgs_pages::create,
    GET "/orgs/{org}/edit" => orgs_pages::edit_form,
    POST "/orgs/{org}/edit" => orgs_pages::edit,
    GET "/orgs/{org}/members" => accounts_pages::members::members,
    POST "/orgs/{org}/members/{user}" => accounts_pages::members::update_member,
    GET "/orgs/{org}/members/{user}/digest" => crate::digest::pages::preview_member,
    GET "/orgs/{org}/digest" => crate::digest::pages::org_settings,
    POST "/orgs/{org}/digest" => crate::digest::pages::update_org_settings,
    GET "/network/digests" => crate::digest::pages::runs,
    POST "/orgs/{org}/invitations" => accounts_pages::members::invite,
    POST "/orgs/{org}/invitations/{invitation}/revoke" => accounts_pages::members::revoke_invitation,
    GET "/workspaces/new" => workspaces_pages::new::new_form,
    POST "/workspaces" => workspaces_pages::new::create,
    GET "/workspaces/{workspace}" => workspaces_pages::show::show,
    GET "/workspaces/{workspace}/admin" => workspaces_pages::admin::admin,
    POST "/workspaces/{workspace}/settings" => workspaces_pages::settings::update_settings,
    POST "/workspaces/{workspace}/organisations" => workspaces_pages::participation::invite_organisation,
    POST "/workspaces/{workspace}/participation" => workspaces_pages::participation::decide_participation,
    POST "/workspaces/{workspace}/members" => workspaces_pages::members::add_member,
    POST "/workspaces/{workspace}/members/{user}/role" => workspaces_pages::members::change_role,
    POST "/workspaces/{workspace}/members/{user}/remove" => workspaces_pages::members::remove_member,
    POST "/workspaces/{workspace}/owner" => workspaces_pages::members::restore_owner,
    POST "/workspaces/{workspace}/read" => workspaces_pages::read_all::mark_all_read,
    POST "/workspaces/{workspace}/channels" => workspaces_pages::channels::create_channel,
    POST "/channels/{channel}/settings" => workspaces_pages::channels::update_channel,
    GET "/directory" => directory_pages::directory,
    GET "/people/{user}" => directory_pages::person,
    GET "/direct" => directory_pages::direct,
    POST "/direct" => directory_pages::start_direct,
    GET "/channels/{channel}" => messaging_pages::channel::channel,
    POST "/channels/{channel}/messages" => messaging_pages::post::post,
    GET "/messages/{message}/thread" => messaging_pages::thread::thread,
    GET "/messages/{message}/fragment" => messaging_pages::fragment::fragment,
    GET "/messages/{message}/edit" => messaging_pages::edit::edit_form,
    POST "/messages/{message}/edit" => messaging_pages::edit::edit,
    GET "/messages/{message}/delete" => messaging_pages::edit::delete_form,
    POST "/messages/{message}/delete" => messaging_pages::edit::delete,
    GET "/messages/{message}/reactions" => messaging_pages::reactions::who_reacted,
    POST "/messages/{message}/reactions" => messaging_pages::reaction::react,
    GET "/messages/{message}/react" => messaging_pages::reactions::picker,
    GET "/channels/{channel}/mentions" => messaging_pages::mentions::candidates,
    POST "/settings/composer" => messaging_pages::preferences::update,
    GET "/search" => search::pages::search,

    GET "/api/v1/openapi.json" => openapi::serve,
    GET "/api/v1/events" => crate::realtime::ws::events,
    POST "/api/v1/session" => accounts_api::sign_in,
    DELETE "/api/v1/session" => accounts_api::sign_out,
    GET "/api/v1/me" => accounts_api::me,
    PATCH "/api/v1/me" => accounts_api::update_me,
    PUT "/api/v1/me/password" => accounts_api::change_password,
    POST "/api/v1/password-resets" => accounts_api::request_reset,
    POST "/api/v1/password-resets/confirm" => accounts_api::confirm_reset,
    POST "/api/v1/invitations/accept" => accounts_api::accept_invitation,
    GET "/api/v1/organisations" => orgs_api::list,
    POST "/api/v1/organisations" => orgs_api::create,
    GET "/api/v1/organisations/{org}" => orgs_api::get,
    PATCH "/api/v1/organisations/{org}" => orgs_api::update,
    GET "/api/v1/organisations/{org}/members" => accounts_api::list_members,
    PATCH "/api/v1/organisations/{org}/members/{user}" => accounts_api::update_member,
    GET "/api/v1/organisations/{org}/invitations" => accounts_api::list_invitations,
    POST "/api/v1/organisations/{org}/invitations" => accounts_api::create_invitation,
    DELETE "/api/v1/organisations/{org}/invitations/{invitation}" => accounts_api::revoke_invitation,

    GET "/files/{attachment}/{name}" => messaging_api::download,
    GET "/thumbnails/{attachment}" => messaging_api::thumbnail,
    GET "/api/v1/workspaces" => workspaces_api::list,
    POST "/api/v1/workspaces" => workspaces_api::create,
    GET "/api/v1/workspaces/{workspace}" => workspaces_api::get,
    PATCH "/api/v1/workspaces/{workspace}" => workspaces_api::update,
    POST "/api/v1/workspaces/{workspace}/organisations" => workspaces_api::invite_organisation,
    POST "/api/v1/workspaces/{workspace}/participation" => workspaces_api::decide,
    GET "/api/v1/workspaces/{workspace}/members" => workspaces_api::members,
    POST "/api/v1/workspaces/{workspace}/members" => workspaces_api::add_member,
    PATCH "/api/v1/workspaces/{workspace}/members/{user}" => workspaces_api::update_member,
    DELETE "/api/v1/workspaces/{workspace}/members/{user}" => workspaces_api::remove_member,
    POST "/api/v1/workspaces/{workspace}/owner" => workspaces_api::restore_owner,
    GET "/api/v1/workspaces/{workspace}/channels" => workspaces_api::list_channels,
    POST "/api/v1/workspaces/{workspace}/channels" => workspaces_api::create_channel,
    GET "/api/v1/channels/{channel}" => messaging_api::get_channel,
    PATCH "/api/v1/channels/{channel}" => workspaces_api::update_channel,
    GET "/api/v1/channels/{channel}/messages" => messaging_api::history,
    POST "/api/v1/channels/{channel}/messages" => messaging_api::post,
    POST "/api/v1/channels/{channel}/read" => messaging_api::mark_read,
    POST "/api/v1/channels/{channel}/attachments" => messaging_api::upload,
    GET "/api/v1/messages/{message}" => messaging_api::get_message,
    PATCH "/api/v1/messages/{message}" => messaging_api::edit,
    DELETE "/api/v1/messages/{message}" => messaging_api::delete,
    GET "/api/v1/messages/{message}/thread" => messaging_api::thread,
    GET "/api/v1/messages/{message}/history" => messaging_api::edit_history,
    PUT "/api/v1/messages/{message}/reactions" => messaging_api::add_reaction,
    DELETE "/api/v1/messages/{message}/reactions" => messaging_api::remove_reaction,
    GET "/api/v1/unread" => messaging_api::unread,
    GET "/api/v1/search" => search::api::search,
    GET "/api/v1/direct" => messaging_api::list_direct,
    POST "/api/v1/direct" => messaging_api::start_direct,
    GET "/api/v1/directory" => directory_api::search,
    GET "/api/v1/people/{user}" => directory_api::person,
}
