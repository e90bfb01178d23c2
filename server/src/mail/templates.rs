//! What an email is, and the emails of accounts. Each has a folder `templates/email/<name>/` with
//! `text.txt` and `body.html` (on the shared layout `templates/email/base.html`), a Fluent subject,
//! and a typed context: what the outbox row stores as JSON and the worker renders at send time, in
//! the recipient's language.
//!
//! The one list from stored name to email is `crate::emails::render`, above the domains whose
//! emails it names; the worker is handed it as a [`Renderer`]. A name it does not know, or a
//! context that no longer fits its email, is an error the worker gives up on (retrying cannot fix
//! it).

use askama::Template;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::i18n::Tr;

/// An email as it goes out: subject, plain text and HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Why a stored email cannot be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("unknown email template `{0}`")]
    UnknownTemplate(String),
    #[error("the context of email `{template}` does not fit it: {error}")]
    Context {
        template: &'static str,
        error: serde_json::Error,
    },
    #[error("email `{template}` does not render: {error}")]
    Template {
        template: &'static str,
        error: askama::Error,
    },
}

/// The context of one email: stored with its outbox row, rendered when the row is sent.
pub trait Email: Serialize + DeserializeOwned {
    /// The template folder's name, stored in the row.
    const NAME: &'static str;

    fn render(&self, t: &Tr) -> askama::Result<Rendered>;

    /// Headers the email carries besides From, To, Subject and Message-ID. Everything sent today
    /// is sent by the platform itself, which auto-responders should not answer (RFC 3834).
    fn headers(&self) -> Vec<(String, String)> {
        vec![("Auto-Submitted".into(), "auto-generated".into())]
    }
}

/// Renders a stored email: `template` names it, `context` is its JSON.
pub type Renderer = fn(template: &str, context: &str, t: &Tr) -> Result<Rendered, RenderError>;

/// Renders `context` as the email `E`.
pub fn render_as<E: Email>(context: &str, t: &Tr) -> Result<Rendered, RenderError> {
    let email: E = serde_json::from_str(context).map_err(|error| RenderError::Context {
        template: E::NAME,
        error,
    })?;
    email.render(t).map_err(|error| RenderError::Template {
        template: E::NAME,
        error,
    })
}

/// An invitation to join an organisation, with its acceptance link.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Invitation {
    pub inviter: String,
    pub organisation: String,
    pub link: String,
    /// Days until the link expires.
    pub days: i64,
}

#[derive(Template)]
#[template(path = "email/invitation/text.txt")]
struct InvitationText<'a> {
    t: &'a Tr,
    email: &'a Invitation,
}

#[derive(Template)]
#[template(path = "email/invitation/body.html")]
struct InvitationHtml<'a> {
    t: &'a Tr,
    email: &'a Invitation,
}

impl Email for Invitation {
    const NAME: &'static str = "invitation";

    fn render(&self, t: &Tr) -> askama::Result<Rendered> {
        Ok(Rendered {
            subject: t.t1(
                "email-invitation-subject",
                "organisation",
                &self.organisation,
            ),
            text: InvitationText { t, email: self }.render()?,
            html: InvitationHtml { t, email: self }.render()?,
        })
    }
}

/// To someone who already has an account, when another organisation invites their address: the
/// inviting organisation is not told, so the person is. No link: accepting could only fail.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InvitationConflict {
    /// The person's display name.
    pub name: String,
    pub inviter: String,
    pub organisation: String,
}

#[derive(Template)]
#[template(path = "email/invitation_conflict/text.txt")]
struct InvitationConflictText<'a> {
    t: &'a Tr,
    email: &'a InvitationConflict,
}

#[derive(Template)]
#[template(path = "email/invitation_conflict/body.html")]
struct InvitationConflictHtml<'a> {
    t: &'a Tr,
    email: &'a InvitationConflict,
}

impl Email for InvitationConflict {
    const NAME: &'static str = "invitation_conflict";

    fn render(&self, t: &Tr) -> askama::Result<Rendered> {
        Ok(Rendered {
            subject: t.t1(
                "email-invitation-conflict-subject",
                "organisation",
                &self.organisation,
            ),
            text: InvitationConflictText { t, email: self }.render()?,
            html: InvitationConflictHtml { t, email: self }.render()?,
        })
    }
}

/// A password reset link.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Reset {
    /// The person's display name.
    pub name: String,
    pub link: String,
    /// Minutes until the link expires.
    pub minutes: i64,
}

#[derive(Template)]
#[template(path = "email/reset/text.txt")]
struct ResetText<'a> {
    t: &'a Tr,
    email: &'a Reset,
}

#[derive(Template)]
#[template(path = "email/reset/body.html")]
struct ResetHtml<'a> {
    t: &'a Tr,
    email: &'a Reset,
}

impl Email for Reset {
    const NAME: &'static str = "reset";

    fn render(&self, t: &Tr) -> askama::Result<Rendered> {
        Ok(Rendered {
            subject: t.t("email-reset-subject"),
            text: ResetText { t, email: self }.render()?,
            html: ResetHtml { t, email: self }.render()?,
        })
    }
}

/// A one-time sign-in link.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignInLink {
    /// The person's display name.
    pub name: String,
    pub link: String,
    /// Minutes until the link expires.
    pub minutes: i64,
}

#[derive(Template)]
#[template(path = "email/sign_in_link/text.txt")]
struct SignInLinkText<'a> {
    t: &'a Tr,
    email: &'a SignInLink,
}

#[derive(Template)]
#[template(path = "email/sign_in_link/body.html")]
struct SignInLinkHtml<'a> {
    t: &'a Tr,
    email: &'a SignInLink,
}

impl Email for SignInLink {
    const NAME: &'static str = "sign_in_link";

    fn render(&self, t: &Tr) -> askama::Result<Rendered> {
        Ok(Rendered {
            subject: t.t("email-signin-link-subject"),
            text: SignInLinkText { t, email: self }.render()?,
            html: SignInLinkHtml { t, email: self }.render()?,
        })
    }
}

/// A row queued before emails were rendered at send time (migration
/// `2026-12-01-000004_outbox_templates` moved its bodies here): it goes out as it was rendered.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Prerendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Email for Prerendered {
    const NAME: &'static str = "prerendered";

    fn render(&self, _: &Tr) -> askama::Result<Rendered> {
        Ok(Rendered {
            subject: self.subject.clone(),
            text: self.text.clone(),
            html: self.html.clone(),
        })
    }
}

/// To an organisation's administrators when another organisation invites it into a workspace:
/// they decide for it, on their home page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkspaceInvited {
    /// The administrator's display name.
    pub name: String,
    /// The inviting organisation.
    pub inviter: String,
    /// The invited organisation.
    pub organisation: String,
    pub workspace: String,
    pub link: String,
}

#[derive(Template)]
#[template(path = "email/workspace_invited/text.txt")]
struct WorkspaceInvitedText<'a> {
    t: &'a Tr,
    email: &'a WorkspaceInvited,
    intro: String,
}

#[derive(Template)]
#[template(path = "email/workspace_invited/body.html")]
struct WorkspaceInvitedHtml<'a> {
    t: &'a Tr,
    email: &'a WorkspaceInvited,
    intro: String,
}

impl Email for WorkspaceInvited {
    const NAME: &'static str = "workspace_invited";

    fn render(&self, t: &Tr) -> askama::Result<Rendered> {
        let intro = t.targs(
            "email-workspace-invited-intro",
            &[
                ("inviter", self.inviter.clone()),
                ("organisation", self.organisation.clone()),
                ("workspace", self.workspace.clone()),
            ],
        );
        Ok(Rendered {
            subject: t.t1(
                "email-workspace-invited-subject",
                "workspace",
                &self.workspace,
            ),
            text: WorkspaceInvitedText {
                t,
                email: self,
                intro: intro.clone(),
            }
            .render()?,
            html: WorkspaceInvitedHtml {
                t,
                email: self,
                intro,
            }
            .render()?,
        })
    }
}
