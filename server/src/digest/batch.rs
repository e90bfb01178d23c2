//! The facts a batch of digests is composed from, each kind loaded with one query for the whole
//! batch (more only past [`CHUNK`] ids): the readers' organisations, mutes and reach (asked of
//! [`crate::policy::digest::reach`]), the news in their channels since the earliest of their
//! periods, the mentions of them and the threads they took part in, the new members and
//! organisations of their workspaces and the new discoverable workspaces. [`super::compose`] then
//! narrows them per reader in memory: a batch costs a fixed number of queries, not one set per
//! person.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::OrgDigestSettings;
use super::threads::NewMessage;
use crate::accounts::user::User;
use crate::db::DbConnection;
use crate::db::schema::{
    email_workspace_mutes, mentions, messages, organisations, users, workspace_members,
    workspace_organisations, workspaces,
};
use crate::error::AppResult;
use crate::organisations::model::Organisation;
use crate::policy::digest::{Reach, reach};
use crate::workspaces::model::Workspace;

/// Ids per query, under every engine's parameter limit.
const CHUNK: usize = 5_000;

/// Someone who joined a workspace.
#[derive(Debug, Clone)]
pub struct Joined {
    pub workspace_id: i64,
    pub user_id: i64,
    pub at: NaiveDateTime,
    pub name: String,
    pub organisation: String,
}

/// An organisation that joined a workspace.
#[derive(Debug, Clone)]
pub struct JoinedOrganisation {
    pub workspace_id: i64,
    pub organisation_id: i64,
    pub at: NaiveDateTime,
    pub name: String,
}

/// What a batch of readers' digests are made of.
pub struct Batch {
    pub orgs: HashMap<i64, (Organisation, OrgDigestSettings)>,
    pub reach: Reach,
    /// Messages in any reader's channels since the earliest period start, newest first.
    pub news: Vec<NewMessage>,
    /// (reader, message) for each mention of a reader in `news`.
    pub mentioned: HashSet<(i64, i64)>,
    /// The threads of `news` each reader wrote in.
    pub took_part: HashMap<i64, BTreeSet<i64>>,
    /// Members who joined the readers' workspaces since the earliest period start, in order.
    pub joined: Vec<Joined>,
    pub joined_organisations: Vec<JoinedOrganisation>,
    /// Discoverable workspaces created since the earliest period start, newest first.
    pub new_workspaces: Vec<Workspace>,
}

/// Runs `query` over `ids` in chunks and concatenates the rows.
pub fn chunked<T>(
    ids: &[i64],
    mut query: impl FnMut(&[i64]) -> QueryResult<Vec<T>>,
) -> AppResult<Vec<T>> {
    let mut rows = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        rows.extend(query(chunk)?);
    }
    Ok(rows)
}

fn distinct(ids: impl IntoIterator<Item = i64>) -> Vec<i64> {
    ids.into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Loads the facts for `readers`, each with the start of their digest, up to `now`.
pub fn load(
    conn: &mut DbConnection,
    readers: &[(&User, NaiveDateTime)],
    now: NaiveDateTime,
) -> AppResult<Batch> {
    let Some(earliest) = readers.iter().map(|r| r.1).min() else {
        return Ok(Batch::empty());
    };
    let ids: Vec<i64> = readers.iter().map(|r| r.0.id).collect();
    let org_ids = distinct(readers.iter().map(|r| r.0.organisation_id));
    let orgs = chunked(&org_ids, |chunk| {
        organisations::table
            .filter(organisations::id.eq_any(chunk))
            .select((Organisation::as_select(), OrgDigestSettings::as_select()))
            .load::<(Organisation, OrgDigestSettings)>(conn)
    })?
    .into_iter()
    .map(|(o, s)| (o.id, (o, s)))
    .collect();
    let mut muted: HashMap<i64, Vec<i64>> = HashMap::new();
    for (user, ws) in chunked(&ids, |chunk| {
        email_workspace_mutes::table
            .filter(email_workspace_mutes::user_id.eq_any(chunk))
            .order((
                email_workspace_mutes::user_id,
                email_workspace_mutes::workspace_id,
            ))
            .select((
                email_workspace_mutes::user_id,
                email_workspace_mutes::workspace_id,
            ))
            .load::<(i64, i64)>(conn)
    })? {
        muted.entry(user).or_default().push(ws);
    }
    let with_mutes: Vec<(i64, Vec<i64>)> = ids
        .iter()
        .map(|id| (*id, muted.get(id).cloned().unwrap_or_default()))
        .collect();
    let reach = reach(conn, &with_mutes)?;

    let channel_ids = distinct(reach.channels.values().flatten().map(|c| c.channel_id));
    let news: Vec<NewMessage> = chunked(&channel_ids, |chunk| {
        messages::table
            .filter(messages::channel_id.eq_any(chunk))
            .filter(messages::created_at.gt(earliest))
            .filter(messages::created_at.le(now))
            .filter(messages::deleted_at.is_null())
            .select((
                messages::id,
                messages::channel_id,
                messages::thread_root_id,
                messages::author_id,
                messages::created_at,
            ))
            .load::<(i64, i64, Option<i64>, i64, NaiveDateTime)>(conn)
    })?
    .into_iter()
    .map(|(id, channel_id, root, author_id, at)| NewMessage {
        id,
        channel_id,
        thread: root.unwrap_or(id),
        author_id,
        at,
    })
    .collect();
    let mut news = news;
    news.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));

    let news_ids: Vec<i64> = news.iter().map(|m| m.id).collect();
    let mut mentioned = HashSet::new();
    for readers_chunk in ids.chunks(CHUNK) {
        mentioned.extend(chunked(&news_ids, |chunk| {
            mentions::table
                .filter(mentions::message_id.eq_any(chunk))
                .filter(mentions::user_id.eq_any(readers_chunk))
                .select((mentions::user_id, mentions::message_id))
                .load::<(i64, i64)>(conn)
        })?);
    }
    let threads = distinct(news.iter().map(|m| m.thread));
    let mut took_part: HashMap<i64, BTreeSet<i64>> = HashMap::new();
    for readers_chunk in ids.chunks(CHUNK) {
        for (author, id, root) in chunked(&threads, |chunk| {
            messages::table
                .filter(messages::author_id.eq_any(readers_chunk))
                .filter(
                    messages::id
                        .eq_any(chunk)
                        .or(messages::thread_root_id.eq_any(chunk)),
                )
                .select((messages::author_id, messages::id, messages::thread_root_id))
                .load::<(i64, i64, Option<i64>)>(conn)
        })? {
            took_part
                .entry(author)
                .or_default()
                .insert(root.unwrap_or(id));
        }
    }

    let ws_ids = distinct(
        reach
            .channels
            .values()
            .flatten()
            .filter_map(|c| c.workspace_id),
    );
    let mut joined: Vec<(i64, Joined)> = chunked(&ws_ids, |chunk| {
        workspace_members::table
            .inner_join(users::table.on(users::id.eq(workspace_members::user_id)))
            .inner_join(organisations::table.on(organisations::id.eq(users::organisation_id)))
            .filter(workspace_members::workspace_id.eq_any(chunk))
            .filter(workspace_members::created_at.gt(earliest))
            .select((
                workspace_members::id,
                workspace_members::workspace_id,
                workspace_members::user_id,
                workspace_members::created_at,
                users::display_name,
                organisations::name,
            ))
            .load::<(i64, i64, i64, NaiveDateTime, String, String)>(conn)
    })?
    .into_iter()
    .map(|(id, workspace_id, user_id, at, name, organisation)| {
        (
            id,
            Joined {
                workspace_id,
                user_id,
                at,
                name,
                organisation,
            },
        )
    })
    .collect::<Vec<_>>();
    joined.sort_by_key(|(id, j)| (j.at, *id));
    let mut joined_organisations: Vec<(i64, JoinedOrganisation)> = chunked(&ws_ids, |chunk| {
        workspace_organisations::table
            .inner_join(organisations::table)
            .filter(workspace_organisations::workspace_id.eq_any(chunk))
            .filter(workspace_organisations::status.eq("active"))
            .filter(workspace_organisations::decided_at.gt(earliest))
            .select((
                workspace_organisations::id,
                workspace_organisations::workspace_id,
                workspace_organisations::organisation_id,
                workspace_organisations::decided_at,
                organisations::name,
            ))
            .load::<(i64, i64, i64, Option<NaiveDateTime>, String)>(conn)
    })?
    .into_iter()
    .filter_map(|(id, workspace_id, organisation_id, at, name)| {
        Some((
            id,
            JoinedOrganisation {
                workspace_id,
                organisation_id,
                at: at?,
                name,
            },
        ))
    })
    .collect();
    joined_organisations.sort_by_key(|(id, o)| (o.at, *id));
    let new_workspaces: Vec<Workspace> = workspaces::table
        .filter(workspaces::created_at.gt(earliest))
        .filter(workspaces::created_at.le(now))
        .filter(workspaces::visibility.eq("discoverable"))
        .order((workspaces::created_at.desc(), workspaces::id.desc()))
        .select(Workspace::as_select())
        .load(conn)?;
    Ok(Batch {
        orgs,
        reach,
        news,
        mentioned,
        took_part,
        joined: joined.into_iter().map(|(_, j)| j).collect(),
        joined_organisations: joined_organisations.into_iter().map(|(_, o)| o).collect(),
        new_workspaces,
    })
}

impl Batch {
    fn empty() -> Batch {
        Batch {
            orgs: HashMap::new(),
            reach: Reach::default(),
            news: Vec::new(),
            mentioned: HashSet::new(),
            took_part: HashMap::new(),
            joined: Vec::new(),
            joined_organisations: Vec::new(),
            new_workspaces: Vec::new(),
        }
    }
}
