//! One template pair (text and HTML) per email, rendered in the recipient's language. The
//! subject is a Fluent message; the shared HTML layout is `templates/email/base.html`.

use askama::Template;

use super::OutgoingEmail;
use crate::i18n::Tr;

#[derive(Template)]
#[template(path = "email/invitation.txt")]
struct InvitationText<'a> {
    t: &'a Tr,
    inviter: &'a str,
    organisation: &'a str,
    link: &'a str,
    days: i64,
}

#[derive(Template)]
#[template(path = "email/invitation.html")]
struct InvitationHtml<'a> {
    t: &'a Tr,
    inviter: &'a str,
    organisation: &'a str,
    link: &'a str,
    days: i64,
}

#[derive(Template)]
#[template(path = "email/reset.txt")]
struct ResetText<'a> {
    t: &'a Tr,
    name: &'a str,
    link: &'a str,
    minutes: i64,
}

#[derive(Template)]
#[template(path = "email/reset.html")]
struct ResetHtml<'a> {
    t: &'a Tr,
    name: &'a str,
    link: &'a str,
    minutes: i64,
}

pub struct Invitation<'a> {
    pub key: String,
    pub to: &'a str,
    pub inviter: &'a str,
    pub organisation: &'a str,
    pub link: &'a str,
    pub days: i64,
}

pub fn invitation(t: &Tr, i: Invitation) -> anyhow::Result<OutgoingEmail> {
    Ok(OutgoingEmail {
        key: i.key,
        to: i.to.to_string(),
        subject: t.t1("email-invitation-subject", "organisation", i.organisation),
        text: InvitationText {
            t,
            inviter: i.inviter,
            organisation: i.organisation,
            link: i.link,
            days: i.days,
        }
        .render()?,
        html: InvitationHtml {
            t,
            inviter: i.inviter,
            organisation: i.organisation,
            link: i.link,
            days: i.days,
        }
        .render()?,
    })
}

pub struct Reset<'a> {
    pub key: String,
    pub to: &'a str,
    pub name: &'a str,
    pub link: &'a str,
    pub minutes: i64,
}

pub fn reset(t: &Tr, r: Reset) -> anyhow::Result<OutgoingEmail> {
    Ok(OutgoingEmail {
        key: r.key,
        to: r.to.to_string(),
        subject: t.t("email-reset-subject"),
        text: ResetText {
            t,
            name: r.name,
            link: r.link,
            minutes: r.minutes,
        }
        .render()?,
        html: ResetHtml {
            t,
            name: r.name,
            link: r.link,
            minutes: r.minutes,
        }
        .render()?,
    })
}

#[derive(Template)]
#[template(path = "email/invitation_conflict.txt")]
struct InvitationConflictText<'a> {
    t: &'a Tr,
    name: &'a str,
    inviter: &'a str,
    organisation: &'a str,
}

#[derive(Template)]
#[template(path = "email/invitation_conflict.html")]
struct InvitationConflictHtml<'a> {
    t: &'a Tr,
    name: &'a str,
    inviter: &'a str,
    organisation: &'a str,
}

/// To someone who already has an account, when another organisation invites their address: the
/// inviting organisation is not told, so the person is.
pub struct InvitationConflict<'a> {
    pub key: String,
    pub to: &'a str,
    pub name: &'a str,
    pub inviter: &'a str,
    pub organisation: &'a str,
}

pub fn invitation_conflict(t: &Tr, c: InvitationConflict) -> anyhow::Result<OutgoingEmail> {
    Ok(OutgoingEmail {
        key: c.key,
        to: c.to.to_string(),
        subject: t.t1(
            "email-invitation-conflict-subject",
            "organisation",
            c.organisation,
        ),
        text: InvitationConflictText {
            t,
            name: c.name,
            inviter: c.inviter,
            organisation: c.organisation,
        }
        .render()?,
        html: InvitationConflictHtml {
            t,
            name: c.name,
            inviter: c.inviter,
            organisation: c.organisation,
        }
        .render()?,
    })
}
