//! `GET /channels/{channel}/mentions?q=Sof`: the composer's suggestions after an `@`, as JSON.
//! Only the channel's readers are listed, to those the policy lets post there; at most
//! [`MAX_SUGGESTIONS`], those whose name (any word of it) or handle starts with `q`.

use actix_web::{HttpResponse, http::header, web};
use serde::{Deserialize, Serialize};

use crate::error::AppResult;
use crate::messaging::message::{Candidate, mention_candidates};
use crate::messaging::render::typed::handle;
use crate::messaging::service::load;
use crate::policy::compose::list_mentionable;
use crate::policy::workspace::ChannelAction;
use crate::state::AppState;
use crate::web::extract::CurrentUser;

pub const MAX_SUGGESTIONS: usize = 8;

#[derive(Deserialize)]
pub struct MentionQuery {
    #[serde(default)]
    q: String,
}

#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub id: i64,
    pub name: String,
    pub organisation: String,
    /// What the composer inserts after the `@`: `sofie.peeters`, which resolves as the name does.
    pub handle: String,
}

/// Whether `person` answers to the typed prefix.
fn matches(person: &Candidate, prefix: &str) -> bool {
    let name = person.display_name.to_lowercase();
    name.starts_with(prefix)
        || handle(&person.display_name).starts_with(prefix)
        || name.split_whitespace().any(|word| word.starts_with(prefix))
}

pub fn suggest(people: Vec<Candidate>, me: i64, q: &str) -> Vec<Suggestion> {
    let prefix = q.trim().trim_start_matches('@').to_lowercase();
    people
        .into_iter()
        .filter(|p| p.active && p.id != me && matches(p, &prefix))
        .take(MAX_SUGGESTIONS)
        .map(|p| Suggestion {
            id: p.id,
            handle: handle(&p.display_name),
            name: p.display_name,
            organisation: p.organisation,
        })
        .collect()
}

pub async fn candidates(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    query: web::Query<MentionQuery>,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let channel_id = path.into_inner();
    let q: String = query.into_inner().q.chars().take(80).collect();
    let people = state
        .db
        .read(move |conn| {
            let (_, facts) = load(conn, &actor, channel_id, ChannelAction::Read)?;
            list_mentionable(&actor, &facts)?;
            mention_candidates(conn, channel_id)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .json(serde_json::json!({ "people": suggest(people, actor.user_id, &q) })))
}
