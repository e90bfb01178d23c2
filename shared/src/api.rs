//! JSON shapes of `/api/v1`. Requests reject unknown fields so a typo is an error, not a no-op.

use serde::{Deserialize, Serialize};

use crate::ErrorCode;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A closed set of values carried as snake_case strings on the wire and in the database.
#[macro_export]
#[doc(hidden)]
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(ToSchema))]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            /// Parses the wire form; `None` for anything else.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($wire => Some($name::$variant),)+ _ => None }
            }
        }

        #[cfg(feature = "diesel")]
        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                self.as_str().to_sql(out)
            }
        }

        /// A stored value outside the set is an error, never a default: it means the
        /// database holds something this version does not know.
        #[cfg(feature = "diesel")]
        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let stored = String::from_sql(bytes)?;
                $name::parse(&stored).ok_or_else(|| {
                    format!(concat!("unknown stored ", stringify!($name), " {:?}"), stored).into()
                })
            }
        }
    };
}

string_enum! {
    /// What kind of organisation a tenant is.
    OrgKind {
        FlemishMunicipality => "flemish_municipality",
        PartnerMunicipality => "partner_municipality",
        Association => "association",
        NetworkOperator => "network_operator",
        Other => "other",
    }
}

string_enum! {
    /// Suspended organisations' members cannot sign in.
    OrgStatus { Active => "active", Suspended => "suspended" }
}

string_enum! {
    /// A person's role inside their own organisation.
    OrgRole { Member => "member", Admin => "admin" }
}

string_enum! {
    /// Deactivated people cannot sign in and lose their sessions at once.
    UserStatus { Active => "active", Deactivated => "deactivated" }
}

string_enum! {
    /// How a person takes part: civil servant or elected politician.
    UserKind { Official => "official", Politician => "politician", Other => "other" }
}

string_enum! {
    /// The interface languages. Content may be in any language; the interface is in these four.
    Language { En => "en", Nl => "nl", Fr => "fr", Es => "es" }
}

string_enum! {
    /// Where an invitation stands.
    InvitationStatus {
        Pending => "pending",
        Accepted => "accepted",
        Revoked => "revoked",
        Expired => "expired",
    }
}

/// Every error answer of the API.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ErrorBody {
    pub code: ErrorCode,
    /// Translated into the caller's language.
    pub message: String,
    /// The request field at fault, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignInRequest {
    pub email: String,
    pub password: String,
}

/// Answer to a sign-in, and to `GET /api/v1/me`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SessionView {
    pub user: UserView,
    pub organisation: OrganisationView,
    /// Send back as `X-CSRF-Token` on every state-changing call made with the session cookie.
    pub csrf_token: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UserView {
    pub id: i64,
    pub organisation_id: i64,
    pub email: String,
    pub display_name: String,
    pub function: String,
    pub kind: UserKind,
    pub role: OrgRole,
    pub status: UserStatus,
    pub interface_language: Language,
    pub languages_read: Vec<String>,
    pub time_zone: String,
    /// Sustainable Development Goals (1–17) the person works on.
    pub themes: Vec<u8>,
    /// True for administrators of the network operator.
    pub network_admin: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfileUpdate {
    pub display_name: Option<String>,
    pub function: Option<String>,
    pub kind: Option<UserKind>,
    pub interface_language: Option<Language>,
    pub languages_read: Option<Vec<String>>,
    pub time_zone: Option<String>,
    pub themes: Option<Vec<u8>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OrganisationView {
    pub id: i64,
    pub name: String,
    pub kind: OrgKind,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: String,
    pub default_language: Language,
    pub status: OrgStatus,
    /// UTC, RFC 3339.
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewOrganisation {
    pub name: String,
    pub kind: OrgKind,
    pub country: String,
    pub default_language: Language,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrganisationUpdate {
    pub name: Option<String>,
    pub kind: Option<OrgKind>,
    pub country: Option<String>,
    pub default_language: Option<Language>,
    pub status: Option<OrgStatus>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MemberView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub function: String,
    pub kind: UserKind,
    pub role: OrgRole,
    pub status: UserStatus,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MemberUpdate {
    pub role: Option<OrgRole>,
    pub status: Option<UserStatus>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct InvitationView {
    pub id: i64,
    pub organisation_id: i64,
    pub email: String,
    pub role: OrgRole,
    pub language: Language,
    pub status: InvitationStatus,
    /// UTC, RFC 3339.
    pub expires_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewInvitation {
    pub email: String,
    pub role: OrgRole,
    /// Language of the invitation email; the organisation's default when absent.
    pub language: Option<Language>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitation {
    pub token: String,
    pub display_name: String,
    pub password: String,
    pub interface_language: Language,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    pub email: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResetConfirm {
    pub token: String,
    pub password: String,
}

/// Answer of `/readyz`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Readiness {
    pub database: bool,
}
