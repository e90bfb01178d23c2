//! Rules for workspaces: creation, participation of organisations, members and roles.

mod channels;
mod members;
mod participation;
mod read_all;
mod views;
mod workspace;
pub use channels::{create_channel, list_channels, update_channel};
pub use members::{add_member, remove_member, restore_owner, set_member_role, target};
pub use participation::{decide_participation, invite_organisation};
pub use read_all::mark_workspace_read;
pub use views::{list, members, view};
pub use workspace::{create, update};

use super::model::{Member, Participant, Workspace};
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::policy::Actor;
use crate::policy::scope::WorkspaceScope;
use crate::policy::workspace::{WorkspaceAction, WorkspaceFacts};

/// A workspace with what the policy knows about the caller's place in it.
pub type Scoped = WorkspaceScope;

/// Loads a workspace and decides `action` for `actor`. Missing and invisible look the same, and
/// cost the same: the workspace and the caller's place in it come in one query either way.
pub fn load(
    conn: &mut DbConnection,
    actor: &Actor,
    workspace_id: i64,
    action: WorkspaceAction,
) -> AppResult<Scoped> {
    let scope = WorkspaceScope::load(conn, actor, workspace_id)?;
    scope.decide(actor, action)?;
    Ok(scope)
}

pub fn facts(
    conn: &mut DbConnection,
    actor: &Actor,
    workspace: &Workspace,
) -> AppResult<WorkspaceFacts> {
    let member = Member::find(conn, workspace.id, actor.user_id)?;
    let participant = Participant::find(conn, workspace.id, actor.organisation_id)?;
    Ok(facts_of(workspace, member.as_ref(), participant.as_ref()))
}

/// The facts of the caller's `member`ship and own organisation's `participant` row, loaded by
/// whoever loaded the workspace.
pub fn facts_of(
    workspace: &Workspace,
    member: Option<&Member>,
    participant: Option<&Participant>,
) -> WorkspaceFacts {
    crate::policy::workspace::facts::workspace_facts(workspace, member, participant)
}
