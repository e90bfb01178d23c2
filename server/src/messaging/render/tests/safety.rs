//! What must never reach a reader's browser: scripts, event handlers, foreign links and styles,
//! deceptive characters, and inputs built to exhaust the renderer.

use super::*;

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
fn code_blocks_keep_only_safe_language_classes() {
    let out = html("```rust\nlet a = \"<b>\";\n```");
    assert!(
        out.contains("<pre><code class=\"language-rust\">let a = \"&lt;b&gt;\";\n</code></pre>"),
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
