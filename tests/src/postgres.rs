//! Test databases on the Postgres server of `AGORA_TEST_DATABASE_URL`. Each test gets a copy of a
//! template that was migrated once: `CREATE DATABASE .. TEMPLATE` copies files, where migrating
//! every test's database from empty replays all migrations each time. The template is named by a
//! hash of the migrations, so test binaries and runs (and worktrees sharing the server) agree on
//! it, and an edited migration gets a template of its own.
//!
//! Templates of other hashes are dropped when a template is first used, unless they are in use:
//! each process holds a shared advisory lock named by its template's hash for as long as it runs,
//! and a template is dropped only while its exclusive lock can be had. Processes of a version
//! that takes no such lock are covered by a grace period instead: a template is dropped only when
//! it was last stamped (at creation, at each use, or when first seen unstamped) an hour ago.

use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use diesel::{Connection, PgConnection, RunQueryDsl};

/// Serialises template creation across processes (any constant; ours alone on a test server).
const TEMPLATE_LOCK: i64 = 0x0061_676f_7261_7470; // "agoratp"
/// What every template's name starts with.
const TEMPLATE_PREFIX: &str = "agora_template_";
/// How long a template unused by any locking process is kept: long enough for a run of a
/// version that does not lock to finish.
const STALE_AFTER_SECS: i64 = 3600;

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
    // The connection that holds this process's shared lock on its template until it exits.
    static HOLDER: OnceLock<Mutex<PgConnection>> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let hash = migrations_hash();
        let name = format!("{TEMPLATE_PREFIX}{hash}");
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
            &format!("SELECT pg_advisory_lock_shared({})", lock_key(&hash)),
        )
        .expect("lock the template in use");
        stamp(&mut conn, &name);
        drop_stale_templates(&mut conn, &name);
        execute(
            &mut conn,
            &format!("SELECT pg_advisory_unlock({TEMPLATE_LOCK})"),
        )
        .expect("template unlock");
        let _ = HOLDER.set(Mutex::new(conn));
        name
    })
}

/// The advisory lock key of the template with `hash`, apart from [`TEMPLATE_LOCK`].
fn lock_key(hash: &str) -> i64 {
    (u64::from_str_radix(hash, 16).unwrap_or(0) ^ 1) as i64
}

/// Records in the database's comment that `name` is in use now.
fn stamp(conn: &mut PgConnection, name: &str) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    execute(conn, &format!("COMMENT ON DATABASE {name} IS 'used {now}'"))
        .expect("stamp the template");
}

#[derive(diesel::QueryableByName)]
struct Template {
    #[diesel(sql_type = diesel::sql_types::Text)]
    datname: String,
    /// Seconds since the stamp in the comment, when there is one.
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::BigInt>)]
    age: Option<i64>,
}

/// Drops the templates of other migrations that no running process uses; called under
/// [`TEMPLATE_LOCK`], so none of them is being created or taken into use meanwhile. Best effort:
/// what cannot be dropped now is left for a later run.
fn drop_stale_templates(conn: &mut PgConnection, current: &str) {
    let found = diesel::sql_query(
        "SELECT datname::text AS datname, \
         extract(epoch FROM now())::bigint \
           - substring(shobj_description(oid, 'pg_database') FROM '^used ([0-9]+)$')::bigint \
           AS age \
         FROM pg_database WHERE datname LIKE 'agora\\_template\\_%' AND datname <> $1",
    )
    .bind::<diesel::sql_types::Text, _>(current)
    .load::<Template>(conn);
    let Ok(found) = found else { return };
    for template in found {
        let hash = template.datname[TEMPLATE_PREFIX.len()..].trim_end_matches("_building");
        let key = lock_key(hash);
        let Ok(free) = diesel::sql_query(format!(
            "SELECT pg_try_advisory_lock({key})::int::bigint AS n"
        ))
        .get_result::<Found>(conn) else {
            continue;
        };
        if free.n != 1 {
            continue;
        }
        match template.age {
            Some(age) if age >= STALE_AFTER_SECS => {
                let _ = execute(
                    conn,
                    &format!("DROP DATABASE IF EXISTS {}", template.datname),
                );
            }
            Some(_) => {}
            None => stamp(conn, &template.datname),
        }
        let _ = execute(conn, &format!("SELECT pg_advisory_unlock({key})"));
    }
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

    #[test]
    fn stale_templates_go_and_templates_in_use_stay() {
        let Some(server) = std::env::var("AGORA_TEST_DATABASE_URL")
            .ok()
            .filter(|u| u.starts_with("postgres"))
        else {
            return crate::skips::skipped("runs in the Postgres pass (AGORA_TEST_DATABASE_URL)");
        };
        let current = super::template(&server).to_string();
        let (stale, busy) = (
            "agora_template_00000000000000a1",
            "agora_template_00000000000000a2",
        );
        let mut conn = super::connect(&server);
        let mut other = super::connect(&server);
        for name in [stale, busy] {
            super::execute(&mut conn, &format!("DROP DATABASE IF EXISTS {name}")).unwrap();
            super::execute(&mut conn, &format!("CREATE DATABASE {name}")).unwrap();
            super::execute(
                &mut conn,
                &format!("COMMENT ON DATABASE {name} IS 'used 0'"),
            )
            .unwrap();
        }
        // Another process's hold on the second one.
        super::execute(
            &mut other,
            &format!(
                "SELECT pg_advisory_lock_shared({})",
                super::lock_key("00000000000000a2")
            ),
        )
        .unwrap();
        super::drop_stale_templates(&mut conn, &current);
        let (stale_left, busy_left) = (
            super::database_exists(&mut conn, stale),
            super::database_exists(&mut conn, busy),
        );
        drop(other);
        super::execute(&mut conn, &format!("DROP DATABASE IF EXISTS {busy}")).unwrap();
        super::execute(&mut conn, &format!("DROP DATABASE IF EXISTS {stale}")).unwrap();
        assert!(!stale_left, "an unused old template was kept");
        assert!(busy_left, "a template in use was dropped");
        assert!(super::database_exists(&mut conn, &current));
    }
}
