//! Conversations: channels, direct conversations, messages, threads, reactions, read markers,
//! attachments and search.

pub mod api;
pub mod attachments;
pub mod channel;
pub mod language;
pub mod message;
pub mod pages;

pub mod render;
pub mod service;

/// `channels.kind` of a workspace channel and of a direct conversation. Here rather than in
/// `channel`, so the policy can read them without depending on the bookkeeping it directs.
pub const KIND_CHANNEL: &str = "channel";
pub const KIND_DIRECT: &str = "direct";
