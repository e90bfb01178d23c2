//! The application under test, started in-process on 127.0.0.1:0 with a fresh database.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};

use agora::config::{Config, MailTransportConfig};
use agora::startup::Application;
use agora::state::AppState;
use anyhow::{Context, anyhow};
use diesel::{Connection, RunQueryDsl};

/// Which engine the application runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Posts `body` to a channel through the service, as `actor`, without HTTP.
pub async fn post(
    state: &AppState,
    actor: &agora::policy::Actor,
    channel_id: i64,
    body: String,
) -> anyhow::Result<i64> {
    let input = agora_shared::conversations::NewMessage {
        body,
        thread_root_id: None,
        language: None,
        attachment_ids: Vec::new(),
    };
    let view = agora::messaging::service::post(state, actor, channel_id, input).await;
    Ok(step("post", view)?.id)
}

/// A service error as an error that says what the benchmark was doing.
pub fn step<T>(what: &str, r: agora::error::AppResult<T>) -> anyhow::Result<T> {
    r.map_err(|e| anyhow!("{what}: {e:?}"))
}

/// Creates an empty database: a SQLite file in `data_dir`, or a new database on the Postgres
/// server at `server_url`.
async fn fresh_database(
    backend: Backend,
    data_dir: &std::path::Path,
    server_url: Option<&str>,
) -> anyhow::Result<(String, Option<(String, String)>)> {
    match backend {
        Backend::Sqlite => Ok((format!("sqlite://{}/agora.db", data_dir.display()), None)),
        Backend::Postgres => {
            let server_url = server_url
                .context("--backend postgres needs --database-url or AGORA_TEST_DATABASE_URL")?
                .to_string();
            let name = format!("agora_bench_{}", uuid::Uuid::new_v4().simple());
            let (url, n) = (server_url.clone(), name.clone());
            tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
                let mut conn = diesel::PgConnection::establish(&url)?;
                diesel::sql_query(format!("CREATE DATABASE {n}")).execute(&mut conn)?;
                Ok(())
            })
            .await??;
            let base = server_url
                .rsplit_once('/')
                .map(|(b, _)| b.to_string())
                .unwrap_or_else(|| server_url.clone());
            Ok((format!("{base}/{name}"), Some((server_url, name))))
        }
    }
}

/// The application, serving on 127.0.0.1 with a fresh database.
pub struct App {
    pub addr: SocketAddr,
    pub state: AppState,
    handle: actix_web::dev::ServerHandle,
    data_dir: PathBuf,
    postgres: Option<(String, String)>,
}

impl App {
    pub async fn start(backend: Backend, server_url: Option<&str>) -> anyhow::Result<App> {
        let data_dir =
            std::env::temp_dir().join(format!("agora-bench-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&data_dir)?;
        let (database_url, postgres) = fresh_database(backend, &data_dir, server_url).await?;
        let mut config = Config::from_lookup(|_| None)?;
        config.bind = "127.0.0.1:0".parse()?;
        config.public_url = "http://127.0.0.1:0".parse().expect("url");
        config.data_dir = data_dir.clone();
        config.database_url = database_url;
        config.mail = MailTransportConfig::Memory;
        config.secret_key = Some("benchmark secret key that is long enough to sign".into());
        config.workers = false;
        let app = Application::build(config).await?;
        let addr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), app.port());
        let state = app.state();
        let handle = app.handle();
        tokio::spawn(app.run_until_stopped());
        Ok(App {
            addr,
            state,
            handle,
            data_dir,
            postgres,
        })
    }

    /// Stops the server and removes the database.
    pub async fn stop(self) {
        self.handle.stop(false).await;
        let _ = std::fs::remove_dir_all(&self.data_dir);
        if let Some((server_url, name)) = self.postgres {
            let _ = tokio::task::spawn_blocking(move || {
                if let Ok(mut conn) = diesel::PgConnection::establish(&server_url) {
                    let _ =
                        diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .execute(&mut conn);
                }
            })
            .await;
        }
    }

    /// The folder of the SQLite file, the email files and anything else the run leaves.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Stops the server but keeps the database, and returns where it is.
    pub async fn stop_keeping_database(self) -> String {
        self.handle.stop(false).await;
        match self.postgres {
            Some((server_url, name)) => {
                let base = server_url
                    .rsplit_once('/')
                    .map_or(server_url.as_str(), |(b, _)| b);
                format!("{base}/{name}")
            }
            None => format!("{}/agora.db", self.data_dir.display()),
        }
    }
}
