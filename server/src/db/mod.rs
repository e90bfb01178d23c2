//! Storage on two backends behind one connection type. This folder is the only place that may
//! name SQLite or Postgres; everything else talks to [`Db`].

mod dialect;
pub mod events;
mod migrations;
pub mod navigation;
pub mod schema;
pub mod search;
pub mod unread;

use std::sync::Arc;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};

pub use dialect::{
    advance_id_sequences, claim_due_outbox, execute_upsert, lock_workspace_owners, serialize_on,
    timestamp_literal, upsert_returning,
};
pub use migrations::run_migrations;

use crate::error::AppError;

/// One connection type over both engines; diesel dispatches each query to the live variant.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(diesel::SqliteConnection),
    Pg(diesel::PgConnection),
}

/// Which engine a URL names. Chosen from the scheme, never by trial.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> anyhow::Result<Backend> {
        if url.starts_with("sqlite://") || url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            anyhow::bail!("AGORA_DATABASE_URL must start with sqlite:// or postgres://")
        }
    }
}

/// The file path of a `sqlite://path` URL.
fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
}

/// Opens connections of the configured engine with its per-connection settings.
#[derive(Debug)]
pub struct Manager {
    url: String,
    backend: Backend,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        match self.backend {
            Backend::Sqlite => {
                let mut conn = diesel::SqliteConnection::establish(sqlite_path(&self.url))
                    .map_err(r2d2::Error::ConnectionError)?;
                // busy_timeout first: switching to WAL takes a lock that a sibling may hold.
                conn.batch_execute(
                    "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
                )
                .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
            Backend::Postgres => diesel::PgConnection::establish(&self.url)
                .map(DbConnection::Pg)
                .map_err(r2d2::Error::ConnectionError),
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

pub type Pool = r2d2::Pool<Manager>;

/// The database handle shared by every request. Cheap to clone.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    backend: Backend,
    /// SQLite allows one writer: taking turns here turns lock contention between our own
    /// transactions into a short wait instead of `database is locked` errors.
    write_lock: Arc<std::sync::Mutex<()>>,
}

impl Db {
    /// Opens the pool (creating the SQLite file's folder when needed).
    pub fn connect(url: &str) -> anyhow::Result<Db> {
        let backend = Backend::from_url(url)?;
        if backend == Backend::Sqlite
            && let Some(parent) = std::path::Path::new(sqlite_path(url)).parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent)?;
        }
        let manager = Manager {
            url: url.to_string(),
            backend,
        };
        let max_size = match backend {
            Backend::Sqlite => 8,
            Backend::Postgres => 10,
        };
        let pool = r2d2::Pool::builder()
            .max_size(max_size)
            .min_idle(Some(1))
            .connection_timeout(std::time::Duration::from_secs(10))
            .build(manager)
            .map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))?;
        Ok(Db {
            pool,
            backend,
            write_lock: Arc::new(std::sync::Mutex::new(())),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A connection for work already off the async workers (CLI, migrations, blocking tasks).
    pub fn get(&self) -> Result<r2d2::PooledConnection<Manager>, AppError> {
        self.pool
            .get()
            .map_err(|e| AppError::unavailable(anyhow::anyhow!("database pool: {e}")))
    }

    /// Runs read-only work on a blocking thread.
    pub async fn read<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    {
        let db = self.clone();
        run_blocking(move || {
            let mut conn = db.get()?;
            f(&mut conn)
        })
        .await
    }

    /// Runs `f` in one transaction on a blocking thread; any error rolls everything back.
    pub async fn write<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    {
        let db = self.clone();
        run_blocking(move || db.write_blocking(f)).await
    }

    /// [`Db::write`] for callers already on a blocking thread.
    pub fn write_blocking<T>(
        &self,
        f: impl FnOnce(&mut DbConnection) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut conn = self.get()?;
        let _turn = match self.backend {
            Backend::Sqlite => Some(self.write_lock.lock().unwrap_or_else(|p| p.into_inner())),
            Backend::Postgres => None,
        };
        let conn: &mut DbConnection = &mut conn;
        conn.transaction(f)
    }

    /// True when the database answers.
    pub async fn ping(&self) -> bool {
        self.read(|conn| {
            conn.batch_execute("SELECT 1")?;
            Ok(())
        })
        .await
        .is_ok()
    }
}

/// Moves blocking work off the async workers.
pub async fn run_blocking<T, F>(f: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, AppError> + Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::internal(anyhow::anyhow!("blocking task failed: {e}")))?
}

/// Lists the user tables and their columns as `(table, column, nullable)`, for the schema test.
pub fn describe(conn: &mut DbConnection) -> Result<Vec<(String, String, bool)>, AppError> {
    dialect::describe(conn)
}
