//! The mention and direct-message email: its stored context ([`NotificationEmail`], what the
//! outbox row keeps) and its rendering in the reader's language, at send time. Excerpts are text
//! taken from the sanitized message and escaped here like any text; each keeps its own `lang`
//! and, when it is not the reader's language, a visible label.

use askama::Template;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::pending::Kind;
use crate::i18n::Tr;
use crate::mail::templates::{Email, Rendered};

/// One email: every waiting mention and direct message of one person, grouped per conversation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NotificationEmail {
    /// The reader's display name.
    pub name: String,
    /// The reader's time zone, for the times shown.
    pub time_zone: String,
    pub mentions: usize,
    pub directs: usize,
    /// The one workspace all messages come from, named in the subject; `None` when they come
    /// from several, or from direct conversations.
    pub workspace: Option<String>,
    pub conversations: Vec<Conversation>,
    /// Messages counted in the subject but left out of the body, to keep the email light.
    pub more: usize,
    pub settings_link: String,
    /// The body's copy of the `List-Unsubscribe` link: stops these emails.
    pub stop_link: String,
}

/// A channel or a direct conversation, with the reader's messages there.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Conversation {
    /// The channel's name, or the other participants of a direct conversation.
    pub name: String,
    /// The channel's workspace; `None` for a direct conversation.
    pub workspace: Option<String>,
    /// Stops all email from the workspace.
    pub stop_workspace_link: Option<String>,
    pub messages: Vec<Entry>,
}

/// One message addressed to the reader.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub kind: Kind,
    pub author: String,
    pub organisation: String,
    /// When it was posted (UTC).
    pub at: NaiveDateTime,
    pub excerpt: Excerpt,
    /// The message it answers in a thread, or the one before it in the conversation.
    pub context: Option<Context>,
    /// The thread or the place in the channel, signed in or not (sign-in leads back to it).
    pub link: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Context {
    /// The thread's first message, rather than the previous one in the channel.
    pub thread_root: bool,
    pub author: String,
    pub excerpt: Excerpt,
}

/// Plain text of a message, cut short, with its language tag.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Excerpt {
    /// Empty for a message of files only.
    pub text: String,
    pub lang: String,
}

/// Characters of a message kept in an excerpt.
pub const EXCERPT_CHARS: usize = 280;

impl Excerpt {
    /// The excerpt of `plain` (text, not HTML), whitespace collapsed, cut at a word near
    /// [`EXCERPT_CHARS`].
    pub fn of(plain: &str, lang: &str) -> Excerpt {
        let text = crate::messaging::render::shorten(plain, EXCERPT_CHARS);
        Excerpt {
            text,
            lang: lang.to_string(),
        }
    }
}

/// What the templates show: every string ready, in the reader's language.
struct View {
    subject: String,
    greeting: String,
    intro: String,
    conversations: Vec<ConversationView>,
    more: Option<String>,
    open: String,
    settings: String,
    stop: String,
    settings_link: String,
    stop_link: String,
}

struct ConversationView {
    heading: String,
    messages: Vec<MessageView>,
    stop_workspace: Option<StopLink>,
}

struct StopLink {
    label: String,
    link: String,
}

struct MessageView {
    line: String,
    when: String,
    context: Option<QuoteView>,
    quote: QuoteView,
    link: String,
}

struct QuoteView {
    /// Who wrote it, for the context line; empty for the message itself.
    line: String,
    text: String,
    lang: String,
    /// The excerpt's language, when it is not the reader's.
    label: Option<String>,
}

#[derive(Template)]
#[template(path = "email/notification/text.txt")]
struct Text<'a> {
    t: &'a Tr,
    view: &'a View,
}

#[derive(Template)]
#[template(path = "email/notification/body.html")]
struct Html<'a> {
    t: &'a Tr,
    view: &'a View,
}

impl NotificationEmail {
    pub fn subject(&self, t: &Tr) -> String {
        let place = self
            .workspace
            .clone()
            .unwrap_or_else(|| "Agora".to_string());
        match (self.mentions, self.directs) {
            (m, 0) => t.t2("notify-subject-mentions", "count", m, "place", place),
            (0, d) => t.t2("notify-subject-directs", "count", d, "place", place),
            (m, d) => t.targs(
                "notify-subject-both",
                &[
                    ("mentions", m.to_string()),
                    ("directs", d.to_string()),
                    ("place", place),
                ],
            ),
        }
    }

    fn quote(&self, t: &Tr, line: String, excerpt: &Excerpt) -> QuoteView {
        if excerpt.text.is_empty() {
            return QuoteView {
                line,
                text: t.t("notify-files-only"),
                lang: t.code().to_string(),
                label: None,
            };
        }
        let primary = excerpt.lang.split('-').next().unwrap_or_default();
        QuoteView {
            line,
            text: excerpt.text.clone(),
            lang: excerpt.lang.clone(),
            label: (!primary.eq_ignore_ascii_case(t.code()))
                .then(|| t.t1("notify-language", "language", t.autonym(primary))),
        }
    }

    fn view(&self, t: &Tr) -> View {
        let conversations = self
            .conversations
            .iter()
            .map(|c| ConversationView {
                heading: match &c.workspace {
                    Some(ws) => t.t2(
                        "notify-channel-heading",
                        "channel",
                        &c.name,
                        "workspace",
                        ws,
                    ),
                    None => t.t1("notify-direct-heading", "names", &c.name),
                },
                messages: c
                    .messages
                    .iter()
                    .map(|m| MessageView {
                        line: match m.kind {
                            Kind::Mention => t.t2(
                                "notify-mentioned-you",
                                "author",
                                &m.author,
                                "organisation",
                                &m.organisation,
                            ),
                            Kind::Direct => t.t2(
                                "notify-wrote-to-you",
                                "author",
                                &m.author,
                                "organisation",
                                &m.organisation,
                            ),
                        },
                        when: crate::time::display(m.at, &self.time_zone, t),
                        context: m.context.as_ref().map(|c| {
                            let line = if c.thread_root {
                                t.t1("notify-in-reply-to", "author", &c.author)
                            } else {
                                t.t1("notify-earlier", "author", &c.author)
                            };
                            self.quote(t, line, &c.excerpt)
                        }),
                        quote: self.quote(t, String::new(), &m.excerpt),
                        link: m.link.clone(),
                    })
                    .collect(),
                stop_workspace: match (&c.workspace, &c.stop_workspace_link) {
                    (Some(ws), Some(link)) => Some(StopLink {
                        label: t.t1("notify-stop-workspace", "workspace", ws),
                        link: link.clone(),
                    }),
                    _ => None,
                },
            })
            .collect();
        View {
            subject: self.subject(t),
            greeting: t.t1("notify-greeting", "name", &self.name),
            intro: t.t("notify-intro"),
            conversations,
            more: (self.more > 0).then(|| t.t1("notify-more", "count", self.more)),
            open: t.t("notify-open"),
            settings: t.t("notify-settings"),
            stop: t.t("notify-stop"),
            settings_link: self.settings_link.clone(),
            stop_link: self.stop_link.clone(),
        }
    }
}

impl Email for NotificationEmail {
    const NAME: &'static str = "notification";

    fn render(&self, t: &Tr) -> askama::Result<Rendered> {
        let view = self.view(t);
        Ok(Rendered {
            subject: view.subject.clone(),
            text: Text { t, view: &view }.render()?,
            html: Html { t, view: &view }.render()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use agora_shared::api::Language;

    use super::*;
    use crate::i18n::I18n;

    fn email(mentions: usize, directs: usize, workspace: Option<&str>) -> NotificationEmail {
        NotificationEmail {
            name: "Awa".into(),
            time_zone: "Africa/Dakar".into(),
            mentions,
            directs,
            workspace: workspace.map(str::to_string),
            conversations: Vec::new(),
            more: 0,
            settings_link: "https://agora.example/settings/email".into(),
            stop_link: "https://agora.example/unsubscribe/t".into(),
        }
    }

    #[test]
    fn subjects_count_in_each_language() {
        let i18n = Arc::new(I18n::load().expect("locales"));
        let subject = |lang, m, d, ws| email(m, d, ws).subject(&Tr::new(i18n.clone(), lang));
        let twinning = Some("Louga – Herzele");
        for (lang, both, one_mention, directs) in [
            (
                Language::En,
                "2 mentions and 3 direct messages in Agora",
                "1 mention in Louga – Herzele",
                "2 direct messages in Agora",
            ),
            (
                Language::Nl,
                "2 vermeldingen en 3 privéberichten in Agora",
                "1 vermelding in Louga – Herzele",
                "2 privéberichten in Agora",
            ),
            (
                Language::Fr,
                "2 mentions et 3 messages directs dans Agora",
                "1 mention dans Louga – Herzele",
                "2 messages directs dans Agora",
            ),
            (
                Language::Es,
                "2 menciones y 3 mensajes directos en Agora",
                "1 mención en Louga – Herzele",
                "2 mensajes directos en Agora",
            ),
        ] {
            assert_eq!(subject(lang, 2, 3, None), both);
            assert_eq!(subject(lang, 1, 0, twinning), one_mention);
            assert_eq!(subject(lang, 0, 2, None), directs);
            let rendered = email(1, 0, twinning)
                .render(&Tr::new(i18n.clone(), lang))
                .expect("renders");
            assert!(
                rendered
                    .html
                    .contains(&format!("<html lang=\"{}\">", lang.as_str()))
            );
            assert!(rendered.text.starts_with(one_mention), "{}", rendered.text);
        }
    }

    #[test]
    fn excerpts_collapse_whitespace_and_stop_at_a_word() {
        assert_eq!(Excerpt::of("  twee\n\nwoorden ", "nl").text, "twee woorden");
        let long = "woord ".repeat(100);
        let cut = Excerpt::of(&long, "nl").text;
        assert!(cut.ends_with("woord…"), "{cut}");
        assert!(cut.chars().count() <= EXCERPT_CHARS + 1);
        let unbroken = "é".repeat(400);
        assert_eq!(
            Excerpt::of(&unbroken, "fr").text.chars().count(),
            EXCERPT_CHARS + 1
        );
    }
}
