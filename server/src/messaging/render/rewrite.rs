//! The first layer: the event rewrite that decides what Markdown may produce at all.

use std::borrow::Cow;
use std::collections::HashMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};

use crate::validate::strip_deceptive;

use super::MAX_DEPTH;
use super::typed::{Piece, TypedNames, shortcodes, split};

/// What a link or image start became, so its end is rewritten the same way.
enum Opened<'a> {
    /// An `<a>` was emitted; an image remembers its URL as fallback text.
    Anchor {
        start: usize,
        fallback: Option<CowStr<'a>>,
    },
    /// The wrapper was dropped; only its text remains.
    Dropped,
}

pub(super) struct Rewriter<'a, 'n> {
    pub(super) out: Vec<Event<'a>>,
    names: &'n HashMap<i64, String>,
    /// The readers one may mention by typing their name; `None` renders only `@[..](user:..)`.
    typed: Option<&'n TypedNames>,
    pub(super) mentions: Vec<i64>,
    /// `@channel` or `@here` was written and allowed.
    pub(super) everyone: bool,
    /// Inside a code block: its text is code, never mentions or shortcodes.
    in_code: usize,
    /// Inside a mention's brackets: links and images open there, plus the mention itself. The
    /// author's text is skipped until it closes.
    in_mention: usize,
    /// Links and images in nesting order (an image description may hold a link).
    opened: Vec<Opened<'a>>,
    /// Open `<a>` elements: HTML cannot nest them, so inner links become text.
    anchors: usize,
    /// For every other open tag, whether its element was emitted.
    kept: Vec<bool>,
    /// Emitted elements still open.
    depth: usize,
}

impl<'a, 'n> Rewriter<'a, 'n> {
    pub(super) fn new(names: &'n HashMap<i64, String>, typed: Option<&'n TypedNames>) -> Self {
        Rewriter {
            out: Vec::new(),
            names,
            typed,
            mentions: Vec::new(),
            everyone: false,
            in_code: 0,
            in_mention: 0,
            opened: Vec::new(),
            anchors: 0,
            kept: Vec::new(),
            depth: 0,
        }
    }
}

impl<'a> Rewriter<'a, '_> {
    pub(super) fn push(&mut self, event: Event<'a>) {
        if self.in_mention > 0 {
            match event {
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => self.in_mention += 1,
                Event::End(TagEnd::Link | TagEnd::Image) => {
                    self.in_mention -= 1;
                    if self.in_mention == 0 {
                        self.out.push(Event::Html("</span>".into()));
                    }
                }
                _ => {}
            }
            return;
        }
        match event {
            // Link text must say what it seems to say.
            Event::Text(text) if self.anchors > 0 => self.out.push(Event::Text(visible(text))),
            Event::Code(text) if self.anchors > 0 => self.out.push(Event::Code(visible(text))),
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            // Raw HTML is shown as the author typed it, never interpreted.
            Event::Html(text) | Event::InlineHtml(text) => self.out.push(Event::Text(text)),
            Event::Text(text) if self.in_code == 0 => self.text(text),
            event @ (Event::Text(_)
            | Event::Code(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::Rule) => self.out.push(event),
            // Math, footnotes and task lists are not enabled; their text is kept.
            Event::InlineMath(text) | Event::DisplayMath(text) => self.out.push(Event::Text(text)),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }

    /// Text outside links and code: typed mentions and `:shortcodes:`.
    fn text(&mut self, text: CowStr<'a>) {
        let Some(typed) = self.typed.filter(|_| text.contains('@')) else {
            return self.out.push(Event::Text(emoji(text)));
        };
        for piece in split(&text, typed) {
            match piece {
                Piece::Text(t) => self.out.push(Event::Text(emoji(t.to_string().into()))),
                Piece::Person(id) => {
                    let name = self.names.get(&id).cloned().unwrap_or_default();
                    self.mention(id, &name);
                    self.out.push(Event::Html("</span>".into()));
                }
                Piece::Everyone(word) => {
                    self.everyone = true;
                    self.out
                        .push(Event::Html(r#"<span class="mention mention-all">"#.into()));
                    self.out.push(Event::Text(format!("@{word}").into()));
                    self.out.push(Event::Html("</span>".into()));
                }
            }
        }
    }

    /// Opens a mention's span with the person's name; the caller closes it.
    fn mention(&mut self, id: i64, name: &str) {
        self.out.push(Event::Html(
            format!(r#"<span class="mention" data-user-id="{id}">"#).into(),
        ));
        self.out
            .push(Event::Text(format!("@{}", strip_deceptive(name)).into()));
        if !self.mentions.contains(&id) {
            self.mentions.push(id);
        }
    }

    fn start(&mut self, tag: Tag<'a>) {
        if matches!(tag, Tag::CodeBlock(_)) {
            self.in_code += 1;
        }
        let tag = match tag {
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => return self.start_link(link_type, dest_url),
            Tag::Image {
                link_type,
                dest_url,
                ..
            } => return self.start_image(link_type, dest_url),
            Tag::Heading { level, .. } => Tag::Heading {
                level: demote(level),
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            },
            Tag::CodeBlock(CodeBlockKind::Fenced(info)) => {
                Tag::CodeBlock(CodeBlockKind::Fenced(code_language(&info).into()))
            }
            Tag::HtmlBlock => Tag::Paragraph,
            Tag::BlockQuote(_) => Tag::BlockQuote(None),
            tag @ (Tag::Paragraph
            | Tag::CodeBlock(CodeBlockKind::Indented)
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough) => tag,
            // Extensions that are not enabled: keep the content, drop the wrapper.
            _ => {
                self.kept.push(false);
                return;
            }
        };
        let keep = self.depth < MAX_DEPTH;
        self.kept.push(keep);
        if keep {
            self.depth += 1;
            self.out.push(Event::Start(tag));
        }
    }

    fn start_link(&mut self, link_type: LinkType, dest: CowStr<'a>) {
        let mention = mention_id(&dest)
            .filter(|_| self.anchors == 0)
            .and_then(|id| Some((id, self.names.get(&id)?)));
        if let Some((id, name)) = mention {
            // The `@` typed before `[Name]` moves inside the span.
            if let Some(Event::Text(text)) = self.out.last_mut()
                && let Some(rest) = text.strip_suffix('@')
            {
                *text = rest.to_string().into();
            }
            let name = name.clone();
            self.mention(id, &name);
            self.in_mention = 1;
        } else {
            self.open_anchor(link_type, dest, false);
        }
    }

    /// A remote image would leak readers' IP addresses and weigh on slow
    /// connections, so it becomes a link labelled with its description.
    fn start_image(&mut self, link_type: LinkType, dest: CowStr<'a>) {
        self.open_anchor(link_type, dest, true);
    }

    fn open_anchor(&mut self, link_type: LinkType, dest: CowStr<'a>, image: bool) {
        match safe_href(link_type, dest).filter(|_| self.anchors == 0) {
            Some(href) => {
                self.opened.push(Opened::Anchor {
                    start: self.out.len(),
                    fallback: image.then(|| href.clone()),
                });
                self.anchors += 1;
                self.out.push(Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: href,
                    title: CowStr::Borrowed(""),
                    id: CowStr::Borrowed(""),
                }));
            }
            None => self.opened.push(Opened::Dropped),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        if matches!(tag, TagEnd::Link | TagEnd::Image) {
            return self.close_link();
        }
        if matches!(tag, TagEnd::CodeBlock) {
            self.in_code = self.in_code.saturating_sub(1);
        }
        if self.kept.pop() != Some(true) {
            return;
        }
        self.depth = self.depth.saturating_sub(1);
        let tag = match tag {
            TagEnd::Heading(level) => TagEnd::Heading(demote(level)),
            TagEnd::HtmlBlock => TagEnd::Paragraph,
            TagEnd::BlockQuote(_) => TagEnd::BlockQuote(None),
            tag @ (TagEnd::Paragraph
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough) => tag,
            _ => return,
        };
        self.out.push(Event::End(tag));
    }

    fn close_link(&mut self) {
        match self.opened.pop() {
            Some(Opened::Anchor { start, fallback }) => {
                // An image without description still needs visible link text.
                if let Some(url) = fallback.filter(|_| self.out.len() == start + 1) {
                    self.out.push(Event::Text(url));
                }
                self.anchors = self.anchors.saturating_sub(1);
                self.out.push(Event::End(TagEnd::Link));
            }
            Some(Opened::Dropped) | None => {}
        }
    }
}

/// Text with its `:shortcodes:` as emoji.
fn emoji(text: CowStr<'_>) -> CowStr<'_> {
    match shortcodes(&text) {
        Some(replaced) => replaced.into(),
        None => text,
    }
}

/// Text without the characters that reorder or hide it.
fn visible(text: CowStr<'_>) -> CowStr<'_> {
    match strip_deceptive(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(clean) => clean.into(),
    }
}

/// Messages live inside a page that owns h1 and h2.
fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// The language of a fenced block, kept only when it cannot smuggle anything into the class.
fn code_language(info: &str) -> String {
    let language = info.split_whitespace().next().unwrap_or("");
    if language.chars().all(|c| c.is_ascii_alphanumeric()) {
        language.to_owned()
    } else {
        String::new()
    }
}

/// The user id of a `user:123` link destination.
pub(super) fn mention_id(dest: &str) -> Option<i64> {
    let digits = dest.strip_prefix("user:")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|id| *id > 0)
}

/// The destination if it is a web or mail address; anything else (scripts,
/// `data:`, relative paths) loses its link and keeps its text.
fn safe_href(link_type: LinkType, dest: CowStr<'_>) -> Option<CowStr<'_>> {
    if link_type == LinkType::Email {
        return Some(format!("mailto:{dest}").into());
    }
    let scheme = ["http://", "https://", "mailto:"]
        .into_iter()
        .find(|scheme| {
            dest.len() > scheme.len()
                && dest.is_char_boundary(scheme.len())
                && dest[..scheme.len()].eq_ignore_ascii_case(scheme)
        })?;
    if dest.starts_with(scheme) {
        Some(dest)
    } else {
        // `HTTPS://` works but reads as shouting in the stored HTML.
        Some(format!("{scheme}{}", &dest[scheme.len()..]).into())
    }
}

pub(super) fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            // Block boundaries and breaks separate words; inline markup does not.
            Event::SoftBreak
            | Event::HardBreak
            | Event::Rule
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
