//! HTML pages of conversations: a channel's history with its composer, threads, editing and
//! deleting, reactions and search. Everything works with plain forms (Post/Redirect/Get); with
//! JavaScript, `static/agora.js` posts the same forms through htmx and keeps the page live by
//! fetching single messages from `/messages/{id}/fragment` when events arrive.
//!
//! Every decision is the service's and the policy's: a control is shown when the policy allows
//! it, and a post that the service refuses anyway comes back as an error.

pub mod channel;
pub mod edit;
pub mod fragment;
pub mod mentions;
pub mod post;
pub mod preferences;
pub mod reaction;
pub mod reactions;
pub mod thread;
pub mod upload_form;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse};
use agora_shared::ErrorCode;
use agora_shared::conversations::{MessageView, ReactionView};
use agora_shared::limits::MAX_ATTACHMENTS_PER_MESSAGE;

use super::attachments;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::policy::Actor;
use crate::policy::workspace::{self as rules, ChannelAction, ChannelFacts};
use crate::state::AppState;
use crate::web::options::{Opt, READ_LANGUAGES};
use crate::web::page::see_other;

/// Reactions offered on every message, besides those it already has.
const QUICK_REACTIONS: &[&str] = &["👍", "❤️", "😀", "🎉", "🙏", "👀"];

/// Header naming the message a form post created or changed, so the script can show it at once.
const MESSAGE_HEADER: &str = "X-Agora-Message";

// ---------------------------------------------------------------------------------------------
// What the templates show
// ---------------------------------------------------------------------------------------------

/// An attachment link.
pub struct FileItem {
    pub url: String,
    pub name: String,
    pub size: String,
    /// Raster images open in the browser; everything else downloads.
    pub image: bool,
    /// The thumbnail shown in the message, with its size so the page does not jump.
    pub preview: Option<agora_shared::conversations::PreviewView>,
}

/// One message as `partials/message.html` shows it to one reader.
pub struct MessageItem {
    pub id: i64,
    pub author_id: i64,
    pub author: String,
    pub organisation: String,
    /// Where the message is, with its anchor (channel around it, or its thread).
    pub href: String,
    pub time_iso: String,
    pub time: String,
    /// Sanitized when it was written (`render`); empty once deleted.
    pub html: String,
    pub deleted: bool,
    /// The language tag of the text, for `lang`.
    pub language: String,
    /// "NL", shown beside the text.
    pub language_code: String,
    /// The language's own name, for screen readers.
    pub language_name: String,
    pub edited: bool,
    pub reactions: Vec<ReactionView>,
    pub files: Vec<FileItem>,
    pub reply_count: i64,
    /// Shown on its thread page: no link to the thread, reaction posts come back to the thread.
    pub in_thread: bool,
    /// A top-level message outside its thread page: it links to its thread.
    pub show_thread: bool,
    pub can_react: bool,
    pub can_edit: bool,
    pub can_delete: bool,
    /// The message a jump (`?around=`) was for.
    pub target: bool,
}

impl MessageItem {
    pub fn quick_reactions(&self) -> &'static [&'static str] {
        QUICK_REACTIONS
    }
}

/// The reader and what the policy lets them do in one channel.
pub struct Viewer<'a> {
    pub t: &'a Tr,
    pub actor: Actor,
    pub time_zone: String,
    pub facts: ChannelFacts,
}

impl Viewer<'_> {
    fn can_post(&self) -> bool {
        rules::channel(&self.actor, &self.facts, ChannelAction::Post).is_ok()
    }

    pub fn item(&self, v: MessageView, in_thread: bool, target: Option<i64>) -> MessageItem {
        let t = self.t;
        let created = chrono::DateTime::parse_from_rfc3339(&v.created_at)
            .map(|d| d.naive_utc())
            .unwrap_or_default();
        let href = match v.thread_root_id {
            Some(root) => format!("/messages/{root}/thread#m{}", v.id),
            None if in_thread => format!("/messages/{}/thread#m{}", v.id, v.id),
            None => format!("/channels/{}?around={}#m{}", v.channel_id, v.seq, v.id),
        };
        let alive = !v.deleted;
        let files = v
            .attachments
            .into_iter()
            .map(|a| FileItem {
                image: attachments::inline(&a.content_type),
                size: file_size(t, a.size_bytes),
                url: a.url,
                name: a.file_name,
                preview: a.preview,
            })
            .collect();
        MessageItem {
            id: v.id,
            author_id: v.author.id,
            author: v.author.display_name,
            organisation: v.author.organisation_name,
            href,
            time_iso: v.created_at,
            time: crate::time::date_time(created, &self.time_zone, t),
            html: mark_own_mentions(v.html, self.actor.user_id),
            deleted: v.deleted,
            language_code: v.language.to_uppercase(),
            language_name: t.autonym(&v.language),
            language: v.language,
            edited: v.edited_at.is_some(),
            reactions: v.reactions,
            files,
            reply_count: v.reply_count,
            in_thread,
            show_thread: v.thread_root_id.is_none() && !in_thread,
            can_react: alive && self.can_post(),
            can_edit: alive && rules::edit_message(&self.actor, v.author.id, &self.facts).is_ok(),
            can_delete: alive
                && rules::delete_message(&self.actor, v.author.id, &self.facts).is_ok(),
            target: target == Some(v.seq),
        }
    }
}

/// The reader's own mentions stand out more than others': the stored HTML names the person, the
/// class says it is the reader (and a hidden word says so to screen readers).
fn mark_own_mentions(html: String, me: i64) -> String {
    let own = format!(r#"<span class="mention" data-user-id="{me}">"#);
    if !html.contains(&own) {
        return html;
    }
    html.replace(
        &own,
        &format!(r#"<span class="mention mention-me" data-user-id="{me}">"#),
    )
}

/// "512 bytes", "12 KB", "1.5 MB" in the reader's language.
fn file_size(t: &Tr, bytes: i64) -> String {
    let (size, unit) = if bytes < 1024 {
        (bytes.to_string(), "b")
    } else if bytes < 1024 * 1024 {
        (((bytes + 1023) / 1024).to_string(), "kb")
    } else {
        let mb = format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
        (
            if t.code() == "en" {
                mb
            } else {
                mb.replace('.', ",")
            },
            "mb",
        )
    };
    t.t2("file-size", "size", size, "unit", unit)
}

/// "Detect automatically", then the languages people write in across the network.
fn language_options(t: &Tr, selected: &str, detect: bool) -> Vec<Opt> {
    let mut out = Vec::new();
    if detect {
        out.push(Opt {
            value: String::new(),
            label: t.t("composer-language-detect"),
            selected: selected.is_empty(),
        });
    }
    // A tag the list lacks (detected as, say, Portuguese from Brazil) stays choosable.
    if !selected.is_empty() && !READ_LANGUAGES.contains(&selected) {
        out.push(Opt {
            value: selected.to_string(),
            label: t.autonym(selected),
            selected: true,
        });
    }
    out.extend(READ_LANGUAGES.iter().map(|code| Opt {
        value: (*code).to_string(),
        label: t.autonym(code),
        selected: *code == selected,
    }));
    out
}

/// What the composer shows: an empty form, or the one just sent back with its errors.
pub struct Composer {
    pub channel_id: i64,
    pub thread_root: Option<i64>,
    pub body: String,
    pub languages: Vec<Opt>,
    pub max_files: usize,
    /// The writer's setting: Enter sends (else Ctrl+Enter does).
    pub enter_sends: bool,
    /// Where the setting's form comes back to.
    pub back: String,
}

impl Composer {
    fn new(t: &Tr, enter_sends: bool, channel_id: i64, thread_root: Option<i64>) -> Composer {
        Composer {
            enter_sends,
            back: match thread_root {
                Some(root) => format!("/messages/{root}/thread"),
                None => format!("/channels/{channel_id}"),
            },
            channel_id,
            thread_root,
            body: String::new(),
            languages: language_options(t, "", true),
            max_files: MAX_ATTACHMENTS_PER_MESSAGE,
        }
    }
}

/// Where the live script starts: the cursor of the newest event the reader could see before the
/// page was read (opaque, and unmoved by other tenants' activity).
async fn last_event_id(state: &AppState, user_id: i64) -> AppResult<i64> {
    let id = state
        .db
        .read(move |conn| crate::realtime::replay::last_visible_id(conn, user_id, i64::MAX))
        .await?;
    Ok(state.hub.cursors().encode(id))
}

fn is_htmx(req: &HttpRequest) -> bool {
    req.headers().contains_key("hx-request")
}

/// The answer to a form post: back to `location`, or (htmx) nothing to swap, naming the message.
fn done(req: &HttpRequest, location: &str, message_id: i64) -> HttpResponse {
    if is_htmx(req) {
        HttpResponse::NoContent()
            .insert_header((MESSAGE_HEADER, message_id.to_string()))
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .finish()
    } else {
        see_other(location)
    }
}

fn invalid_body() -> AppError {
    AppError::new(ErrorCode::InvalidBody, StatusCode::BAD_REQUEST)
}
