//! Decisions about channels and direct conversations.

use agora_shared::conversations::WorkspaceRole;

use super::WorkspaceFacts;
use crate::error::{AppError, AppResult};
use crate::policy::Actor;

/// What the policy needs to know about a channel and the caller's place in it.
#[derive(Debug, Clone, Copy)]
pub struct ChannelFacts {
    /// `None` for a direct conversation.
    pub workspace: Option<WorkspaceFacts>,
    pub private: bool,
    pub archived: bool,
    /// The caller belongs to this private channel or direct conversation.
    pub channel_member: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelAction {
    Read,
    Post,
    /// Rename, topic, archive; delete others' messages.
    Moderate,
}

/// Who may read a channel: the one rule behind [`channel`]'s `Read`, the read markers that
/// [`crate::policy::readers`] keeps, and through them search and realtime delivery.
pub fn readable(facts: &ChannelFacts) -> bool {
    match &facts.workspace {
        None => facts.channel_member,
        Some(ws) => ws.role.is_some() && (!facts.private || facts.channel_member),
    }
}

pub fn channel(actor: &Actor, facts: &ChannelFacts, action: ChannelAction) -> AppResult<()> {
    if !readable(facts) {
        return Err(AppError::not_found());
    }
    let Some(ws) = &facts.workspace else {
        // Direct conversations: participants only, and nobody moderates them.
        return match action {
            ChannelAction::Read => Ok(()),
            ChannelAction::Post if !facts.archived => Ok(()),
            _ => Err(AppError::forbidden()),
        };
    };
    let frozen = facts.archived || ws.archived;
    let _ = actor;
    match action {
        ChannelAction::Read => Ok(()),
        ChannelAction::Post => {
            if frozen || ws.role == Some(WorkspaceRole::Observer) {
                Err(AppError::forbidden())
            } else {
                Ok(())
            }
        }
        ChannelAction::Moderate => {
            if ws.archived
                || !matches!(
                    ws.role,
                    Some(WorkspaceRole::Owner | WorkspaceRole::Moderator)
                )
            {
                Err(AppError::forbidden())
            } else {
                Ok(())
            }
        }
    }
}
