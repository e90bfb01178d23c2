//! People: invitations, sign-in, sessions, password resets, profiles, membership administration.

pub mod activity;
pub mod api;
pub mod invitation;
pub mod pages;
pub mod reset;
pub mod service;
pub mod session;
pub mod setup;
pub mod sign_in_link;
pub mod throttle;
pub mod user;
