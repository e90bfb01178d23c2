//! What goes into one person's digest. Which channels and workspaces may appear is asked of
//! [`crate::policy::digest`]; here the news in them is gathered and ranked: per workspace the
//! threads addressed to the reader first, then the liveliest (two by distinct participants, then
//! padded by volume, as Zulip does), capped per workspace and in total.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use agora_shared::ids::{UserId, WorkspaceId};
use chrono::NaiveDateTime;

use super::batch::{self, Batch};
use super::content::{Digest, NewMember, NewWorkspace, Section};
use super::threads::{self, NewMessage};
use crate::accounts::user::User;
use crate::db::DbConnection;
use crate::email_settings::unsubscribe::{List, token};
use crate::error::{AppError, AppResult};
use crate::policy::{self, Actor, digest::DigestChannel};
use crate::workspaces::model::Workspace;

/// The most new messages looked at for one digest.
const SCAN_LIMIT: usize = 5_000;
/// New workspaces announced at most.
const NEW_WORKSPACES: usize = 5;
/// New members named per workspace at most.
const NEW_MEMBERS: usize = 8;

/// How the digest's links are made.
pub struct Links<'a> {
    /// An absolute link for a path.
    pub link: &'a dyn Fn(&str) -> String,
    /// Signs the per-workspace stop links; `None` for a preview, which carries none.
    pub secret: Option<&'a [u8]>,
}

/// The digest of `reader` for what happened after `since` until `now`. With `viewer` (an
/// administrator previewing it), only what the viewer may read too.
pub fn compose(
    conn: &mut DbConnection,
    reader: &User,
    viewer: Option<i64>,
    since: NaiveDateTime,
    now: NaiveDateTime,
    links: &Links,
) -> AppResult<Digest> {
    let mut digests = compose_batch(conn, &[(reader, since)], viewer, now, links)?;
    Ok(digests.pop().expect("one digest per reader"))
}

/// The digests of `readers` (each with the start of their digest), in their order: the facts
/// loaded once for all of them ([`batch::load`]), then each digest composed in memory.
pub fn compose_batch(
    conn: &mut DbConnection,
    readers: &[(&User, NaiveDateTime)],
    viewer: Option<i64>,
    now: NaiveDateTime,
    links: &Links,
) -> AppResult<Vec<Digest>> {
    let mut facts = batch::load(conn, readers, now)?;
    for (reader, _) in readers {
        if let Some(viewer) = viewer.filter(|v| *v != reader.id) {
            let theirs = policy::digest::digest_channels(conn, viewer, &[])?;
            let mine = facts.reach.channels.remove(&reader.id).unwrap_or_default();
            facts
                .reach
                .channels
                .insert(reader.id, policy::digest::preview_channels(mine, &theirs));
        }
    }
    let no_channels = Vec::new();
    let mut ranked = Vec::with_capacity(readers.len());
    for (reader, since) in readers {
        let channels = facts.reach.channels.get(&reader.id).unwrap_or(&no_channels);
        let by_id: HashMap<i64, &DigestChannel> =
            channels.iter().map(|c| (c.channel_id, c)).collect();
        let news: Vec<NewMessage> = facts
            .news
            .iter()
            .filter(|m| m.at > *since && m.author_id != reader.id)
            .filter(|m| by_id.contains_key(&m.channel_id))
            .take(SCAN_LIMIT)
            .copied()
            .collect();
        let mentioned: BTreeSet<i64> = news
            .iter()
            .filter(|m| facts.mentioned.contains(&(reader.id, m.id)))
            .map(|m| m.id)
            .collect();
        let no_threads = BTreeSet::new();
        let took_part = facts.took_part.get(&reader.id).unwrap_or(&no_threads);
        ranked.push(threads::rank(&news, &mentioned, took_part, |channel| {
            by_id.get(&channel).map(|c| c.workspace_id)
        }));
    }
    let mut wanted: Vec<i64> = Vec::new();
    for ((reader, _), r) in readers.iter().zip(&ranked) {
        let without = facts
            .orgs
            .get(&reader.organisation_id)
            .is_some_and(|(_, s)| s.email_without_content);
        wanted.extend(threads::wanted(r, without));
    }
    wanted.sort_unstable();
    wanted.dedup();
    let quoted = threads::quoted(conn, &wanted)?;
    readers
        .iter()
        .zip(ranked)
        .map(|((reader, since), ranked)| one(&facts, &quoted, reader, *since, now, ranked, links))
        .collect()
}

/// One reader's digest from the batch's facts.
fn one(
    facts: &Batch,
    quoted: &HashMap<i64, threads::Quoted>,
    reader: &User,
    since: NaiveDateTime,
    now: NaiveDateTime,
    ranked: Vec<threads::Ranked>,
    links: &Links,
) -> AppResult<Digest> {
    let (org, settings) = facts
        .orgs
        .get(&reader.organisation_id)
        .ok_or_else(AppError::not_found)?;
    let actor = Actor::new(reader.id, org.id, reader.role, org.kind());
    let no_channels = Vec::new();
    let channels = facts.reach.channels.get(&reader.id).unwrap_or(&no_channels);
    let by_id: HashMap<i64, &DigestChannel> = channels.iter().map(|c| (c.channel_id, c)).collect();
    let mut sections = threads::details(
        ranked,
        quoted,
        &by_id,
        settings.email_without_content,
        links,
    );
    add_members(facts, &actor, channels, &mut sections, since, links);
    if let Some(secret) = links.secret {
        for s in &mut sections {
            if let Some(ws) = s.workspace_id {
                let t = token(
                    secret,
                    UserId::new(reader.id),
                    List::Workspace(WorkspaceId::new(ws)),
                );
                s.stop_link = (links.link)(&format!("/unsubscribe/{t}"));
            }
        }
    }
    let candidates: Vec<Workspace> = facts
        .new_workspaces
        .iter()
        .filter(|w| w.created_at > since && w.created_at <= now)
        .take(NEW_WORKSPACES)
        .cloned()
        .collect();
    let no_members = BTreeMap::new();
    let joined = facts.reach.members.get(&reader.id).unwrap_or(&no_members);
    let new_workspaces = policy::digest::new_workspaces(&actor, candidates, joined)
        .into_iter()
        .map(|w| NewWorkspace {
            link: (links.link)(&format!("/workspaces/{}", w.id)),
            name: w.name,
        })
        .collect();
    let unsubscribe_link = links.secret.map_or_else(String::new, |secret| {
        let t = token(secret, UserId::new(reader.id), List::Digest);
        (links.link)(&format!("/unsubscribe/{t}"))
    });
    Ok(Digest {
        name: reader.display_name.clone(),
        time_zone: reader.time_zone.clone(),
        with_content: !settings.email_without_content,
        sections,
        new_workspaces,
        settings_link: (links.link)("/settings/email"),
        unsubscribe_link,
    })
}

/// Adds who joined the reader's workspaces since the last digest, in the workspaces the policy
/// lets the reader read; a workspace with only such news gets a section of its own.
fn add_members(
    facts: &Batch,
    actor: &Actor,
    channels: &[DigestChannel],
    sections: &mut Vec<Section>,
    since: NaiveDateTime,
    links: &Links,
) {
    let ids: BTreeSet<i64> = channels.iter().filter_map(|c| c.workspace_id).collect();
    let Some(members) = facts.reach.members.get(&actor.user_id) else {
        return;
    };
    for id in ids {
        let (Some(ws), Some(member)) = (facts.reach.workspaces.get(&id), members.get(&id)) else {
            continue;
        };
        if !policy::digest::sees_members(actor, ws, member) {
            continue;
        }
        let new_members: Vec<NewMember> = facts
            .joined
            .iter()
            .filter(|j| j.workspace_id == ws.id && j.at > since && j.user_id != actor.user_id)
            .take(NEW_MEMBERS)
            .map(|j| NewMember {
                name: j.name.clone(),
                organisation: j.organisation.clone(),
            })
            .collect();
        let new_organisations: Vec<String> = facts
            .joined_organisations
            .iter()
            .filter(|o| {
                o.workspace_id == ws.id
                    && o.at > since
                    && o.organisation_id != ws.owner_organisation_id
            })
            .map(|o| o.name.clone())
            .collect();
        if new_members.is_empty() && new_organisations.is_empty() {
            continue;
        }
        let section = match sections.iter_mut().find(|s| s.workspace_id == Some(ws.id)) {
            Some(s) => s,
            None => {
                sections.push(threads::empty_section(
                    Some(ws.id),
                    Some(ws.name.clone()),
                    links,
                ));
                sections.last_mut().expect("just pushed")
            }
        };
        section.new_members = new_members;
        section.new_organisations = new_organisations;
    }
}
