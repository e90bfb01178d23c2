//! What a digest may contain and who may look at one before it is sent.
//!
//! A digest quotes only channels its reader may read, decided by [`readable`], the rule behind
//! `channel(Read)`, the read markers, search and realtime delivery; it introduces new members
//! only of workspaces the reader may read, and new workspaces only where
//! `workspace(SeeSummary)` allows. A preview by an organisation admin shows what both the member
//! and the admin may read: the admin governs their people, not their conversations.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use agora_shared::conversations::{ChannelKind, Visibility};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::workspace::facts::{ChannelTraits, channel_facts, workspace_facts};
use super::workspace::{WorkspaceAction, readable, workspace};
use super::{Actor, manage_network};
use crate::db::DbConnection;
use crate::db::schema::{channel_members, channels, workspace_members, workspaces};
use crate::error::{AppError, AppResult};
use crate::workspaces::model::{Member, Workspace};

/// A channel or direct conversation whose messages may go into a reader's digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestChannel {
    pub channel_id: i64,
    /// `None` for a direct conversation.
    pub workspace_id: Option<i64>,
    pub workspace_name: Option<String>,
    pub name: String,
}

/// Ids per query of [`reach`], under every engine's parameter limit.
const CHUNK: usize = 5_000;

/// What a batch of readers may have in their digests, loaded once for the whole batch.
#[derive(Debug, Default)]
pub struct Reach {
    /// Per reader: their digest channels ([`digest_channels`]), in channel order.
    pub channels: HashMap<i64, Vec<DigestChannel>>,
    /// Per reader: their workspace memberships, by workspace.
    pub members: HashMap<i64, BTreeMap<i64, Member>>,
    /// The workspaces of those channels.
    pub workspaces: HashMap<i64, Workspace>,
}

/// The channels of `reader` whose news a digest may carry: readable, neither they nor their
/// workspace archived, and not in a workspace the reader `muted`.
pub fn digest_channels(
    conn: &mut DbConnection,
    reader: i64,
    muted: &[i64],
) -> AppResult<Vec<DigestChannel>> {
    let mut reach = reach(conn, &[(reader, muted.to_vec())])?;
    Ok(reach.channels.remove(&reader).unwrap_or_default())
}

/// [`digest_channels`] of each of `readers` (with the workspaces they muted), with their
/// memberships: four queries for the whole batch (more only past [`CHUNK`] ids), then the rule
/// per reader and channel in memory.
pub fn reach(conn: &mut DbConnection, readers: &[(i64, Vec<i64>)]) -> AppResult<Reach> {
    type Row = (
        i64,
        Option<i64>,
        String,
        bool,
        ChannelKind,
        Option<NaiveDateTime>,
        Option<Workspace>,
    );
    let ids: Vec<i64> = readers.iter().map(|r| r.0).collect();
    let mut members: HashMap<i64, BTreeMap<i64, Member>> = HashMap::new();
    let mut in_channels: HashMap<i64, BTreeSet<i64>> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        for m in workspace_members::table
            .filter(workspace_members::user_id.eq_any(chunk))
            .select(Member::as_select())
            .load::<Member>(conn)?
        {
            members
                .entry(m.user_id)
                .or_default()
                .insert(m.workspace_id, m);
        }
        for (user, channel) in channel_members::table
            .filter(channel_members::user_id.eq_any(chunk))
            .select((channel_members::user_id, channel_members::channel_id))
            .load::<(i64, i64)>(conn)?
        {
            in_channels.entry(user).or_default().insert(channel);
        }
    }
    // Only the readers' own workspaces and channels, found through their indexes: the cost
    // follows the readers, not the size of the network.
    let ws_ids: Vec<i64> = members
        .values()
        .flat_map(|m| m.keys().copied())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let ch_ids: Vec<i64> = in_channels
        .values()
        .flatten()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let query = || {
        channels::table
            .left_join(workspaces::table.on(channels::workspace_id.eq(workspaces::id.nullable())))
            .select((
                channels::id,
                channels::workspace_id,
                channels::name,
                channels::private,
                channels::kind,
                channels::archived_at,
                Option::<Workspace>::as_select(),
            ))
    };
    let mut rows: BTreeMap<i64, Row> = BTreeMap::new();
    for chunk in ws_ids.chunks(CHUNK) {
        for row in query()
            .filter(channels::workspace_id.eq_any(chunk))
            .load::<Row>(conn)?
        {
            rows.insert(row.0, row);
        }
    }
    for chunk in ch_ids.chunks(CHUNK) {
        for row in query()
            .filter(channels::id.eq_any(chunk))
            .load::<Row>(conn)?
        {
            rows.insert(row.0, row);
        }
    }
    let mut out = Reach::default();
    for (reader, muted) in readers {
        let mine = members.get(reader);
        let theirs = in_channels.get(reader);
        let channels = rows
            .values()
            .filter_map(|(id, ws_id, name, private, kind, archived_at, ws)| {
                let member = ws_id.and_then(|w| mine.and_then(|m| m.get(&w)));
                let cm = theirs.filter(|c| c.contains(id)).map(|_| *reader);
                if member.is_none() && cm.is_none() {
                    return None;
                }
                let traits = ChannelTraits {
                    private: *private,
                    direct: *kind == ChannelKind::Direct,
                    archived: archived_at.is_some(),
                };
                let facts = channel_facts(traits, &(ws.clone(), member.cloned(), None, cm));
                let frozen =
                    traits.archived || ws.as_ref().is_some_and(|w| w.archived_at.is_some());
                let silenced = ws.as_ref().is_some_and(|w| muted.contains(&w.id));
                (readable(&facts) && !frozen && !silenced).then(|| DigestChannel {
                    channel_id: *id,
                    workspace_id: ws.as_ref().map(|w| w.id),
                    workspace_name: ws.as_ref().map(|w| w.name.clone()),
                    name: name.clone(),
                })
            })
            .collect();
        out.channels.insert(*reader, channels);
    }
    out.members = members;
    out.workspaces = rows
        .into_values()
        .filter_map(|r| r.6)
        .map(|w| (w.id, w))
        .collect();
    Ok(out)
}

/// The channels of a preview by `viewer` of `reader`'s digest: the reader's, narrowed to those
/// the viewer may read too (all of them when the reader looks at their own).
pub fn preview_channels(
    reader: Vec<DigestChannel>,
    viewer: &[DigestChannel],
) -> Vec<DigestChannel> {
    let allowed: BTreeSet<i64> = viewer.iter().map(|c| c.channel_id).collect();
    reader
        .into_iter()
        .filter(|c| allowed.contains(&c.channel_id))
        .collect()
}

/// Of `candidates` (discoverable workspaces created lately), those the reader may see the summary
/// of and is not yet a member of (`joined`: their workspaces): what a digest announces as new in
/// the network.
pub fn new_workspaces(
    reader: &Actor,
    candidates: Vec<Workspace>,
    joined: &BTreeMap<i64, Member>,
) -> Vec<Workspace> {
    candidates
        .into_iter()
        .filter(|w| {
            w.visibility() == Visibility::Discoverable
                && w.archived_at.is_none()
                && !joined.contains_key(&w.id)
                && workspace(
                    reader,
                    &workspace_facts(w, None, None),
                    WorkspaceAction::SeeSummary,
                )
                .is_ok()
        })
        .collect()
}

/// Whether a digest may name the members of workspace `ws` for a reader whose membership there
/// is `member`: only those who may read the workspace.
pub fn sees_members(reader: &Actor, ws: &Workspace, member: &Member) -> bool {
    workspace(
        reader,
        &workspace_facts(ws, Some(member), None),
        WorkspaceAction::Read,
    )
    .is_ok()
}

/// Who may see the digest of a person of `target_organisation_id` in the browser: the person,
/// and their own organisation's administrators. To anyone else the person does not exist here.
pub fn preview(actor: &Actor, target_user_id: i64, target_organisation_id: i64) -> AppResult<()> {
    if actor.user_id == target_user_id || actor.is_admin_of(target_organisation_id) {
        Ok(())
    } else {
        Err(AppError::not_found())
    }
}

/// The record of digest runs is the network's operation: its administrators only.
pub fn digest_runs(actor: &Actor) -> AppResult<()> {
    manage_network(actor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use agora_shared::api::{OrgKind, OrgRole};

    #[test]
    fn a_digest_is_previewed_by_its_reader_and_their_own_admins_only() {
        let admin_a = Actor::new(1, 10, OrgRole::Admin, OrgKind::FlemishMunicipality);
        let member_a = Actor::new(2, 10, OrgRole::Member, OrgKind::FlemishMunicipality);
        let admin_b = Actor::new(3, 20, OrgRole::Admin, OrgKind::PartnerMunicipality);
        let network = Actor::new(4, 30, OrgRole::Admin, OrgKind::NetworkOperator);
        assert!(preview(&member_a, 2, 10).is_ok());
        assert!(preview(&admin_a, 2, 10).is_ok());
        for (actor, who) in [(&member_a, 1), (&admin_b, 2), (&network, 2)] {
            assert_eq!(
                preview(actor, who, 10).unwrap_err().status.as_u16(),
                404,
                "{actor:?}"
            );
        }
        assert!(digest_runs(&network).is_ok());
        assert_eq!(digest_runs(&admin_a).unwrap_err().status.as_u16(), 404);
    }

    #[test]
    fn a_preview_by_someone_else_keeps_only_what_both_may_read() {
        let ch = |id| DigestChannel {
            channel_id: id,
            workspace_id: None,
            workspace_name: None,
            name: String::new(),
        };
        let kept = preview_channels(vec![ch(1), ch(2), ch(3)], &[ch(2), ch(3), ch(4)]);
        assert_eq!(
            kept.iter().map(|c| c.channel_id).collect::<Vec<_>>(),
            [2, 3]
        );
    }
}
