//! Rules for workspaces: creation, participation of organisations, members and roles.

use agora_shared::ErrorCode;
use agora_shared::conversations::*;
use agora_shared::events::EventKind;
use agora_shared::limits::{MAX_DESCRIPTION_CHARS, MAX_WORKSPACE_NAME_CHARS};
use serde_json::json;

use super::model::{Member, NewWorkspaceRow, Participant, Workspace, WorkspaceChanges};
use crate::accounts::user::User;
use crate::audit;
use crate::db::schema::{workspace_members, workspace_organisations, workspaces};
use crate::db::{DbConnection, Tx};
use crate::error::{AppError, AppResult};
use crate::messaging::channel::{self, Channel, KIND_CHANNEL};
use crate::organisations::model::Organisation;
use crate::policy::workspace::{Target, WorkspaceAction, WorkspaceFacts, workspace as decide};
use crate::policy::{self, Actor};
use crate::state::AppState;
use crate::time::now;
use crate::validate;
use diesel::prelude::*;

/// A workspace with what the policy knows about the caller's place in it.
pub struct Scoped {
    pub workspace: Workspace,
    pub facts: WorkspaceFacts,
}

/// Loads a workspace and decides `action` for `actor`. Missing and invisible look the same, and
/// cost the same: the workspace and the caller's place in it come in one query either way.
pub fn load(
    conn: &mut DbConnection,
    actor: &Actor,
    workspace_id: i64,
    action: WorkspaceAction,
) -> AppResult<Scoped> {
    let (workspace, member, participant): (Workspace, Option<Member>, Option<Participant>) =
        workspaces::table
            .left_join(
                workspace_members::table.on(workspace_members::workspace_id
                    .eq(workspaces::id)
                    .and(workspace_members::user_id.eq(actor.user_id))),
            )
            .left_join(
                workspace_organisations::table.on(workspace_organisations::workspace_id
                    .eq(workspaces::id)
                    .and(workspace_organisations::organisation_id.eq(actor.organisation_id))),
            )
            .filter(workspaces::id.eq(workspace_id))
            .select((
                Workspace::as_select(),
                Option::<Member>::as_select(),
                Option::<Participant>::as_select(),
            ))
            .first(conn)
            .optional()?
            .ok_or_else(AppError::not_found)?;
    let facts = facts_of(&workspace, member.as_ref(), participant.as_ref());
    decide(actor, &facts, action)?;
    Ok(Scoped { workspace, facts })
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
    WorkspaceFacts {
        visibility: workspace.visibility(),
        archived: workspace.archived_at.is_some(),
        owner_organisation_id: workspace.owner_organisation_id,
        role: member.map(Member::role),
        own_participation: participant.map(Participant::status),
    }
}

/// The name of a workspace's first channel, in its default language.
fn general_name(state: &AppState, language: agora_shared::api::Language) -> String {
    crate::i18n::Tr::new(state.i18n.clone(), language).t("channel-general-name")
}

pub async fn create(state: &AppState, actor: &Actor, input: NewWorkspace) -> AppResult<Workspace> {
    let owner = input.owner_organisation_id.unwrap_or(actor.organisation_id);
    policy::workspace::create_workspace(actor, owner)?;
    let name = validate::text("name", &input.name, MAX_WORKSPACE_NAME_CHARS)?;
    let description =
        validate::optional_multiline("description", &input.description, MAX_DESCRIPTION_CHARS)?;
    let tags = validate::sdg_tags("sdg_tags", &input.sdg_tags)?;
    let general = general_name(state, input.default_language);
    let actor = *actor;
    let workspace = state
        .transact(move |tx| {
            let org = Organisation::find(tx, owner)?;
            if !org.is_active() {
                return Err(AppError::not_found());
            }
            let now = now();
            let workspace = Workspace::insert(
                tx,
                &NewWorkspaceRow {
                    owner_organisation_id: owner,
                    kind: input.kind.as_str(),
                    name: &name,
                    description: &description,
                    sdg_tags: &tags,
                    visibility: input.visibility.as_str(),
                    default_language: input.default_language.as_str(),
                    created_by: Some(actor.user_id),
                    created_at: now,
                    updated_at: now,
                },
            )?;
            Participant::upsert(
                tx,
                workspace.id,
                owner,
                Participation::Active,
                actor.user_id,
                now,
            )?;
            // A network admin creating for another organisation is not a member of it.
            if owner == actor.organisation_id {
                Member::insert(
                    tx,
                    workspace.id,
                    actor.user_id,
                    actor.organisation_id,
                    WorkspaceRole::Owner,
                    None,
                    now,
                )?;
            }
            let first = Channel::insert(
                tx,
                Some(workspace.id),
                KIND_CHANNEL,
                &general,
                "",
                false,
                actor.user_id,
                now,
            )?;
            channel::grant_workspace_members(tx, workspace.id, first.id, now)?;
            tx.emit_in_workspace(
                EventKind::MembershipChanged,
                workspace.id,
                json!({"workspace_id": workspace.id, "user_id": actor.user_id}),
            );
            Ok(workspace)
        })
        .await?;
    Ok(workspace)
}

pub async fn update(
    state: &AppState,
    actor: &Actor,
    workspace_id: i64,
    input: WorkspaceUpdate,
) -> AppResult<Workspace> {
    let mut changes = WorkspaceChanges {
        updated_at: Some(now()),
        ..Default::default()
    };
    if let Some(name) = &input.name {
        changes.name = Some(validate::text("name", name, MAX_WORKSPACE_NAME_CHARS)?);
    }
    if let Some(d) = &input.description {
        changes.description = Some(validate::optional_multiline(
            "description",
            d,
            MAX_DESCRIPTION_CHARS,
        )?);
    }
    if let Some(tags) = &input.sdg_tags {
        changes.sdg_tags = Some(validate::sdg_tags("sdg_tags", tags)?);
    }
    changes.visibility = input.visibility.map(|v| v.as_str().to_string());
    changes.default_language = input.default_language.map(|l| l.as_str().to_string());
    changes.archived_at = input.archived.map(|a| a.then(now));
    let actor = *actor;
    let ws = state
        .transact(move |tx| {
            // Archived workspaces can still be unarchived by their owners.
            let workspace = Workspace::find(tx, workspace_id)?;
            let mut f = facts(tx, &actor, &workspace)?;
            f.archived = false;
            decide(&actor, &f, WorkspaceAction::Administer)?;
            let ws = Workspace::update(tx, workspace_id, &changes)?;
            tx.emit_in_workspace(
                EventKind::ChannelChanged,
                workspace_id,
                json!({"workspace_id": workspace_id}),
            );
            Ok(ws)
        })
        .await?;
    Ok(ws)
}

/// Invites another organisation; it takes part once one of its admins accepts.
pub async fn invite_organisation(
    state: &AppState,
    actor: &Actor,
    workspace_id: i64,
    organisation_id: i64,
) -> AppResult<()> {
    let actor = *actor;
    state
        .db
        .write(move |conn| {
            load(conn, &actor, workspace_id, WorkspaceAction::Administer)?;
            let org = Organisation::find(conn, organisation_id)
                .map_err(|_| AppError::invalid(ErrorCode::InvalidValue, "organisation_id"))?;
            if !org.is_active() {
                return Err(AppError::invalid(
                    ErrorCode::InvalidValue,
                    "organisation_id",
                ));
            }
            match Participant::find(conn, workspace_id, organisation_id)?.map(|p| p.status()) {
                Some(Participation::Active | Participation::Invited) => Ok(()),
                _ => Participant::upsert(
                    conn,
                    workspace_id,
                    organisation_id,
                    Participation::Invited,
                    actor.user_id,
                    now(),
                ),
            }
        })
        .await
}

/// An organisation admin accepts or declines for their organisation; accepting makes them a member.
/// Declining once the organisation takes part withdraws it, which ends its people's memberships.
pub async fn decide_participation(
    state: &AppState,
    actor: &Actor,
    workspace_id: i64,
    accept: bool,
) -> AppResult<()> {
    let actor = *actor;
    state
        .transact(move |tx| {
            let scoped = load(
                tx,
                &actor,
                workspace_id,
                WorkspaceAction::DecideParticipation,
            )?;
            let now = now();
            let active = scoped.facts.own_participation == Some(Participation::Active);
            if active && accept {
                return Ok(());
            }
            if active {
                return withdraw(tx, &actor, &scoped, now);
            }
            let status = if accept {
                Participation::Active
            } else {
                Participation::Declined
            };
            Participant::upsert(
                tx,
                workspace_id,
                actor.organisation_id,
                status,
                actor.user_id,
                now,
            )?;
            if !accept {
                return Ok(());
            }
            if scoped.facts.role.is_none() {
                Member::insert(
                    tx,
                    workspace_id,
                    actor.user_id,
                    actor.organisation_id,
                    WorkspaceRole::Member,
                    Some(actor.user_id),
                    now,
                )?;
                channel::grant_public_channels(tx, workspace_id, actor.user_id, now)?;
            }
            tx.emit_in_workspace(
                EventKind::MembershipChanged,
                workspace_id,
                json!({"workspace_id": workspace_id, "organisation_id": actor.organisation_id}),
            );
            Ok(())
        })
        .await?;
    Ok(())
}

/// The caller's organisation leaves: every membership of its people ends with their channel
/// access, so their streams stop carrying the workspace at once. Coming back takes a new
/// invitation.
fn withdraw(
    tx: &mut Tx,
    actor: &Actor,
    scoped: &Scoped,
    now: chrono::NaiveDateTime,
) -> AppResult<()> {
    policy::workspace::withdraw(actor, &scoped.facts)?;
    let workspace_id = scoped.workspace.id;
    Participant::upsert(
        tx,
        workspace_id,
        actor.organisation_id,
        Participation::Left,
        actor.user_id,
        now,
    )?;
    for (member, _, _) in Member::list(tx, workspace_id)? {
        if member.organisation_id == actor.organisation_id {
            end_membership(tx, workspace_id, member.user_id)?;
        }
    }
    tx.emit_in_workspace(
        EventKind::MembershipChanged,
        workspace_id,
        json!({"workspace_id": workspace_id, "organisation_id": actor.organisation_id, "removed": true}),
    );
    Ok(())
}

/// Deletes a membership and the channel access that came with it; emits the events that tell
/// the workspace and the person.
fn end_membership(tx: &mut Tx, workspace_id: i64, user_id: i64) -> AppResult<()> {
    Member::delete(tx, workspace_id, user_id)?;
    channel::revoke_workspace_markers(tx, user_id, workspace_id)?;
    tx.emit_in_workspace(
        EventKind::MembershipChanged,
        workspace_id,
        json!({"workspace_id": workspace_id, "user_id": user_id, "removed": true}),
    );
    // The person removed learns it too, though no longer a member.
    tx.emit_to_user(
        EventKind::MembershipChanged,
        user_id,
        json!({"workspace_id": workspace_id, "removed": true}),
    );
    Ok(())
}

/// A member as the membership policy sees them.
pub fn target(conn: &mut DbConnection, workspace_id: i64, user_id: i64) -> AppResult<Target> {
    let member = Member::find(conn, workspace_id, user_id)?.ok_or_else(AppError::not_found)?;
    Ok(Target {
        user_id,
        organisation_id: member.organisation_id,
        role: member.role(),
        owners: Member::count_owners(conn, workspace_id)?,
    })
}

/// Adds a person who is not yet a member, as [`policy::workspace::add_member`] allows; someone
/// already a member answers 409 `already_member`.
pub async fn add_member(
    state: &AppState,
    actor: &Actor,
    workspace_id: i64,
    input: AddWorkspaceMember,
) -> AppResult<()> {
    let actor = *actor;
    state
        .transact(move |tx| {
            let workspace = Workspace::find(tx, workspace_id)?;
            let f = facts(tx, &actor, &workspace)?;
            let target = User::find(tx, input.user_id)
                .map_err(|_| AppError::invalid(ErrorCode::InvalidValue, "user_id"))?;
            policy::workspace::add_member(&actor, &f, target.organisation_id, input.role)?;
            let participates = Participant::find(tx, workspace_id, target.organisation_id)?
                .map(|p| p.status())
                == Some(Participation::Active);
            if !participates || !target.is_active() {
                // People of organisations outside the workspace cannot be added.
                return Err(AppError::invalid(ErrorCode::InvalidValue, "user_id"));
            }
            let now = now();
            // Roles change through one route only, where the whole rule is asked.
            if Member::find(tx, workspace_id, target.id)?.is_some() {
                return Err(AppError::conflict(ErrorCode::AlreadyMember, "user_id"));
            }
            Member::insert(
                tx,
                workspace_id,
                target.id,
                target.organisation_id,
                input.role,
                Some(actor.user_id),
                now,
            )?;
            channel::grant_public_channels(tx, workspace_id, target.id, now)?;
            tx.emit_in_workspace(
                EventKind::MembershipChanged,
                workspace_id,
                json!({"workspace_id": workspace_id, "user_id": target.id}),
            );
            Ok(())
        })
        .await?;
    Ok(())
}

/// Changes a member's role, as [`policy::workspace::change_role`] decides; audited.
pub async fn set_member_role(
    state: &AppState,
    actor: &Actor,
    workspace_id: i64,
    user_id: i64,
    role: WorkspaceRole,
) -> AppResult<()> {
    let actor = *actor;
    state
        .transact(move |tx| {
            let scoped = load(tx, &actor, workspace_id, WorkspaceAction::SeeSummary)?;
            let member = target(tx, workspace_id, user_id)?;
            policy::workspace::change_role(&actor, &scoped.facts, &member, role)?;
            if member.role == role {
                return Ok(());
            }
            Member::set_role(tx, workspace_id, user_id, role)?;
            audit_role(
                tx,
                &actor,
                &scoped.workspace,
                (user_id, member.organisation_id),
                Some(member.role),
                role,
                false,
            )?;
            tx.emit_in_workspace(
                EventKind::MembershipChanged,
                workspace_id,
                json!({"workspace_id": workspace_id, "user_id": user_id}),
            );
            Ok(())
        })
        .await?;
    Ok(())
}

/// Records a role change; `from` is `None` for someone who was not a member.
fn audit_role(
    conn: &mut DbConnection,
    actor: &Actor,
    workspace: &Workspace,
    (user_id, organisation_id): (i64, i64),
    from: Option<WorkspaceRole>,
    to: WorkspaceRole,
    restored: bool,
) -> AppResult<()> {
    audit::record(
        conn,
        audit::Event {
            organisation_id: Some(workspace.owner_organisation_id),
            actor: Some(actor.user_id),
            action: if restored {
                audit::Action::WorkspaceOwnerRestored
            } else {
                audit::Action::RoleChanged
            },
            target_type: "workspace_member",
            target_id: Some(user_id),
            detail: json!({
                "workspace_id": workspace.id,
                "organisation_id": organisation_id,
                "from": from.map(WorkspaceRole::as_str),
                "to": to.as_str(),
            }),
            client_address: None,
        },
        now(),
    )
}

/// Makes a person an owner to repair a workspace without a rightful owner: the network operator's
/// admins and the owning organisation's admins, as [`policy::workspace::restore_owner`] decides.
/// Someone not yet a member joins as owner. Audited.
pub async fn restore_owner(
    state: &AppState,
    actor: &Actor,
    workspace_id: i64,
    user_id: i64,
) -> AppResult<()> {
    let actor = *actor;
    state
        .transact(move |tx| {
            let workspace = Workspace::find(tx, workspace_id)?;
            let f = facts(tx, &actor, &workspace)?;
            let person = User::find(tx, user_id).ok().filter(User::is_active);
            let org = person.as_ref().map_or(0, |p| p.organisation_id);
            let participation = Participant::find(tx, workspace_id, org)?.map(|p| p.status());
            policy::workspace::restore_owner(&actor, &f, org, participation)?;
            let Some(person) = person else {
                return Err(AppError::invalid(ErrorCode::InvalidValue, "user_id"));
            };
            let now = now();
            let before = match Member::find(tx, workspace_id, user_id)? {
                Some(m) => Some(m.role()),
                None => {
                    Member::insert(
                        tx,
                        workspace_id,
                        user_id,
                        person.organisation_id,
                        WorkspaceRole::Owner,
                        Some(actor.user_id),
                        now,
                    )?;
                    channel::grant_public_channels(tx, workspace_id, user_id, now)?;
                    None
                }
            };
            Member::set_role(tx, workspace_id, user_id, WorkspaceRole::Owner)?;
            audit_role(
                tx,
                &actor,
                &workspace,
                (user_id, person.organisation_id),
                before,
                WorkspaceRole::Owner,
                true,
            )?;
            tx.emit_in_workspace(
                EventKind::MembershipChanged,
                workspace_id,
                json!({"workspace_id": workspace_id, "user_id": user_id}),
            );
            Ok(())
        })
        .await?;
    Ok(())
}

/// Ends a membership: moderators for anyone, organisation admins for their own people, and
/// anyone for themselves.
pub async fn remove_member(
    state: &AppState,
    actor: &Actor,
    workspace_id: i64,
    user_id: i64,
) -> AppResult<()> {
    let actor = *actor;
    state
        .transact(move |tx| {
            let workspace = Workspace::find(tx, workspace_id)?;
            let f = facts(tx, &actor, &workspace)?;
            decide(&actor, &f, WorkspaceAction::SeeSummary)?;
            let member = target(tx, workspace_id, user_id)?;
            policy::workspace::remove_member(&actor, &f, &member)?;
            end_membership(tx, workspace_id, user_id)
        })
        .await?;
    Ok(())
}

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
            let counts = crate::db::search::unread_counts(conn, actor.user_id)?;
            let org_admin = actor.role == agora_shared::api::OrgRole::Admin;
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
            let own_only = decide(&actor, &scoped.facts, WorkspaceAction::Read).is_err();
            if own_only {
                decide(&actor, &scoped.facts, WorkspaceAction::GovernOwnMembers)?;
            }
            Ok(Member::list(conn, workspace_id)?
                .into_iter()
                .filter(|(m, _, _)| !own_only || m.organisation_id == actor.organisation_id)
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
