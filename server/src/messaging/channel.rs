//! Channels and direct conversations, their members, and read markers.
//!
//! A read marker row exists for every person who may read a channel. Who that is, is the
//! policy's answer ([`crate::policy::readers`]); this file only applies it, in the transaction of
//! the membership change. Unread counts, search and realtime audiences read these rows.

use agora_shared::ids::{ChannelId, UserId, WorkspaceId};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{channel_members, channels, read_markers};
use crate::error::AppResult;
use crate::policy::readers::{self, MarkerChange};

pub use agora_shared::conversations::ChannelKind;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = channels)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct Channel {
    pub id: i64,
    pub workspace_id: Option<i64>,
    pub kind: ChannelKind,
    pub name: String,
    pub topic: String,
    pub private: bool,
    pub archived_at: Option<NaiveDateTime>,
    pub last_seq: i64,
    pub last_message_at: Option<NaiveDateTime>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// For a direct conversation, its participants (see [`direct_key`]); unique, so the same
    /// people asking at once still get one conversation.
    pub direct_key: Option<String>,
}

/// The participants of a direct conversation as one value: sorted ids joined by commas.
pub fn direct_key(people: &[i64]) -> String {
    let mut ids = people.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

#[derive(AsChangeset, Default)]
#[diesel(table_name = channels)]
pub struct ChannelChanges {
    pub name: Option<String>,
    pub topic: Option<String>,
    pub archived_at: Option<Option<NaiveDateTime>>,
    pub updated_at: Option<NaiveDateTime>,
}

impl Channel {
    pub fn is_direct(&self) -> bool {
        self.kind == ChannelKind::Direct
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> AppResult<Channel> {
        Ok(channels::table
            .find(id)
            .select(Channel::as_select())
            .first(conn)?)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn insert(
        conn: &mut DbConnection,
        workspace_id: Option<i64>,
        kind: ChannelKind,
        name: &str,
        topic: &str,
        private: bool,
        by: i64,
        now: NaiveDateTime,
    ) -> AppResult<Channel> {
        Ok(diesel::insert_into(channels::table)
            .values((
                channels::workspace_id.eq(workspace_id),
                channels::kind.eq(kind),
                channels::name.eq(name),
                channels::topic.eq(topic),
                channels::private.eq(private),
                channels::last_seq.eq(0i64),
                channels::created_by.eq(Some(by)),
                channels::created_at.eq(now),
                channels::updated_at.eq(now),
            ))
            .get_result(conn)?)
    }

    /// The direct conversation of exactly these participants, if one exists.
    pub fn find_direct(conn: &mut DbConnection, key: &str) -> AppResult<Option<Channel>> {
        Ok(channels::table
            .filter(channels::direct_key.eq(key))
            .select(Channel::as_select())
            .first(conn)
            .optional()?)
    }

    /// Creates the direct conversation of `key`'s participants, or answers `None` when an
    /// identical request created it first (the caller then finds that one).
    pub fn insert_direct(
        conn: &mut DbConnection,
        key: &str,
        name: &str,
        by: i64,
        now: NaiveDateTime,
    ) -> AppResult<Option<Channel>> {
        Ok(crate::db::upsert_returning(
            conn,
            diesel::insert_into(channels::table)
                .values((
                    channels::workspace_id.eq(None::<i64>),
                    channels::kind.eq(ChannelKind::Direct),
                    channels::name.eq(name),
                    channels::topic.eq(""),
                    channels::private.eq(true),
                    channels::last_seq.eq(0i64),
                    channels::created_by.eq(Some(by)),
                    channels::created_at.eq(now),
                    channels::updated_at.eq(now),
                    channels::direct_key.eq(Some(key)),
                ))
                .on_conflict(channels::direct_key)
                .do_nothing(),
        )?)
    }

    pub fn update(
        conn: &mut DbConnection,
        id: i64,
        changes: &ChannelChanges,
    ) -> AppResult<Channel> {
        Ok(diesel::update(channels::table.find(id))
            .set(changes)
            .get_result(conn)?)
    }

    pub fn list_in_workspace(
        conn: &mut DbConnection,
        workspace_id: i64,
    ) -> AppResult<Vec<Channel>> {
        Ok(channels::table
            .filter(channels::workspace_id.eq(workspace_id))
            .order((
                channels::archived_at.is_not_null(),
                channels::name,
                channels::id,
            ))
            .select(Channel::as_select())
            .load(conn)?)
    }

    /// Takes the next sequence number of the channel (inside the posting transaction).
    pub fn next_seq(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> AppResult<i64> {
        Ok(diesel::update(channels::table.find(id))
            .set((
                channels::last_seq.eq(channels::last_seq + 1),
                channels::last_message_at.eq(Some(now)),
            ))
            .returning(channels::last_seq)
            .get_result(conn)?)
    }

    /// Direct conversations of a person, newest activity first.
    pub fn list_direct(conn: &mut DbConnection, user_id: i64) -> AppResult<Vec<Channel>> {
        let mine = channel_members::table
            .filter(channel_members::user_id.eq(user_id))
            .select(channel_members::channel_id);
        Ok(channels::table
            .filter(channels::kind.eq(ChannelKind::Direct))
            .filter(channels::id.eq_any(mine))
            .order((channels::last_message_at.desc(), channels::id.desc()))
            .select(Channel::as_select())
            .load(conn)?)
    }
}

pub fn is_channel_member(
    conn: &mut DbConnection,
    channel_id: ChannelId,
    user_id: UserId,
) -> AppResult<bool> {
    Ok(channel_members::table
        .filter(channel_members::channel_id.eq(channel_id))
        .filter(channel_members::user_id.eq(user_id))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

pub fn channel_member_ids(conn: &mut DbConnection, channel_id: i64) -> AppResult<Vec<i64>> {
    Ok(channel_members::table
        .filter(channel_members::channel_id.eq(channel_id))
        .order(channel_members::user_id)
        .select(channel_members::user_id)
        .load(conn)?)
}

pub fn add_channel_member(
    conn: &mut DbConnection,
    channel_id: ChannelId,
    user_id: UserId,
    now: NaiveDateTime,
) -> AppResult<()> {
    crate::db::execute_upsert(
        conn,
        diesel::insert_into(channel_members::table)
            .values((
                channel_members::channel_id.eq(channel_id),
                channel_members::user_id.eq(user_id),
                channel_members::created_at.eq(now),
            ))
            .on_conflict((channel_members::channel_id, channel_members::user_id))
            .do_nothing(),
    )?;
    Ok(())
}

/// Gives `user_id` read access bookkeeping for a channel, starting at `read_seq`; a marker
/// already there (perhaps written a moment ago by an identical request) is kept.
pub fn grant_marker(
    conn: &mut DbConnection,
    user_id: UserId,
    channel_id: ChannelId,
    read_seq: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    crate::db::execute_upsert(
        conn,
        diesel::insert_into(read_markers::table)
            .values((
                read_markers::user_id.eq(user_id),
                read_markers::channel_id.eq(channel_id),
                read_markers::read_seq.eq(read_seq),
                read_markers::updated_at.eq(now),
            ))
            .on_conflict((read_markers::user_id, read_markers::channel_id))
            .do_nothing(),
    )?;
    Ok(())
}

/// Makes `channel_id`'s markers what the policy answers: run after the channel is created or
/// its members change.
pub fn sync_channel_readers(
    conn: &mut DbConnection,
    channel_id: ChannelId,
    now: NaiveDateTime,
) -> AppResult<()> {
    let changes = readers::for_channel(conn, channel_id)?;
    apply_markers(conn, &changes, now)
}

/// Makes `user_id`'s markers on the channels of `workspace_id` what the policy answers: run
/// after they join or leave the workspace.
pub fn sync_member_readers(
    conn: &mut DbConnection,
    workspace_id: WorkspaceId,
    user_id: UserId,
    now: NaiveDateTime,
) -> AppResult<()> {
    let changes = readers::for_member(conn, workspace_id, user_id)?;
    apply_markers(conn, &changes, now)
}

fn apply_markers(
    conn: &mut DbConnection,
    changes: &[MarkerChange],
    now: NaiveDateTime,
) -> AppResult<()> {
    for change in changes {
        match *change {
            MarkerChange::Grant {
                user_id,
                channel_id,
                read_seq,
            } => grant_marker(conn, user_id, channel_id, read_seq, now)?,
            MarkerChange::Revoke {
                user_id,
                channel_id,
            } => revoke_marker(conn, user_id, channel_id)?,
        }
    }
    Ok(())
}

fn revoke_marker(conn: &mut DbConnection, user_id: UserId, channel_id: ChannelId) -> AppResult<()> {
    diesel::delete(
        read_markers::table
            .filter(read_markers::user_id.eq(user_id.get()))
            .filter(read_markers::channel_id.eq(channel_id.get())),
    )
    .execute(conn)?;
    Ok(())
}

/// Ends a person's private-channel memberships in a workspace they have just left, and the
/// markers the policy then withdraws. Someone who left reads nothing there, so the policy's
/// answer is revokes only.
pub fn leave_workspace_channels(
    conn: &mut DbConnection,
    workspace_id: WorkspaceId,
    user_id: UserId,
) -> AppResult<()> {
    let ids = channels::table
        .filter(channels::workspace_id.eq(workspace_id.get()))
        .select(channels::id);
    diesel::delete(
        channel_members::table
            .filter(channel_members::user_id.eq(user_id.get()))
            .filter(channel_members::channel_id.eq_any(ids)),
    )
    .execute(conn)?;
    for (user_id, channel_id) in readers::revoke_markers(conn, workspace_id, user_id)? {
        revoke_marker(conn, user_id, channel_id)?;
    }
    Ok(())
}

pub fn readers(conn: &mut DbConnection, channel_id: i64) -> AppResult<Vec<i64>> {
    Ok(read_markers::table
        .filter(read_markers::channel_id.eq(channel_id))
        .select(read_markers::user_id)
        .load(conn)?)
}

pub fn read_seq(
    conn: &mut DbConnection,
    user_id: UserId,
    channel_id: ChannelId,
) -> AppResult<Option<i64>> {
    Ok(read_markers::table
        .filter(read_markers::user_id.eq(user_id))
        .filter(read_markers::channel_id.eq(channel_id))
        .select(read_markers::read_seq)
        .first(conn)
        .optional()?)
}

pub fn set_read_seq(
    conn: &mut DbConnection,
    user_id: UserId,
    channel_id: ChannelId,
    seq: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::update(
        read_markers::table
            .filter(read_markers::user_id.eq(user_id))
            .filter(read_markers::channel_id.eq(channel_id)),
    )
    .set((
        read_markers::read_seq.eq(seq),
        read_markers::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(())
}
