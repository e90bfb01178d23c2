//! What a reader sees is what it claims to be: a mention shows the person's real name, never the
//! author's text; characters that reorder or hide text (bidi controls, zero-width characters) are
//! removed from names, link text and file names; Markdown tables align through classes our CSP
//! allows; a download's `filename*` is percent-encoded; and the answer that carries the CSRF
//! token is never cached.

use agora_shared::conversations::MessageView;
use agora_tests::api::text;
use agora_tests::personas::World;
use agora_tests::spawn_app;
use reqwest::Method;
use serde_json::{Value, json};

/// Right-to-left override and the other controls that change what text appears to say.
const INVISIBLE: [char; 15] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200E}',
    '\u{200F}', '\u{061C}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}',
];

fn assert_visible(what: &str, text: &str) {
    let found: Vec<char> = text.chars().filter(|c| INVISIBLE.contains(c)).collect();
    assert!(found.is_empty(), "{what} keeps {found:?}: {text:?}");
}

async fn post(world: &World, body: &str) -> MessageView {
    world
        .admin_a
        .session
        .post_message(world.general_channel, text(body))
        .await
}

#[tokio::test]
async fn a_mention_shows_the_persons_name_not_the_authors_text() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let spoof = format!(
        "Vraag het @[Katrien Vermeulen](user:{}) of @[de burgemeester](user:{})",
        world.member_a.user_id, world.member_b.user_id
    );
    let message = post(&world, &spoof).await;
    let html = &message.html;
    assert!(
        html.contains(&format!(
            "<span class=\"mention\" data-user-id=\"{}\">@Mo Member</span>",
            world.member_a.user_id
        )),
        "{html}"
    );
    assert!(!html.contains("Katrien"), "{html}");
    // Member B cannot read the channel: no mention, and her name does not leak into the text.
    assert_eq!(html.matches("class=\"mention\"").count(), 1, "{html}");
    assert!(!html.contains("Awa"), "{html}");
}

#[tokio::test]
async fn display_names_lose_bidi_controls_and_zero_width_characters() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let name = format!(
        "Mo{}\u{202E}rebmeM\u{200B}",
        INVISIBLE.iter().collect::<String>()
    );
    let res = world
        .member_a
        .session
        .api(
            Method::PATCH,
            "/api/v1/me",
            Some(json!({ "display_name": name })),
        )
        .await;
    let status = res.status().as_u16();
    let user: Value = res.json().await.unwrap();
    assert_eq!(status, 200, "{user}");
    assert_eq!(user["display_name"], "MorebmeM");
    // Nothing but invisible characters is no name.
    let res = world
        .member_a
        .session
        .api(
            Method::PATCH,
            "/api/v1/me",
            Some(json!({ "display_name": "\u{200B}\u{202E}" })),
        )
        .await;
    assert_eq!(res.status(), 422);
}

#[tokio::test]
async fn link_text_loses_bidi_controls_and_zero_width_characters() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let message = post(
        &world,
        "Zie [factuur\u{202E}fdp.exe](https://gemeente.be/f) en ![plan\u{200B}\u{2066}](https://gemeente.be/p.png)",
    )
    .await;
    let html = &message.html;
    assert!(html.contains(">factuurfdp.exe</a>"), "{html}");
    assert!(html.contains(">plan</a>"), "{html}");
    assert_visible("link text", html);
}

#[tokio::test]
async fn file_names_lose_bidi_controls_and_zero_width_characters() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let a = &world.admin_a.session;
    // "factuur<RLO>fdp.exe" shows as "factuurexe.pdf".
    let res = a
        .client
        .post(format!(
            "{}/api/v1/channels/{}/attachments?name=factuur%E2%80%AEfdp%E2%80%8B.exe",
            app.address, world.general_channel
        ))
        .header("x-csrf-token", &a.csrf)
        .body("MZ")
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let file: Value = res.json().await.unwrap();
    assert_eq!(status, 201, "{file}");
    assert_eq!(file["file_name"], "factuurfdp.exe");
}

#[tokio::test]
async fn table_alignment_uses_classes_not_style_attributes() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let message = post(
        &world,
        "| Gemeente | Inwoners | Land |\n|:---|---:|:-:|\n| Aalst | 89 000 | BE |",
    )
    .await;
    let html = &message.html;
    assert!(!html.contains("style="), "{html}");
    assert!(
        html.contains("<th class=\"align-left\">Gemeente</th>"),
        "{html}"
    );
    assert!(
        html.contains("<td class=\"align-right\">89 000</td>"),
        "{html}"
    );
    assert!(
        html.contains("<td class=\"align-center\">BE</td>"),
        "{html}"
    );
    let css = reqwest::get(app.url(&app.state.assets.css_path))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for class in [".align-left", ".align-right", ".align-center"] {
        assert!(css.contains(class), "{class} not styled");
    }
}

#[tokio::test]
async fn the_answer_with_the_csrf_token_is_never_cached() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let res = world
        .member_a
        .session
        .api(Method::GET, "/api/v1/me", None)
        .await;
    assert_eq!(res.status(), 200);
    let cache = res
        .headers()
        .get("cache-control")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    assert!(cache.contains("no-store"), "Cache-Control: {cache:?}");
}

#[tokio::test]
async fn downloads_name_the_file_with_percent_encoding() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let a = &world.admin_a.session;
    let name = "begroting%202027 été+plan.txt";
    let res = a
        .client
        .post(format!(
            "{}/api/v1/channels/{}/attachments?name=begroting%25202027%20%C3%A9t%C3%A9%2Bplan.txt",
            app.address, world.general_channel
        ))
        .header("x-csrf-token", &a.csrf)
        .body("twintig bytes nodig.")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let res = a.get(&format!("/files/{id}/x")).await;
    assert_eq!(res.status(), 200);
    let disposition = res
        .headers()
        .get("content-disposition")
        .expect("Content-Disposition")
        .to_str()
        .unwrap()
        .to_string();
    let (_, extended) = disposition
        .split_once("filename*=")
        .expect("an RFC 8187 filename*");
    assert_eq!(
        extended, "UTF-8''begroting%25202027%20%C3%A9t%C3%A9%2Bplan.txt",
        "{name}: {disposition}"
    );
}
