//! Who holds a read marker for a channel.
//!
//! `read_markers` is the materialised list of who may read a channel: unread counts, search and
//! realtime delivery ([`super::events`]) join it instead of re-deciding per row. It must hold a
//! row for a person exactly when [`readable`] allows them the channel, so after any change of
//! membership the services ask here what to grant and revoke, and `messaging::channel` applies
//! the answer. Nothing else decides who holds a marker.

use std::collections::BTreeSet;

use agora_shared::conversations::ChannelKind;
use agora_shared::ids::{ChannelId, UserId, WorkspaceId};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::workspace::facts::{ChannelTraits, channel_facts};
use super::workspace::readable;
use crate::db::DbConnection;
use crate::db::schema::{channel_members, channels, read_markers, workspace_members, workspaces};
use crate::error::AppResult;
use crate::workspaces::model::{Member, Workspace};

/// One marker to create or delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerChange {
    /// A new reader starts with everything so far counted read: a channel they just gained
    /// shows no backlog as unread.
    Grant {
        user_id: UserId,
        channel_id: ChannelId,
        read_seq: i64,
    },
    Revoke {
        user_id: UserId,
        channel_id: ChannelId,
    },
}

impl MarkerChange {
    /// Changes are applied in (person, channel) order, as every grant: two transactions
    /// changing markers at once never wait on each other in a circle.
    fn key(&self) -> (UserId, ChannelId) {
        match *self {
            MarkerChange::Grant {
                user_id,
                channel_id,
                ..
            }
            | MarkerChange::Revoke {
                user_id,
                channel_id,
            } => (user_id, channel_id),
        }
    }
}

/// What one channel's rows say, for one candidate reader.
struct Candidate {
    user_id: i64,
    channel_id: i64,
    last_seq: i64,
    readable: bool,
    holds_marker: bool,
}

fn changes(candidates: impl IntoIterator<Item = Candidate>) -> Vec<MarkerChange> {
    let mut out: Vec<MarkerChange> = candidates
        .into_iter()
        .filter_map(|c| match (c.readable, c.holds_marker) {
            (true, false) => Some(MarkerChange::Grant {
                user_id: UserId::new(c.user_id),
                channel_id: ChannelId::new(c.channel_id),
                read_seq: c.last_seq,
            }),
            (false, true) => Some(MarkerChange::Revoke {
                user_id: UserId::new(c.user_id),
                channel_id: ChannelId::new(c.channel_id),
            }),
            _ => None,
        })
        .collect();
    out.sort_by_key(MarkerChange::key);
    out
}

fn traits(private: bool, kind: ChannelKind, archived_at: Option<NaiveDateTime>) -> ChannelTraits {
    ChannelTraits {
        private,
        direct: kind == ChannelKind::Direct,
        archived: archived_at.is_some(),
    }
}

/// The markers to change so that exactly the people who may read `channel_id` hold one: run
/// after the channel is created or its members change.
pub fn for_channel(conn: &mut DbConnection, channel_id: ChannelId) -> AppResult<Vec<MarkerChange>> {
    let id = channel_id.get();
    let (private, kind, archived_at, last_seq, workspace): (
        bool,
        ChannelKind,
        Option<NaiveDateTime>,
        i64,
        Option<Workspace>,
    ) = channels::table
        .left_join(workspaces::table.on(channels::workspace_id.eq(workspaces::id.nullable())))
        .filter(channels::id.eq(id))
        .select((
            channels::private,
            channels::kind,
            channels::archived_at,
            channels::last_seq,
            Option::<Workspace>::as_select(),
        ))
        .first(conn)?;
    let traits = traits(private, kind, archived_at);
    let holding: BTreeSet<i64> = read_markers::table
        .filter(read_markers::channel_id.eq(id))
        .select(read_markers::user_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect();
    // Everyone the rule could allow: the workspace's members, or a conversation's participants.
    let people: Vec<(Option<Member>, Option<i64>, i64)> = match &workspace {
        Some(ws) => workspace_members::table
            .left_join(
                channel_members::table.on(channel_members::channel_id
                    .eq(id)
                    .and(channel_members::user_id.eq(workspace_members::user_id))),
            )
            .filter(workspace_members::workspace_id.eq(ws.id))
            .select((Member::as_select(), channel_members::user_id.nullable()))
            .load::<(Member, Option<i64>)>(conn)?
            .into_iter()
            .map(|(member, cm)| {
                let user_id = member.user_id;
                (Some(member), cm, user_id)
            })
            .collect(),
        None => channel_members::table
            .filter(channel_members::channel_id.eq(id))
            .select(channel_members::user_id)
            .load::<i64>(conn)?
            .into_iter()
            .map(|user_id| (None, Some(user_id), user_id))
            .collect(),
    };
    let mut seen = BTreeSet::new();
    let mut candidates = Vec::new();
    for (member, channel_member, user_id) in people {
        seen.insert(user_id);
        let facts = channel_facts(traits, &(workspace.clone(), member, None, channel_member));
        candidates.push(Candidate {
            user_id,
            channel_id: id,
            last_seq,
            readable: readable(&facts),
            holds_marker: holding.contains(&user_id),
        });
    }
    // Markers of people the rule does not even consider (no longer members) go.
    candidates.extend(
        holding
            .iter()
            .filter(|user_id| !seen.contains(user_id))
            .map(|&user_id| Candidate {
                user_id,
                channel_id: id,
                last_seq,
                readable: false,
                holds_marker: true,
            }),
    );
    Ok(changes(candidates))
}

/// The markers to change for `user_id` on every channel of `workspace_id`: run after they join
/// or leave the workspace, or their place in it changes. One query.
pub fn for_member(
    conn: &mut DbConnection,
    workspace_id: WorkspaceId,
    user_id: UserId,
) -> AppResult<Vec<MarkerChange>> {
    let user = user_id.get();
    type Row = (
        i64,
        bool,
        ChannelKind,
        Option<NaiveDateTime>,
        i64,
        Option<Workspace>,
        Option<Member>,
        Option<i64>,
        Option<i64>,
    );
    let rows: Vec<Row> = channels::table
        .left_join(workspaces::table.on(channels::workspace_id.eq(workspaces::id.nullable())))
        .left_join(
            workspace_members::table.on(channels::workspace_id
                .eq(workspace_members::workspace_id.nullable())
                .and(workspace_members::user_id.eq(user))),
        )
        .left_join(
            channel_members::table.on(channel_members::channel_id
                .eq(channels::id)
                .and(channel_members::user_id.eq(user))),
        )
        .left_join(
            read_markers::table.on(read_markers::channel_id
                .eq(channels::id)
                .and(read_markers::user_id.eq(user))),
        )
        .filter(channels::workspace_id.eq(workspace_id.get()))
        .select((
            channels::id,
            channels::private,
            channels::kind,
            channels::archived_at,
            channels::last_seq,
            Option::<Workspace>::as_select(),
            Option::<Member>::as_select(),
            channel_members::user_id.nullable(),
            read_markers::user_id.nullable(),
        ))
        .load(conn)?;
    Ok(changes(rows.into_iter().map(
        |(channel_id, private, kind, archived_at, last_seq, ws, member, cm, marker)| {
            let facts = channel_facts(traits(private, kind, archived_at), &(ws, member, None, cm));
            Candidate {
                user_id: user,
                channel_id,
                last_seq,
                readable: readable(&facts),
                holds_marker: marker.is_some(),
            }
        },
    )))
}

/// The markers to withdraw from `user_id` on the channels of `workspace_id` once they have left
/// it: someone who left reads nothing there, so the answer holds revokes only.
pub fn revoke_markers(
    conn: &mut DbConnection,
    workspace_id: WorkspaceId,
    user_id: UserId,
) -> AppResult<Vec<(UserId, ChannelId)>> {
    Ok(for_member(conn, workspace_id, user_id)?
        .into_iter()
        .filter_map(|change| match change {
            MarkerChange::Revoke {
                user_id,
                channel_id,
            } => Some((user_id, channel_id)),
            MarkerChange::Grant { .. } => None,
        })
        .collect())
}
