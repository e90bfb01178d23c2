//! Direct conversations: opening one with some people, and listing the caller's.

use agora_shared::ErrorCode;
use agora_shared::conversations::*;
use agora_shared::events::EventKind;
use agora_shared::ids::{ChannelId, UserId};
use agora_shared::limits::*;
use serde_json::json;

use crate::accounts::user::User;
use crate::error::{AppError, AppResult};
use crate::messaging::channel::{self, Channel};
use crate::messaging::message;
use crate::organisations::model::Organisation;
use crate::policy::{self, Actor};
use crate::state::AppState;

use super::channel_view;

/// Opens (or finds) the direct conversation between the caller and `user_ids`.
pub async fn start_direct(
    state: &AppState,
    actor: &Actor,
    user_ids: Vec<i64>,
) -> AppResult<Channel> {
    let mut people = user_ids;
    people.push(actor.user_id);
    people.sort_unstable();
    people.dedup();
    if people.len() < 2 {
        return Err(AppError::invalid(ErrorCode::FieldRequired, "user_ids"));
    }
    if people.len() > MAX_DIRECT_PARTICIPANTS {
        return Err(AppError::too_long("user_ids", MAX_DIRECT_PARTICIPANTS));
    }
    let actor = *actor;
    let channel = state
        .transact(move |tx| {
            let mut names = Vec::new();
            for id in &people {
                let user = User::find(tx, *id)
                    .map_err(|_| AppError::invalid(ErrorCode::InvalidValue, "user_ids"))?;
                let org = Organisation::find(tx, user.organisation_id)?;
                policy::directory::start_direct(&actor, user.status(), org.status())
                    .map_err(|_| AppError::invalid(ErrorCode::InvalidValue, "user_ids"))?;
                names.push(user.display_name);
            }
            let key = channel::direct_key(&people);
            if let Some(existing) = Channel::find_direct(tx, &key)? {
                return Ok(existing);
            }
            let now = tx.now();
            let Some(channel) =
                Channel::insert_direct(tx, &key, &names.join(", "), actor.user_id, now)?
            else {
                // An identical request created it while we checked; its transaction committed.
                let existing = Channel::find_direct(tx, &key)?.ok_or_else(AppError::not_found)?;
                return Ok(existing);
            };
            for id in &people {
                channel::add_channel_member(tx, ChannelId::new(channel.id), UserId::new(*id), now)?;
            }
            channel::sync_channel_readers(tx, ChannelId::new(channel.id), now)?;
            tx.emit_in_channel(
                EventKind::ChannelChanged,
                channel.workspace_id,
                channel.id,
                json!({"channel": channel_view(&channel, 0, 0)}),
            );
            Ok(channel)
        })
        .await?;
    Ok(channel)
}

/// The caller's direct conversations, with unread counts and the other participants' names.
pub async fn list_direct(
    state: &AppState,
    actor: &Actor,
) -> AppResult<Vec<(ChannelView, Vec<String>)>> {
    let actor = *actor;
    state
        .db
        .read(move |conn| {
            let counts = crate::db::unread::unread_counts(conn, actor.user_id)?;
            let mut out = Vec::new();
            for c in Channel::list_direct(conn, actor.user_id)? {
                let others: Vec<i64> = channel::channel_member_ids(conn, c.id)?
                    .into_iter()
                    .filter(|id| *id != actor.user_id)
                    .collect();
                let names = message::authors(conn, &others)?
                    .into_iter()
                    .map(|(_, name, _, org)| format!("{name} ({org})"))
                    .collect();
                let count = counts.iter().find(|x| x.channel_id == c.id);
                let read = count.map_or(c.last_seq, |x| c.last_seq - x.unread);
                out.push((
                    channel_view(&c, read, count.map_or(0, |x| x.mentions)),
                    names,
                ));
            }
            Ok(out)
        })
        .await
}
