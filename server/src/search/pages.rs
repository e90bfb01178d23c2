//! `GET /search`: the search form and its hits.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::api::SearchQuery;
use super::service;
use crate::error::AppResult;
use crate::messaging::service::channel_summary;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::CurrentUser;
use crate::web::forms::{FormErrors, form_or_err};
use crate::web::options::Opt;
use crate::web::page::{Page, RenderHtml};

use crate::messaging::pages::{MessageItem, Viewer};

/// One search hit.
pub struct Hit {
    pub channel_name: String,
    pub workspace: Option<(i64, String)>,
    pub m: MessageItem,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    page: Page,
    q: String,
    from: String,
    until: String,
    /// Kept from the link that narrowed the search (a channel's search box, a person).
    channel: String,
    author: String,
    workspaces: Vec<Opt>,
    searched: bool,
    hits: Vec<Hit>,
    errors: FormErrors,
}

/// The search form as sent: every field text, so an empty choice is not an error.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchForm {
    q: String,
    workspace: String,
    channel: String,
    author: String,
    from: String,
    until: String,
}

fn id_of(s: &str) -> Option<i64> {
    s.trim().parse().ok()
}

pub async fn search(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    query: web::Query<SearchForm>,
) -> AppResult<HttpResponse> {
    let form = query.into_inner();
    let actor = user.actor();
    let t = &ctx.tr;
    let workspace = id_of(&form.workspace);
    let mut workspaces = vec![Opt {
        value: String::new(),
        label: t.t("search-all-workspaces"),
        selected: workspace.is_none(),
    }];
    for w in crate::workspaces::service::list(&state, &actor).await? {
        if w.my_role.is_some() {
            workspaces.push(Opt {
                value: w.id.to_string(),
                selected: Some(w.id) == workspace,
                label: w.name,
            });
        }
    }
    let api_query = SearchQuery {
        q: form.q.clone(),
        workspace,
        channel: id_of(&form.channel),
        author: id_of(&form.author),
        from: Some(form.from.clone()),
        until: Some(form.until.clone()),
    };
    let searched = !form.q.trim().is_empty();
    let found = match api_query.filters() {
        Ok(filters) => service::search(&state, &actor, &form.q, filters).await,
        Err(e) => Err(e),
    };
    let (hits, errors, status) = match found {
        Ok(hits) => (hits, FormErrors::default(), StatusCode::OK),
        Err(e) => {
            let (errors, status) = form_or_err(&ctx, e)?;
            (Vec::new(), errors, status)
        }
    };
    let mut items = Vec::new();
    let mut facts_of = std::collections::HashMap::new();
    for hit in hits {
        let channel_id = hit.message.channel_id;
        let facts = match facts_of.get(&channel_id) {
            Some(facts) => *facts,
            None => {
                let (_, _, facts) = channel_summary(&state, &actor, channel_id).await?;
                *facts_of.entry(channel_id).or_insert(facts)
            }
        };
        let viewer = Viewer {
            t,
            actor,
            time_zone: user.0.user.time_zone.clone(),
            facts,
        };
        let mut m = viewer.item(hit.message, false, None);
        // A hit is read, not acted on, here.
        m.can_react = false;
        m.can_edit = false;
        m.can_delete = false;
        m.show_thread = false;
        // The words searched for, marked in the hit (only in its text: see `highlight`).
        m.html = super::highlight::mark(&m.html, &form.q);
        items.push(Hit {
            channel_name: hit.channel_name,
            workspace: hit.workspace_id.zip(hit.workspace_name),
            m,
        });
    }
    let title = if searched {
        t.t1("search-results-title", "query", form.q.trim())
    } else {
        t.t("search-title")
    };
    SearchPage {
        page: Page::new(&state, &ctx, title),
        q: form.q,
        from: form.from,
        until: form.until,
        channel: form.channel,
        author: form.author,
        workspaces,
        searched,
        hits: items,
        errors,
    }
    .respond_with(status)
}
