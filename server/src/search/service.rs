//! Searching the messages the caller may read.

use agora_shared::conversations::*;
use agora_shared::limits::*;

use crate::error::AppResult;
use crate::policy::Actor;
use crate::state::AppState;
use crate::validate;
use crate::workspaces::model::Workspace;

use crate::messaging::service::{load_message, views};

pub async fn search(
    state: &AppState,
    actor: &Actor,
    query: &str,
    filters: crate::db::search::Filters,
) -> AppResult<Vec<SearchHit>> {
    let query = validate::optional_text("q", query, MAX_SEARCH_QUERY_CHARS)?;
    if query.is_empty() {
        return Ok(Vec::new());
    }
    let actor = *actor;
    state
        .db
        .read(move |conn| {
            let ids =
                crate::db::search::search(conn, actor.user_id, &query, &filters, MAX_SEARCH_HITS)?;
            let mut hits = Vec::new();
            for id in ids {
                // The index narrows; the policy decides. A hit the caller may not read is dropped.
                let Ok((message, channel, _)) = load_message(conn, &actor, id) else {
                    continue;
                };
                let workspace_name = match channel.workspace_id {
                    Some(ws) => Some(Workspace::find(conn, ws)?.name),
                    None => None,
                };
                hits.push(SearchHit {
                    message: views(conn, actor.user_id, &[message])?.remove(0),
                    channel_name: channel.name,
                    workspace_id: channel.workspace_id,
                    workspace_name,
                });
            }
            Ok(hits)
        })
        .await
}
