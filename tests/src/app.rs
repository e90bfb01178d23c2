//! `spawn_app()`: the application as a black box, on SQLite by default or on a fresh Postgres
//! database when `AGORA_TEST_DATABASE_URL` points at a server.

use std::path::PathBuf;
use std::sync::Arc;

use agora::config::{Config, MailTransportConfig};
use agora::mail::transport::SentMail;
use agora::startup::Application;
use agora::state::AppState;
use reqwest::header::HeaderMap;
use serde_json::Value;

use crate::postgres;

pub struct TestApp {
    /// `http://127.0.0.1:<port>`
    pub address: String,
    pub state: AppState,
    pub setup_link: Option<String>,
    handle: actix_web::dev::ServerHandle,
    data_dir: PathBuf,
    postgres: Option<(String, String)>,
}

/// Which engine this test run uses, for messages.
pub fn backend_name() -> &'static str {
    if std::env::var("AGORA_TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
        "postgres"
    } else {
        "sqlite"
    }
}

/// Creates a migrated database for one test and returns its URL and, for Postgres, the server
/// URL and the database name (to drop it afterwards).
fn fresh_database(data_dir: &std::path::Path) -> (String, Option<(String, String)>) {
    match std::env::var("AGORA_TEST_DATABASE_URL") {
        Ok(server_url) if server_url.starts_with("postgres") => {
            let name = postgres::create_database(&server_url);
            (
                postgres::database_url(&server_url, &name),
                Some((server_url, name)),
            )
        }
        _ => (format!("sqlite://{}/agora.db", data_dir.display()), None),
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the application with a test configuration that `adjust` may change.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let data_dir =
        std::env::temp_dir().join(format!("agora-test-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&data_dir).expect("temp dir");
    let (database_url, postgres) = fresh_database(&data_dir);
    let mut config = Config::from_lookup(|_| None).expect("default config");
    config.bind = "127.0.0.1:0".parse().expect("address");
    config.public_url = "http://127.0.0.1:0".parse().expect("url");
    config.data_dir = data_dir.clone();
    config.database_url = database_url;
    config.mail = MailTransportConfig::Memory;
    config.secret_key = Some("test secret key that is long enough to sign".into());
    config.workers = false;
    config.http_workers = 1;
    adjust(&mut config);
    let app = Application::build(config)
        .await
        .expect("application starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    let state = app.state();
    let handle = app.handle();
    let setup_link = app.setup_link.clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        state,
        setup_link,
        handle,
        data_dir,
        postgres,
    }
}

impl TestApp {
    /// A browser-like client: its own cookie jar, redirects not followed.
    pub fn session(&self) -> Session {
        self.session_with_jar(Arc::new(reqwest::cookie::Jar::default()))
    }

    /// A browser-like client whose cookies start as `jar` holds them.
    pub fn session_with_jar(&self, jar: Arc<reqwest::cookie::Jar>) -> Session {
        Session {
            client: reqwest::Client::builder()
                .cookie_provider(jar)
                .redirect(reqwest::redirect::Policy::none())
                // Well below the server's keep-alive (5 s): a persona idle while others act
                // must not reuse a connection the server is just closing (IncompleteMessage).
                .pool_idle_timeout(std::time::Duration::from_secs(2))
                .build()
                .expect("client"),
            base: self.address.clone(),
            csrf: String::new(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// Sends every queued email through the configured transport.
    pub async fn drain_outbox(&self) -> usize {
        self.state
            .mailer
            .drain(&*self.state.clock)
            .await
            .expect("outbox drains")
    }

    /// What the memory transport received.
    pub fn sent_emails(&self) -> Vec<SentMail> {
        self.state.mailer.transport().sent()
    }

    /// The last email sent to `to`, after draining the outbox.
    pub async fn last_email_to(&self, to: &str) -> SentMail {
        self.drain_outbox().await;
        self.sent_emails()
            .into_iter()
            .rev()
            .find(|m| m.to.iter().any(|t| t == to))
            .unwrap_or_else(|| panic!("no email to {to}"))
    }

    /// Stops the server and removes its database.
    pub async fn stop(self) {
        self.handle.stop(false).await;
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.data_dir);
        if let Some((server_url, name)) = self.postgres.take() {
            // A thread of its own: the connection blocks, and this may run inside the runtime.
            let failure = match std::thread::spawn(move || {
                postgres::drop_database(&server_url, &name)
            })
            .join()
            {
                Ok(Ok(())) => return,
                Ok(Err(e)) => e,
                Err(_) => "dropping the test database panicked".to_string(),
            };
            // A leaked database is a failure, but a second panic would abort the whole run and
            // hide the first one.
            if std::thread::panicking() {
                eprintln!("{failure}");
            } else {
                panic!("{failure}");
            }
        }
    }
}

/// The `Location` header of an answer, or an empty string.
pub fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// The number after `prefix` in `text`, e.g. the message id of `#m12` or a channel's id in its
/// address.
pub fn number_after(text: &str, prefix: &str) -> i64 {
    let start = text
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix} not in {text}"))
        + prefix.len();
    text[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or_else(|_| panic!("no number after {prefix} in {text}"))
}

/// Finds the first link in a text that starts with `prefix`.
pub fn find_link(text: &str, prefix: &str) -> Option<String> {
    let start = text.find(prefix)?;
    let rest = &text[start..];
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '"' || c == '<')
        .unwrap_or(rest.len());
    Some(rest[..end].to_string())
}

/// One person's browser or API client.
pub struct Session {
    pub client: reqwest::Client,
    pub base: String,
    /// The CSRF token of the current session (from `/api/v1/me` or a page's form).
    pub csrf: String,
}

impl Session {
    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    /// GETs a page and remembers the CSRF token of its forms.
    pub async fn page(&mut self, path: &str) -> (u16, String) {
        let res = self.get(path).await;
        let status = res.status().as_u16();
        let body = res.text().await.expect("body");
        if let Some(token) = extract_csrf(&body) {
            self.csrf = token;
        }
        (status, body)
    }

    /// POSTs a form with the remembered CSRF token added.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf_token", &self.csrf));
        self.client
            .post(self.url(path))
            .form(&all)
            .send()
            .await
            .expect("request")
    }

    /// A JSON API call with the CSRF header of this session.
    pub async fn api(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> reqwest::Response {
        let mut req = self
            .client
            .request(method, self.url(path))
            .header("x-csrf-token", &self.csrf);
        if let Some(body) = body {
            req = req.json(&body);
        }
        req.send().await.expect("request")
    }

    /// Signs in through the API and keeps the CSRF token.
    pub async fn sign_in(&mut self, email: &str, password: &str) -> Value {
        let res = self
            .api(
                reqwest::Method::POST,
                "/api/v1/session",
                Some(serde_json::json!({"email": email, "password": password})),
            )
            .await;
        assert_eq!(res.status().as_u16(), 200, "sign-in of {email} failed");
        let body: Value = res.json().await.expect("json");
        self.csrf = body["csrf_token"].as_str().expect("csrf").to_string();
        body
    }

    pub async fn raw(
        &self,
        method: reqwest::Method,
        path: &str,
        headers: HeaderMap,
        body: Vec<u8>,
    ) -> reqwest::Response {
        self.client
            .request(method, self.url(path))
            .headers(headers)
            .body(body)
            .send()
            .await
            .expect("request")
    }
}

/// The value of the first `csrf_token` hidden field in a page.
pub fn extract_csrf(html: &str) -> Option<String> {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')?;
    Some(html[start..start + end].to_string())
}

impl Session {
    /// A page fetched without touching the remembered CSRF token.
    pub async fn clone_page(&self, path: &str) -> (u16, String) {
        let res = self.get(path).await;
        let status = res.status().as_u16();
        (status, res.text().await.expect("body"))
    }
}
