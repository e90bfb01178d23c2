//! Checks that did not run, and why: a tool is missing (Chromium, aiosmtpd, schemathesis, a
//! Postgres server), or the check reads no database and ran in the SQLite pass. libtest hides what
//! passing tests print, so each skip goes straight to stderr and, when `AGORA_TEST_SKIP_LOG` names
//! a file, is appended to it: `.ci/run` prints that file in the run's summary.

use std::io::Write;

/// Env var that turns "tool missing, check skipped" into a failure (set by CI).
pub const REQUIRE_ALL: &str = "AGORA_TEST_REQUIRE_ALL";
/// Env var naming the file that collects the skips of a run.
pub const SKIP_LOG: &str = "AGORA_TEST_SKIP_LOG";

/// The running test: libtest names each test's thread after it.
fn current_test() -> String {
    std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string()
}

/// Records that the running test skipped its check because of `reason`.
pub fn skipped(reason: &str) {
    let line = format!("SKIPPED: {} ({reason})\n", current_test());
    let _ = std::io::stderr().write_all(line.as_bytes());
    if let Some(path) = std::env::var_os(SKIP_LOG) {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path);
        match file {
            Ok(mut file) => {
                let _ = file.write_all(line.as_bytes());
            }
            Err(e) => panic!("cannot write the skip log {}: {e}", path.display()),
        }
    }
}

/// `tool` is missing: a failure under [`REQUIRE_ALL`], else a recorded skip. Returns `None` for
/// the caller to hand on.
pub fn unavailable<T>(tool: &str, reason: &str) -> Option<T> {
    if std::env::var_os(REQUIRE_ALL).is_some() {
        panic!("{tool} unavailable and {REQUIRE_ALL} is set: {reason}");
    }
    skipped(&format!("{tool} unavailable: {reason}"));
    None
}

/// For checks that read no database, so that they run once and not in both passes: true in the
/// Postgres pass (after recording the skip), false in the SQLite pass.
pub fn ran_in_sqlite_pass() -> bool {
    let postgres = crate::app::backend_name() == "postgres";
    if postgres {
        skipped("reads no database; runs in the SQLite pass");
    }
    postgres
}
