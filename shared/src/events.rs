//! Realtime events sent over `/api/v1/events`. Every event's `id` is an opaque cursor (it reveals
//! neither order nor counts); a client that reconnects with the last one it got as
//! `last_event_id` is sent what it missed, or told to resync.

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::string_enum;

string_enum! {
    /// What happened.
    EventKind {
        MessageCreated => "message_created",
        MessageUpdated => "message_updated",
        MessageDeleted => "message_deleted",
        ReactionChanged => "reaction_changed",
        ReadMarker => "read_marker",
        MembershipChanged => "membership_changed",
        ChannelChanged => "channel_changed",
    }
}

/// One event as sent to a client.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EventEnvelope {
    /// Opaque cursor of this event: keep it, send it back, never compare it.
    pub id: i64,
    pub kind: EventKind,
    pub workspace_id: Option<i64>,
    pub channel_id: Option<i64>,
    /// Kind-specific data, e.g. the message for `message_created`.
    pub data: serde_json::Value,
}

/// Control frames of the event stream.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ControlFrame {
    /// Sent once after connecting; `last_event_id` is the cursor where this stream starts.
    Hello {
        last_event_id: i64,
    },
    /// Too much was missed, or the client was too slow: reload state, then reconnect.
    Resync {
        reason: String,
    },
    Heartbeat,
}

/// Close code sent to a slow or too-far-behind client before it must resync.
pub const CLOSE_RESYNC: u16 = 4000;
/// Close code when the session ended (sign-out, deactivation).
pub const CLOSE_SESSION_ENDED: u16 = 4001;
