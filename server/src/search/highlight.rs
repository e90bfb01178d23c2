//! Search terms marked in a hit. The message's HTML was sanitized when it was written; this only
//! inserts `<mark>` around matches in its text, never inside a tag or a character reference, and
//! matches only letters and digits, so what it adds cannot open anything the sanitizer removed.

/// The words of a query worth marking: runs of letters and digits, at least two characters.
fn terms(query: &str) -> Vec<Vec<char>> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
        .collect()
}

/// `html` with each word that starts with a query term wrapped in `<mark>` (a stemmed search
/// finds "towers" for "tower": the start of the word is what both share).
pub fn mark(html: &str, query: &str) -> String {
    let terms = terms(query);
    if terms.is_empty() {
        return html.to_string();
    }
    let chars: Vec<char> = html.chars().collect();
    let mut out = String::with_capacity(html.len() + 32);
    let mut i = 0;
    let mut in_tag = false;
    while i < chars.len() {
        let c = chars[i];
        if in_tag {
            out.push(c);
            in_tag = c != '>';
            i += 1;
            continue;
        }
        match c {
            '<' => {
                in_tag = true;
                out.push(c);
                i += 1;
            }
            '&' => {
                // A character reference is copied whole.
                let end = chars[i..]
                    .iter()
                    .position(|&x| x == ';' || x == '<')
                    .map_or(chars.len(), |p| i + p + usize::from(chars[i + p] == ';'));
                out.extend(&chars[i..end]);
                i = end;
            }
            _ => {
                let word_start = i == 0 || !chars[i - 1].is_alphanumeric();
                let matched = word_start
                    && c.is_alphanumeric()
                    && terms.iter().any(|t| starts_with(&chars[i..], t));
                if matched {
                    let end = chars[i..]
                        .iter()
                        .position(|x| !x.is_alphanumeric())
                        .map_or(chars.len(), |p| i + p);
                    out.push_str("<mark>");
                    out.extend(&chars[i..end]);
                    out.push_str("</mark>");
                    i = end;
                } else {
                    out.push(c);
                    i += 1;
                }
            }
        }
    }
    out
}

fn starts_with(text: &[char], term: &[char]) -> bool {
    let mut lowered = text
        .iter()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase());
    term.iter().all(|t| lowered.next() == Some(*t))
}

#[cfg(test)]
mod tests {
    use super::mark;

    #[test]
    fn marks_text_only() {
        assert_eq!(
            mark("<p>The Water towers &amp; water</p>", "water tower"),
            "<p>The <mark>Water</mark> <mark>towers</mark> &amp; <mark>water</mark></p>"
        );
        // Never inside a tag or a reference.
        assert_eq!(
            mark(r#"<a href="/water">x</a> &amp;"#, "water amp"),
            r#"<a href="/water">x</a> &amp;"#
        );
        assert_eq!(mark("<p>é Élan</p>", "élan"), "<p>é <mark>Élan</mark></p>");
        assert_eq!(mark("<p>a b</p>", "<script>"), "<p>a b</p>");
    }
}
