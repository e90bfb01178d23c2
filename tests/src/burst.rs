//! Identical requests at the same moment: a burst of copies, and row counts in the
//! application's own database to check that they had exactly one effect.

use std::time::Duration;

use agora::db::DbConnection;
use diesel::QueryResult;
use futures_util::future::join_all;
use reqwest::Method;
use serde_json::Value;

use crate::{Session, TestApp};

/// Sends `n` copies of one request at once and returns each `(status, body)`.
pub async fn fire(
    session: &Session,
    n: usize,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> Vec<(u16, String)> {
    let calls = (0..n).map(|_| async {
        let res = session.api(method.clone(), path, body.clone()).await;
        let status = res.status().as_u16();
        (status, res.text().await.expect("body"))
    });
    tokio::time::timeout(Duration::from_secs(20), join_all(calls))
        .await
        .unwrap_or_else(|_| panic!("{n} × {method} {path} did not finish within 20 s"))
}

/// [`fire`], asserting that no answer is a server error, every answer is one of `allowed`
/// and at least one is a success.
pub async fn burst(
    session: &Session,
    n: usize,
    method: Method,
    path: &str,
    body: Option<Value>,
    allowed: &[u16],
) -> Vec<(u16, String)> {
    let answers = fire(session, n, method.clone(), path, body).await;
    let what = format!("{n} × {method} {path}");
    let errors: Vec<_> = answers.iter().filter(|(s, _)| *s >= 500).collect();
    assert!(
        errors.is_empty(),
        "{what}: {} answered a server error: {errors:?}",
        errors.len()
    );
    for (status, body) in &answers {
        assert!(
            allowed.contains(status),
            "{what}: unexpected {status} {body}"
        );
    }
    assert!(
        answers.iter().any(|(s, _)| (200..300).contains(s)),
        "{what}: no request succeeded: {answers:?}"
    );
    answers
}

/// Counts rows with a query run on the application's own database.
pub async fn count<F>(app: &TestApp, query: F) -> i64
where
    F: FnOnce(&mut DbConnection) -> QueryResult<i64> + Send + 'static,
{
    app.state
        .db
        .read(move |conn| Ok(query(conn)?))
        .await
        .expect("count")
}

/// Counts the rows of `$table` (a schema module in scope) that pass every filter, in the
/// application's own database.
#[macro_export]
macro_rules! rows {
    ($app:expr, $table:ident $(, $filter:expr)* $(,)?) => {
        $crate::burst::count($app, move |c| {
            $table::table$(.filter($filter))*.count().get_result(c)
        })
        .await
    };
}
