//! Full-text search of messages, stemmed in each message's own language: SQLite FTS5 over terms
//! stemmed here with Snowball, Postgres `tsvector` with the dutch, french, spanish and english
//! configurations. Results are limited to channels the person may read (their read markers).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};
use rust_stemmers::{Algorithm, Stemmer};

use super::DbConnection;
use crate::error::AppResult;

/// Optional narrowing of a search.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub workspace_id: Option<i64>,
    pub channel_id: Option<i64>,
    pub author_id: Option<i64>,
    pub from: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
}

fn algorithm(language: &str) -> Option<Algorithm> {
    Some(match language {
        "nl" => Algorithm::Dutch,
        "fr" => Algorithm::French,
        "es" => Algorithm::Spanish,
        "en" => Algorithm::English,
        "de" => Algorithm::German,
        "pt" => Algorithm::Portuguese,
        _ => return None,
    })
}

fn pg_config(language: &str) -> &'static str {
    match language {
        "nl" => "dutch",
        "fr" => "french",
        "es" => "spanish",
        "en" => "english",
        "de" => "german",
        "pt" => "portuguese",
        _ => "simple",
    }
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Stems of `text` in `language` (words unchanged where no stemmer exists).
fn stems(text: &str, language: &str) -> Vec<String> {
    match algorithm(language) {
        Some(alg) => {
            let stemmer = Stemmer::create(alg);
            words(text).map(|w| stemmer.stem(&w).into_owned()).collect()
        }
        None => words(text).collect(),
    }
}

/// An FTS5 query: every word must match, in any of the interface languages' stems.
fn fts_query(query: &str) -> Option<String> {
    let stemmers: Vec<Stemmer> = [
        Algorithm::Dutch,
        Algorithm::French,
        Algorithm::Spanish,
        Algorithm::English,
    ]
    .into_iter()
    .map(Stemmer::create)
    .collect();
    let groups: Vec<String> = words(query)
        .map(|w| {
            let mut forms: Vec<String> = stemmers.iter().map(|s| s.stem(&w).into_owned()).collect();
            forms.push(w);
            forms.sort();
            forms.dedup();
            // Stems are alphanumeric; quoting keeps FTS5 operators in the input inert.
            let alts: Vec<String> = forms
                .iter()
                .map(|f| format!("\"{}\"", f.replace('"', "")))
                .collect();
            format!("({})", alts.join(" OR "))
        })
        .collect();
    (!groups.is_empty()).then(|| groups.join(" AND "))
}

/// Indexes (or re-indexes) a message inside the writing transaction.
pub fn index(
    conn: &mut DbConnection,
    message_id: i64,
    language: &str,
    text: &str,
) -> AppResult<()> {
    unindex(conn, message_id)?;
    match conn {
        DbConnection::Sqlite(c) => {
            diesel::sql_query("INSERT INTO message_search (rowid, terms) VALUES (?1, ?2)")
                .bind::<BigInt, _>(message_id)
                .bind::<Text, _>(stems(text, language).join(" "))
                .execute(c)?;
        }
        DbConnection::Pg(c) => {
            diesel::sql_query("INSERT INTO message_search (message_id, document) VALUES ($1, to_tsvector($2::regconfig, $3))")
                .bind::<BigInt, _>(message_id)
                .bind::<Text, _>(pg_config(language))
                .bind::<Text, _>(text)
                .execute(c)?;
        }
    }
    Ok(())
}

pub fn unindex(conn: &mut DbConnection, message_id: i64) -> AppResult<()> {
    match conn {
        DbConnection::Sqlite(c) => diesel::sql_query("DELETE FROM message_search WHERE rowid = ?1")
            .bind::<BigInt, _>(message_id)
            .execute(c)?,
        DbConnection::Pg(c) => {
            diesel::sql_query("DELETE FROM message_search WHERE message_id = $1")
                .bind::<BigInt, _>(message_id)
                .execute(c)?
        }
    };
    Ok(())
}

#[derive(QueryableByName)]
struct Hit {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

const FILTERS: &str = "AND m.deleted_at IS NULL \
     AND ($3 IS NULL OR m.workspace_id = $3) AND ($4 IS NULL OR m.channel_id = $4) \
     AND ($5 IS NULL OR m.author_id = $5) AND ($6 IS NULL OR m.created_at >= $6) \
     AND ($7 IS NULL OR m.created_at < $7) ORDER BY m.created_at DESC, m.seq DESC LIMIT $8";

/// Ids of matching messages `user_id` may read, newest first. "May read" is the join on
/// `read_markers`, which holds a row exactly where `policy::workspace::readable` allows (kept so
/// by `policy::readers`, proven by the `access_property` test); the join is that rule in the
/// form an index can answer.
pub fn search(
    conn: &mut DbConnection,
    user_id: i64,
    query: &str,
    filters: &Filters,
    limit: i64,
) -> AppResult<Vec<i64>> {
    macro_rules! binds {
        ($q:expr, $text:expr) => {
            $q.bind::<BigInt, _>(user_id)
                .bind::<Text, _>($text)
                .bind::<Nullable<BigInt>, _>(filters.workspace_id)
                .bind::<Nullable<BigInt>, _>(filters.channel_id)
                .bind::<Nullable<BigInt>, _>(filters.author_id)
                .bind::<Nullable<Timestamp>, _>(filters.from)
                .bind::<Nullable<Timestamp>, _>(filters.until)
                .bind::<BigInt, _>(limit)
        };
    }
    let hits: Vec<Hit> = match conn {
        DbConnection::Sqlite(c) => {
            let Some(fts) = fts_query(query) else {
                return Ok(Vec::new());
            };
            let sql = format!(
                "SELECT m.id AS id FROM message_search s JOIN messages m ON m.id = s.rowid \
                 JOIN read_markers r ON r.channel_id = m.channel_id AND r.user_id = $1 \
                 WHERE message_search MATCH $2 {FILTERS}"
            )
            .replace('$', "?");
            binds!(diesel::sql_query(sql), fts).load(c)?
        }
        DbConnection::Pg(c) => {
            if words(query).next().is_none() {
                return Ok(Vec::new());
            }
            let sql = format!(
                "SELECT m.id AS id FROM message_search s JOIN messages m ON m.id = s.message_id \
                 JOIN read_markers r ON r.channel_id = m.channel_id AND r.user_id = $1 \
                 WHERE s.document @@ (plainto_tsquery('dutch', $2) || plainto_tsquery('french', $2) \
                   || plainto_tsquery('spanish', $2) || plainto_tsquery('english', $2) \
                   || plainto_tsquery('simple', $2)) {FILTERS}"
            );
            binds!(diesel::sql_query(sql), query).load(c)?
        }
    };
    Ok(hits.into_iter().map(|h| h.id).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_follow_the_language() {
        assert_eq!(
            stems("budgets participatifs", "fr"),
            stems("budget participatif", "fr")
        );
        assert_eq!(stems("vergaderingen", "nl"), stems("vergadering", "nl"));
        assert_eq!(stems("Mbao", "wo"), vec!["mbao".to_string()]);
    }

    #[test]
    fn queries_are_inert() {
        let q = fts_query("budget\" OR NEAR(x").unwrap();
        assert!(q.starts_with("(\"budget\""), "{q}");
        assert!(fts_query("  !!  ").is_none());
    }
}
