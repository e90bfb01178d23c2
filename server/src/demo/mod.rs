//! `agora demo`: fills an empty database with a small, realistic network so that a newcomer can
//! sign in and look around at once.
//!
//! The network's content (organisations, people, workspaces, channels, messages in four
//! languages, threads, reactions, read markers, direct conversations) lives in
//! `server/demo/network.toml`, built into the binary. [`loader`] checks it whole before anything
//! is written; [`seed`] writes it through the services, with one password hashed once.

pub mod bulk;
pub mod data;
pub mod loader;
mod report;
mod seed;
mod setup;

#[cfg(test)]
mod loader_tests;

use std::collections::BTreeMap;

use anyhow::anyhow;
use diesel::prelude::*;

pub use report::{DemoAccount, DemoReport};

use crate::db::run_blocking;
use crate::security::password::hash_password;
use crate::state::AppState;
use data::Network;
use seed::Demo;

/// Turns a service error into the demo's error, naming the step that failed.
fn step<T>(what: &str, result: crate::error::AppResult<T>) -> anyhow::Result<T> {
    result.map_err(|e| anyhow!("demo: {what}: {e:?}"))
}

/// The password of every demo account.
pub const PASSWORD: &str = "agora-demo-2030";

/// Fills an empty database with the demo network. Refuses when any organisation or person
/// exists already, and when the built-in data is wrong, before writing anything.
pub async fn run(state: &AppState) -> anyhow::Result<DemoReport> {
    run_from(state, loader::NETWORK).await
}

/// [`run`] with other data in the format of `server/demo/network.toml`.
pub async fn run_from(state: &AppState, source: &str) -> anyhow::Result<DemoReport> {
    let network = loader::load(source)?;
    let operator = network
        .organisations
        .first()
        .ok_or_else(|| anyhow!("demo: no organisations"))?;
    let hash = step(
        "hashing the demo password",
        run_blocking(|| Ok(hash_password(PASSWORD)?)).await,
    )?;
    let operator_org = setup::operator(state, operator).await?;
    let mut demo = Demo::new(state, (operator.key.as_str(), operator_org));
    demo.fill(&network, &hash).await?;
    report(state, &network, &demo).await
}

async fn report(
    state: &AppState,
    network: &Network,
    demo: &Demo<'_>,
) -> anyhow::Result<DemoReport> {
    let languages: Vec<String> = step(
        "counting messages",
        state
            .db
            .read(|conn| {
                use crate::db::schema::messages;
                Ok(messages::table.select(messages::language).load(conn)?)
            })
            .await,
    )?;
    let mut per_language = BTreeMap::new();
    for tag in &languages {
        *per_language.entry(tag.clone()).or_insert(0) += 1;
    }
    let accounts = network
        .people
        .iter()
        .enumerate()
        .filter(|(_, p)| p.featured)
        .map(|(i, p)| DemoAccount {
            language: p.language,
            email: p.email.clone(),
            name: p.name.clone(),
            organisation: demo
                .orgs
                .get(p.organisation.as_str())
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            // The first person administers the network (the loader makes sure).
            function: if i == 0 {
                format!("{} (network administrator)", p.function)
            } else {
                p.function.clone()
            },
        })
        .collect();
    Ok(DemoReport {
        organisations: demo.orgs.len(),
        people: demo.people(),
        workspaces: demo.workspaces,
        channels: demo.channels,
        direct_conversations: demo.direct,
        messages: languages.len(),
        languages: per_language,
        accounts,
    })
}
