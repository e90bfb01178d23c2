//! What goes into one person's digest. Which channels and workspaces may appear is asked of
//! [`crate::policy::digest`]; here the news in them is gathered and ranked: per workspace the
//! threads addressed to the reader first, then the liveliest (two by distinct participants, then
//! padded by volume, as Zulip does), capped per workspace and in total.

use std::collections::{BTreeSet, HashMap};

use agora_shared::ids::{UserId, WorkspaceId};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::content::{Digest, NewMember, NewWorkspace, Section};
use super::model::OrgDigestSettings;
use super::threads::{self, NewMessage};
use crate::accounts::user::User;
use crate::db::DbConnection;
use crate::db::schema::{
    mentions, messages, organisations, users, workspace_members, workspace_organisations,
    workspaces,
};
use crate::email_settings::model::Mutes;
use crate::email_settings::unsubscribe::{List, token};
use crate::error::AppResult;
use crate::organisations::model::Organisation;
use crate::policy::{self, Actor, digest::DigestChannel};
use crate::workspaces::model::{Member, Workspace};

/// The most new messages looked at for one digest.
const SCAN_LIMIT: i64 = 5_000;
/// New workspaces announced at most.
const NEW_WORKSPACES: i64 = 5;
/// New members named per workspace at most.
const NEW_MEMBERS: i64 = 8;

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
    let org = Organisation::find(conn, reader.organisation_id)?;
    let settings = OrgDigestSettings::find(conn, org.id)?;
    let actor = Actor::new(reader.id, org.id, reader.role, org.kind());
    let muted = Mutes::list(conn, reader.id)?;
    let mut channels = policy::digest::digest_channels(conn, reader.id, &muted)?;
    if let Some(viewer) = viewer.filter(|v| *v != reader.id) {
        let theirs = policy::digest::digest_channels(conn, viewer, &[])?;
        channels = policy::digest::preview_channels(channels, &theirs);
    }
    let by_id: HashMap<i64, &DigestChannel> = channels.iter().map(|c| (c.channel_id, c)).collect();
    let ids: Vec<i64> = by_id.keys().copied().collect();

    let news: Vec<NewMessage> = messages::table
        .filter(messages::channel_id.eq_any(&ids))
        .filter(messages::created_at.gt(since))
        .filter(messages::created_at.le(now))
        .filter(messages::deleted_at.is_null())
        .filter(messages::author_id.ne(reader.id))
        .order(messages::created_at.desc())
        .limit(SCAN_LIMIT)
        .select((
            messages::id,
            messages::channel_id,
            messages::thread_root_id,
            messages::author_id,
            messages::created_at,
        ))
        .load::<(i64, i64, Option<i64>, i64, NaiveDateTime)>(conn)?
        .into_iter()
        .map(|(id, channel_id, root, author_id, at)| NewMessage {
            id,
            channel_id,
            thread: root.unwrap_or(id),
            author_id,
            at,
        })
        .collect();
    let news_ids: Vec<i64> = news.iter().map(|m| m.id).collect();
    let mentioned: BTreeSet<i64> = mentions::table
        .filter(mentions::user_id.eq(reader.id))
        .filter(mentions::message_id.eq_any(&news_ids))
        .select(mentions::message_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect();
    let news_threads: Vec<i64> = news.iter().map(|m| m.thread).collect();
    let took_part: BTreeSet<i64> = messages::table
        .filter(messages::author_id.eq(reader.id))
        .filter(
            messages::id
                .eq_any(&news_threads)
                .or(messages::thread_root_id.eq_any(&news_threads)),
        )
        .select((messages::id, messages::thread_root_id))
        .load::<(i64, Option<i64>)>(conn)?
        .into_iter()
        .map(|(id, root)| root.unwrap_or(id))
        .collect();

    let ranked = threads::rank(&news, &mentioned, &took_part, |channel| {
        by_id.get(&channel).map(|c| c.workspace_id)
    });
    let mut sections =
        threads::details(conn, ranked, &by_id, settings.email_without_content, links)?;
    add_members(conn, &actor, &channels, &mut sections, since, links)?;
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
    let candidates: Vec<Workspace> = workspaces::table
        .filter(workspaces::created_at.gt(since))
        .filter(workspaces::created_at.le(now))
        .filter(workspaces::visibility.eq("discoverable"))
        .order(workspaces::created_at.desc())
        .limit(NEW_WORKSPACES)
        .select(Workspace::as_select())
        .load(conn)?;
    let new_workspaces = policy::digest::new_workspaces(conn, &actor, candidates)?
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
    conn: &mut DbConnection,
    actor: &Actor,
    channels: &[DigestChannel],
    sections: &mut Vec<Section>,
    since: NaiveDateTime,
    links: &Links,
) -> AppResult<()> {
    let ids: BTreeSet<i64> = channels.iter().filter_map(|c| c.workspace_id).collect();
    let mine: Vec<(Workspace, Member)> = workspaces::table
        .inner_join(workspace_members::table)
        .filter(workspace_members::user_id.eq(actor.user_id))
        .filter(workspaces::id.eq_any(ids.iter().copied().collect::<Vec<_>>()))
        .order(workspaces::id)
        .select((Workspace::as_select(), Member::as_select()))
        .load(conn)?;
    for (ws, member) in mine {
        if !policy::digest::sees_members(actor, &ws, &member) {
            continue;
        }
        let new_members: Vec<NewMember> = workspace_members::table
            .inner_join(users::table.on(users::id.eq(workspace_members::user_id)))
            .inner_join(organisations::table.on(organisations::id.eq(users::organisation_id)))
            .filter(workspace_members::workspace_id.eq(ws.id))
            .filter(workspace_members::created_at.gt(since))
            .filter(workspace_members::user_id.ne(actor.user_id))
            .order(workspace_members::created_at)
            .limit(NEW_MEMBERS)
            .select((users::display_name, organisations::name))
            .load::<(String, String)>(conn)?
            .into_iter()
            .map(|(name, organisation)| NewMember { name, organisation })
            .collect();
        let new_organisations: Vec<String> = workspace_organisations::table
            .inner_join(organisations::table)
            .filter(workspace_organisations::workspace_id.eq(ws.id))
            .filter(workspace_organisations::status.eq("active"))
            .filter(workspace_organisations::decided_at.gt(since))
            .filter(workspace_organisations::organisation_id.ne(ws.owner_organisation_id))
            .order(workspace_organisations::decided_at)
            .select(organisations::name)
            .load(conn)?;
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
    Ok(())
}
