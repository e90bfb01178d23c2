//! Search across the conversations a person may read: the form, the API and the service that
//! asks the policy about every hit. It builds on messaging (the hits are messages) and on
//! workspaces (the filter lists the caller's workspaces), so it sits above both.

pub mod api;
pub mod highlight;
pub mod pages;
pub mod service;
