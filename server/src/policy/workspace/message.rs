//! Decisions about messages: editing, deleting and reading their edit history.

use super::channel::{ChannelAction, ChannelFacts, channel};
use crate::error::{AppError, AppResult};
use crate::policy::Actor;

/// Authors edit their own messages; authors and moderators delete them.
pub fn edit_message(actor: &Actor, author_id: i64, facts: &ChannelFacts) -> AppResult<()> {
    channel(actor, facts, ChannelAction::Read)?;
    if actor.user_id == author_id && channel(actor, facts, ChannelAction::Post).is_ok() {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

pub fn delete_message(actor: &Actor, author_id: i64, facts: &ChannelFacts) -> AppResult<()> {
    channel(actor, facts, ChannelAction::Read)?;
    if actor.user_id == author_id || channel(actor, facts, ChannelAction::Moderate).is_ok() {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

/// A message's edit history is the author's and the moderators' to read: whoever may delete it.
pub fn read_edit_history(actor: &Actor, author_id: i64, facts: &ChannelFacts) -> AppResult<()> {
    delete_message(actor, author_id, facts)
}
