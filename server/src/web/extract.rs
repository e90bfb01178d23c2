//! Extractors that carry permissions: a handler's signature says what it needs. They ask
//! `policy` and decide nothing themselves.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload, web};

use super::context::Identity;
use crate::error::{AppError, AppResult};
use crate::organisations::model::Organisation;
use crate::policy::{Action, Actor};
use crate::state::AppState;

/// A signed-in, active person of an active organisation.
pub struct CurrentUser(pub Identity);

impl CurrentUser {
    pub fn actor(&self) -> Actor {
        self.0.actor()
    }
}

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = std::future::Ready<AppResult<CurrentUser>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(
            req.extensions()
                .get::<Identity>()
                .cloned()
                .map(CurrentUser)
                .ok_or_else(AppError::unauthenticated),
        )
    }
}

/// An administrator of the network operator.
pub struct NetworkAdmin(pub Identity);

impl FromRequest for NetworkAdmin {
    type Error = AppError;
    type Future = std::future::Ready<AppResult<NetworkAdmin>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let identity = req.extensions().get::<Identity>().cloned();
        std::future::ready(match identity {
            None => Err(AppError::unauthenticated()),
            Some(identity) => {
                crate::policy::manage_network(&identity.actor()).map(|()| NetworkAdmin(identity))
            }
        })
    }
}

/// Names the [`Action`] an [`OrgAccess`] checks.
pub trait OrgAction {
    const ACTION: Action;
}

macro_rules! org_actions {
    ($($name:ident => $action:expr),+ $(,)?) => {
        $(
            #[doc = concat!("Marker for `", stringify!($action), "`.")]
            pub struct $name;
            impl OrgAction for $name {
                const ACTION: Action = $action;
            }
        )+
    };
}

pub mod actions {
    use super::{Action, OrgAction};
    use agora_shared::api::OrgRole;

    org_actions! {
        View => Action::View,
        Edit => Action::Edit,
        InviteMember => Action::Invite(OrgRole::Member),
        ManageInvitations => Action::ManageInvitations,
        ManageMembers => Action::ManageMembers,
        ManageEmail => Action::ManageEmail,
    }
}

/// The organisation named by the `{org}` path segment, with `A` allowed to the caller.
pub struct OrgAccess<A: OrgAction> {
    pub identity: Identity,
    pub organisation: Organisation,
    _action: PhantomData<A>,
}

impl<A: OrgAction> OrgAccess<A> {
    pub fn actor(&self) -> Actor {
        self.identity.actor()
    }
}

impl<A: OrgAction + 'static> FromRequest for OrgAccess<A> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = AppResult<OrgAccess<A>>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let identity = req.extensions().get::<Identity>().cloned();
        let org_id = req
            .match_info()
            .get("org")
            .and_then(|s| s.parse::<i64>().ok());
        let state = req.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let identity = identity.ok_or_else(AppError::unauthenticated)?;
            let org_id = org_id.ok_or_else(AppError::not_found)?;
            let state = state.ok_or_else(|| AppError::internal(anyhow::anyhow!("no state")))?;
            // Decide before loading, so another tenant's organisation costs no query and its
            // existence shows nowhere.
            crate::policy::organisation(&identity.actor(), org_id, A::ACTION)?;
            let organisation = state
                .db
                .read(move |conn| Organisation::find(conn, org_id))
                .await?;
            Ok(OrgAccess {
                identity,
                organisation,
                _action: PhantomData,
            })
        })
    }
}
