//! The black-box suite as one test binary: one link step, and libtest schedules every test over
//! the same threads instead of binary after binary. Each module is one subject; run one with
//! `cargo test -p agora-tests --test suite realtime::`.

mod access;
mod access_property;
mod accounts;
mod activity;
mod bad_input;
mod browser;
mod compose;
mod concurrency;
mod config_docs;
mod conversations;
mod delivery;
mod demo;
mod digest;
mod email;
mod email_settings;
mod fuzz;
mod groups;
mod i18n;
mod instances;
mod invitation_probing;
mod jobs;
mod layout;
mod live;
mod membership_events;
mod messaging_pages;
mod notify;
mod openapi;
mod page_weight;
mod realtime;
mod redirects;
mod replay;
mod roles;
mod rules;
mod schema;
mod sessions;
mod sign_in_limits;
mod sign_in_links;
mod storage;
mod stored_types;
mod text_safety;
mod unsubscribe;
mod workspace_pages;
