//! What email a person wants: digest cadence and hour, how mention and direct-message emails are
//! batched, which workspaces send none; the settings page; one-click unsubscribe links.

pub mod model;
pub mod pages;
pub mod service;
pub mod unsubscribe;
pub mod unsubscribe_pages;
