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
/// Failed sign-ins for one account from one client address within the window: the tight limit
/// that keeps guessing slow without letting someone elsewhere lock the owner out.
pub const SIGNIN_PER_ACCOUNT_ADDRESS: u32 = 5;
/// Failed sign-ins for one account from all addresses together within the window. Over it, only
/// addresses the account signed in from recently may still try (each within its own limit).
pub const SIGNIN_PER_ACCOUNT_ANY_ADDRESS: u32 = 50;
/// How long a successful sign-in makes its client address known to the account.
pub const SIGNIN_KNOWN_ADDRESS_DAYS: i64 = 30;
/// Sign-in attempts (any account, failed or not) per client address within the window.
pub const SIGNIN_PER_ADDRESS: u32 = 20;
/// Password-reset requests per account and per client address within the window.
pub const RESET_PER_ACCOUNT: u32 = 3;
pub const RESET_PER_ADDRESS: u32 = 10;
/// Sign-in links by email: how long one stays valid, and requests per account and per client
/// address within the window.
pub const SIGNIN_LINK_TTL_MINUTES: i64 = 15;
pub const SIGNIN_LINK_PER_ACCOUNT: u32 = 3;
pub const SIGNIN_LINK_PER_ADDRESS: u32 = 10;
/// Invitation acceptance and setup attempts per client address within the window.
pub const ACCEPT_PER_ADDRESS: u32 = 10;
/// The window of every rate limit above, in seconds.
pub const RATE_WINDOW_SECS: u64 = 15 * 60;
/// Languages a person may list as read.
pub const MAX_LANGUAGES_READ: usize = 8;

/// Workspaces and channels.
pub const MAX_WORKSPACE_NAME_CHARS: usize = 120;
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;
pub const MAX_CHANNEL_NAME_CHARS: usize = 80;
pub const MAX_TOPIC_CHARS: usize = 250;
/// Markdown source of one message (Zulip allows 10,000).
pub const MAX_MESSAGE_CHARS: usize = 10_000;
/// Attachments: size of one file, and files per message.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_ATTACHMENTS_PER_MESSAGE: usize = 5;
pub const MAX_FILE_NAME_CHARS: usize = 200;
/// One reaction is one emoji (a grapheme cluster may take several code points).
pub const MAX_EMOJI_CHARS: usize = 16;
/// People in a direct conversation, the caller included.
pub const MAX_DIRECT_PARTICIPANTS: usize = 8;
/// Messages per history page by default and at most.
pub const HISTORY_PAGE: i64 = 50;
pub const MAX_HISTORY_PAGE: i64 = 100;
/// Search hits per query.
pub const MAX_SEARCH_HITS: i64 = 50;
pub const MAX_SEARCH_QUERY_CHARS: usize = 200;
/// Events replayed to a reconnecting client before it is told to resync instead.
pub const MAX_REPLAY_EVENTS: i64 = 500;
/// Events queued for one websocket before the slow client is dropped with a resync code.
pub const WS_QUEUE_EVENTS: usize = 256;
/// Seconds between heartbeats on the event stream.
pub const WS_HEARTBEAT_SECS: u64 = 25;

/// Upload storage. Defaults of the `AGORA_UPLOAD_*` settings; see the README's security section.
/// Bytes one person may keep in uploads (attached or waiting to be attached).
pub const UPLOAD_QUOTA_PER_PERSON_MIB: u64 = 1024;
/// Bytes all people of one organisation may keep in uploads together.
pub const UPLOAD_QUOTA_PER_ORGANISATION_MIB: u64 = 20 * 1024;
/// Uploads one person may start within [`RATE_WINDOW_SECS`].
pub const UPLOADS_PER_WINDOW: u32 = 60;
/// An upload never attached to a message is removed this long after it was made.
pub const UNATTACHED_UPLOAD_TTL_HOURS: u64 = 24;
/// How often the upload cleanup runs.
pub const UPLOAD_CLEANUP_EVERY_SECS: u64 = 15 * 60;
