//! Building and running the application. Tests call [`Application::build`] with port 0.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use agora_shared::ErrorCode;
use agora_shared::limits::{MAX_BODY_BYTES, RATE_WINDOW_SECS};

use crate::assets::Assets;
use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::db::{Db, run_migrations};
use crate::error::AppError;
use crate::file_store::{FileStore, LocalFileStore};
use crate::i18n::I18n;
use crate::mail::{Mailer, Transport};
use crate::security::headers::security_headers;
use crate::security::instance_secret;
use crate::security::rate_limit::LocalRateLimiter;
use crate::state::AppState;
use crate::{accounts, routes, telemetry, web as agora_web};

pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
    shutdown: tokio::sync::watch::Sender<bool>,
    scheduler: tokio::task::JoinHandle<()>,
    /// The one-time setup link, when the database has no organisation yet.
    pub setup_link: Option<String>,
}

/// Opens the database and brings its schema up to date.
pub async fn open_database(config: &Config) -> anyhow::Result<Db> {
    let db = Db::connect(&config.database_url)?;
    let db2 = db.clone();
    let applied = tokio::task::spawn_blocking(move || -> anyhow::Result<Vec<String>> {
        let mut conn = db2.get().map_err(|e| anyhow::anyhow!("{e}"))?;
        run_migrations(&mut conn)
    })
    .await??;
    if !applied.is_empty() {
        tracing::info!(migrations = ?applied, "database migrated");
    }
    Ok(db)
}

/// Uploads under `<data dir>/files`.
fn local_files(config: &Config) -> Arc<dyn FileStore> {
    Arc::new(LocalFileStore::new(config.data_dir.join("files")))
}

fn form_error(err: actix_web::error::UrlencodedError, _: &HttpRequest) -> actix_web::Error {
    use actix_web::error::UrlencodedError as E;
    use actix_web::http::StatusCode;
    match err {
        E::Overflow { .. } => {
            AppError::new(ErrorCode::PayloadTooLarge, StatusCode::PAYLOAD_TOO_LARGE)
        }
        E::ContentType => AppError::new(
            ErrorCode::UnsupportedMediaType,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        _ => AppError::new(ErrorCode::InvalidBody, StatusCode::BAD_REQUEST),
    }
    .into()
}

fn path_error(_: actix_web::error::PathError, _: &HttpRequest) -> actix_web::Error {
    AppError::not_found().into()
}

fn query_error(_: actix_web::error::QueryPayloadError, _: &HttpRequest) -> actix_web::Error {
    AppError::new(
        ErrorCode::InvalidBody,
        actix_web::http::StatusCode::BAD_REQUEST,
    )
    .into()
}

async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::not_found())
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        let db = open_database(&config).await?;
        Self::build_with_db(config, db).await
    }

    pub async fn build_with_db(mut config: Config, db: Db) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(config.bind)?;
        let port = listener.local_addr()?.port();
        // Port 0 (tests) is only known now; links must carry the real one.
        if config.public_url.port() == Some(0) {
            config
                .public_url
                .set_port(Some(port))
                .map_err(|()| anyhow::anyhow!("AGORA_PUBLIC_URL cannot take a port"))?;
        }
        let state = shared_state(config, db.clone()).await?;

        let setup_link = accounts::setup::prepare(&db)
            .await
            .map_err(|e| anyhow::anyhow!("preparing setup: {e:?}"))?
            .map(|token| state.link(&format!("/setup?token={token}")));

        // The hub's relay and the scheduler start here, never inside a constructor.
        tokio::spawn(state.hub.relay());
        let (shutdown, shutdown_rx) = tokio::sync::watch::channel(false);
        let scheduler =
            tokio::spawn(crate::jobs::scheduler(&state).run_until(state.clone(), shutdown_rx));

        let data = web::Data::new(state.clone());
        let https = state.config.https();
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .app_data(
                    web::JsonConfig::default()
                        .limit(MAX_BODY_BYTES)
                        .error_handler(crate::accounts::api::json_error),
                )
                .app_data(
                    web::FormConfig::default()
                        .limit(MAX_BODY_BYTES)
                        .error_handler(form_error),
                )
                .app_data(web::PayloadConfig::new(MAX_BODY_BYTES))
                .app_data(crate::messaging::pages::upload_form::config())
                .app_data(web::PathConfig::default().error_handler(path_error))
                .app_data(web::QueryConfig::default().error_handler(query_error))
                .configure(routes::configure)
                .default_service(web::to(not_found))
                .wrap(from_fn(agora_web::middleware::middleware))
                .wrap(security_headers(https))
                .wrap(Compress::default())
                .wrap(from_fn(telemetry::log_requests))
                .wrap(telemetry::request_spans())
        })
        .workers(state.config.http_workers)
        .shutdown_timeout(10)
        .disable_signals()
        .listen(listener)?
        .run();

        Ok(Application {
            port,
            server,
            state,
            shutdown,
            scheduler,
            setup_link,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Stops the server (for tests that start many).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// Shared handles, for tests that drain the outbox or inspect the database.
    pub fn state(&self) -> AppState {
        self.state.clone()
    }

    /// Serves until SIGINT/SIGTERM, then drains in-flight requests and stops the scheduler (each
    /// job finishes its current run).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        // Websockets never finish by themselves: on SIGINT/SIGTERM close them first, so the
        // graceful stop only waits for ordinary requests.
        let handle = self.server.handle();
        let hub = self.state.hub.clone();
        tokio::spawn(async move {
            shutdown_signal().await;
            tracing::info!("shutting down");
            hub.close_all(crate::realtime::hub::CLOSE_GOING_AWAY);
            handle.stop(true).await;
        });
        let result = self.server.await;
        let _ = self.shutdown.send(true);
        let _ = self.scheduler.await;
        result
    }
}

/// The shared handles without a server, for commands that call the services directly
/// (`agora demo`). Opens and migrates the database like [`Application::build`].
pub async fn state_for_cli(config: Config) -> anyhow::Result<AppState> {
    let db = open_database(&config).await?;
    shared_state(config, db).await
}

/// The handles of one instance on `db`, on the system clock; spawns nothing.
async fn shared_state(config: Config, db: Db) -> anyhow::Result<AppState> {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let i18n = Arc::new(I18n::load()?);
    let transport = Transport::from_config(&config)?;
    let mailer = Mailer::new(
        db.clone(),
        transport,
        &config,
        i18n.clone(),
        crate::emails::render,
    )?;
    let secret = Arc::new(instance_secret::load(&config, &db, clock.now()).await?);
    Ok(AppState {
        db: db.clone(),
        hub: crate::realtime::hub::Hub::new(
            db,
            &secret,
            config.ws_heartbeat,
            crate::messaging::service::replay_data,
        )
        .with_queue_events(config.ws_queue_events),
        secret,
        i18n,
        limiter: Arc::new(LocalRateLimiter::new(Duration::from_secs(RATE_WINDOW_SECS))),
        files: local_files(&config),
        mailer,
        assets: Arc::new(Assets::new()),
        clock,
        config: Arc::new(config),
    })
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
