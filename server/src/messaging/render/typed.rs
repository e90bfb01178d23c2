//! Mentions typed by hand, without the composer's suggestions: `@Sofie Peeters` or
//! `@sofie.peeters` becomes a mention of the one reader of the channel with that name, and
//! `:tada:` becomes 🎉. A name two readers share stays plain text: nobody is mentioned by guess.

use std::collections::HashMap;

/// The channel's readers by the keys one may type for them.
pub struct TypedNames {
    /// Lower-cased full name (spaces collapsed) and handle (`first.last`) → the reader, or `None`
    /// when two readers answer to it.
    by_key: HashMap<String, Option<i64>>,
    /// Longest key, in characters: how far after an `@` a name can reach.
    longest: usize,
    /// `@channel` and `@here` mention every reader (the policy allowed it for this author).
    pub everyone: bool,
}

/// The handle of a display name: its words, lower-cased, joined by dots.
pub fn handle(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(".")
}

fn full_key(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl TypedNames {
    pub fn new<'a>(people: impl IntoIterator<Item = (i64, &'a str)>, everyone: bool) -> Self {
        let mut by_key: HashMap<String, Option<i64>> = HashMap::new();
        for (id, name) in people {
            let mut keys = vec![full_key(name), handle(name)];
            keys.dedup();
            for key in keys.into_iter().filter(|k| !k.is_empty()) {
                by_key
                    .entry(key)
                    .and_modify(|known| {
                        if *known != Some(id) {
                            *known = None;
                        }
                    })
                    .or_insert(Some(id));
            }
        }
        let longest = by_key.keys().map(|k| k.chars().count()).max().unwrap_or(0);
        TypedNames {
            by_key,
            longest,
            everyone,
        }
    }
}

/// A piece of text: as typed, a person, or everyone.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Person(i64),
    /// `channel` or `here`, as typed.
    Everyone(&'a str),
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The length in bytes of the longest key in `rest` (the text after an `@`) that ends at a word
/// boundary and names exactly one reader.
fn longest_name(rest: &str, names: &TypedNames) -> Option<(usize, i64)> {
    let mut best = None;
    let mut chars = rest.char_indices().peekable();
    let mut count = 0;
    while let Some((i, c)) = chars.next() {
        count += 1;
        if count > names.longest {
            break;
        }
        let next = chars.peek().map(|(_, n)| *n);
        if word_char(c) && !next.is_some_and(word_char) {
            let end = i + c.len_utf8();
            if let Some(Some(id)) = names.by_key.get(&full_key(&rest[..end])) {
                best = Some((end, *id));
            } else if let Some(Some(id)) = names.by_key.get(&rest[..end].to_lowercase()) {
                best = Some((end, *id));
            }
        }
    }
    best
}

/// `@channel`/`@here` at the start of `rest`, when allowed.
fn everyone(rest: &str, names: &TypedNames) -> Option<usize> {
    if !names.everyone {
        return None;
    }
    ["channel", "here"].into_iter().find_map(|word| {
        let head = rest.get(..word.len())?;
        let after = rest[word.len()..].chars().next();
        (head.eq_ignore_ascii_case(word) && !after.is_some_and(word_char)).then_some(word.len())
    })
}

/// Splits `text` into typed mentions and the text between them.
pub fn split<'a>(text: &'a str, names: &TypedNames) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let at_start = i >= from;
        let before = prev;
        prev = Some(c);
        // An `@` inside a word is an email address, not a mention.
        if c != '@' || !at_start || before.is_some_and(|p| word_char(p) || p == '.') {
            continue;
        }
        let rest = &text[i + 1..];
        if let Some(len) = everyone(rest, names) {
            push_text(&mut out, &text[from..i]);
            out.push(Piece::Everyone(&rest[..len]));
            from = i + 1 + len;
        } else if let Some((len, id)) = longest_name(rest, names) {
            push_text(&mut out, &text[from..i]);
            out.push(Piece::Person(id));
            from = i + 1 + len;
        }
    }
    push_text(&mut out, &text[from..]);
    out
}

fn push_text<'a>(out: &mut Vec<Piece<'a>>, text: &'a str) {
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
}

/// `text` with every `:shortcode:` that names an emoji replaced by it; anything else is kept.
pub fn shortcodes(text: &str) -> Option<String> {
    if !text.contains(':') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(start) = rest.find(':') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let code_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '+' || c == '-'))
            .unwrap_or(after.len());
        let emoji = (code_len > 0 && after[code_len..].starts_with(':'))
            .then(|| emojis::get_by_shortcode(&after[..code_len]))
            .flatten();
        match emoji {
            Some(e) => {
                out.push_str(e.as_str());
                rest = &after[code_len + 1..];
                changed = true;
            }
            None => {
                out.push(':');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(everyone: bool) -> TypedNames {
        TypedNames::new(
            [
                (3, "Sofie Peeters"),
                (4, "Jan"),
                (5, "Jan Smet"),
                (6, "Awa Diop"),
                (7, "Awa  Diop"),
            ],
            everyone,
        )
    }

    #[test]
    fn full_names_and_handles_resolve_longest_first() {
        let n = names(false);
        assert_eq!(
            split("Vraag @Sofie Peeters, of @jan.smet.", &n),
            vec![
                Piece::Text("Vraag "),
                Piece::Person(3),
                Piece::Text(", of "),
                Piece::Person(5),
                Piece::Text("."),
            ]
        );
        assert_eq!(
            split("@sofie.peeters", &n),
            vec![Piece::Person(3)],
            "a handle"
        );
        assert_eq!(
            split("@Jan de", &n),
            vec![Piece::Person(4), Piece::Text(" de")]
        );
    }

    #[test]
    fn shared_names_emails_and_strangers_stay_text() {
        let n = names(false);
        assert_eq!(split("@Awa Diop", &n), vec![Piece::Text("@Awa Diop")]);
        assert_eq!(
            split("mail jan@gemeente.be", &n),
            vec![Piece::Text("mail jan@gemeente.be")]
        );
        assert_eq!(split("@Nobody Here", &n), vec![Piece::Text("@Nobody Here")]);
        assert_eq!(split("@Sofie", &n), vec![Piece::Text("@Sofie")]);
    }

    #[test]
    fn everyone_only_when_allowed() {
        assert_eq!(
            split("@here kijk", &names(false)),
            vec![Piece::Text("@here kijk")]
        );
        assert_eq!(
            split("@here kijk", &names(true)),
            vec![Piece::Everyone("here"), Piece::Text(" kijk")]
        );
        assert_eq!(
            split("@channels", &names(true)),
            vec![Piece::Text("@channels")]
        );
    }

    #[test]
    fn shortcodes_become_emoji() {
        assert_eq!(
            shortcodes("top :tada: en :+1:!").as_deref(),
            Some("top 🎉 en 👍!")
        );
        assert_eq!(shortcodes("om 10:30 :nope:"), None);
    }
}
