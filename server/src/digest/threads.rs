//! Ranking the threads with news and filling in the chosen ones: their first message as title,
//! one or two excerpts, in their own language, plain text only.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::compose::Links;
use super::content::{Excerpt, Reason, Section, Thread};
use crate::db::DbConnection;
use crate::db::schema::{messages, users};
use crate::error::AppResult;
use crate::messaging::render::shorten;
use crate::policy::digest::DigestChannel;

/// Addressed threads shown per workspace at most.
pub const FOR_YOU_PER_WORKSPACE: usize = 5;
/// Lively threads first chosen by distinct participants...
pub const ACTIVE_BY_PARTICIPANTS: usize = 2;
/// ...then padded by volume up to this many per workspace.
pub const ACTIVE_PER_WORKSPACE: usize = 4;
/// Threads in one digest at most.
pub const TOTAL: usize = 15;
/// Excerpts per thread.
const EXCERPTS: usize = 2;
const EXCERPT_CHARS: usize = 240;
const TITLE_CHARS: usize = 100;

/// A message written since the last digest, by someone else, in a channel the reader may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewMessage {
    pub id: i64,
    pub channel_id: i64,
    /// Its thread's root (itself when it is not a reply).
    pub thread: i64,
    pub author_id: i64,
    pub at: NaiveDateTime,
}

/// A thread's news, ranked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadNews {
    pub thread: i64,
    pub channel_id: i64,
    pub reason: Reason,
    pub participants: i64,
    pub messages: i64,
    pub latest: NaiveDateTime,
    /// The messages to quote, a mention of the reader first, then the newest; never the root,
    /// which is the thread's title.
    pub quote: Vec<i64>,
    /// Whether the thread's first message is itself new.
    pub root_is_new: bool,
}

/// One workspace's ranked threads (`workspace_id` `None`: the direct conversations).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub workspace_id: Option<i64>,
    pub for_you: Vec<ThreadNews>,
    pub active: Vec<ThreadNews>,
    pub more: i64,
}

/// A thread being gathered: its news, its authors so far, its channel's workspace.
type Gathering = (ThreadNews, BTreeSet<i64>, Option<Option<i64>>);

/// Groups `news` (newest first) into threads and ranks them per workspace, then across
/// workspaces, within the caps. `workspace_of` gives a channel's workspace (`Some(None)` for a
/// direct conversation).
pub fn rank(
    news: &[NewMessage],
    mentioned: &BTreeSet<i64>,
    took_part: &BTreeSet<i64>,
    workspace_of: impl Fn(i64) -> Option<Option<i64>>,
) -> Vec<Ranked> {
    let mut threads: BTreeMap<i64, Gathering> = BTreeMap::new();
    for m in news {
        let (t, authors, _) = threads.entry(m.thread).or_insert_with(|| {
            let ws = workspace_of(m.channel_id);
            let reason = match ws {
                Some(None) => Reason::Direct,
                _ if took_part.contains(&m.thread) => Reason::Reply,
                _ => Reason::Active,
            };
            (
                ThreadNews {
                    thread: m.thread,
                    channel_id: m.channel_id,
                    reason,
                    participants: 0,
                    messages: 0,
                    latest: m.at,
                    quote: Vec::new(),
                    root_is_new: false,
                },
                BTreeSet::new(),
                ws,
            )
        });
        t.messages += 1;
        t.latest = t.latest.max(m.at);
        authors.insert(m.author_id);
        t.participants = i64::try_from(authors.len()).unwrap_or(i64::MAX);
        if m.id == m.thread {
            t.root_is_new = true;
            if mentioned.contains(&m.id) && t.reason != Reason::Direct {
                t.reason = Reason::Mention;
            }
        } else if mentioned.contains(&m.id) {
            if t.reason != Reason::Direct {
                t.reason = Reason::Mention;
            }
            t.quote.insert(0, m.id);
        } else {
            t.quote.push(m.id);
        }
    }
    let mut groups: BTreeMap<Option<i64>, Vec<ThreadNews>> = BTreeMap::new();
    for (_, (mut t, _, ws)) in threads {
        let Some(ws) = ws else { continue };
        t.quote.truncate(EXCERPTS);
        groups.entry(ws).or_default().push(t);
    }
    let mut ranked: Vec<Ranked> = groups
        .into_iter()
        .map(|(workspace_id, all)| {
            let total = all.len();
            let (mut for_you, mut rest): (Vec<_>, Vec<_>) =
                all.into_iter().partition(|t| t.reason != Reason::Active);
            for_you.sort_by(|a, b| b.latest.cmp(&a.latest).then(a.thread.cmp(&b.thread)));
            for_you.truncate(FOR_YOU_PER_WORKSPACE);
            rest.sort_by(|a, b| {
                (b.participants, b.messages, b.latest).cmp(&(a.participants, a.messages, a.latest))
            });
            let mut active: Vec<ThreadNews> = rest
                .drain(..ACTIVE_BY_PARTICIPANTS.min(rest.len()))
                .collect();
            rest.sort_by_key(|t| std::cmp::Reverse((t.messages, t.latest)));
            let pad = ACTIVE_PER_WORKSPACE
                .saturating_sub(active.len())
                .min(rest.len());
            active.extend(rest.drain(..pad));
            let shown = for_you.len() + active.len();
            Ranked {
                workspace_id,
                for_you,
                active,
                more: i64::try_from(total - shown).unwrap_or(0),
            }
        })
        .collect();
    // Workspaces with most for the reader first, then the liveliest.
    ranked.sort_by_key(|r| {
        let people: i64 = r.active.iter().map(|t| t.participants).sum();
        (
            std::cmp::Reverse(r.for_you.len()),
            std::cmp::Reverse(people),
            r.workspace_id,
        )
    });
    let mut budget = TOTAL;
    for r in &mut ranked {
        for list in [&mut r.for_you, &mut r.active] {
            let keep = list.len().min(budget);
            r.more += i64::try_from(list.len() - keep).unwrap_or(0);
            list.truncate(keep);
            budget -= keep;
        }
    }
    ranked.retain(|r| !r.for_you.is_empty() || !r.active.is_empty());
    ranked
}

/// A section with nothing in it yet.
pub fn empty_section(workspace_id: Option<i64>, name: Option<String>, links: &Links) -> Section {
    Section {
        workspace_id,
        name,
        for_you: Vec::new(),
        active: Vec::new(),
        more_threads: 0,
        new_members: Vec::new(),
        new_organisations: Vec::new(),
        stop_link: String::new(),
        link: workspace_id.map_or_else(
            || (links.link)("/direct"),
            |id| (links.link)(&format!("/workspaces/{id}")),
        ),
    }
}

/// A message a digest may quote or take a title from, its Markdown already made plain text.
#[derive(Debug, Clone)]
pub struct Quoted {
    pub plain: String,
    pub lang: String,
    pub at: NaiveDateTime,
    pub deleted: bool,
    pub author: String,
}

/// The messages `ids` to quote, each rendered to plain text once for the whole batch.
pub fn quoted(conn: &mut DbConnection, ids: &[i64]) -> AppResult<HashMap<i64, Quoted>> {
    type Row = (
        i64,
        String,
        String,
        NaiveDateTime,
        Option<NaiveDateTime>,
        String,
    );
    let rows = super::batch::chunked(ids, |chunk| {
        messages::table
            .inner_join(users::table.on(users::id.eq(messages::author_id)))
            .filter(messages::id.eq_any(chunk))
            .select((
                messages::id,
                messages::body_md,
                messages::language,
                messages::created_at,
                messages::deleted_at,
                users::display_name,
            ))
            .load::<Row>(conn)
    })?;
    Ok(rows
        .into_iter()
        .map(|(id, body, lang, at, deleted_at, author)| {
            let quoted = Quoted {
                plain: plain(&body),
                lang,
                at,
                deleted: deleted_at.is_some(),
                author,
            };
            (id, quoted)
        })
        .collect())
}

/// The messages [`details`] needs for `ranked`: the threads' first messages, and with content
/// their excerpts.
pub fn wanted(ranked: &[Ranked], without_content: bool) -> impl Iterator<Item = i64> + '_ {
    ranked
        .iter()
        .flat_map(|r| r.for_you.iter().chain(&r.active))
        .flat_map(move |t| {
            let quotes: &[i64] = if without_content { &[] } else { &t.quote };
            std::iter::once(t.thread).chain(quotes.iter().copied())
        })
}

/// The ranked threads with their titles and excerpts (none `without_content`), from `rows`
/// ([`quoted`]).
pub fn details(
    ranked: Vec<Ranked>,
    rows: &HashMap<i64, Quoted>,
    channels: &HashMap<i64, &DigestChannel>,
    without_content: bool,
    links: &Links,
) -> Vec<Section> {
    let thread = |t: &ThreadNews| {
        let root = rows.get(&t.thread).filter(|r| !r.deleted);
        let excerpts: Vec<Excerpt> = if without_content {
            Vec::new()
        } else {
            t.quote
                .iter()
                .filter_map(|id| rows.get(id))
                .map(|r| Excerpt {
                    author: r.author.clone(),
                    text: shorten(&r.plain, EXCERPT_CHARS),
                    lang: r.lang.clone(),
                    at: r.at,
                })
                .collect()
        };
        Thread {
            reason: t.reason,
            link: (links.link)(&format!("/messages/{}/thread", t.thread)),
            channel: channels
                .get(&t.channel_id)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            title: root
                .filter(|_| !without_content)
                .map(|r| shorten(&r.plain, TITLE_CHARS)),
            title_lang: root.map(|r| r.lang.clone()).unwrap_or_default(),
            more: t.messages
                - i64::try_from(excerpts.len()).unwrap_or(0)
                - i64::from(t.root_is_new && root.is_some()),
            excerpts,
            participants: t.participants,
            messages: t.messages,
            latest: t.latest,
        }
    };
    ranked
        .iter()
        .map(|r| {
            let name = r.workspace_id.and_then(|ws| {
                channels
                    .values()
                    .find(|c| c.workspace_id == Some(ws))
                    .and_then(|c| c.workspace_name.clone())
            });
            let mut s = empty_section(r.workspace_id, name, links);
            s.for_you = r.for_you.iter().map(thread).collect();
            s.active = r.active.iter().map(thread).collect();
            s.more_threads = r.more;
            s
        })
        .collect()
}

/// A message's Markdown as sanitized plain text: no markup can reach an email from it.
fn plain(markdown: &str) -> String {
    crate::messaging::render::render(markdown, &HashMap::new()).plain_text
}

#[cfg(test)]
#[path = "threads_tests.rs"]
mod tests;
