//! Rules of conversations: channels, posting, threads, edits, deletion, reactions, read markers,
//! history, search and direct conversations. Each change, its event and its index entry are
//! written in one transaction; events are published after the commit.

mod direct;
mod post;
mod reading;
mod single_message;
mod summary;
pub(crate) mod views;
pub use direct::{list_direct, start_direct};
pub use post::post;
pub use reading::{history, mark_read, thread, unread};
pub use single_message::{
    delete, edit, get_message, history_of, load_message, message_in_channel, react, who_reacted,
};
pub use summary::channel_summary;
pub use views::{replay_data, views};

use agora_shared::conversations::*;

use super::channel::Channel;
use crate::db::DbConnection;
use crate::db::schema::channels;
use crate::error::{AppError, AppResult};
use crate::policy::Actor;
use crate::policy::scope::{caller_rows, with_caller_facts};
use crate::policy::workspace::facts::{CallerRows, ChannelTraits, channel_facts};
use crate::policy::workspace::{ChannelAction, ChannelFacts, channel as decide};
use diesel::prelude::*;

/// Decides `action` on a channel loaded with the caller's rows (`policy::scope`).
fn decide_loaded(
    actor: &Actor,
    channel: &Channel,
    rows: &CallerRows,
    action: ChannelAction,
) -> AppResult<ChannelFacts> {
    let traits = ChannelTraits {
        private: channel.private,
        direct: channel.is_direct(),
        archived: channel.archived_at.is_some(),
    };
    let facts = channel_facts(traits, rows);
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
    let (channel, rows) = with_caller_facts!(channels::table, actor)
        .filter(channels::id.eq(channel_id))
        .select((Channel::as_select(), caller_rows!()))
        .first::<(Channel, CallerRows)>(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let facts = decide_loaded(actor, &channel, &rows, action)?;
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
