//! Secrets and the controls around them: passwords, tokens, CSRF, rate limits, response headers.

pub mod csrf;
pub mod headers;
pub mod instance_secret;
pub mod list_token;
pub mod password;
pub mod rate_limit;
pub mod tokens;
