//! Append-only audit trail of security-relevant and administrative actions.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::audit_events;
use crate::error::AppResult;

/// What happened. The wire names are stable: operators query them.
#[derive(Debug, Clone, Copy)]
pub enum Action {
    SetupCompleted,
    SignInSucceeded,
    SignInFailed,
    SignedOut,
    InvitationCreated,
    InvitationRevoked,
    InvitationAccepted,
    PasswordResetRequested,
    PasswordResetCompleted,
    PasswordChanged,
    RoleChanged,
    UserDeactivated,
    UserReactivated,
    OrganisationCreated,
    OrganisationUpdated,
    OrganisationSuspended,
    OrganisationReactivated,
    WorkspaceOwnerRestored,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::SetupCompleted => "setup.completed",
            Action::SignInSucceeded => "signin.succeeded",
            Action::SignInFailed => "signin.failed",
            Action::SignedOut => "signin.signed_out",
            Action::InvitationCreated => "invitation.created",
            Action::InvitationRevoked => "invitation.revoked",
            Action::InvitationAccepted => "invitation.accepted",
            Action::PasswordResetRequested => "password.reset_requested",
            Action::PasswordResetCompleted => "password.reset_completed",
            Action::PasswordChanged => "password.changed",
            Action::RoleChanged => "member.role_changed",
            Action::UserDeactivated => "member.deactivated",
            Action::UserReactivated => "member.reactivated",
            Action::OrganisationCreated => "organisation.created",
            Action::OrganisationUpdated => "organisation.updated",
            Action::OrganisationSuspended => "organisation.suspended",
            Action::OrganisationReactivated => "organisation.reactivated",
            Action::WorkspaceOwnerRestored => "workspace.owner_restored",
        }
    }
}

#[derive(Insertable)]
#[diesel(table_name = audit_events)]
struct NewAuditEvent<'a> {
    organisation_id: Option<i64>,
    actor_user_id: Option<i64>,
    action: &'a str,
    target_type: &'a str,
    target_id: Option<i64>,
    detail: &'a str,
    client_address: Option<&'a str>,
    created_at: NaiveDateTime,
}

/// One audit record; written in the same transaction as the change it describes.
pub struct Event<'a> {
    pub organisation_id: Option<i64>,
    pub actor: Option<i64>,
    pub action: Action,
    pub target_type: &'a str,
    pub target_id: Option<i64>,
    /// Small JSON object; never secrets or message bodies.
    pub detail: serde_json::Value,
    pub client_address: Option<&'a str>,
}

pub fn record(conn: &mut DbConnection, event: Event, now: NaiveDateTime) -> AppResult<()> {
    let detail = event.detail.to_string();
    diesel::insert_into(audit_events::table)
        .values(&NewAuditEvent {
            organisation_id: event.organisation_id,
            actor_user_id: event.actor,
            action: event.action.as_str(),
            target_type: event.target_type,
            target_id: event.target_id,
            detail: &detail,
            client_address: event.client_address,
            created_at: now,
        })
        .execute(conn)?;
    Ok(())
}

/// An audit record as listed: action, organisation, target.
pub type AuditLine = (String, Option<i64>, Option<i64>);

/// Recent actions, newest first, for tests and future admin pages.
pub fn list_actions(conn: &mut DbConnection, limit: i64) -> AppResult<Vec<AuditLine>> {
    Ok(audit_events::table
        .order(audit_events::id.desc())
        .limit(limit)
        .select((
            audit_events::action,
            audit_events::organisation_id,
            audit_events::target_id,
        ))
        .load(conn)?)
}
