//! People read Agora on phones over slow, metered connections: a channel page with a full page of
//! history (50 messages) and the side navigation of a person in 30 channels, with everything it
//! loads, must stay within 60 KB on the wire; a later visit, with the assets cached, within 10 KB.

use agora_tests::personas::World;
use agora_tests::spawn_app;
use reqwest::Method;
use serde_json::json;

/// The budget for the HTML, the stylesheet, the scripts and the icon, gzip-compressed.
const BUDGET_BYTES: usize = 60 * 1024;
/// The budget of a later visit: the page alone, every asset being cached for good.
const LATER_BUDGET_BYTES: usize = 10 * 1024;
/// Channels the reader is in, as the side navigation lists them.
const CHANNELS: usize = 30;

/// Messages of a realistic length in the network's languages.
const TEXTS: [(&str, &str); 4] = [
    (
        "nl",
        "Dag allemaal, in bijlage vinden jullie het verslag van de werkgroep afvalbeheer. \
         Kunnen we volgende week de **planning** voor de containerparken bespreken?",
    ),
    (
        "fr",
        "Bonjour à tous, la mairie de Bohicon a validé le budget participatif pour 2027. \
         Les quartiers peuvent déposer leurs projets jusqu'au 15 mars.",
    ),
    (
        "es",
        "Buenos días, le compartimos el informe de la minga comunitaria sobre el agua potable. \
         ¿Podemos coordinar una videollamada el jueves?",
    ),
    (
        "en",
        "Thanks for the update. The partnership agreement needs both councils' approval before \
         the summer; I will send the draft to the aldermen.",
    ),
];

/// GETs `path` asking for gzip, and returns the bytes as they came over the wire.
async fn wire(session: &agora_tests::Session, path: &str) -> (Vec<u8>, Option<String>) {
    // reqwest is built without decompression here: what arrives is what is counted.
    let res = session
        .client
        .get(format!("{}{path}", session.base))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 200, "{path}");
    let encoding = res
        .headers()
        .get("content-encoding")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    (res.bytes().await.expect("body").to_vec(), encoding)
}

/// The value of the first `attr="..."` after `marker` in `html`.
fn attribute_after(html: &str, marker: &str, attr: &str) -> String {
    let start = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} missing"));
    let rest = &html[start..];
    let value_start = rest.find(&format!("{attr}=\"")).expect("attribute") + attr.len() + 2;
    rest[value_start..]
        .split('"')
        .next()
        .expect("value")
        .to_string()
}

fn gunzip_len_hint(bytes: &[u8]) -> usize {
    // The last four bytes of a gzip member are the uncompressed length (mod 2^32).
    let n = bytes.len();
    u32::from_le_bytes([bytes[n - 4], bytes[n - 3], bytes[n - 2], bytes[n - 1]]) as usize
}

#[tokio::test]
async fn a_channel_page_with_fifty_messages_weighs_at_most_60_kb() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let channel = world.general_channel;
    let (a, b) = (&world.admin_a.session, &world.admin_b.session);
    // The author reads: every message carries their edit link as well.
    for i in 0..50 {
        let (lang, text) = TEXTS[i % TEXTS.len()];
        let author = if i % 3 == 0 { b } else { a };
        let res = author
            .api(
                Method::POST,
                &format!("/api/v1/channels/{channel}/messages"),
                Some(json!({"body": format!("{text} ({i})"), "language": lang})),
            )
            .await;
        assert_eq!(res.status(), 201);
        if i % 5 == 0 {
            let id = res.json::<serde_json::Value>().await.unwrap()["id"]
                .as_i64()
                .unwrap();
            for (who, emoji) in [(a, "👍"), (b, "🎉")] {
                let res = who
                    .api(
                        Method::PUT,
                        &format!("/api/v1/messages/{id}/reactions"),
                        Some(json!({"emoji": emoji})),
                    )
                    .await;
                assert_eq!(res.status(), 200);
            }
        }
    }

    // The reader is in 30 channels (the fixture's two and 28 more), a few with unread messages.
    for i in 2..CHANNELS {
        let res = a
            .api(
                Method::POST,
                &format!("/api/v1/workspaces/{}/channels", world.workspace),
                Some(json!({"name": format!("werkgroep-{i}-lokale-economie"), "topic": "", "private": false})),
            )
            .await;
        assert_eq!(res.status(), 201, "channel {i}");
        if i % 4 == 0 {
            let id = res.json::<serde_json::Value>().await.unwrap()["id"]
                .as_i64()
                .unwrap();
            let res = b
                .api(
                    Method::POST,
                    &format!("/api/v1/channels/{id}/messages"),
                    Some(json!({"body": "Nieuw", "language": "nl"})),
                )
                .await;
            assert_eq!(res.status(), 201);
        }
    }

    let (html_gz, encoding) = wire(a, &format!("/channels/{channel}")).await;
    assert_eq!(encoding.as_deref(), Some("gzip"), "pages are compressed");
    let html = a.clone_page(&format!("/channels/{channel}")).await.1;
    assert_eq!(html.matches("<article").count(), 50);
    let side = &html[html.find("id=\"side-nav\"").expect("side navigation")..];
    assert!(
        side.matches("<li data-c=").count() >= CHANNELS,
        "the side navigation lists every channel"
    );
    let icon = attribute_after(&html, "rel=\"icon\"", "href");
    let css = attribute_after(&html, "rel=\"stylesheet\"", "href");
    let htmx = attribute_after(&html, "<script src=\"/static/htmx-", "src");
    let js = attribute_after(&html, "<script src=\"/static/agora-", "src");
    let compose = attribute_after(&html, "<script src=\"/static/compose-", "src");

    let mut total = html_gz.len();
    let mut report = format!(
        "channel page: {} B gzip ({} B uncompressed)\n",
        html_gz.len(),
        gunzip_len_hint(&html_gz)
    );
    for path in [&css, &htmx, &js, &compose, &icon] {
        let (bytes, encoding) = wire(a, path).await;
        if path != &icon {
            assert_eq!(encoding.as_deref(), Some("gzip"), "{path} is compressed");
        }
        let res = a.get(path).await;
        assert_eq!(
            res.headers()["cache-control"],
            "public, max-age=31536000, immutable",
            "{path} is cached for good"
        );
        report.push_str(&format!(
            "{path}: {} B gzip ({} B uncompressed)\n",
            bytes.len(),
            gunzip_len_hint(&bytes)
        ));
        total += bytes.len();
    }
    report.push_str(&format!("total: {total} B of {BUDGET_BYTES} B"));
    eprintln!("{report}");
    assert!(
        total <= BUDGET_BYTES,
        "too heavy for slow connections:\n{report}"
    );
    // A later visit fetches the page alone: the assets' names change with their content.
    let (later, _) = wire(a, &format!("/channels/{channel}")).await;
    eprintln!("later visit: {} B of {LATER_BUDGET_BYTES} B", later.len());
    assert!(
        later.len() <= LATER_BUDGET_BYTES,
        "a later visit weighs {} B",
        later.len()
    );
    app.stop().await;
}
