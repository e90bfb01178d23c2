//! Rendering tests, with helpers to read the produced markup.

use super::*;

mod markdown;
mod safety;

fn html(markdown: &str) -> String {
    render(markdown, &HashMap::new()).html
}

/// Rendered where people 1 to 9 may be mentioned, person `n` being called `Persoon n`.
fn with_people(markdown: &str) -> Rendered {
    let names = (1..10).map(|id| (id, format!("Persoon {id}"))).collect();
    render(markdown, &names)
}

const TAG_A: &str = "a href=\"https://x.example/a.png\" rel=\"noopener noreferrer nofollow ugc\"";

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
