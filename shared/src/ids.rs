//! Identifiers of stored objects. Each table's id is its own type, so a channel id cannot be
//! passed where a user id is expected; all of them are 64-bit integers on the wire and in both
//! databases (JSON numbers, `BIGINT`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! id_types {
    ($($(#[$doc:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::BigInt))]
        pub struct $name(i64);

        impl $name {
            pub const fn new(raw: i64) -> Self {
                Self(raw)
            }

            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map(Self)
            }
        }

        #[cfg(feature = "diesel")]
        impl<DB> diesel::serialize::ToSql<diesel::sql_types::BigInt, DB> for $name
        where
            DB: diesel::backend::Backend,
            i64: diesel::serialize::ToSql<diesel::sql_types::BigInt, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                self.0.to_sql(out)
            }
        }

        #[cfg(feature = "diesel")]
        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB> for $name
        where
            DB: diesel::backend::Backend,
            i64: diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                i64::from_sql(bytes).map(Self)
            }
        }
    )+};
}

id_types! {
    /// A row of `organisations`.
    OrganisationId,
    /// A row of `users`: a person's account.
    UserId,
    /// A row of `sessions`.
    SessionId,
    /// A row of `invitations`.
    InvitationId,
    /// A row of `password_resets`.
    PasswordResetId,
    /// A row of `outbox`: one queued email.
    OutboxId,
    /// A row of `audit_events`.
    AuditEventId,
    /// A row of `workspaces`.
    WorkspaceId,
    /// A row of `workspace_organisations`: one organisation's participation.
    ParticipationId,
    /// A row of `workspace_members`.
    WorkspaceMemberId,
    /// A row of `channels`, direct conversations included.
    ChannelId,
    /// A row of `messages`.
    MessageId,
    /// A row of `message_edits`: one earlier version of a message.
    MessageEditId,
    /// A row of `attachments`: an uploaded file.
    AttachmentId,
    /// A row of `events`: the realtime event log.
    EventId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_plain_numbers_on_the_wire() {
        let id = ChannelId::new(42);
        assert_eq!(serde_json::to_string(&id).unwrap(), "42");
        assert_eq!(serde_json::from_str::<ChannelId>("42").unwrap(), id);
        assert_eq!("42".parse::<ChannelId>().unwrap(), id);
        assert_eq!(id.to_string(), "42");
        assert!("4x".parse::<ChannelId>().is_err());
    }
}
