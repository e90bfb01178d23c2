//! Markdown of a message, rendered once when the message is written.
//!
//! A mention `@[any text](user:4)` shows the person's display name as it is when the message is
//! written (the caller looks the names up, see [`mention_ids`]); the author's text in the
//! brackets is never shown as a mention, so nobody can be made to appear mentioned under a false
//! name. Mentions are not re-rendered when a name changes later.
//!
//! Two layers keep stored HTML safe. The event rewrite decides what Markdown may
//! produce at all (no raw HTML, no images, no h1/h2, only web and mail links, and
//! mentions). Then ammonia re-checks the generated HTML against an allow-list, so
//! a slip in the first layer cannot become stored XSS in every reader's browser.

mod rewrite;
mod sanitize;
pub mod typed;

use std::borrow::Cow;
use std::collections::HashMap;

use pulldown_cmark::{Event, Options, Parser, Tag, TextMergeStream};

use crate::db::DbConnection;
use crate::error::AppResult;

use rewrite::{Rewriter, mention_id, plain_text};
use sanitize::SANITIZER;

/// The `rel` of every link: user content must not pass authority (`ugc`,
/// `nofollow`), the referring conversation URL or a `window.opener` handle.
const LINK_REL: &str = "noopener noreferrer nofollow ugc";

/// Deepest element nesting kept; deeper wrappers are dropped and their content
/// kept. HTML parsing (ammonia) is quadratic in nesting depth: 100 KB of `>`
/// took minutes, and no real message quotes or nests lists this deep.
const MAX_DEPTH: usize = 24;

/// A message rendered for storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Sanitized HTML, safe to embed as is.
    pub html: String,
    /// Ids of the people mentioned (those with a name given to [`render`]), de-duplicated, in
    /// order of first mention.
    pub mentions: Vec<i64>,
    /// Text content without markup, whitespace collapsed, for search and email
    /// digests. It is text, not HTML: escape it wherever it is embedded.
    pub plain_text: String,
    /// `@channel` or `@here` was written, and allowed: every reader is mentioned.
    pub everyone: bool,
}

const OPTIONS: Options = Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH);

/// The user ids that `markdown` links as mentions: the people whose names [`render`] needs.
pub fn mention_ids(markdown: &str) -> Vec<i64> {
    // Most messages mention nobody: skip the parse.
    if !markdown.contains("user:") {
        return Vec::new();
    }
    let mut ids = Vec::new();
    for event in Parser::new_ext(markdown, OPTIONS) {
        if let Event::Start(Tag::Link { dest_url, .. }) = event
            && let Some(id) = mention_id(&dest_url)
            && !ids.contains(&id)
        {
            ids.push(id);
        }
    }
    ids
}

/// `text` (plain text, not HTML) with its whitespace collapsed, cut at a word near `max`
/// characters and marked with "…" when it was longer: what emails show of a message.
pub fn shorten(text: &str, max: usize) -> String {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    // Cut at the last word break, unless that would leave less than half.
    let at_word = cut
        .rfind(' ')
        .filter(|i| cut[..*i].chars().count() > max / 2);
    format!("{}…", cut[..at_word.unwrap_or(cut.len())].trim_end())
}

/// Renders message Markdown (CommonMark with tables and strikethrough) to sanitized HTML.
/// `names` holds the display names of the people who may be mentioned here; a mention of anyone
/// else stays plain text.
pub fn render(markdown: &str, names: &HashMap<i64, String>) -> Rendered {
    render_with(markdown, names, None)
}

/// [`render`], with mentions typed by hand (`@Full Name`, `@first.last`, and `@channel` when
/// `typed` allows it) resolved among `typed`'s people; `names` must hold their names.
pub fn render_with(
    markdown: &str,
    names: &HashMap<i64, String>,
    typed: Option<&typed::TypedNames>,
) -> Rendered {
    // Merged text lets a mention find the `@` that precedes it in one event.
    let parser = TextMergeStream::new(Parser::new_ext(markdown, OPTIONS));
    let mut rewriter = Rewriter::new(names, typed);
    for event in parser {
        rewriter.push(event);
    }
    let plain_text = plain_text(&rewriter.out);
    let mut unsafe_html = String::with_capacity(markdown.len() + markdown.len() / 2);
    pulldown_cmark::html::push_html(&mut unsafe_html, rewriter.out.into_iter());
    Rendered {
        html: SANITIZER
            .clean(&alignment_classes(&unsafe_html))
            .to_string(),
        mentions: rewriter.mentions,
        plain_text,
        everyone: rewriter.everyone,
    }
}

/// Renders a message of a channel: mentions show the current display names of the channel's
/// readers; a mention of anyone else stays the author's plain text (and reveals no name).
pub fn render_in_channel(
    conn: &mut DbConnection,
    channel_id: i64,
    markdown: &str,
) -> AppResult<Rendered> {
    render_as_written(conn, channel_id, markdown, false)
}

/// [`render_in_channel`] as its author writes it: names typed after an `@` become mentions of
/// the channel's readers, and `@channel`/`@here` mention them all when `everyone` (the policy's
/// answer for this author) allows it.
pub fn render_as_written(
    conn: &mut DbConnection,
    channel_id: i64,
    markdown: &str,
    everyone: bool,
) -> AppResult<Rendered> {
    // Most messages mention nobody: no `@`, no query.
    if !markdown.contains('@') {
        return Ok(render(markdown, &HashMap::new()));
    }
    let readers = super::message::mention_candidates(conn, channel_id)?;
    let typed = typed::TypedNames::new(
        readers.iter().map(|r| (r.id, r.display_name.as_str())),
        everyone,
    );
    let names: HashMap<i64, String> = readers
        .into_iter()
        .map(|r| (r.id, r.display_name))
        .collect();
    Ok(render_with(markdown, &names, Some(&typed)))
}

/// Table alignment as classes: pulldown-cmark writes `style` attributes, which our CSP blocks.
/// Only whole tags are rewritten: a `<` in text is `&lt;` by now, so text never matches.
fn alignment_classes(html: &str) -> Cow<'_, str> {
    if !html.contains(" style=\"text-align: ") {
        return Cow::Borrowed(html);
    }
    let mut out = html.to_string();
    for cell in ["td", "th"] {
        for side in ["left", "center", "right"] {
            out = out.replace(
                &format!("<{cell} style=\"text-align: {side}\">"),
                &format!("<{cell} class=\"align-{side}\">"),
            );
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests;
