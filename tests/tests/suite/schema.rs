//! Migrations of both engines, from empty, produce exactly the tables and columns of `schema.rs`,
//! and tenant-owned tables carry their organisation with an index.

use std::collections::BTreeMap;

use agora::db::{Db, describe, run_migrations};

type Columns = BTreeMap<String, Vec<(String, bool)>>;

/// Tables and columns declared in `server/src/db/schema.rs`, read from its text.
fn declared() -> Columns {
    let source = include_str!("../../../server/src/db/schema.rs");
    let mut tables = Columns::new();
    let mut current: Option<String> = None;
    for line in source.lines().map(str::trim) {
        if let Some(rest) = line.strip_suffix("{").map(str::trim)
            && let Some((name, _)) = rest.split_once(" (")
            && !name.contains("table!")
        {
            current = Some(name.to_string());
            tables.insert(name.to_string(), Vec::new());
        } else if line == "}" {
            current = None;
        } else if let (Some(table), Some((col, ty))) = (&current, line.split_once("->")) {
            let ty = ty.trim().trim_end_matches(',');
            tables
                .get_mut(table)
                .expect("table")
                .push((col.trim().to_string(), ty.starts_with("Nullable<")));
        }
    }
    tables
}

fn actual(db: &Db) -> Columns {
    let mut conn = db.get().expect("connection");
    run_migrations(&mut conn).expect("migrations apply from empty");
    assert!(
        run_migrations(&mut conn).expect("second run").is_empty(),
        "migrations are not idempotent"
    );
    let mut tables = Columns::new();
    for (table, column, nullable) in describe(&mut conn).expect("describe") {
        tables.entry(table).or_default().push((column, nullable));
    }
    tables
}

fn compare(backend: &str, db: &Db) {
    let declared = declared();
    assert!(declared.len() >= 8, "schema.rs parse found {declared:?}");
    let actual = actual(db);
    assert_eq!(
        declared.keys().collect::<Vec<_>>(),
        actual.keys().collect::<Vec<_>>(),
        "{backend}: tables differ from schema.rs"
    );
    for (table, columns) in &declared {
        assert_eq!(
            &actual[table], columns,
            "{backend}: columns of {table} differ from schema.rs (name, nullable)"
        );
    }
    // Tenant scope: every table holding an organisation's data names it.
    for table in [
        "users",
        "sessions",
        "invitations",
        "password_resets",
        "audit_events",
    ] {
        assert!(
            declared[table].iter().any(|(c, _)| c == "organisation_id"),
            "{table} lacks organisation_id"
        );
    }
}

#[test]
fn sqlite_migrations_match_schema() {
    if agora_tests::skips::ran_in_sqlite_pass() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("agora-schema-{}", uuid::Uuid::new_v4().simple()));
    let db = Db::connect(&format!("sqlite://{}/schema.db", dir.display())).expect("sqlite");
    compare("sqlite", &db);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn postgres_migrations_match_schema() {
    let Ok(server) = std::env::var("AGORA_TEST_DATABASE_URL").map(|u| u.trim().to_string()) else {
        return agora_tests::skips::skipped(
            "needs AGORA_TEST_DATABASE_URL; runs in the Postgres pass",
        );
    };
    use diesel::{Connection, RunQueryDsl};
    let name = format!("agora_schema_{}", uuid::Uuid::new_v4().simple());
    let mut admin = diesel::PgConnection::establish(&server).expect("postgres reachable");
    diesel::sql_query(format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .expect("create");
    let base = server
        .rsplit_once('/')
        .map(|(b, _)| b)
        .expect("url with database");
    let db = Db::connect(&format!("{base}/{name}")).expect("postgres");
    compare("postgres", &db);
    drop(db);
    diesel::sql_query(format!("DROP DATABASE {name} WITH (FORCE)"))
        .execute(&mut admin)
        .expect("drop");
}

#[test]
fn every_tenant_table_indexes_its_organisation() {
    if agora_tests::skips::ran_in_sqlite_pass() {
        return;
    }
    let sqlite = include_str!("../../../migrations/sqlite/2026-11-27-000001_foundation/up.sql");
    let postgres = include_str!("../../../migrations/postgres/2026-11-27-000001_foundation/up.sql");
    for sql in [sqlite, postgres] {
        for table in [
            "users",
            "sessions",
            "invitations",
            "password_resets",
            "audit_events",
        ] {
            assert!(
                sql.contains(&format!("ON {table}(organisation_id)")),
                "{table} has no index on organisation_id"
            );
        }
    }
}

#[test]
fn migration_folders_are_paired() {
    if agora_tests::skips::ran_in_sqlite_pass() {
        return;
    }
    let names = |engine: &str| {
        let mut v: Vec<String> = std::fs::read_dir(format!(
            "{}/../migrations/{engine}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("migrations folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
        v.sort();
        v
    };
    assert!(!names("sqlite").is_empty(), "no migrations found");
    assert_eq!(names("sqlite"), names("postgres"));
    for engine in ["sqlite", "postgres"] {
        for name in names(engine) {
            for file in ["up.sql", "down.sql"] {
                let path = format!(
                    "{}/../migrations/{engine}/{name}/{file}",
                    env!("CARGO_MANIFEST_DIR")
                );
                assert!(std::path::Path::new(&path).exists(), "{path} missing");
            }
        }
    }
}
