//! What is common to every page and answer: request context, cookies, assets, page chrome.

pub mod assets;
pub mod badges;
pub mod context;
pub mod cookies;
pub mod csrf_body;
pub mod encode;
pub mod error_answer;
pub mod forms;
pub mod options;
pub mod page;
pub mod redirect;
