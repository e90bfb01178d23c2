//! Test support: the real application on port 0 with a fresh database per test, signed-in
//! personas, a real SMTP server process and headless Chromium.

pub mod api;
pub mod app;
pub mod browser;
pub mod burst;
pub mod direct_session;
mod fixture;
pub mod markers;
pub mod personas;
pub mod postgres;
pub mod skips;
pub mod smtp;
pub mod ws;

pub use app::{Session, TestApp, spawn_app};
