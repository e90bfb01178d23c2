//! Test databases on the Postgres server of `AGORA_TEST_DATABASE_URL`. Each test gets a copy of a
//! template that was migrated once: `CREATE DATABASE .. TEMPLATE` copies files, where migrating
//! every test's database from empty replays all migrations each time. The template is named by a
//! hash of the migrations, so test binaries and runs (and worktrees sharing the server) agree on
//! it, and an edited migration gets a template of its own.

use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::OnceLock;

use diesel::{Connection, PgConnection, RunQueryDsl};

/// Serialises template creation across processes (any constant; ours alone on a test server).
const TEMPLATE_LOCK: i64 = 0x0061_676f_7261_7470; // "agoratp"

/// `postgres://host/db` → `postgres://host/name`.
pub fn database_url(server_url: &str, name: &str) -> String {
    let base = server_url
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or(server_url);
    format!("{base}/{name}")
}

fn connect(server_url: &str) -> PgConnection {
    PgConnection::establish(server_url)
        .unwrap_or_else(|e| panic!("cannot reach AGORA_TEST_DATABASE_URL: {e}"))
}

fn execute(conn: &mut PgConnection, sql: &str) -> Result<usize, diesel::result::Error> {
    diesel::sql_query(sql).execute(conn)
}

/// A hash of every file under `migrations/postgres`, names and contents, in order.
fn migrations_hash() -> String {
    fn visit(dir: &Path, hasher: &mut std::collections::hash_map::DefaultHasher) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for path in entries {
            path.file_name().hash(hasher);
            if path.is_dir() {
                visit(&path, hasher);
            } else {
                std::fs::read(&path).expect("migration file").hash(hasher);
            }
        }
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations/postgres");
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    visit(&dir, &mut hasher);
    format!("{:016x}", hasher.finish())
}

#[derive(diesel::QueryableByName)]
struct Found {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

fn database_exists(conn: &mut PgConnection, name: &str) -> bool {
    diesel::sql_query("SELECT count(*) AS n FROM pg_database WHERE datname = $1")
        .bind::<diesel::sql_types::Text, _>(name)
        .get_result::<Found>(conn)
        .expect("pg_database")
        .n
        > 0
}

/// The migrated template's name, creating it on first use. Built under another name and renamed
/// when complete, under an advisory lock, so a parallel binary never copies a half-migrated one
/// and an interrupted build leaves nothing that looks finished.
fn template(server_url: &str) -> &'static str {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let name = format!("agora_template_{}", migrations_hash());
        let mut conn = connect(server_url);
        execute(
            &mut conn,
            &format!("SELECT pg_advisory_lock({TEMPLATE_LOCK})"),
        )
        .expect("template lock");
        if !database_exists(&mut conn, &name) {
            let building = format!("{name}_building");
            execute(
                &mut conn,
                &format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"),
            )
            .expect("drop an unfinished template");
            execute(&mut conn, &format!("CREATE DATABASE {building}")).expect("create template");
            {
                let mut db =
                    agora::db::DbConnection::establish(&database_url(server_url, &building))
                        .expect("connect to the template");
                agora::db::run_migrations(&mut db).expect("migrate the template");
            }
            execute(
                &mut conn,
                &format!("ALTER DATABASE {building} RENAME TO {name}"),
            )
            .expect("finish the template");
        }
        execute(
            &mut conn,
            &format!("SELECT pg_advisory_unlock({TEMPLATE_LOCK})"),
        )
        .expect("template unlock");
        name
    })
}

/// A fresh, migrated database for one test; returns its name.
pub fn create_database(server_url: &str) -> String {
    let template = template(server_url);
    let name = format!("agora_test_{}", uuid::Uuid::new_v4().simple());
    let mut conn = connect(server_url);
    execute(
        &mut conn,
        &format!("CREATE DATABASE {name} TEMPLATE {template}"),
    )
    .expect("create test database");
    name
}

/// Drops a test database, retrying briefly; the error says which database is left behind.
pub fn drop_database(server_url: &str, name: &str) -> Result<(), String> {
    let mut last = String::new();
    for attempt in 0..3u64 {
        if attempt > 0 {
            std::thread::sleep(std::time::Duration::from_millis(200 * attempt));
        }
        // FORCE (Postgres 13 and later) ends the pool's connections, which may outlive the
        // server task.
        let dropped = PgConnection::establish(server_url)
            .map_err(|e| e.to_string())
            .and_then(|mut conn| {
                execute(
                    &mut conn,
                    &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                )
                .map_err(|e| e.to_string())
            });
        match dropped {
            Ok(_) => return Ok(()),
            Err(e) => last = e,
        }
    }
    Err(format!("test database {name} was not dropped: {last}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_database_that_cannot_be_dropped_is_reported() {
        let server = std::env::var("AGORA_TEST_DATABASE_URL")
            .ok()
            .filter(|u| u.starts_with("postgres"))
            .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".into());
        // Not a valid name, so the server refuses (or, without a server, connecting fails).
        let err = super::drop_database(&server, "no such-database").unwrap_err();
        assert!(err.contains("no such-database"), "{err}");
    }

    #[test]
    fn a_copy_of_the_template_has_nothing_left_to_migrate() {
        use diesel::Connection;
        let Some(server) = std::env::var("AGORA_TEST_DATABASE_URL")
            .ok()
            .filter(|u| u.starts_with("postgres"))
        else {
            return crate::skips::skipped("runs in the Postgres pass (AGORA_TEST_DATABASE_URL)");
        };
        let name = super::create_database(&server);
        let applied = {
            let mut db = agora::db::DbConnection::establish(&super::database_url(&server, &name))
                .expect("connect");
            agora::db::run_migrations(&mut db).expect("migrate")
        };
        super::drop_database(&server, &name).expect("drop");
        assert_eq!(
            applied,
            Vec::<String>::new(),
            "the template was not fully migrated"
        );
    }
}
