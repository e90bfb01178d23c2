//! Every email this version can send: the one list from the name an outbox row stores to the
//! email that renders it. It stands above the domains whose emails it names, so that the mail
//! worker below them is handed it (`Mailer::new`) instead of importing them.

use crate::digest::Digest;
use crate::i18n::Tr;
use crate::mail::templates::{
    Email, Invitation, InvitationConflict, Prerendered, RenderError, Rendered, Reset, SignInLink,
    WorkspaceInvited, render_as,
};
use crate::notifications::email::NotificationEmail;

/// Renders a stored email: `template` names it, `context` is its JSON.
pub fn render(template: &str, context: &str, t: &Tr) -> Result<Rendered, RenderError> {
    match template {
        Invitation::NAME => render_as::<Invitation>(context, t),
        InvitationConflict::NAME => render_as::<InvitationConflict>(context, t),
        Reset::NAME => render_as::<Reset>(context, t),
        SignInLink::NAME => render_as::<SignInLink>(context, t),
        NotificationEmail::NAME => render_as::<NotificationEmail>(context, t),
        Prerendered::NAME => render_as::<Prerendered>(context, t),
        Digest::NAME => render_as::<Digest>(context, t),
        WorkspaceInvited::NAME => render_as::<WorkspaceInvited>(context, t),
        other => Err(RenderError::UnknownTemplate(other.to_string())),
    }
}
