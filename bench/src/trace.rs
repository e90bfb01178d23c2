//! Lists the SQL statements the application runs, with the time each took, through diesel's
//! instrumentation of every new connection: evidence for where a request's time goes. Off unless
//! a benchmark switches it on around a few requests.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use diesel::connection::{Instrumentation, InstrumentationEvent, set_default_instrumentation};

static ON: AtomicBool = AtomicBool::new(false);
/// (statement, microseconds) in the order they finished.
static STATEMENTS: Mutex<Vec<(String, u64)>> = Mutex::new(Vec::new());

fn instrumentation() -> Option<Box<dyn Instrumentation>> {
    let mut started = None;
    Some(Box::new(move |event: InstrumentationEvent<'_>| {
        if !ON.load(Ordering::Relaxed) {
            return;
        }
        match event {
            InstrumentationEvent::StartQuery { .. } => started = Some(Instant::now()),
            InstrumentationEvent::FinishQuery { query, .. } => {
                let took = started.take().map_or(0, |t| t.elapsed().as_micros() as u64);
                let text = query.to_string();
                let sql = text.split("-- binds").next().unwrap_or("").trim();
                let short: String = sql.chars().take(90).collect();
                STATEMENTS.lock().expect("trace").push((short, took));
            }
            _ => {}
        }
    }))
}

/// Installs the instrumentation for connections opened from now on (call before the pool).
pub fn install() -> anyhow::Result<()> {
    set_default_instrumentation(instrumentation).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Statements of one kind of request, averaged over several.
pub struct Profile {
    pub requests: usize,
    /// (statement, runs per request, mean microseconds), in order of first appearance.
    pub statements: Vec<(String, f64, f64)>,
}

impl Profile {
    pub fn per_request(&self) -> f64 {
        self.statements.iter().map(|(_, n, _)| n).sum()
    }

    /// Database time per request (sum of statement times), in microseconds.
    pub fn micros_per_request(&self) -> f64 {
        self.statements.iter().map(|(_, n, us)| n * us).sum()
    }

    /// Prints the statements to stderr.
    pub fn show(&self, what: &str) {
        eprintln!(
            "{what}: {:.0} SQL statements, {:.0} µs in the database per request (mean of {}):",
            self.per_request(),
            self.micros_per_request(),
            self.requests
        );
        for (sql, n, us) in &self.statements {
            eprintln!("    {n:>4.1} × {us:>6.0} µs  {sql}");
        }
    }
}

/// Runs `request` `n` times, one after the other, with the listing on (run nothing else
/// meanwhile: every connection of the process is listened to). `request` takes `state` (a
/// client) and hands it back.
pub async fn profile<S, F, Fut>(
    n: usize,
    mut state: S,
    mut request: F,
) -> anyhow::Result<(S, Profile)>
where
    F: FnMut(S) -> Fut,
    Fut: Future<Output = anyhow::Result<S>>,
{
    STATEMENTS.lock().expect("trace").clear();
    ON.store(true, Ordering::SeqCst);
    for _ in 0..n {
        match request(state).await {
            Ok(s) => state = s,
            Err(e) => {
                ON.store(false, Ordering::SeqCst);
                return Err(e);
            }
        }
    }
    ON.store(false, Ordering::SeqCst);
    let list = std::mem::take(&mut *STATEMENTS.lock().expect("trace"));
    let mut statements: Vec<(String, f64, f64)> = Vec::new();
    for (sql, us) in list {
        match statements.iter_mut().find(|(s, _, _)| *s == sql) {
            Some((_, count, total)) => {
                *count += 1.0;
                *total += us as f64;
            }
            None => statements.push((sql, 1.0, us as f64)),
        }
    }
    for (_, count, total) in &mut statements {
        *total /= *count;
        *count /= n as f64;
    }
    Ok((
        state,
        Profile {
            requests: n,
            statements,
        },
    ))
}
