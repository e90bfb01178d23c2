//! `GET /api/v1/search`: full-text search over the messages the caller may read.

use actix_web::web;
use agora_shared::api::ErrorBody;
use agora_shared::conversations::SearchHit;
use serde::Deserialize;
use utoipa::IntoParams;

use super::service;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::extract::CurrentUser;

/// Full-text search with optional filters; dates are `YYYY-MM-DD` (UTC).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct SearchQuery {
    pub q: String,
    pub workspace: Option<i64>,
    pub channel: Option<i64>,
    pub author: Option<i64>,
    pub from: Option<String>,
    pub until: Option<String>,
}

impl SearchQuery {
    pub fn filters(&self) -> AppResult<crate::db::search::Filters> {
        let date = |field: &'static str,
                    v: &Option<String>|
         -> AppResult<Option<chrono::NaiveDateTime>> {
            match v.as_deref().filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map(|d| d.and_hms_opt(0, 0, 0))
                    .map_err(|_| AppError::invalid(agora_shared::ErrorCode::InvalidValue, field)),
            }
        };
        Ok(crate::db::search::Filters {
            workspace_id: self.workspace,
            channel_id: self.channel,
            author_id: self.author,
            from: date("from", &self.from)?,
            until: date("until", &self.until)?.map(|d| d + chrono::Duration::days(1)),
        })
    }
}

#[utoipa::path(get, path = "/api/v1/search", tag = "messages", params(SearchQuery),
    responses((status = 200, body = Vec<SearchHit>), (status = 422, body = ErrorBody)))]
pub async fn search(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<SearchQuery>,
) -> AppResult<web::Json<Vec<SearchHit>>> {
    let filters = query.filters()?;
    Ok(web::Json(
        service::search(&state, &user.actor(), &query.q, filters).await?,
    ))
}
