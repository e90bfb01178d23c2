//! Workspaces: twinnings, working groups, networks and experiments where organisations meet.

pub mod api;
pub mod model;
pub mod pages;

pub mod service;
