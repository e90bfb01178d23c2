//! The digest as an email: subject, text and HTML in the reader's language, dates in their time
//! zone, each excerpt marked with its own language. The templates are
//! `templates/email/digest/{text.txt,body.html}` on the shared email layout; they print what
//! [`View`] prepared and decide nothing.

use askama::Template;
use chrono::{Datelike, NaiveDateTime, Timelike};

use super::content::{Digest, Excerpt, Reason, Section, Thread};
use super::period::zone;
use crate::i18n::Tr;
use crate::mail::templates::{Email, Rendered};

impl Email for Digest {
    const NAME: &'static str = "digest";

    fn render(&self, t: &Tr) -> askama::Result<Rendered> {
        let view = View::new(self, t);
        Ok(Rendered {
            subject: subject(self, t),
            text: DigestText { t, v: &view }.render()?,
            html: DigestHtml { t, v: &view }.render()?,
        })
    }
}

#[derive(Template)]
#[template(path = "email/digest/text.txt")]
struct DigestText<'a> {
    t: &'a Tr,
    v: &'a View,
}

#[derive(Template)]
#[template(path = "email/digest/body.html")]
struct DigestHtml<'a> {
    t: &'a Tr,
    v: &'a View,
}

/// The subject says what is waiting: "3 conversations for you in Mechelen–Bohicon, and 5 active
/// threads".
pub fn subject(d: &Digest, t: &Tr) -> String {
    let for_you: usize = d.sections.iter().map(|s| s.for_you.len()).sum();
    let active: usize = d.sections.iter().map(|s| s.active.len()).sum();
    // Sections come with the most for the reader first.
    let top = |pick: fn(&Section) -> usize| {
        d.sections
            .iter()
            .filter(|s| pick(s) > 0)
            .max_by_key(|s| pick(s))
            .and_then(|s| s.name.clone())
    };
    let first = if for_you > 0 {
        match top(|s| s.for_you.len()) {
            Some(ws) => Some(t.t2(
                "digest-subject-for-you-in",
                "count",
                for_you,
                "workspace",
                ws,
            )),
            None => Some(t.t1("digest-subject-for-you", "count", for_you)),
        }
    } else {
        None
    };
    match (first, active) {
        (Some(first), 0) => first,
        (Some(first), n) => t.t2("digest-subject-and-active", "first", first, "count", n),
        (None, 0) => t.t("digest-subject-new-workspaces"),
        (None, n) => match top(|s| s.active.len()) {
            Some(ws) => t.t2("digest-subject-active-in", "count", n, "workspace", ws),
            None => t.t1("digest-subject-active", "count", n),
        },
    }
}

/// A date and time in the reader's zone and language: "Monday 7 December, 08:00".
pub fn date(t: &Tr, at: NaiveDateTime, time_zone: &str) -> String {
    let local = at.and_utc().with_timezone(&zone(time_zone));
    t.targs(
        "digest-date",
        &[
            ("weekday", local.weekday().number_from_monday().to_string()),
            ("day", local.day().to_string()),
            ("month", local.month().to_string()),
            ("time", format!("{:02}:{:02}", local.hour(), local.minute())),
        ],
    )
}

/// What the templates print, prepared in the reader's language.
pub struct View {
    pub greeting: String,
    pub intro: String,
    pub without_content: bool,
    pub sections: Vec<SectionView>,
    pub new_workspaces: Vec<(String, String)>,
    pub settings_link: String,
    pub unsubscribe_link: String,
}

pub struct SectionView {
    pub heading: String,
    pub link: String,
    pub for_you: Vec<ThreadView>,
    pub active: Vec<ThreadView>,
    pub more: Option<String>,
    pub members: Option<String>,
    pub organisations: Option<String>,
    pub stop: Option<(String, String)>,
}

pub struct ThreadView {
    pub link: String,
    pub heading: String,
    /// The title's language, when the title is a quote.
    pub heading_lang: Option<String>,
    /// The title's language named, when it is not the reader's.
    pub heading_label: Option<String>,
    pub reason: String,
    pub meta: String,
    pub excerpts: Vec<ExcerptView>,
    pub more: Option<String>,
}

pub struct ExcerptView {
    pub author: String,
    pub at: String,
    pub text: String,
    pub lang: String,
    pub label: Option<String>,
}

fn label(t: &Tr, lang: &str) -> Option<String> {
    (!lang.is_empty() && lang != t.code()).then(|| t.autonym(lang))
}

impl View {
    pub fn new(d: &Digest, t: &Tr) -> View {
        let thread = |th: &Thread| {
            let reason = match th.reason {
                Reason::Mention => t.t("digest-reason-mention"),
                Reason::Reply => t.t("digest-reason-reply"),
                Reason::Direct => t.t("digest-reason-direct"),
                Reason::Active => t.t2(
                    "digest-activity",
                    "people",
                    th.participants,
                    "messages",
                    th.messages,
                ),
            };
            let excerpt = |e: &Excerpt| ExcerptView {
                author: e.author.clone(),
                at: date(t, e.at, &d.time_zone),
                text: e.text.clone(),
                label: label(t, &e.lang),
                lang: e.lang.clone(),
            };
            ThreadView {
                link: th.link.clone(),
                heading: th
                    .title
                    .clone()
                    .unwrap_or_else(|| t.t1("digest-untitled", "channel", &th.channel)),
                heading_lang: th.title.as_ref().map(|_| th.title_lang.clone()),
                heading_label: th.title.as_ref().and_then(|_| label(t, &th.title_lang)),
                reason,
                meta: t.t2(
                    "digest-channel-latest",
                    "channel",
                    &th.channel,
                    "date",
                    date(t, th.latest, &d.time_zone),
                ),
                excerpts: th.excerpts.iter().map(excerpt).collect(),
                more: (th.more > 0 && d.with_content)
                    .then(|| t.t1("digest-more-messages", "count", th.more)),
            }
        };
        let join = |names: Vec<String>| (!names.is_empty()).then(|| names.join(", "));
        View {
            greeting: t.t1("digest-greeting", "name", &d.name),
            intro: t.t("digest-intro"),
            without_content: !d.with_content,
            sections: d
                .sections
                .iter()
                .map(|s| SectionView {
                    heading: s
                        .name
                        .clone()
                        .unwrap_or_else(|| t.t("digest-direct-heading")),
                    link: s.link.clone(),
                    for_you: s.for_you.iter().map(&thread).collect(),
                    active: s.active.iter().map(&thread).collect(),
                    more: (s.more_threads > 0)
                        .then(|| t.t1("digest-more-threads", "count", s.more_threads)),
                    members: join(
                        s.new_members
                            .iter()
                            .map(|m| format!("{} ({})", m.name, m.organisation))
                            .collect(),
                    )
                    .map(|names| t.t1("digest-new-members", "names", names)),
                    organisations: join(s.new_organisations.clone())
                        .map(|names| t.t1("digest-new-organisations", "names", names)),
                    stop: s
                        .name
                        .as_ref()
                        .filter(|_| !s.stop_link.is_empty())
                        .map(|ws| {
                            (
                                s.stop_link.clone(),
                                t.t1("digest-stop-workspace", "workspace", ws),
                            )
                        }),
                })
                .collect(),
            new_workspaces: d
                .new_workspaces
                .iter()
                .map(|w| (w.name.clone(), w.link.clone()))
                .collect(),
            settings_link: d.settings_link.clone(),
            unsubscribe_link: d.unsubscribe_link.clone(),
        }
    }
}
