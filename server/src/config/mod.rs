//! Typed configuration: defaults in code, then `AGORA_*` environment variables (a `.env` file is
//! read by `main` if present). Secrets never appear in `Debug` output.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use agora_shared::limits::{
    UNATTACHED_UPLOAD_TTL_HOURS, UPLOAD_QUOTA_PER_ORGANISATION_MIB, UPLOAD_QUOTA_PER_PERSON_MIB,
    UPLOADS_PER_WINDOW,
};
use anyhow::{Context, bail};
use secrecy::{ExposeSecret, SecretString};
use url::Url;

/// How outgoing email leaves the process.
#[derive(Clone)]
pub enum MailTransportConfig {
    /// `.eml` files under `<data dir>/mail`: the default, so a newcomer can read what would be sent.
    Files,
    /// An SMTP relay (`smtp://` with optional STARTTLS upgrade, `smtps://` for implicit TLS).
    /// The URL may carry a password, so it is kept as a secret.
    Smtp(SecretString),
    /// Kept in memory for tests.
    Memory,
}

impl PartialEq for MailTransportConfig {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Files, Self::Files) | (Self::Memory, Self::Memory) => true,
            (Self::Smtp(a), Self::Smtp(b)) => a.expose_secret() == b.expose_secret(),
            _ => false,
        }
    }
}

impl Eq for MailTransportConfig {}

impl std::fmt::Debug for MailTransportConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Files => f.write_str("Files"),
            // The URL may carry a password.
            Self::Smtp(_) => f.write_str("Smtp(<redacted>)"),
            Self::Memory => f.write_str("Memory"),
        }
    }
}

/// Optional DKIM signing of every outgoing email: all three of `AGORA_DKIM_*` or none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DkimSettings {
    pub selector: String,
    pub domain: String,
    /// A PKCS#1 PEM RSA key (`openssl genrsa -traditional`) or a base64 Ed25519 seed.
    pub key_file: PathBuf,
}

#[derive(Clone)]
pub struct Config {
    pub bind: SocketAddr,
    /// Where people reach this instance: the base of every absolute link. Parsed once at start.
    pub public_url: Url,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub mail: MailTransportConfig,
    pub mail_from: String,
    /// Signs CSRF tokens and other stateless tokens. When unset, the one stored in the database.
    pub secret_key: Option<SecretString>,
    /// How often the outbox worker looks for due email when nothing woke it.
    pub outbox_poll: Duration,
    /// How long a claimed email stays reserved for the instance sending it; after a crash, its
    /// emails are sent again once this has passed.
    pub outbox_lease: Duration,
    /// How long a job run on one worker ([`crate::jobs::Runs::OnOneWorker`]) is held before
    /// another instance may take it over: after a crash, how soon the job resumes.
    pub job_lease: Duration,
    /// How often digests due are looked for; a person's hour is met within this.
    pub digest_every: Duration,
    /// Connections the SMTP pool keeps open at most, which is also how many emails are sent at
    /// once.
    pub smtp_pool_max: u32,
    /// How long an idle pooled SMTP connection is kept.
    pub smtp_pool_idle: Duration,
    pub dkim: Option<DkimSettings>,
    /// `json` for machine-readable logs, anything else for human-readable ones.
    pub log_format: String,
    /// Start background workers (the outbox). Tests switch this off and drain the outbox by hand.
    pub workers: bool,
    /// HTTP worker threads; defaults to the number of cores.
    pub http_workers: usize,
    /// Upload storage one person may keep, in bytes.
    pub upload_quota_per_person: u64,
    /// Upload storage all people of one organisation may keep together, in bytes.
    pub upload_quota_per_organisation: u64,
    /// Uploads one person may start per rate-limit window (15 minutes).
    pub uploads_per_window: u32,
    /// How long an upload may wait to be attached to a message before it is removed.
    pub unattached_upload_ttl: Duration,
    /// How often event streams get a heartbeat and their sessions are checked. Behind a proxy
    /// that closes idle connections it must stay below the proxy's timeout; tests shorten it.
    pub ws_heartbeat: Duration,
    /// Events queued for one event stream before that slow client is dropped with a resync code;
    /// tests lower it so that a slow consumer is reached with a few events.
    pub ws_queue_events: usize,
    /// How long a person must have been away (no activity) before a mention or direct message
    /// is emailed to them.
    pub notify_offline: chrono::Duration,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("bind", &self.bind)
            .field("public_url", &self.public_url)
            .field("data_dir", &self.data_dir)
            .field("database_url", &redact_url(&self.database_url))
            .field("mail", &self.mail)
            .field("mail_from", &self.mail_from)
            .field("secret_key", &self.secret_key)
            .field("outbox_poll", &self.outbox_poll)
            .field("outbox_lease", &self.outbox_lease)
            .field("job_lease", &self.job_lease)
            .field("digest_every", &self.digest_every)
            .field("smtp_pool_max", &self.smtp_pool_max)
            .field("smtp_pool_idle", &self.smtp_pool_idle)
            .field("dkim", &self.dkim)
            .field("log_format", &self.log_format)
            .field("workers", &self.workers)
            .field("http_workers", &self.http_workers)
            .field("upload_quota_per_person", &self.upload_quota_per_person)
            .field(
                "upload_quota_per_organisation",
                &self.upload_quota_per_organisation,
            )
            .field("uploads_per_window", &self.uploads_per_window)
            .field("unattached_upload_ttl", &self.unattached_upload_ttl)
            .field("ws_heartbeat", &self.ws_heartbeat)
            .field("ws_queue_events", &self.ws_queue_events)
            .field("notify_offline", &self.notify_offline)
            .finish()
    }
}

/// Hides the password of `scheme://user:password@host/...`.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!(
                    "{}{}:<redacted>{}",
                    &url[..scheme_end + 3],
                    &userinfo[..colon],
                    &url[at..]
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Every setting with its default, as documented in the README and `.env.example`.
pub const SETTINGS: &[(&str, &str)] = &[
    ("AGORA_BIND", "127.0.0.1:8080"),
    ("AGORA_PUBLIC_URL", "http://127.0.0.1:8080"),
    ("AGORA_DATA_DIR", "./data"),
    ("AGORA_DATABASE_URL", "sqlite://<data dir>/agora.db"),
    ("AGORA_SMTP_URL", "unset (email written to <data dir>/mail)"),
    ("AGORA_MAIL_FROM", "Agora <noreply@localhost>"),
    ("AGORA_SECRET_KEY", "generated once, stored in the database"),
    ("AGORA_OUTBOX_POLL_SECS", "5"),
    ("AGORA_OUTBOX_LEASE_SECS", "120"),
    ("AGORA_JOB_LEASE_SECS", "600"),
    ("AGORA_DIGEST_EVERY_SECS", "300"),
    ("AGORA_SMTP_POOL_MAX", "4"),
    ("AGORA_SMTP_POOL_IDLE_SECS", "60"),
    ("AGORA_DKIM_SELECTOR", "unset (no DKIM signature)"),
    ("AGORA_DKIM_DOMAIN", "unset"),
    ("AGORA_DKIM_KEY_FILE", "unset"),
    ("AGORA_LOG", "info"),
    ("AGORA_LOG_FORMAT", "text"),
    ("AGORA_UPLOAD_QUOTA_PER_PERSON_MIB", "1024"),
    ("AGORA_UPLOAD_QUOTA_PER_ORGANISATION_MIB", "20480"),
    ("AGORA_UPLOADS_PER_WINDOW", "60"),
    ("AGORA_UNATTACHED_UPLOAD_HOURS", "24"),
    ("AGORA_WS_HEARTBEAT_SECS", "25"),
    ("AGORA_WS_QUEUE_EVENTS", "256"),
    ("AGORA_NOTIFY_OFFLINE_MINUTES", "10"),
];

/// A numeric setting, or its default when unset.
fn number<T: std::str::FromStr>(
    name: &str,
    value: Option<String>,
    default: T,
) -> anyhow::Result<T> {
    match value {
        Some(s) => s
            .trim()
            .parse()
            .map_err(|_| anyhow::anyhow!("{name} is not a number: {s}")),
        None => Ok(default),
    }
}

impl Config {
    /// Reads the environment over the defaults.
    pub fn from_env() -> anyhow::Result<Self> {
        Self::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let bind = get("AGORA_BIND").unwrap_or_else(|| "127.0.0.1:8080".into());
        let bind: SocketAddr = bind
            .parse()
            .with_context(|| format!("AGORA_BIND is not an address: {bind}"))?;
        let public_url =
            parse_public_url(&get("AGORA_PUBLIC_URL").unwrap_or_else(|| format!("http://{bind}")))?;
        let data_dir = PathBuf::from(get("AGORA_DATA_DIR").unwrap_or_else(|| "./data".into()));
        let database_url = get("AGORA_DATABASE_URL")
            .unwrap_or_else(|| format!("sqlite://{}/agora.db", data_dir.display()));
        let mail = match get("AGORA_SMTP_URL") {
            Some(url) if url == "memory" => MailTransportConfig::Memory,
            Some(url) => MailTransportConfig::Smtp(url.into()),
            None => MailTransportConfig::Files,
        };
        let outbox_poll = match get("AGORA_OUTBOX_POLL_SECS") {
            Some(s) => Duration::from_secs(
                s.parse()
                    .with_context(|| format!("AGORA_OUTBOX_POLL_SECS is not a number: {s}"))?,
            ),
            None => Duration::from_secs(5),
        };
        let outbox_lease = number(
            "AGORA_OUTBOX_LEASE_SECS",
            get("AGORA_OUTBOX_LEASE_SECS"),
            120u64,
        )?;
        if outbox_lease == 0 {
            bail!("AGORA_OUTBOX_LEASE_SECS must be at least 1");
        }
        let job_lease = number("AGORA_JOB_LEASE_SECS", get("AGORA_JOB_LEASE_SECS"), 600u64)?;
        let digest_every = number(
            "AGORA_DIGEST_EVERY_SECS",
            get("AGORA_DIGEST_EVERY_SECS"),
            300u64,
        )?;
        if job_lease == 0 || digest_every == 0 {
            bail!("AGORA_JOB_LEASE_SECS and AGORA_DIGEST_EVERY_SECS must be at least 1");
        }
        let smtp_pool_max = number("AGORA_SMTP_POOL_MAX", get("AGORA_SMTP_POOL_MAX"), 4u32)?;
        if smtp_pool_max == 0 {
            bail!("AGORA_SMTP_POOL_MAX must be at least 1");
        }
        let smtp_pool_idle = number(
            "AGORA_SMTP_POOL_IDLE_SECS",
            get("AGORA_SMTP_POOL_IDLE_SECS"),
            60u64,
        )?;
        let dkim = dkim_settings(
            get("AGORA_DKIM_SELECTOR"),
            get("AGORA_DKIM_DOMAIN"),
            get("AGORA_DKIM_KEY_FILE"),
        )?;
        const MIB: u64 = 1024 * 1024;
        let quota_person = number(
            "AGORA_UPLOAD_QUOTA_PER_PERSON_MIB",
            get("AGORA_UPLOAD_QUOTA_PER_PERSON_MIB"),
            UPLOAD_QUOTA_PER_PERSON_MIB,
        )?;
        let quota_organisation = number(
            "AGORA_UPLOAD_QUOTA_PER_ORGANISATION_MIB",
            get("AGORA_UPLOAD_QUOTA_PER_ORGANISATION_MIB"),
            UPLOAD_QUOTA_PER_ORGANISATION_MIB,
        )?;
        let uploads_per_window = number(
            "AGORA_UPLOADS_PER_WINDOW",
            get("AGORA_UPLOADS_PER_WINDOW"),
            UPLOADS_PER_WINDOW,
        )?;
        let ttl_hours = number(
            "AGORA_UNATTACHED_UPLOAD_HOURS",
            get("AGORA_UNATTACHED_UPLOAD_HOURS"),
            UNATTACHED_UPLOAD_TTL_HOURS,
        )?;
        let heartbeat_secs = number(
            "AGORA_WS_HEARTBEAT_SECS",
            get("AGORA_WS_HEARTBEAT_SECS"),
            agora_shared::limits::WS_HEARTBEAT_SECS,
        )?;
        if heartbeat_secs == 0 {
            bail!("AGORA_WS_HEARTBEAT_SECS must be at least 1");
        }
        let ws_queue_events = number(
            "AGORA_WS_QUEUE_EVENTS",
            get("AGORA_WS_QUEUE_EVENTS"),
            agora_shared::limits::WS_QUEUE_EVENTS,
        )?;
        if ws_queue_events == 0 {
            bail!("AGORA_WS_QUEUE_EVENTS must be at least 1");
        }
        let notify_offline_minutes: i64 = number(
            "AGORA_NOTIFY_OFFLINE_MINUTES",
            get("AGORA_NOTIFY_OFFLINE_MINUTES"),
            10,
        )?;
        if !(0..=24 * 60).contains(&notify_offline_minutes) {
            bail!("AGORA_NOTIFY_OFFLINE_MINUTES must be between 0 and 1440");
        }
        Ok(Config {
            bind,
            public_url,
            data_dir,
            database_url,
            mail,
            mail_from: get("AGORA_MAIL_FROM").unwrap_or_else(|| "Agora <noreply@localhost>".into()),
            secret_key: get("AGORA_SECRET_KEY").map(SecretString::from),
            outbox_poll,
            outbox_lease: Duration::from_secs(outbox_lease),
            job_lease: Duration::from_secs(job_lease),
            digest_every: Duration::from_secs(digest_every),
            smtp_pool_max,
            smtp_pool_idle: Duration::from_secs(smtp_pool_idle),
            dkim,
            log_format: get("AGORA_LOG_FORMAT").unwrap_or_else(|| "text".into()),
            workers: true,
            http_workers: std::thread::available_parallelism().map_or(2, |n| n.get()),
            upload_quota_per_person: quota_person.saturating_mul(MIB),
            upload_quota_per_organisation: quota_organisation.saturating_mul(MIB),
            uploads_per_window,
            unattached_upload_ttl: Duration::from_secs(ttl_hours.saturating_mul(3600)),
            ws_heartbeat: Duration::from_secs(heartbeat_secs),
            ws_queue_events,
            notify_offline: chrono::Duration::minutes(notify_offline_minutes),
        })
    }

    /// Cookies get `Secure` and the `__Host-` prefix only when people reach us over HTTPS.
    pub fn https(&self) -> bool {
        self.public_url.scheme() == "https"
    }

    /// The public URL without its trailing slash: `link` appends an absolute path to it, so that
    /// an instance served under a sub-path (`https://example.org/agora`) keeps it.
    pub fn public_base(&self) -> &str {
        self.public_url.as_str().trim_end_matches('/')
    }

    /// An absolute link to `path` (which starts with `/`) on this instance.
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.public_base(), path)
    }
}

/// The DKIM settings: all three given, or none.
fn dkim_settings(
    selector: Option<String>,
    domain: Option<String>,
    key_file: Option<String>,
) -> anyhow::Result<Option<DkimSettings>> {
    match (selector, domain, key_file) {
        (None, None, None) => Ok(None),
        (Some(selector), Some(domain), Some(key_file)) => Ok(Some(DkimSettings {
            selector: selector.trim().into(),
            domain: domain.trim().into(),
            key_file: PathBuf::from(key_file),
        })),
        _ => bail!(
            "DKIM signing needs all of AGORA_DKIM_SELECTOR, AGORA_DKIM_DOMAIN and \
             AGORA_DKIM_KEY_FILE, or none of them"
        ),
    }
}

/// `AGORA_PUBLIC_URL`: an http(s) URL with a host and nothing a link could not be appended to.
pub fn parse_public_url(raw: &str) -> anyhow::Result<Url> {
    let url =
        Url::parse(raw.trim()).with_context(|| format!("AGORA_PUBLIC_URL is not a URL: {raw}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        bail!("AGORA_PUBLIC_URL must start with http:// or https://: {raw}");
    }
    if url.host_str().is_none_or(str::is_empty) {
        bail!("AGORA_PUBLIC_URL has no host: {raw}");
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        bail!("AGORA_PUBLIC_URL must not carry a query, a fragment or a user: {raw}");
    }
    Ok(url)
}

#[cfg(test)]
mod tests;
