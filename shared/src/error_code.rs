//! Stable error codes. Clients match on these strings; the message beside them is translated.
//! Renaming a code is a breaking API change.

use serde::{Deserialize, Serialize};

macro_rules! error_codes {
    ($($variant:ident => $code:literal),+ $(,)?) => {
        /// Every error the API can answer with. The translated message of code `x` is the Fluent
        /// message `error-x` (with `_` written as `-`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum ErrorCode {
            $($variant),+
        }

        impl ErrorCode {
            /// All codes, so tests can check that each has a translation and is used.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),+];

            /// The stable wire form, e.g. `not_found`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code),+
                }
            }
        }
    };
}

error_codes! {
    NotFound => "not_found",
    Unauthenticated => "unauthenticated",
    Forbidden => "forbidden",
    CsrfFailed => "csrf_failed",
    RateLimited => "rate_limited",
    InvalidBody => "invalid_body",
    PayloadTooLarge => "payload_too_large",
    UnsupportedMediaType => "unsupported_media_type",
    FieldRequired => "field_required",
    FieldTooLong => "field_too_long",
    InvalidEmail => "invalid_email",
    InvalidValue => "invalid_value",
    PasswordTooShort => "password_too_short",
    PasswordTooLong => "password_too_long",
    PasswordMismatch => "password_mismatch",
    InvalidCredentials => "invalid_credentials",
    OrganisationSuspended => "organisation_suspended",
    InvalidToken => "invalid_token",
    EmailTaken => "email_taken",
    SetupDone => "setup_done",
    CannotChangeSelf => "cannot_change_self",
    Internal => "internal",
    Unavailable => "unavailable",
    QuotaExceeded => "quota_exceeded",
    OrganisationQuotaExceeded => "organisation_quota_exceeded",
    AlreadyMember => "already_member",
    LastOwner => "last_owner",
    OwnerOrganisationCannotLeave => "owner_organisation_cannot_leave",
    AlreadyExists => "already_exists",
    ImageTooLarge => "image_too_large",
    EveryoneTooMany => "everyone_too_many",
}

impl ErrorCode {
    /// The Fluent message id holding this code's translated message.
    pub fn message_id(self) -> String {
        format!("error-{}", self.as_str().replace('_', "-"))
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_form_matches_serde() {
        for code in ErrorCode::ALL {
            let json = serde_json_like(*code);
            assert_eq!(json, code.as_str());
        }
    }

    // serde_json is not a dependency of this crate; the derive's snake_case must equal as_str.
    fn serde_json_like(code: ErrorCode) -> String {
        format!("{code:?}")
            .chars()
            .enumerate()
            .flat_map(|(i, c)| {
                if c.is_uppercase() && i > 0 {
                    vec!['_', c.to_ascii_lowercase()]
                } else {
                    vec![c.to_ascii_lowercase()]
                }
            })
            .collect()
    }

    #[test]
    fn message_ids_use_dashes() {
        assert_eq!(ErrorCode::NotFound.message_id(), "error-not-found");
    }
}
