//! Counts and lists the SQL statements the application runs, through diesel's instrumentation
//! of every new connection: evidence for where a request's time goes. Off unless a benchmark
//! switches it on around one request.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use diesel::connection::{Instrumentation, InstrumentationEvent, set_default_instrumentation};

static ON: AtomicBool = AtomicBool::new(false);
static STATEMENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn instrumentation() -> Option<Box<dyn Instrumentation>> {
    Some(Box::new(|event: InstrumentationEvent<'_>| {
        if !ON.load(Ordering::Relaxed) {
            return;
        }
        if let InstrumentationEvent::StartQuery { query, .. } = event {
            let text = query.to_string();
            let sql = text.split("-- binds").next().unwrap_or("").trim();
            let short: String = sql.chars().take(110).collect();
            STATEMENTS.lock().expect("trace").push(short);
        }
    }))
}

/// Installs the instrumentation for connections opened from now on (call before the pool).
pub fn install() -> anyhow::Result<()> {
    set_default_instrumentation(instrumentation).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Runs `f` with the listing on and returns the statements it ran (any connection, any thread:
/// run nothing else meanwhile).
pub async fn statements<T>(f: impl Future<Output = T>) -> (T, Vec<String>) {
    STATEMENTS.lock().expect("trace").clear();
    ON.store(true, Ordering::SeqCst);
    let out = f.await;
    ON.store(false, Ordering::SeqCst);
    let list = std::mem::take(&mut *STATEMENTS.lock().expect("trace"));
    (out, list)
}

/// Prints a statement list to stderr.
pub fn show(what: &str, list: &[String]) {
    eprintln!("{what}: {} SQL statements", list.len());
    for s in list {
        eprintln!("    {s}");
    }
}
