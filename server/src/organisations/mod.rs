//! Organisations, the tenants: created and governed by the network operator.

pub mod api;
pub mod model;
pub mod pages;
pub mod service;
