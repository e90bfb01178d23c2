//! Agora: the server library. `main.rs` is a thin command line over [`startup::Application`].

pub mod accounts;
pub mod audit;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod directory;
pub mod error;
pub mod health;
pub mod i18n;
pub mod jobs;
pub mod mail;
pub mod messaging;
pub mod openapi;
pub mod organisations;
pub mod policy;
pub mod realtime;
pub mod routes;
pub mod security;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod time;
pub mod validate;
pub mod web;
pub mod workspaces;
