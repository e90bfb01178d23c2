//! What is common to every page and answer: request context, cookies, assets, page chrome.

pub mod assets;
pub mod context;
pub mod cookies;
pub mod forms;
pub mod options;
pub mod page;
pub mod redirect;
