//! The facts a channel decision needs, loaded in the same query as the object it is about.
//!
//! [`with_caller_facts!`] joins the channel's workspace, the caller's membership of it, their
//! organisation's participation and their channel membership onto any query that has `channels`
//! in it; [`caller_rows!`] selects those rows and [`channel_facts`] turns them into
//! [`ChannelFacts`]. A missing channel and one of another tenant then cost the same single query
//! and answer the same 404. [`ChannelScope::load`] is that query for callers that need the facts
//! only; [`WorkspaceScope::load`] is its counterpart for a workspace.

use agora_shared::conversations::ChannelKind;
use agora_shared::ids::{ChannelId, WorkspaceId};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::Actor;
use super::workspace::facts::{CallerRows, ChannelTraits, channel_facts, workspace_facts};
use super::workspace::{
    ChannelAction, ChannelFacts, WorkspaceAction, WorkspaceFacts, channel as decide,
    workspace as decide_workspace,
};
use crate::db::DbConnection;
use crate::db::schema::{channels, workspace_members, workspace_organisations, workspaces};
use crate::error::{AppError, AppResult};
use crate::workspaces::model::{Member, Participant, Workspace};

/// Joins the caller's facts (see the module) onto `$query`, which must contain `channels`.
macro_rules! with_caller_facts {
    ($query:expr, $actor:expr) => {{
        use $crate::db::schema::{
            channel_members as cm, channels as ch, workspace_members as wm,
            workspace_organisations as wo, workspaces as ws,
        };
        $query
            .left_join(ws::table.on(ch::workspace_id.eq(ws::id.nullable())))
            .left_join(
                wm::table.on(ch::workspace_id
                    .eq(wm::workspace_id.nullable())
                    .and(wm::user_id.eq($actor.user_id))),
            )
            .left_join(
                wo::table.on(ch::workspace_id
                    .eq(wo::workspace_id.nullable())
                    .and(wo::organisation_id.eq($actor.organisation_id))),
            )
            .left_join(
                cm::table.on(cm::channel_id
                    .eq(ch::id)
                    .and(cm::user_id.eq($actor.user_id))),
            )
    }};
}
pub(crate) use with_caller_facts;

/// Selects what [`with_caller_facts!`] joined, as a [`CallerRows`].
macro_rules! caller_rows {
    () => {
        (
            Option::<$crate::workspaces::model::Workspace>::as_select(),
            Option::<$crate::workspaces::model::Member>::as_select(),
            Option::<$crate::workspaces::model::Participant>::as_select(),
            $crate::db::schema::channel_members::user_id.nullable(),
        )
    };
}
pub(crate) use caller_rows;

/// A channel and the caller's facts about it, loaded in one query, once per request.
#[derive(Debug, Clone, Copy)]
pub struct ChannelScope {
    pub channel_id: ChannelId,
    pub workspace_id: Option<WorkspaceId>,
    pub facts: ChannelFacts,
}

impl ChannelScope {
    /// Loads the scope of `channel_id` for `actor`; a missing channel is a 404.
    pub fn load(
        conn: &mut DbConnection,
        actor: &Actor,
        channel_id: ChannelId,
    ) -> AppResult<ChannelScope> {
        let (id, workspace_id, private, kind, archived_at, rows) =
            with_caller_facts!(channels::table, actor)
                .filter(channels::id.eq(channel_id.get()))
                .select((
                    channels::id,
                    channels::workspace_id,
                    channels::private,
                    channels::kind,
                    channels::archived_at,
                    caller_rows!(),
                ))
                .first::<(
                    i64,
                    Option<i64>,
                    bool,
                    ChannelKind,
                    Option<NaiveDateTime>,
                    CallerRows,
                )>(conn)
                .optional()?
                .ok_or_else(AppError::not_found)?;
        let traits = ChannelTraits {
            private,
            direct: kind == ChannelKind::Direct,
            archived: archived_at.is_some(),
        };
        Ok(ChannelScope {
            channel_id: ChannelId::new(id),
            workspace_id: workspace_id.map(WorkspaceId::new),
            facts: channel_facts(traits, &rows),
        })
    }

    /// Decides `action` on this channel for the actor it was loaded for.
    pub fn decide(&self, actor: &Actor, action: ChannelAction) -> AppResult<()> {
        decide(actor, &self.facts, action)
    }
}

/// A workspace and the caller's facts about it (their membership and their organisation's
/// participation), loaded in one query, once per request.
#[derive(Debug, Clone)]
pub struct WorkspaceScope {
    pub workspace: Workspace,
    pub facts: WorkspaceFacts,
}

impl WorkspaceScope {
    /// Loads the scope of `workspace_id` for `actor` without deciding anything; a missing
    /// workspace is a 404, like one the caller may not see once they ask [`Self::decide`].
    pub fn load(
        conn: &mut DbConnection,
        actor: &Actor,
        workspace_id: i64,
    ) -> AppResult<WorkspaceScope> {
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
        let facts = workspace_facts(&workspace, member.as_ref(), participant.as_ref());
        Ok(WorkspaceScope { workspace, facts })
    }

    /// Decides `action` on this workspace for the actor it was loaded for.
    pub fn decide(&self, actor: &Actor, action: WorkspaceAction) -> AppResult<()> {
        decide_workspace(actor, &self.facts, action)
    }
}
