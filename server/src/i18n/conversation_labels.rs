//! Translated names of the closed value sets of workspaces. Keys are spelled out so key scans
//! find them.

use agora_shared::conversations::{Participation, Visibility, WorkspaceKind, WorkspaceRole};

use super::Tr;

impl Tr {
    pub fn workspace_kind(&self, kind: &WorkspaceKind) -> String {
        self.t(match kind {
            WorkspaceKind::Twinning => "workspace-kind-twinning",
            WorkspaceKind::WorkingGroup => "workspace-kind-working-group",
            WorkspaceKind::Network => "workspace-kind-network",
            WorkspaceKind::Experiment => "workspace-kind-experiment",
        })
    }

    pub fn visibility(&self, visibility: &Visibility) -> String {
        self.t(match visibility {
            Visibility::InviteOnly => "visibility-invite-only",
            Visibility::Discoverable => "visibility-discoverable",
        })
    }

    pub fn workspace_role(&self, role: &WorkspaceRole) -> String {
        self.t(match role {
            WorkspaceRole::Owner => "workspace-role-owner",
            WorkspaceRole::Moderator => "workspace-role-moderator",
            WorkspaceRole::Member => "workspace-role-member",
            WorkspaceRole::Observer => "workspace-role-observer",
        })
    }

    pub fn participation(&self, status: &Participation) -> String {
        self.t(match status {
            Participation::Invited => "participation-invited",
            Participation::Active => "participation-active",
            Participation::Declined => "participation-declined",
            Participation::Left => "participation-left",
        })
    }
}
