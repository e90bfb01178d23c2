//! Rules of conversations: channels, posting, threads, edits, deletion, reactions, read markers,
//! history, search and direct conversations. Each change, its event and its index entry are
//! written in one transaction; events are published after the commit.

/// The caller's place around a channel, joined to the query that loads it: workspace, membership,
/// own organisation's participation and channel membership. Missing and foreign objects then
/// cost the same single query, and answer the same 404.
macro_rules! with_caller_facts {
    ($query:expr, $actor:expr) => {
        $query
            .left_join(
                workspaces_table::table
                    .on(channels::workspace_id.eq(workspaces_table::id.nullable())),
            )
            .left_join(
                workspace_members::table.on(channels::workspace_id
                    .eq(workspace_members::workspace_id.nullable())
                    .and(workspace_members::user_id.eq($actor.user_id))),
            )
            .left_join(
                workspace_organisations::table.on(channels::workspace_id
                    .eq(workspace_organisations::workspace_id.nullable())
                    .and(workspace_organisations::organisation_id.eq($actor.organisation_id))),
            )
            .left_join(
                channel_members::table.on(channel_members::channel_id
                    .eq(channels::id)
                    .and(channel_members::user_id.eq($actor.user_id))),
            )
    };
}

mod direct;
mod post;
mod reading;
mod search;
mod single_message;
mod views;
mod workspace_channels;
pub use direct::{list_direct, start_direct};
pub use post::post;
pub use reading::{history, mark_read, thread, unread};
pub use search::search;
pub use single_message::{delete, edit, get_message, history_of, message_in_channel, react};
pub use views::views;
pub use workspace_channels::{channel_summary, create_channel, list_channels, update_channel};

use agora_shared::conversations::*;

use super::channel::Channel;
use crate::db::DbConnection;
use crate::db::schema::{
    channel_members, channels, workspace_members, workspace_organisations,
    workspaces as workspaces_table,
};
use crate::error::{AppError, AppResult};
use crate::policy::Actor;
use crate::policy::workspace::{ChannelAction, ChannelFacts, channel as decide};
use crate::workspaces::model::Workspace;
use crate::workspaces::model::{Member, Participant};
use crate::workspaces::service as workspaces;
use diesel::prelude::*;

/// What [`with_caller_facts`] loads besides the object.
type CallerFacts = (
    Option<Workspace>,
    Option<Member>,
    Option<Participant>,
    Option<i64>,
);

fn decide_loaded(
    actor: &Actor,
    channel: &Channel,
    (workspace, member, participant, channel_member): CallerFacts,
    action: ChannelAction,
) -> AppResult<ChannelFacts> {
    let facts = ChannelFacts {
        workspace: workspace
            .as_ref()
            .map(|ws| workspaces::facts_of(ws, member.as_ref(), participant.as_ref())),
        private: channel.private,
        archived: channel.archived_at.is_some(),
        channel_member: (channel.private || channel.is_direct()) && channel_member.is_some(),
    };
    decide(actor, &facts, action)?;
    Ok(facts)
}

/// Loads a channel and decides `action`; missing and unreadable channels look the same.
pub fn load(
    conn: &mut DbConnection,
    actor: &Actor,
    channel_id: i64,
    action: ChannelAction,
) -> AppResult<(Channel, ChannelFacts)> {
    let (channel, workspace, member, participant, channel_member) =
        with_caller_facts!(channels::table, actor)
            .filter(channels::id.eq(channel_id))
            .select((
                Channel::as_select(),
                Option::<Workspace>::as_select(),
                Option::<Member>::as_select(),
                Option::<Participant>::as_select(),
                channel_members::user_id.nullable(),
            ))
            .first::<(
                Channel,
                Option<Workspace>,
                Option<Member>,
                Option<Participant>,
                Option<i64>,
            )>(conn)
            .optional()?
            .ok_or_else(AppError::not_found)?;
    let facts = decide_loaded(
        actor,
        &channel,
        (workspace, member, participant, channel_member),
        action,
    )?;
    Ok((channel, facts))
}

pub fn channel_view(channel: &Channel, read_seq: i64, mentions: i64) -> ChannelView {
    ChannelView {
        id: channel.id,
        workspace_id: channel.workspace_id,
        name: channel.name.clone(),
        topic: channel.topic.clone(),
        private: channel.private,
        direct: channel.is_direct(),
        archived: channel.archived_at.is_some(),
        last_seq: channel.last_seq,
        unread: (channel.last_seq - read_seq).max(0),
        mentions,
    }
}
