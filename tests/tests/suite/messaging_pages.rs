//! The conversation pages without JavaScript: plain forms (multipart with files, urlencoded),
//! Post/Redirect/Get, threads, edits, tombstones, reactions, search, jumps, paging, observers,
//! and outsiders who must not learn anything.

use agora_tests::api::text_in;
use agora_tests::personas::World;
use agora_tests::{Session, TestApp, spawn_app};
use reqwest::Method;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use serde_json::{Value, json};

const BOUNDARY: &str = "----agora-test-boundary-7MA4YWxkTrZu0gW";

/// A multipart body as a browser sends it: the fields in order, then the files.
fn multipart(fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (file_name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn multipart_headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_str(&format!("multipart/form-data; boundary={BOUNDARY}")).unwrap(),
    );
    headers
}

fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// The number after `prefix` in `text`, e.g. the message id of `#m12`.
fn number_after(text: &str, prefix: &str) -> i64 {
    let start = text
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix} not in {text}"))
        + prefix.len();
    text[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .expect("a number")
}

async fn english(session: &Session) {
    let res = session
        .api(
            Method::PATCH,
            "/api/v1/me",
            Some(json!({"interface_language": "en"})),
        )
        .await;
    assert_eq!(res.status(), 200);
}

async fn page(session: &Session, path: &str) -> (u16, String) {
    session.clone_page(path).await
}

/// The HTML of one message on a page, from its anchor to the end of its article.
fn article(html: &str, id: i64) -> &str {
    let start = html
        .find(&format!("id=\"m{id}\""))
        .unwrap_or_else(|| panic!("message {id} not on the page"));
    let end = html[start..].find("</article>").expect("article end") + start;
    &html[start..end]
}

async fn world() -> (TestApp, World) {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    english(&world.admin_a.session).await;
    english(&world.admin_b.session).await;
    english(&world.member_a.session).await;
    (app, world)
}

#[tokio::test]
async fn posting_without_javascript_with_an_attachment() {
    let (app, world) = world().await;
    let b = &world.admin_b.session;
    let channel = world.general_channel;
    let (status, html) = page(b, &format!("/channels/{channel}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"composer\""), "a member may write");
    assert!(html.contains("enctype=\"multipart/form-data\""));
    assert!(
        html.contains("Welkom in de stedenband"),
        "the fixture message"
    );

    let file: &[u8] = b"Budget 2027: 12 000 000 FCFA";
    let body = multipart(
        &[
            ("csrf_token", &b.csrf),
            ("body", "Voici le **budget** de la commune."),
            ("language", ""),
        ],
        &[("budget 2027.txt", file), ("", b"")],
    );
    let res = b
        .raw(
            Method::POST,
            &format!("/channels/{channel}/messages"),
            multipart_headers(),
            body,
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let to = location(&res);
    assert!(to.starts_with(&format!("/channels/{channel}#m")), "{to}");
    let id = number_after(&to, "#m");

    let (_, html) = page(b, &format!("/channels/{channel}")).await;
    let m = article(&html, id);
    assert!(
        m.contains("<strong>budget</strong>"),
        "rendered Markdown: {m}"
    );
    assert!(
        m.contains("lang=\"fr\""),
        "the language is detected and marked: {m}"
    );
    assert!(m.contains(">FR<"), "a visible language label: {m}");
    assert!(m.contains("Français"), "the label has a name: {m}");
    assert!(m.contains("Bio Admin") && m.contains("Commune de Bohicon"));
    assert!(m.contains("<time datetime=\""), "{m}");
    let link_start = m.find("/files/").expect("attachment link");
    let link: String = m[link_start..].chars().take_while(|c| *c != '"').collect();
    // The name in the link is only for people; the id finds the file.
    assert!(link.ends_with("/budget+2027.txt"), "{link}");
    let downloaded = b.get(&link).await;
    assert_eq!(downloaded.status(), 200);
    assert_eq!(downloaded.bytes().await.unwrap().as_ref(), file);

    // Others read it too, from the API.
    let history = world.admin_a.session.history(channel).await;
    let last = history.messages.last().expect("a message");
    assert_eq!(last.id, id);
    assert_eq!(last.attachments[0].file_name, "budget 2027.txt");

    // Without its CSRF field the same form is refused.
    let res = b
        .raw(
            Method::POST,
            &format!("/channels/{channel}/messages"),
            multipart_headers(),
            multipart(&[("body", "forged")], &[]),
        )
        .await;
    assert_eq!(res.status(), 403);

    // An empty message comes back with its error, keeping nothing else.
    let res = b
        .raw(
            Method::POST,
            &format!("/channels/{channel}/messages"),
            multipart_headers(),
            multipart(&[("csrf_token", &b.csrf), ("body", "   ")], &[]),
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("class=\"error-summary\""));
    assert!(html.contains("aria-invalid=\"true\""));

    // Through htmx: nothing to swap, the message is named for the script.
    let mut headers = multipart_headers();
    headers.insert("hx-request", HeaderValue::from_static("true"));
    headers.insert("x-csrf-token", HeaderValue::from_str(&b.csrf).unwrap());
    let res = b
        .raw(
            Method::POST,
            &format!("/channels/{channel}/messages"),
            headers.clone(),
            multipart(&[("body", "Envoyé avec htmx")], &[]),
        )
        .await;
    assert_eq!(res.status(), 204);
    let new_id: i64 = res.headers()["x-agora-message"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let (status, fragment) = page(b, &format!("/messages/{new_id}/fragment")).await;
    assert_eq!(status, 200);
    assert!(fragment.starts_with("<article"), "{fragment}");
    assert!(fragment.contains("Envoyé avec htmx"));
    assert!(!fragment.contains("<html"), "only the message");
    // And an htmx error sends back only the composer, for its place on the page.
    let res = b
        .raw(
            Method::POST,
            &format!("/channels/{channel}/messages"),
            headers,
            multipart(&[("body", "")], &[]),
        )
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(res.headers()["hx-retarget"], "#composer");
    let html = res.text().await.unwrap();
    assert!(html.starts_with("<section id=\"composer\""), "{html}");
    app.stop().await;
}

#[tokio::test]
async fn replying_in_a_thread() {
    let (app, world) = world().await;
    let b = &world.admin_b.session;
    let root = world.message;
    let (status, html) = page(b, &format!("/messages/{root}/thread")).await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"thread_root_id\""));
    assert!(html.contains("Welkom in de stedenband"));

    // A urlencoded form works as well as a multipart one.
    let res = b
        .post_form(
            &format!("/channels/{}/messages", world.general_channel),
            &[
                ("body", "Merci pour l'accueil !"),
                ("thread_root_id", &root.to_string()),
                ("language", "fr"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let to = location(&res);
    assert!(
        to.starts_with(&format!("/messages/{root}/thread#m")),
        "{to}"
    );
    let reply = number_after(&to, "#m");

    let (_, html) = page(b, &format!("/messages/{root}/thread")).await;
    assert!(article(&html, reply).contains("Merci pour l"));
    let (_, html) = page(b, &format!("/channels/{}", world.general_channel)).await;
    let m = article(&html, root);
    assert!(m.contains("1 reply"), "{m}");
    assert!(m.contains(&format!("href=\"/messages/{root}/thread\"")));
    assert!(
        !html.contains(&format!("id=\"m{reply}\"")),
        "replies stay in their thread"
    );
    app.stop().await;
}

#[tokio::test]
async fn editing_marks_the_message_and_keeps_its_history() {
    let (app, world) = world().await;
    let a = &world.admin_a.session;
    let id = world.message;
    let (status, html) = page(a, &format!("/messages/{id}/edit")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Welkom in de stedenband</textarea>"));
    assert!(html.contains("<option value=\"nl\" lang=\"nl\" selected>"));

    let res = a
        .post_form(
            &format!("/messages/{id}/edit"),
            &[
                ("body", "Welkom in de stedenband Aalst – Bohicon"),
                ("language", "nl"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let to = location(&res);
    assert!(to.ends_with(&format!("#m{id}")), "{to}");
    let (_, html) = page(a, &to).await;
    let m = article(&html, id);
    assert!(
        m.contains("Aalst – Bohicon") && m.contains("(edited)"),
        "{m}"
    );

    let history: Value = a
        .api(Method::GET, &format!("/api/v1/messages/{id}/history"), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history[0]["markdown"], "Welkom in de stedenband");

    // Someone else may neither edit nor (not being a moderator) delete it.
    let b = &world.admin_b.session;
    let (status, _) = page(b, &format!("/messages/{id}/edit")).await;
    assert_eq!(status, 403);
    let res = b
        .post_form(&format!("/messages/{id}/edit"), &[("body", "hacked")])
        .await;
    assert_eq!(res.status(), 403);
    let (_, html) = page(b, &format!("/channels/{}", world.general_channel)).await;
    assert!(!article(&html, id).contains("/edit\""));

    // A language correction alone keeps the text.
    let res = a
        .post_form(
            &format!("/messages/{id}/edit"),
            &[
                ("body", "Welkom in de stedenband Aalst – Bohicon"),
                ("language", "fr"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, html) = page(a, &location(&res)).await;
    assert!(article(&html, id).contains("lang=\"fr\""));
    app.stop().await;
}

#[tokio::test]
async fn deleting_leaves_a_tombstone() {
    let (app, world) = world().await;
    let a = &world.admin_a.session;
    let id = world.message;
    let res = world
        .admin_b
        .session
        .post_form(&format!("/messages/{id}/delete"), &[])
        .await;
    assert_eq!(res.status(), 403, "only the author or a moderator");

    let res = a.post_form(&format!("/messages/{id}/delete"), &[]).await;
    assert_eq!(res.status(), 303);
    let (_, html) = page(&world.admin_b.session, &location(&res)).await;
    let m = article(&html, id);
    assert!(m.contains("This message was deleted."), "{m}");
    assert!(!m.contains("Welkom"), "{m}");
    assert!(!m.contains("/files/"), "its attachment is gone: {m}");
    assert!(!m.contains("reactions"), "no reacting to a tombstone: {m}");
    let res = world
        .admin_b
        .session
        .get(&format!("/files/{}/agenda.txt", world.attachment))
        .await;
    assert_eq!(res.status(), 404);
    app.stop().await;
}

#[tokio::test]
async fn reactions_toggle() {
    let (app, world) = world().await;
    let b = &world.admin_b.session;
    let id = world.message;
    let res = b
        .post_form(&format!("/messages/{id}/reactions"), &[("add", "🎉")])
        .await;
    assert_eq!(res.status(), 303);
    let to = location(&res);
    let (_, html) = page(b, &to).await;
    let m = article(&html, id);
    assert!(
        m.contains("name=\"remove\" value=\"🎉\" aria-pressed=\"true\""),
        "{m}"
    );
    assert!(m.contains("1 person reacted"));
    // Admin A sees it too, not as theirs.
    let (_, html) = page(&world.admin_a.session, &to).await;
    assert!(article(&html, id).contains("name=\"add\" value=\"🎉\" aria-pressed=\"false\""));

    let res = b
        .post_form(
            &format!("/messages/{id}/reactions"),
            &[("emoji", "🎉"), ("action", "remove")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, html) = page(b, &to).await;
    assert!(!article(&html, id).contains("aria-pressed"));

    let res = b
        .post_form(&format!("/messages/{id}/reactions"), &[("add", "abc")])
        .await;
    assert_eq!(res.status(), 422);
    app.stop().await;
}

#[tokio::test]
async fn search_finds_french_words_in_other_forms() {
    let (app, world) = world().await;
    let b = &world.admin_b.session;
    let posted = b
        .post_message(
            world.general_channel,
            text_in(
                "Nous préparons le budget participatif de Bohicon avec les quartiers.",
                "fr",
            ),
        )
        .await;
    let (id, seq) = (posted.id, posted.seq);
    let (status, html) = page(b, "/search?q=budgets+participatifs").await;
    assert_eq!(status, 200);
    assert!(html.contains("One message found"), "{html}");
    assert!(html.contains(&format!(
        "href=\"/channels/{}?around={seq}#m{id}\"",
        world.general_channel
    )));
    assert!(html.contains("budget participatif"));
    assert!(html.contains("Aalst – Bohicon"), "the workspace is named");

    // Filters: another workspace, dates, a channel.
    let (_, html) = page(b, "/search?q=budgets+participatifs&until=2000-01-01").await;
    assert!(html.contains("No messages found"));
    let (status, html) = page(b, "/search?q=budget&from=yesterday").await;
    assert_eq!(status, 422);
    assert!(html.contains("class=\"error-summary\""));
    let (_, html) = page(
        b,
        &format!(
            "/search?q=budget&channel={}&workspace=",
            world.general_channel
        ),
    )
    .await;
    assert!(html.contains("One message found"));

    // Someone outside the workspace finds nothing.
    let (status, html) = page(&world.member_b.session, "/search?q=budgets+participatifs").await;
    assert_eq!(status, 200);
    assert!(!html.contains("budget participatif"));
    app.stop().await;
}

#[tokio::test]
async fn paging_and_jumping_to_a_message() {
    let (app, world) = world().await;
    let a = &world.admin_a.session;
    let channel = world.general_channel;
    let mut ids = Vec::new();
    for i in 1..=120 {
        let m = a
            .post_message(channel, text_in(&format!("Bericht nummer {i}"), "nl"))
            .await;
        ids.push((m.id, m.seq));
    }
    let (_, html) = page(a, &format!("/channels/{channel}")).await;
    assert_eq!(html.matches("<article").count(), 50);
    assert!(html.contains("Bericht nummer 120<"));
    assert!(!html.contains("Bericht nummer 70<"));
    assert!(html.contains("data-live=\"1\""), "the newest page is live");
    let older = format!("/channels/{channel}?before={}", ids[70].1);
    assert!(html.contains(&format!("href=\"{older}\"")), "{older}");
    assert!(!html.contains("?after="));

    let (_, html) = page(a, &older).await;
    assert_eq!(html.matches("<article").count(), 50);
    assert!(html.contains("Bericht nummer 21<") && html.contains("Bericht nummer 70<"));
    assert!(
        html.contains(&format!("?after={}", ids[69].1)),
        "newer link"
    );
    assert!(
        html.contains(&format!("?before={}", ids[20].1)),
        "older link"
    );
    assert!(
        !html.contains("data-live"),
        "an older page is not appended to"
    );

    // Jump to message 10: it is on the page, marked and focusable.
    let (id, seq) = ids[9];
    let (status, html) = page(a, &format!("/channels/{channel}?around={seq}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(&format!(
            "class=\"msg msg-target\" id=\"m{id}\" data-author=\""
        )),
        "{html}"
    );
    assert!(article(&html, id).contains("tabindex=\"-1\""));
    // The ten messages before it fit on the page; the newer ones do not.
    assert!(!html.contains("rel=\"prev\"") && html.contains("rel=\"next\""));
    assert!(html.contains("Bericht nummer 1<") && !html.contains("Bericht nummer 120<"));

    // Reading the newest page reads the channel.
    let b = &world.admin_b.session;
    let unread: Value = b
        .api(Method::GET, "/api/v1/unread", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(unread["unread"], 121);
    page(b, &format!("/channels/{channel}")).await;
    let unread: Value = b
        .api(Method::GET, "/api/v1/unread", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(unread["unread"], 0);
    app.stop().await;
}

#[tokio::test]
async fn observers_read_without_a_composer() {
    let (app, world) = world().await;
    let res = world
        .admin_a
        .session
        .api(
            Method::PATCH,
            &format!(
                "/api/v1/workspaces/{}/members/{}",
                world.workspace, world.member_a.user_id
            ),
            Some(json!({"role": "observer"})),
        )
        .await;
    assert_eq!(res.status(), 204, "{}", res.text().await.unwrap());
    let observer = &world.member_a.session;
    let (status, html) = page(observer, &format!("/channels/{}", world.general_channel)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Welkom in de stedenband"));
    assert!(!html.contains("id=\"composer\""));
    assert!(html.contains("You can read this conversation, but not write in it."));
    assert!(!html.contains("/reactions\""), "no reaction buttons either");
    let res = observer
        .post_form(
            &format!("/channels/{}/messages", world.general_channel),
            &[("body", "Mag ik iets zeggen?")],
        )
        .await;
    assert_eq!(res.status(), 403);
    app.stop().await;
}

#[tokio::test]
async fn outsiders_get_404_everywhere() {
    let (app, world) = world().await;
    let outsider = &world.member_b.session;
    let general = world.general_channel;
    let message = world.message;
    for path in [
        format!("/channels/{general}"),
        format!("/channels/{}", world.private_channel),
        format!("/channels/{general}?around=1"),
        format!("/messages/{message}/thread"),
        format!("/messages/{message}/fragment"),
        format!("/messages/{message}/edit"),
        format!("/files/{}/{}", world.attachment, World::ATTACHMENT_NAME),
        "/channels/987654321".to_string(),
    ] {
        let res = outsider.get(&path).await;
        assert_eq!(res.status(), 404, "{path}");
    }
    // Admin B is in the workspace but not in its private channel.
    let (status, _) = page(
        &world.admin_b.session,
        &format!("/channels/{}", world.private_channel),
    )
    .await;
    assert_eq!(status, 404);
    for (path, fields) in [
        (
            format!("/channels/{general}/messages"),
            vec![("body", "hello")],
        ),
        (
            format!("/messages/{message}/reactions"),
            vec![("add", "👍")],
        ),
        (format!("/messages/{message}/edit"), vec![("body", "x")]),
        (format!("/messages/{message}/delete"), vec![]),
    ] {
        let res = outsider.post_form(&path, &fields).await;
        assert_eq!(res.status(), 404, "POST {path}");
    }
    // Signed out: to the sign-in page, and back afterwards.
    let res = app
        .session()
        .get(&format!("/channels/{general}?around=3"))
        .await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).starts_with("/signin?next=%2Fchannels%2F"));
    app.stop().await;
}

#[tokio::test]
async fn a_direct_conversation_names_the_other_people() {
    let (app, world) = world().await;
    let a = &world.admin_a.session;
    let res = a
        .api(
            Method::POST,
            "/api/v1/direct",
            Some(json!({"user_ids": [world.member_b.user_id]})),
        )
        .await;
    assert_eq!(res.status(), 201);
    let channel = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let (status, html) = page(a, &format!("/channels/{channel}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<h1>Conversation with Awa Membre</h1>"),
        "{html}"
    );
    assert!(html.contains("id=\"composer\""));
    assert!(!html.contains("/workspaces/"), "no workspace to link to");
    // A file over the limit is explained beside the file input.
    let big = vec![b'x'; agora_shared::limits::MAX_ATTACHMENT_BYTES + 1];
    let res = a
        .raw(
            Method::POST,
            &format!("/channels/{channel}/messages"),
            multipart_headers(),
            multipart(
                &[("csrf_token", &a.csrf), ("body", "Het verslag")],
                &[("verslag.pdf", &big)],
            ),
        )
        .await;
    assert_eq!(res.status(), 413);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"file-error\""), "{html}");
    assert!(html.contains(">Het verslag</textarea>"), "the text is kept");
    // Nobody else reads it.
    let res = world
        .admin_b
        .session
        .get(&format!("/channels/{channel}"))
        .await;
    assert_eq!(res.status(), 404);
    app.stop().await;
}

#[tokio::test]
async fn an_upload_without_its_token_is_refused_and_stores_nothing() {
    use agora::db::schema::{attachments, messages};
    use agora_tests::rows;
    use diesel::prelude::*;
    let (app, world) = world().await;
    let b = &world.admin_b.session;
    let path = format!("/channels/{}/messages", world.general_channel);
    let (files, posts) = (rows!(&app, attachments), rows!(&app, messages));
    let file: &[u8] = b"forged attachment";
    for (what, fields) in [
        ("no token", vec![("body", "forged")]),
        (
            "a wrong token",
            vec![("csrf_token", "AAAA"), ("body", "forged")],
        ),
        (
            "an empty token",
            vec![("csrf_token", ""), ("body", "forged")],
        ),
    ] {
        let res = b
            .raw(
                Method::POST,
                &path,
                multipart_headers(),
                multipart(&fields, &[("forged.txt", file)]),
            )
            .await;
        assert_eq!(res.status(), 403, "{what}");
        let html = res.text().await.unwrap();
        assert!(html.contains("<html"), "{what}: an error page: {html}");
    }
    // A wrong header is no better, whatever the body carries.
    let mut headers = multipart_headers();
    headers.insert("x-csrf-token", HeaderValue::from_static("AAAA"));
    let res = b
        .raw(
            Method::POST,
            &path,
            headers,
            multipart(&[("csrf_token", &b.csrf), ("body", "forged")], &[]),
        )
        .await;
    assert_eq!(res.status(), 403, "wrong header");
    assert_eq!(rows!(&app, attachments), files, "no file stored");
    assert_eq!(rows!(&app, messages), posts, "no message posted");
    app.stop().await;
}

#[tokio::test]
async fn a_multipart_post_to_a_form_route_is_refused() {
    let (app, world) = world().await;
    let b = &world.admin_b.session;
    // Even with the right token in the body: only upload routes read a multipart body.
    let res = b
        .raw(
            Method::POST,
            "/profile",
            multipart_headers(),
            multipart(&[("csrf_token", &b.csrf), ("display_name", "Forged")], &[]),
        )
        .await;
    assert_eq!(res.status(), 403);
    let res = b
        .raw(
            Method::POST,
            &format!("/workspaces/{}/channels", world.workspace),
            multipart_headers(),
            multipart(&[("csrf_token", &b.csrf), ("name", "forged")], &[]),
        )
        .await;
    assert_eq!(res.status(), 403);
    let (_, after) = page(b, "/profile").await;
    assert!(!after.contains("Forged"), "the profile is unchanged");
    app.stop().await;
}
