//! The second layer: ammonia's allow-list over the generated HTML.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::UrlRelative;

use super::LINK_REL;

/// Second line of defence: only the markup the renderer means to produce survives.
pub(super) static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
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
        ("span", "class") => value == "mention" || value == "mention mention-all",
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
