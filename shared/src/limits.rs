//! Explicit limits. Each is enforced by the server and exercised by a test.

/// Largest request body accepted anywhere (JSON or form), in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Display names, organisation names.
pub const MAX_NAME_CHARS: usize = 120;
/// A person's function ("alderman for international cooperation").
pub const MAX_FUNCTION_CHARS: usize = 160;
/// Email addresses (RFC 5321 path limit).
pub const MAX_EMAIL_CHARS: usize = 254;
/// Passwords: a floor for safety, a ceiling so hashing cannot be abused.
pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 256;
/// Invitation and reset links stay valid this long.
pub const INVITATION_TTL_HOURS: i64 = 24 * 7;
pub const RESET_TTL_MINUTES: i64 = 60;
/// A session lives this long without activity.
pub const SESSION_TTL_DAYS: i64 = 30;
/// Sign-in attempts per account and per client address within the window.
pub const SIGNIN_PER_ACCOUNT: u32 = 5;
pub const SIGNIN_PER_ADDRESS: u32 = 20;
/// Password-reset requests per account and per client address within the window.
pub const RESET_PER_ACCOUNT: u32 = 3;
pub const RESET_PER_ADDRESS: u32 = 10;
/// Invitation acceptance and setup attempts per client address within the window.
pub const ACCEPT_PER_ADDRESS: u32 = 10;
/// The window of every rate limit above, in seconds.
pub const RATE_WINDOW_SECS: u64 = 15 * 60;
/// Languages a person may list as read.
pub const MAX_LANGUAGES_READ: usize = 8;
