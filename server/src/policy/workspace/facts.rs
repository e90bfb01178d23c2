//! Turning stored rows into the facts decisions read. Kept apart from the loaders so the
//! read-marker rule (`policy::readers`) and request loading (`policy::scope`)
//! build facts the same way.

use crate::workspaces::model::{Member, Participant, Workspace};

use super::{ChannelFacts, WorkspaceFacts};

/// The rows `policy::scope::caller_rows!` selects: the workspace, the caller's membership, their
/// organisation's participation, and their channel membership.
pub type CallerRows = (
    Option<Workspace>,
    Option<Member>,
    Option<Participant>,
    Option<i64>,
);

/// What the policy knows about a workspace from its row and the caller's rows in it.
pub fn workspace_facts(
    workspace: &Workspace,
    member: Option<&Member>,
    participant: Option<&Participant>,
) -> WorkspaceFacts {
    WorkspaceFacts {
        visibility: workspace.visibility(),
        archived: workspace.archived_at.is_some(),
        owner_organisation_id: workspace.owner_organisation_id,
        role: member.map(Member::role),
        own_participation: participant.map(Participant::status),
    }
}

/// The channel's own columns a decision reads.
#[derive(Debug, Clone, Copy)]
pub struct ChannelTraits {
    pub private: bool,
    pub direct: bool,
    pub archived: bool,
}

/// The facts of a channel with `traits` for the caller whose rows are `rows`.
pub fn channel_facts(traits: ChannelTraits, rows: &CallerRows) -> ChannelFacts {
    let (workspace, member, participant, channel_member) = rows;
    ChannelFacts {
        workspace: workspace
            .as_ref()
            .map(|ws| workspace_facts(ws, member.as_ref(), participant.as_ref())),
        private: traits.private,
        archived: traits.archived,
        // Only private channels and direct conversations have members of their own; a stray row
        // on a public channel grants nothing.
        channel_member: (traits.private || traits.direct) && channel_member.is_some(),
    }
}
