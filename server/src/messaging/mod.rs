//! Conversations: channels, direct conversations, messages, threads, reactions, read markers,
//! attachments and search.

pub mod api;
pub mod attachment_queries;
pub mod attachments;
pub mod channel;
pub mod language;
pub mod message;
pub mod pages;
pub mod preview;

pub mod render;
pub mod service;
