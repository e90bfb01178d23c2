//! Workspaces as the caller sees them: one, the list, and its members.

use agora_shared::conversations::*;

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::policy::Actor;
use crate::policy::workspace::{self as policy, WorkspaceAction, workspace as decide};
use crate::state::AppState;
use crate::workspaces::model::{Member, Participant, Workspace};

use super::{Scoped, facts, load};

/// A workspace as the caller sees it, with unread counts from `counts` (workspace → (unread, mentions)).
pub fn view(
    conn: &mut DbConnection,
    scoped: &Scoped,
    counts: (i64, i64),
) -> AppResult<WorkspaceView> {
    let w = &scoped.workspace;
    let organisations = Participant::list(conn, w.id)?
        .into_iter()
        .filter(|(p, _, _)| matches!(p.status(), Participation::Active | Participation::Invited))
        .map(|(p, name, country)| ParticipantView {
            organisation_id: p.organisation_id,
            name,
            country,
            status: p.status(),
        })
        .collect();
    Ok(WorkspaceView {
        id: w.id,
        kind: w.kind(),
        name: w.name.clone(),
        description: w.description.clone(),
        owner_organisation_id: w.owner_organisation_id,
        sdg_tags: w.sdgs(),
        visibility: w.visibility(),
        default_language: w.language(),
        archived: w.archived_at.is_some(),
        organisations,
        my_role: scoped.facts.role,
        unread: counts.0,
        mentions: counts.1,
    })
}

/// Every workspace the caller may see, with unread counts.
pub async fn list(state: &AppState, actor: &Actor) -> AppResult<Vec<WorkspaceView>> {
    let actor = *actor;
    state
        .db
        .read(move |conn| {
            let counts = crate::db::unread::unread_counts(conn, actor.user_id)?;
            let org_admin = policy::sees_involved_workspaces(&actor);
            let mut out = Vec::new();
            for workspace in
                Workspace::list_visible(conn, actor.user_id, actor.organisation_id, org_admin)?
            {
                let f = facts(conn, &actor, &workspace)?;
                if decide(&actor, &f, WorkspaceAction::SeeSummary).is_err() {
                    continue;
                }
                let (u, m) = counts
                    .iter()
                    .filter(|c| c.workspace_id == Some(workspace.id))
                    .fold((0, 0), |(u, m), c| (u + c.unread, m + c.mentions));
                out.push(view(
                    conn,
                    &Scoped {
                        workspace,
                        facts: f,
                    },
                    (u, m),
                )?);
            }
            Ok(out)
        })
        .await
}

pub async fn members(
    state: &AppState,
    actor: &Actor,
    workspace_id: i64,
) -> AppResult<Vec<WorkspaceMemberView>> {
    let actor = *actor;
    state
        .db
        .read(move |conn| {
            let scoped = load(conn, &actor, workspace_id, WorkspaceAction::SeeSummary)?;
            // Organisation admins see their own people even without being members.
            let people = policy::listable_members(&actor, &scoped.facts)?;
            Ok(Member::list(conn, workspace_id)?
                .into_iter()
                .filter(|(m, _, _)| people.includes(&actor, m.organisation_id))
                .map(|(m, display_name, organisation_name)| WorkspaceMemberView {
                    user_id: m.user_id,
                    display_name,
                    organisation_id: m.organisation_id,
                    organisation_name,
                    role: m.role(),
                })
                .collect())
        })
        .await
}
