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

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::UrlRelative;
use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
    TextMergeStream,
};

use crate::db::DbConnection;
use crate::error::AppResult;
use crate::validate::strip_deceptive;

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

/// Renders message Markdown (CommonMark with tables and strikethrough) to sanitized HTML.
/// `names` holds the display names of the people who may be mentioned here; a mention of anyone
/// else stays plain text.
pub fn render(markdown: &str, names: &HashMap<i64, String>) -> Rendered {
    // Merged text lets a mention find the `@` that precedes it in one event.
    let parser = TextMergeStream::new(Parser::new_ext(markdown, OPTIONS));
    let mut rewriter = Rewriter {
        out: Vec::new(),
        names,
        mentions: Vec::new(),
        in_mention: 0,
        opened: Vec::new(),
        anchors: 0,
        kept: Vec::new(),
        depth: 0,
    };
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
    }
}

/// Renders a message of a channel: mentions show the current display names of the channel's
/// readers; a mention of anyone else stays the author's plain text (and reveals no name).
pub fn render_in_channel(
    conn: &mut DbConnection,
    channel_id: i64,
    markdown: &str,
) -> AppResult<Rendered> {
    let mut ids = mention_ids(markdown);
    let mut names = HashMap::new();
    if !ids.is_empty() {
        let readers = super::channel::readers(conn, channel_id)?;
        ids.retain(|id| readers.contains(id));
        for (id, name, _, _) in super::message::authors(conn, &ids)? {
            names.insert(id, name);
        }
    }
    Ok(render(markdown, &names))
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

struct Rewriter<'a, 'n> {
    out: Vec<Event<'a>>,
    names: &'n HashMap<i64, String>,
    mentions: Vec<i64>,
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

impl<'a> Rewriter<'a, '_> {
    fn push(&mut self, event: Event<'a>) {
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

    fn start(&mut self, tag: Tag<'a>) {
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
            self.out.push(Event::Html(
                format!(r#"<span class="mention" data-user-id="{id}">"#).into(),
            ));
            self.out
                .push(Event::Text(format!("@{}", strip_deceptive(name)).into()));
            if !self.mentions.contains(&id) {
                self.mentions.push(id);
            }
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
fn mention_id(dest: &str) -> Option<i64> {
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

fn plain_text(events: &[Event<'_>]) -> String {
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

/// Second line of defence: only the markup the renderer means to produce survives.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(HashSet::from([
            "p",
            "br",
            "em",
            "strong",
            "del",
            "a",
            "code",
            "pre",
            "blockquote",
            "ul",
            "ol",
            "li",
            "h3",
            "h4",
            "h5",
            "h6",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "hr",
            "span",
        ]))
        .clean_content_tags(HashSet::from(["script", "style"]))
        // `rel` is not listed for `a`: ammonia sets it from `link_rel` (and
        // panics if it is also allowed as an attribute).
        .tag_attributes(HashMap::from([
            ("a", HashSet::from(["href"])),
            ("span", HashSet::from(["class", "data-user-id"])),
            ("code", HashSet::from(["class"])),
            ("ol", HashSet::from(["start"])),
            ("th", HashSet::from(["class"])),
            ("td", HashSet::from(["class"])),
        ]))
        .tag_attribute_values(HashMap::new())
        .set_tag_attribute_values(HashMap::new())
        .generic_attributes(HashSet::new())
        .generic_attribute_prefixes(HashSet::new())
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(UrlRelative::Deny)
        .link_rel(Some(LINK_REL))
        .strip_comments(true)
        .id_prefix(None)
        .attribute_filter(allowed_attribute_value);
    builder
});

/// Attribute values the renderer can produce; anything else is dropped.
fn allowed_attribute_value<'u>(
    element: &str,
    attribute: &str,
    value: &'u str,
) -> Option<Cow<'u, str>> {
    let digits = |v: &str| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit());
    let allowed = match (element, attribute) {
        ("span", "class") => value == "mention",
        ("span", "data-user-id") | ("ol", "start") => digits(value),
        ("code", "class") => value
            .strip_prefix("language-")
            .is_some_and(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric())),
        ("th" | "td", "class") => {
            matches!(value, "align-left" | "align-center" | "align-right")
        }
        _ => true,
    };
    allowed.then_some(Cow::Borrowed(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(markdown: &str) -> String {
        render(markdown, &HashMap::new()).html
    }

    /// Rendered where people 1 to 9 may be mentioned, person `n` being called `Persoon n`.
    fn with_people(markdown: &str) -> Rendered {
        let names = (1..10).map(|id| (id, format!("Persoon {id}"))).collect();
        render(markdown, &names)
    }

    const TAG_A: &str =
        "a href=\"https://x.example/a.png\" rel=\"noopener noreferrer nofollow ugc\"";

    /// The markup of sanitized HTML (text has its `<` escaped): where attributes live.
    fn tags(html: &str) -> Vec<&str> {
        html.split('<')
            .skip(1)
            .filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag))
            .collect()
    }

    fn assert_no_markup(html: &str, needle: &str) {
        let found: Vec<_> = tags(html)
            .into_iter()
            .filter(|t| t.contains(needle))
            .collect();
        assert!(found.is_empty(), "{needle} in {found:?} of {html}");
    }

    #[test]
    fn script_tags_are_shown_as_text() {
        let out = html("Hallo <script>alert(1)</script> daar");
        assert!(!out.contains("<script"), "{out}");
        assert!(
            out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{out}"
        );
    }

    #[test]
    fn img_with_onerror_is_shown_as_text() {
        let out = html(r#"<img src="x" onerror="alert(1)">"#);
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("&lt;img"), "{out}");
    }

    #[test]
    fn raw_html_blocks_and_comments_do_not_pass() {
        let out = html(
            "<div onclick=\"steal()\">\n**vet**\n</div>\n\n<iframe src=\"https://evil.example\"></iframe>\n\n<!-- verborgen -->",
        );
        for forbidden in ["div", "iframe", "onclick", "src", "!--"] {
            assert_no_markup(&out, forbidden);
        }
        assert!(out.contains("&lt;div onclick="), "{out}");
        let inline = html("Een <b onmouseover=\"x()\">vet</b> woord");
        assert_eq!(tags(&inline), ["p", "/p"], "{inline}");
    }

    #[test]
    fn javascript_links_lose_their_link() {
        for markdown in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](&#x6A;avascript:alert(1))",
            "[x](java%0Ascript:alert(1))",
            "<javascript:alert(1)>",
            "[x][ref]\n\n[ref]: javascript:alert(1)",
            "[x](vbscript:msgbox(1))",
        ] {
            let out = html(markdown);
            assert!(!out.contains("<a"), "{markdown} gave {out}");
            assert!(
                !out.to_lowercase().contains("href"),
                "{markdown} gave {out}"
            );
        }
        assert_eq!(html("[x](javascript:alert(1))"), "<p>x</p>\n");
    }

    #[test]
    fn data_and_relative_links_lose_their_link() {
        for markdown in [
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[x](DATA:text/html,hi)",
            "[x](//evil.example/path)",
            "[x](/admin)",
            "[x](#top)",
            "[x](user:12/../admin)",
        ] {
            let out = html(markdown);
            assert!(!out.contains("<a"), "{markdown} gave {out}");
        }
    }

    #[test]
    fn web_and_mail_links_get_rel_and_no_target() {
        let out = html(
            "Zie [het verslag](https://gemeente.be/verslag \"titel\"), <http://example.org> en <info@gemeente.be>.",
        );
        assert!(
            out.contains(r#"<a href="https://gemeente.be/verslag" rel="noopener noreferrer nofollow ugc">het verslag</a>"#),
            "{out}"
        );
        assert!(out.contains(r#"href="http://example.org""#), "{out}");
        assert!(out.contains(r#"href="mailto:info@gemeente.be""#), "{out}");
        assert_eq!(out.matches(LINK_REL).count(), 3, "{out}");
        assert!(!out.contains("target"), "{out}");
        assert!(!out.contains("title"), "{out}");
        let mail = html("[schrijf ons](MAILTO:info@gemeente.be)");
        assert!(mail.contains("mailto:info@gemeente.be"), "{mail}");
    }

    #[test]
    fn images_become_links_labelled_with_their_description() {
        let out = html("![Plan van het marktplein](https://gemeente.be/plan.png)");
        assert!(!out.contains("<img"), "{out}");
        assert_eq!(
            out,
            "<p><a href=\"https://gemeente.be/plan.png\" rel=\"noopener noreferrer nofollow ugc\">Plan van het marktplein</a></p>\n"
        );
        let untitled = html("![](https://gemeente.be/plan.png)");
        assert!(
            untitled.contains(">https://gemeente.be/plan.png</a>"),
            "{untitled}"
        );
        let unsafe_image = html("![kat](javascript:alert(1))");
        assert_eq!(unsafe_image, "<p>kat</p>\n");
        // An image inside a link must not nest an anchor in an anchor.
        let nested = html("[![logo](https://a.example/logo.png)](https://b.example)");
        assert_eq!(nested.matches("<a ").count(), 1, "{nested}");
        assert!(nested.contains("https://b.example"), "{nested}");
    }

    #[test]
    fn headings_are_demoted() {
        let out = html("# Een\n\n## Twee\n\n### Drie\n\n#### Vier\n\n###### Zes\n\nTitel\n=====");
        assert!(!out.contains("<h1") && !out.contains("<h2"), "{out}");
        assert!(out.contains("<h3>Een</h3>"), "{out}");
        assert!(out.contains("<h4>Twee</h4>"), "{out}");
        assert!(out.contains("<h5>Drie</h5>"), "{out}");
        assert!(out.contains("<h6>Vier</h6>"), "{out}");
        assert!(out.contains("<h6>Zes</h6>"), "{out}");
        assert!(out.contains("<h3>Titel</h3>"), "{out}");
    }

    #[test]
    fn code_blocks_keep_only_safe_language_classes() {
        let out = html("```rust\nlet a = \"<b>\";\n```");
        assert!(
            out.contains(
                "<pre><code class=\"language-rust\">let a = \"&lt;b&gt;\";\n</code></pre>"
            ),
            "{out}"
        );
        for info in ["\"onclick=alert(1)", "c++", "x\"><script>", "lang-x"] {
            let out = html(&format!("```{info}\ncode\n```"));
            assert!(out.contains("<pre><code>code"), "{info} gave {out}");
            assert!(!out.contains("class"), "{info} gave {out}");
        }
        assert!(html("    ingesprongen").contains("<pre><code>ingesprongen"));
    }

    #[test]
    fn mentions_become_spans_with_the_persons_name() {
        let names = HashMap::from([(42, "Jan Peeters".to_string())]);
        let out = render(
            "Hallo @[Katrien Vermeulen](user:42), kun jij dit bekijken?",
            &names,
        );
        assert_eq!(
            out.html,
            "<p>Hallo <span class=\"mention\" data-user-id=\"42\">@Jan Peeters</span>, kun jij dit bekijken?</p>\n"
        );
        assert_eq!(out.mentions, vec![42]);
        assert_eq!(out.plain_text, "Hallo @Jan Peeters, kun jij dit bekijken?");
        // Without the `@` (an editor may drop it) it is still a mention.
        assert_eq!(
            with_people("[Jan](user:1)").html,
            "<p><span class=\"mention\" data-user-id=\"1\">@Persoon 1</span></p>\n"
        );
        // Markup and links in the brackets go with the author's text.
        assert_eq!(
            with_people("@[**de** _burgemeester_ `x`](user:2)!").html,
            "<p><span class=\"mention\" data-user-id=\"2\">@Persoon 2</span>!</p>\n"
        );
    }

    #[test]
    fn a_mention_of_someone_unknown_here_is_the_authors_plain_text() {
        let out = with_people("Vraag @[de burgemeester](user:77) of @[Ana](user:3)");
        assert_eq!(
            out.html,
            "<p>Vraag @de burgemeester of <span class=\"mention\" data-user-id=\"3\">@Persoon 3</span></p>\n"
        );
        assert_eq!(out.mentions, vec![3]);
    }

    #[test]
    fn mention_ids_are_the_linked_people() {
        assert_eq!(
            mention_ids(
                "@[A](user:7) [b](https://x.example) @[C](user:3) @[A](user:7) [x](user:0)"
            ),
            vec![7, 3]
        );
        assert!(mention_ids("geen vermelding").is_empty());
    }

    #[test]
    fn names_and_link_text_lose_bidi_controls_and_zero_width_characters() {
        let names = HashMap::from([(5, "Mo\u{202E}rebmeM".to_string())]);
        let out = render(
            "@[x](user:5) [factuur\u{202E}fdp.exe](https://x.example) [`a\u{200B}b`](https://y.example) ![\u{2066}plan\u{FEFF}](https://z.example/p.png) tekst\u{200F}",
            &names,
        );
        assert!(out.html.contains(">@MorebmeM</span>"), "{}", out.html);
        assert!(out.html.contains(">factuurfdp.exe</a>"), "{}", out.html);
        assert!(out.html.contains("<code>ab</code></a>"), "{}", out.html);
        assert!(out.html.contains(">plan</a>"), "{}", out.html);
        // Outside links, text is the author's own (right-to-left scripts use these marks).
        assert!(out.html.contains("tekst\u{200F}"), "{}", out.html);
    }

    #[test]
    fn mentions_are_deduplicated_in_order() {
        let out = with_people(
            "@[Awa](user:7) en @[Jan](user:3), en nog eens @[Awa](user:7). **@[Ana](user:9)**",
        );
        assert_eq!(out.mentions, vec![7, 3, 9]);
        assert_eq!(
            out.html.matches("class=\"mention\"").count(),
            4,
            "{}",
            out.html
        );
    }

    #[test]
    fn malformed_mentions_never_break_attributes() {
        for markdown in [
            "@[X](user:abc)",
            "@[X](user:)",
            "@[X](user:-1)",
            "@[X](user:0)",
            "@[X](user:+5)",
            "@[X](user:99999999999999999999999)",
            "@[X](user:1\" onmouseover=\"alert(1))",
            "@[X](<user:1\" onmouseover=\"alert(1)>)",
            "@[X](USER:1)",
        ] {
            let out = with_people(markdown);
            assert!(
                out.mentions.is_empty(),
                "{markdown} gave {:?}",
                out.mentions
            );
            assert!(!out.html.contains("<span"), "{markdown} gave {}", out.html);
            assert!(!out.html.contains("<a"), "{markdown} gave {}", out.html);
            assert_no_markup(&out.html, "onmouseover");
        }
        assert_eq!(html("@[X](user:abc)"), "<p>@X</p>\n");
    }

    #[test]
    fn links_inside_image_descriptions_are_text() {
        // HTML cannot nest anchors, and the image already became one.
        let out = with_people("![zie @[Jan](user:4)](https://x.example/a.png)");
        assert_eq!(tags(&out.html), ["p", TAG_A, "/a", "/p"], "{}", out.html);
        assert!(out.mentions.is_empty());
        let link = html("![zie [site](https://a.example)](https://x.example/a.png)");
        assert_eq!(tags(&link), ["p", TAG_A, "/a", "/p"], "{link}");
    }

    #[test]
    fn tables_align_with_classes_not_style() {
        let out = html(
            "| Gemeente | Inwoners | Land |\n|:---|---:|:-:|\n| Gent | 265 000 | BE |\n| Porto-Novo | 264 000 | BJ |",
        );
        assert!(
            out.contains("<table>") && out.contains("<thead>") && out.contains("<tbody>"),
            "{out}"
        );
        assert!(
            out.contains("<td class=\"align-right\">265 000</td>"),
            "{out}"
        );
        assert!(
            out.contains("<th class=\"align-left\">Gemeente</th>"),
            "{out}"
        );
        assert!(out.contains("<td class=\"align-center\">BJ</td>"), "{out}");
        assert!(!out.contains("style"), "{out}");
        // The author cannot write those attributes in text.
        let text = html("<td style=\"text-align: left\"> en `<td style=\"text-align: left\">`");
        assert!(!text.contains("class"), "{text}");
        assert!(text.contains("style=\"text-align: left\""), "{text}");
    }

    #[test]
    fn strikethrough_renders_as_del() {
        assert_eq!(
            html("De ~~dinsdag~~ woensdag"),
            "<p>De <del>dinsdag</del> woensdag</p>\n"
        );
    }

    #[test]
    fn lists_quotes_and_breaks_survive() {
        let out = html("> citaat\n\n3. drie\n4. vier\n\n- a\n- b\n\nregel  \nvolgende\n\n---");
        for expected in [
            "<blockquote>",
            "<ol start=\"3\">",
            "<ul>",
            "<li>a</li>",
            "<br>",
            "<hr>",
        ] {
            assert!(out.contains(expected), "{expected} missing in {out}");
        }
    }

    #[test]
    fn plain_text_has_no_markup_and_collapsed_whitespace() {
        let out = with_people(
            "# Agenda\n\n* **Punt één**: de   *begroting*\n* Punt twee\n\n> Een `citaat`\n\n| a | b |\n|---|---|\n| c | d |\n\n@[Awa Diop](user:5) zie [verslag](https://gemeente.be/v) en <b>dit</b>",
        );
        assert_eq!(
            out.plain_text,
            "Agenda Punt één: de begroting Punt twee Een citaat a b c d @Persoon 5 zie verslag en <b>dit</b>"
        );
    }

    #[test]
    fn empty_input_renders_empty() {
        let out = render("", &HashMap::new());
        assert_eq!(
            out,
            Rendered {
                html: String::new(),
                mentions: vec![],
                plain_text: String::new()
            }
        );
    }

    #[test]
    fn large_and_pathological_inputs_render() {
        let paragraph = "Dit is **vet** en *schuin*, met [een link](https://gemeente.be) en @[Jan](user:1).\n\n- punt\n- ![beeld](https://x.example/a.png)\n\n";
        let mut inputs = vec![paragraph.repeat(100 * 1024 / paragraph.len() + 1)];
        for unit in [
            ">",
            "[",
            "*",
            "<div>",
            "- ",
            "**a ",
            "`",
            "@[a](user:1)",
            "![",
            "| a ",
        ] {
            inputs.push(unit.repeat(100 * 1024 / unit.len()));
        }
        for input in &inputs {
            let started = std::time::Instant::now();
            let out = with_people(input);
            assert!(!out.html.is_empty() || out.plain_text.is_empty());
            // Generous: this is about quadratic blow-ups, not benchmarks.
            assert!(
                started.elapsed().as_secs() < 20,
                "slow on {:?}…",
                &input[..20]
            );
        }
    }

    fn html_and_text(markdown: &str) -> Rendered {
        render(markdown, &HashMap::new())
    }

    #[test]
    fn deep_nesting_is_flattened_but_keeps_its_text() {
        let out = html_and_text(&format!("{}diep", "> ".repeat(100)));
        assert_eq!(
            out.html.matches("<blockquote>").count(),
            MAX_DEPTH,
            "{}",
            out.html
        );
        assert_eq!(out.html.matches("</blockquote>").count(), MAX_DEPTH);
        assert_eq!(out.plain_text, "diep");
        let list = html(
            &(0..40)
                .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
                .collect::<String>(),
        );
        assert!(list.contains("item 39"), "{list}");
    }

    #[test]
    fn rendering_is_deterministic() {
        let markdown = "# Titel\n\n@[Awa](user:2) en @[Jan](user:1): [link](https://a.example) | ~~x~~\n\n| a | b |\n|:-:|--|\n| 1 | 2 |";
        assert_eq!(with_people(markdown), with_people(markdown));
    }
}
