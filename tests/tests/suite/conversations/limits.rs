//! The limits of the conversation API.

use super::*;

#[tokio::test]
async fn limits_are_enforced() {
    let app = spawn_app().await;
    let t = twinning(&app).await;
    let a = &t.world.admin_a.session;
    let long = "a".repeat(agora_shared::limits::MAX_MESSAGE_CHARS + 1);
    let res = json(
        a.api(
            Method::POST,
            &format!("/api/v1/channels/{}/messages", t.general),
            Some(json!({"body": long})),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(res["code"], "field_too_long");
    assert_eq!(
        json(
            a.api(
                Method::POST,
                &format!("/api/v1/channels/{}/messages", t.general),
                Some(json!({"body": "   "}))
            )
            .await,
            422
        )
        .await["code"],
        "field_required"
    );
    let big = vec![0u8; agora_shared::limits::MAX_ATTACHMENT_BYTES + 1];
    let res = a
        .client
        .post(format!(
            "{}/api/v1/channels/{}/attachments?name=big.bin",
            app.address, t.general
        ))
        .header("x-csrf-token", &a.csrf)
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    let ids: Vec<i64> = (0..6).collect();
    assert_eq!(
        json(
            a.api(
                Method::POST,
                &format!("/api/v1/channels/{}/messages", t.general),
                Some(json!({"body": "x", "attachment_ids": ids}))
            )
            .await,
            422
        )
        .await["code"],
        "field_too_long"
    );
    // Someone else's upload cannot be attached.
    let up = t
        .partner
        .client
        .post(format!(
            "{}/api/v1/channels/{}/attachments?name=a.txt",
            app.address, t.general
        ))
        .header("x-csrf-token", &t.partner.csrf)
        .body("hello")
        .send()
        .await
        .unwrap();
    let file = json(up, 201).await;
    assert_eq!(
        a.api(
            Method::POST,
            &format!("/api/v1/channels/{}/messages", t.general),
            Some(json!({"body": "x", "attachment_ids": [file["id"]]}))
        )
        .await
        .status(),
        422
    );
    // SVG is never served as an image.
    let up = a
        .client
        .post(format!(
            "{}/api/v1/channels/{}/attachments?name=x.svg",
            app.address, t.general
        ))
        .header("x-csrf-token", &a.csrf)
        .body("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")
        .send()
        .await
        .unwrap();
    let svg = json(up, 201).await;
    assert_eq!(svg["content_type"], "application/octet-stream");
}
