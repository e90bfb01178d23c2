//! One person's email, built in the transaction that claims their waiting items: each message is
//! kept only if the policy lets them read it now, it is not deleted, they have not read it in the
//! meantime and its workspace is not muted; what is shown is the message as it is now.

use agora_shared::ids::{ChannelId, UserId, WorkspaceId};
use diesel::prelude::*;

use super::email::{Context, Conversation, Entry, Excerpt, NotificationEmail};
use super::pending::{Item, Kind, Pending};
use crate::accounts::user::User;
use crate::db::DbConnection;
use crate::db::schema::messages;
use crate::email_settings::model::{MentionBatching, Mutes, Preferences};
use crate::email_settings::unsubscribe::{self, List};
use crate::error::AppResult;
use crate::mail::OutgoingEmail;
use crate::messaging::channel::{self, Channel};
use crate::messaging::message::{self, Message};
use crate::messaging::render::render_in_channel;
use crate::organisations::model::Organisation;
use crate::policy::scope::ChannelScope;
use crate::policy::{self, Actor};
use crate::state::AppState;
use crate::unit_of_work::Tx;
use crate::workspaces::model::Workspace;

/// Messages shown in one email; the rest are counted ("and 4 more") so the email stays light.
pub const MAX_MESSAGES: usize = 25;

/// Claims `user_id`'s waiting items and queues their email, if anything is left to tell them.
/// Answers whether an email was queued.
pub fn queue(tx: &mut Tx<'_>, state: &AppState, user_id: UserId) -> AppResult<bool> {
    let now = tx.now();
    let items = Pending::claim(tx, user_id, now)?;
    let Some(first) = items.first() else {
        return Ok(false);
    };
    // Unique per person and batch: the batch's first message is claimed for this person once.
    let key = format!("notification:{user_id}:{}", first.message_id);
    let user = User::find(tx, user_id.get())?;
    let organisation = Organisation::find(tx, user.organisation_id)?;
    if !policy::notifications::receives_email(user.status(), organisation.status()) {
        return Ok(false);
    }
    let preferences = Preferences::find(tx, user.id)?;
    if preferences.mention_batching == MentionBatching::Off {
        return Ok(false);
    }
    let reader = Actor::new(user.id, organisation.id, user.role(), organisation.kind());
    let muted = Mutes::list(tx, user.id)?;
    let mut conversations: Vec<(ChannelId, Conversation)> = Vec::new();
    let (mut mentions, mut directs, mut shown) = (0, 0, 0);
    for item in &items {
        let Some(entry) = entry(tx, state, &reader, &muted, item)? else {
            continue;
        };
        match entry.kind {
            Kind::Mention => mentions += 1,
            Kind::Direct => directs += 1,
        }
        if shown == MAX_MESSAGES {
            continue;
        }
        shown += 1;
        match conversations
            .iter_mut()
            .find(|(id, _)| *id == item.channel_id)
        {
            Some((_, conversation)) => conversation.messages.push(entry),
            None => {
                let mut conversation = conversation(tx, state, &reader, item.channel_id)?;
                conversation.messages.push(entry);
                conversations.push((item.channel_id, conversation));
            }
        }
    }
    if shown == 0 {
        return Ok(false);
    }
    let conversations: Vec<Conversation> = conversations.into_iter().map(|(_, c)| c).collect();
    let workspace = match conversations.first().and_then(|c| c.workspace.clone()) {
        Some(ws)
            if conversations
                .iter()
                .all(|c| c.workspace.as_deref() == Some(ws.as_str())) =>
        {
            Some(ws)
        }
        _ => None,
    };
    let email = NotificationEmail {
        name: user.display_name.clone(),
        time_zone: user.time_zone.clone(),
        mentions,
        directs,
        more: mentions + directs - shown,
        workspace,
        conversations,
        settings_link: state.link("/settings/email"),
        stop_link: unsubscribe_link(state, user_id, List::Notifications),
    };
    let mut outgoing = OutgoingEmail::new(key, &user.email, user.language(), &email)?;
    outgoing.headers.extend(
        unsubscribe::headers(state, user_id, List::Notifications)
            .map(|(name, value)| (name.to_string(), value)),
    );
    tx.email(&outgoing)?;
    Ok(true)
}

fn unsubscribe_link(state: &AppState, user_id: UserId, list: List) -> String {
    state.link(&format!(
        "/unsubscribe/{}",
        unsubscribe::token(&state.secret, user_id, list)
    ))
}

/// The item's message as the reader would see it now, or `None` when it is no longer theirs to
/// be told of.
fn entry(
    conn: &mut DbConnection,
    state: &AppState,
    reader: &Actor,
    muted: &[i64],
    item: &Item,
) -> AppResult<Option<Entry>> {
    let scope = match ChannelScope::load(conn, reader, item.channel_id) {
        Ok(scope) => scope,
        // The channel is gone: nothing to tell.
        Err(e) if e.status.as_u16() == 404 => return Ok(None),
        Err(e) => return Err(e),
    };
    if !policy::notifications::show_in_email(reader, &scope.facts)
        || scope
            .workspace_id
            .is_some_and(|ws| muted.contains(&ws.get()))
    {
        return Ok(None);
    }
    let message = Message::find(conn, item.message_id.get())?;
    if message.deleted_at.is_some() {
        return Ok(None);
    }
    let read = channel::read_seq(conn, UserId::new(reader.user_id), item.channel_id)?;
    if read.is_some_and(|seq| seq >= message.seq) {
        return Ok(None);
    }
    let (author_name, organisation) = author(conn, message.author_id)?;
    let context = match message.thread_root_id {
        Some(root) => Some((true, Message::find(conn, root)?)),
        None => previous(conn, &message)?.map(|m| (false, m)),
    }
    .filter(|(_, m)| m.deleted_at.is_none());
    let context = match context {
        Some((thread_root, m)) => Some(Context {
            thread_root,
            author: author(conn, m.author_id)?.0,
            excerpt: excerpt(conn, &m)?,
        }),
        None => None,
    };
    let link = match message.thread_root_id {
        Some(root) => format!("/messages/{root}/thread#m{}", message.id),
        None => format!(
            "/channels/{}?around={}#m{}",
            message.channel_id, message.seq, message.id
        ),
    };
    Ok(Some(Entry {
        kind: Kind::parse(&item.kind)?,
        author: author_name,
        organisation,
        at: message.created_at,
        excerpt: excerpt(conn, &message)?,
        context,
        link: state.link(&link),
    }))
}

/// The message as text now: rendered again from its current Markdown, so an edit shows.
fn excerpt(conn: &mut DbConnection, message: &Message) -> AppResult<Excerpt> {
    let plain = render_in_channel(conn, message.channel_id, &message.body_md)?.plain_text;
    Ok(Excerpt::of(&plain, &message.language))
}

/// The top-level message before `message` in its channel, not deleted.
fn previous(conn: &mut DbConnection, message: &Message) -> AppResult<Option<Message>> {
    Ok(messages::table
        .filter(messages::channel_id.eq(message.channel_id))
        .filter(messages::thread_root_id.is_null())
        .filter(messages::seq.lt(message.seq))
        .filter(messages::deleted_at.is_null())
        .order(messages::seq.desc())
        .select(Message::as_select())
        .first(conn)
        .optional()?)
}

/// A person's display name and their organisation's name.
fn author(conn: &mut DbConnection, user_id: i64) -> AppResult<(String, String)> {
    Ok(message::authors(conn, &[user_id])?
        .into_iter()
        .next()
        .map(|(_, name, _, organisation)| (name, organisation))
        .unwrap_or_default())
}

/// A conversation's heading facts: the channel and its workspace, or the other participants.
fn conversation(
    conn: &mut DbConnection,
    state: &AppState,
    reader: &Actor,
    channel_id: ChannelId,
) -> AppResult<Conversation> {
    let channel = Channel::find(conn, channel_id.get())?;
    let (name, workspace, stop_workspace_link) = match channel.workspace_id {
        Some(ws) => (
            channel.name,
            Some(Workspace::find(conn, ws)?.name),
            Some(unsubscribe_link(
                state,
                UserId::new(reader.user_id),
                List::Workspace(WorkspaceId::new(ws)),
            )),
        ),
        None => {
            let others: Vec<i64> = channel::channel_member_ids(conn, channel.id)?
                .into_iter()
                .filter(|id| *id != reader.user_id)
                .collect();
            let names: Vec<String> = message::authors(conn, &others)?
                .into_iter()
                .map(|(_, name, _, _)| name)
                .collect();
            (names.join(", "), None, None)
        }
    };
    Ok(Conversation {
        name,
        workspace,
        stop_workspace_link,
        messages: Vec::new(),
    })
}
