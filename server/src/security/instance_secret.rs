//! The instance secret: the key of CSRF tokens and realtime cursors. Every instance of one network
//! must hold the same one, or a form served by one instance is refused by the next behind the load
//! balancer. So it lives in the database, unless `AGORA_SECRET_KEY` sets it (which wins).

use diesel::prelude::*;
use secrecy::ExposeSecret;

use crate::config::Config;
use crate::db::schema::instance_secrets;
use crate::db::{Db, DbConnection};
use crate::error::AppResult;

/// The `instance_secrets` row of the key.
const SECRET_KEY: &str = "secret_key";

/// Shortest configured key accepted; generated keys are 43 characters.
const MIN_LEN: usize = 32;

/// The configured secret, or the one stored in the database (created by the first instance).
pub async fn load(config: &Config, db: &Db, now: chrono::NaiveDateTime) -> anyhow::Result<Vec<u8>> {
    if let Some(key) = &config.secret_key {
        let key = key.expose_secret();
        anyhow::ensure!(
            key.len() >= MIN_LEN,
            "AGORA_SECRET_KEY must be at least {MIN_LEN} characters"
        );
        return Ok(key.as_bytes().to_vec());
    }
    // Installs from before this table generated their key into the data folder, on either engine:
    // carry it over, so that the tokens of open pages stay valid across the upgrade (with several
    // instances, the first one stored wins).
    let candidate = read_legacy_file(config)
        .await
        .unwrap_or_else(crate::security::tokens::new_token);
    let stored = db
        .write(move |conn| stored_or_insert(conn, &candidate, now))
        .await
        .map_err(|e| anyhow::anyhow!("storing the instance secret: {e:?}"))?;
    Ok(stored.into_bytes())
}

async fn read_legacy_file(config: &Config) -> Option<String> {
    let text = tokio::fs::read_to_string(config.data_dir.join("secret_key"))
        .await
        .ok()?;
    let key = text.trim();
    (key.len() >= MIN_LEN).then(|| key.to_string())
}

/// Inserts `candidate` unless a secret is stored, then reads back the one that is: instances
/// starting together all end up with the first one committed.
pub fn stored_or_insert(
    conn: &mut DbConnection,
    candidate: &str,
    now: chrono::NaiveDateTime,
) -> AppResult<String> {
    crate::db::execute_upsert(
        conn,
        diesel::insert_into(instance_secrets::table)
            .values((
                instance_secrets::name.eq(SECRET_KEY),
                instance_secrets::value.eq(candidate),
                instance_secrets::created_at.eq(now),
            ))
            .on_conflict(instance_secrets::name)
            .do_nothing(),
    )?;
    Ok(instance_secrets::table
        .find(SECRET_KEY)
        .select(instance_secrets::value)
        .first(conn)?)
}
