//! The Markdown people write, rendered as they expect it.

use super::*;

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
        mention_ids("@[A](user:7) [b](https://x.example) @[C](user:3) @[A](user:7) [x](user:0)"),
        vec![7, 3]
    );
    assert!(mention_ids("geen vermelding").is_empty());
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
            plain_text: String::new(),
            everyone: false,
        }
    );
}

#[test]
fn rendering_is_deterministic() {
    let markdown = "# Titel\n\n@[Awa](user:2) en @[Jan](user:1): [link](https://a.example) | ~~x~~\n\n| a | b |\n|:-:|--|\n| 1 | 2 |";
    assert_eq!(with_people(markdown), with_people(markdown));
}
