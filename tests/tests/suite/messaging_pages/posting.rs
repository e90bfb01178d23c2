//! Posting through the plain forms: attachments, thread replies, and refused uploads.

use super::*;

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
