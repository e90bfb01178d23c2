//! The request context the handlers read: the caller's identity, language and CSRF token, set by
//! [`super::middleware`].

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};

use crate::accounts::user::User;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::organisations::model::Organisation;
use crate::policy::Actor;

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

    /// Whether they govern their own organisation's people, as the policy decides it.
    pub fn is_org_admin(&self) -> bool {
        crate::policy::organisation(
            &self.actor(),
            self.organisation.id,
            crate::policy::Action::ManageMembers,
        )
        .is_ok()
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
    /// The side navigation's rows, read with the session for a signed-in page request.
    pub nav: Option<std::sync::Arc<Vec<crate::db::navigation::SideRow>>>,
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
