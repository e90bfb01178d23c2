//! The handles every request shares.

use std::sync::Arc;

use crate::assets::Assets;
use crate::config::Config;
use crate::db::Db;
use crate::i18n::I18n;
use crate::mail::Mailer;
use crate::security::rate_limit::RateLimit;

#[derive(Clone)]
pub struct AppState {
    /// Connection pool of the configured engine; all queries go through it.
    pub db: Db,
    /// The settings this instance started with.
    pub config: Arc<Config>,
    /// Translations of the four interface languages.
    pub i18n: Arc<I18n>,
    /// Instance secret: keys CSRF tokens and other signed values.
    pub secret: Arc<Vec<u8>>,
    /// Attempts per account and per address for sign-in, reset and invitation acceptance.
    /// In-process counters today; a shared counter (Redis) can take their place behind the trait.
    pub limiter: Arc<dyn RateLimit>,
    /// Uploaded files by storage key: a folder of the data dir today, an object store later.
    pub files: Arc<dyn crate::file_store::FileStore>,
    /// Renders and sends queued email; the scheduler's `outbox` job and tests drain it.
    pub mailer: Mailer,
    /// CSS and other static files, served under content-hashed names.
    pub assets: Arc<Assets>,
    /// Realtime fan-out: publish recorded events here; end people's websockets when they lose access.
    pub hub: crate::realtime::hub::Hub,
    /// The current time for rules that wait ("after 24 hours"); tests swap in a `TestClock`.
    pub clock: Arc<dyn crate::clock::Clock>,
}

impl AppState {
    /// An absolute link for emails and the setup message.
    pub fn link(&self, path: &str) -> String {
        self.config.link(path)
    }

    /// Host part used in Message-IDs.
    pub fn mail_host(&self) -> String {
        self.config
            .public_url
            .host_str()
            .unwrap_or("localhost")
            .to_string()
    }
}
