//! Decisions of the composer: who is offered as a mention, and who may mention a whole channel.

use agora_shared::ErrorCode;

use super::Actor;
use super::workspace::{ChannelAction, ChannelFacts, channel};
use crate::error::{AppError, AppResult};

/// `@channel` and `@here` reach at most this many readers: beyond it, a whole-channel ping is
/// an announcement, and belongs in an email or a smaller channel.
pub const MAX_EVERYONE_READERS: usize = 250;

/// The mention suggestions (the channel's readers) are for those who may post in the channel.
pub fn list_mentionable(actor: &Actor, facts: &ChannelFacts) -> AppResult<()> {
    channel(actor, facts, ChannelAction::Post)
}

/// Whether `@channel`/`@here` of this author mentions every one of the channel's `readers`.
/// `Ok(false)`: the words stay plain text (only moderators of a workspace channel may ping it
/// whole, never in a direct conversation). An error: the author may, but not in a channel this
/// large; the message is refused rather than sent without the notification the author meant.
pub fn mention_everyone(actor: &Actor, facts: &ChannelFacts, readers: usize) -> AppResult<bool> {
    if facts.workspace.is_none() || channel(actor, facts, ChannelAction::Moderate).is_err() {
        return Ok(false);
    }
    if readers > MAX_EVERYONE_READERS {
        return Err(AppError::invalid(ErrorCode::EveryoneTooMany, "body")
            .arg("limit", MAX_EVERYONE_READERS.to_string()));
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use agora_shared::api::{OrgKind, OrgRole};
    use agora_shared::conversations::{Visibility, WorkspaceRole};

    use super::*;
    use crate::policy::workspace::WorkspaceFacts;

    fn facts(role: Option<WorkspaceRole>) -> ChannelFacts {
        ChannelFacts {
            workspace: Some(WorkspaceFacts {
                visibility: Visibility::InviteOnly,
                archived: false,
                owner_organisation_id: 1,
                role,
                own_participation: None,
            }),
            private: false,
            archived: false,
            channel_member: false,
        }
    }

    #[test]
    fn only_moderators_ping_a_channel_and_only_a_small_one() {
        let me = Actor::new(1, 1, OrgRole::Member, OrgKind::Other);
        let moderator = facts(Some(WorkspaceRole::Moderator));
        assert_eq!(mention_everyone(&me, &moderator, 10).ok(), Some(true));
        assert_eq!(
            mention_everyone(&me, &facts(Some(WorkspaceRole::Member)), 10).ok(),
            Some(false)
        );
        let too_many = mention_everyone(&me, &moderator, MAX_EVERYONE_READERS + 1).unwrap_err();
        assert_eq!(too_many.code, ErrorCode::EveryoneTooMany);
        let direct = ChannelFacts {
            workspace: None,
            channel_member: true,
            ..moderator
        };
        assert_eq!(mention_everyone(&me, &direct, 2).ok(), Some(false));
    }
}
