//! What is common to every page and answer: request context, cookies, the asset route, page chrome.

pub mod asset_route;
pub mod badges;
pub mod context;
pub mod cookies;
pub mod csrf_body;
pub mod encode;
pub mod error_answer;
pub mod extract;
pub mod forms;
pub mod middleware;
pub mod nav;
pub mod options;
pub mod page;
pub mod redirect;
pub mod when;
