//! Form bodies sent with the CSRF header, page forms sent as JSON, and bodies without a length.

use super::*;

#[tokio::test]
async fn a_form_over_the_limit_with_the_csrf_header_is_too_large() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let s = &w.member_a.session;
    let body = format!(
        "current_password=x&new_password={}",
        "x".repeat(MAX_BODY_BYTES + 10)
    )
    .into_bytes();
    let res = send_raw(
        s,
        Method::POST,
        "/profile/password",
        Some("application/x-www-form-urlencoded"),
        body,
    )
    .await;
    let (status, content_type, body) = html(res).await;
    assert_html_page(
        status,
        &content_type,
        &body,
        413,
        "nl",
        "form over the limit, CSRF in the header",
    );
    assert_eq!(display_name(s).await, "Mo Member");
}

#[tokio::test]
async fn a_page_form_sent_as_json_is_an_unsupported_media_type() {
    let app = spawn_app().await;
    let w = World::build(&app).await;
    let s = &w.member_a.session;
    let body =
        format!(r#"{{"current_password": "{PASSWORD}", "new_password": "a brand new password"}}"#)
            .into_bytes();
    let res = send_raw(
        s,
        Method::POST,
        "/profile/password",
        Some("application/json"),
        body,
    )
    .await;
    let (status, content_type, body) = html(res).await;
    assert_html_page(
        status,
        &content_type,
        &body,
        415,
        "nl",
        "JSON to a form route",
    );
    let mut again = app.session();
    again.sign_in("member@aalst.test", PASSWORD).await;
    assert_eq!(display_name(s).await, "Mo Member");
}

/// Sends a raw HTTP/1.1 request with a chunked body and returns the status line and the rest.
async fn chunked_request(
    app: &TestApp,
    path: &str,
    content_type: &str,
    body: &[u8],
) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = app.address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.expect("connect");
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {content_type}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    .into_bytes();
    for chunk in body.chunks(8 * 1024) {
        request.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        request.extend_from_slice(chunk);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"0\r\n\r\n");
    // The server may answer and close before reading everything; that is fine.
    let _ = stream.write_all(&request).await;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    (status, text)
}

#[tokio::test]
async fn chunked_bodies_over_the_limit_are_too_large() {
    let app = spawn_app().await;
    let _w = World::build(&app).await;
    let body = serde_json::to_vec(
        &json!({ "email": format!("{}@aalst.test", "a".repeat(MAX_BODY_BYTES)) }),
    )
    .expect("json");
    let (status, text) =
        chunked_request(&app, "/api/v1/password-resets", "application/json", &body).await;
    assert_eq!(status, 413, "{text}");
    assert!(text.contains("\"code\":\"payload_too_large\""), "{text}");

    // A chunked body within the limit is read normally.
    let body = serde_json::to_vec(&json!({ "email": "nobody@aalst.test" })).expect("json");
    let (status, text) =
        chunked_request(&app, "/api/v1/password-resets", "application/json", &body).await;
    assert_eq!(status, 202, "{text}");

    // A chunked form over the limit, signed out: the CSRF check reads it first.
    let body = format!("email={}", "a".repeat(MAX_BODY_BYTES + 1)).into_bytes();
    let (status, text) =
        chunked_request(&app, "/signin", "application/x-www-form-urlencoded", &body).await;
    assert!((400..500).contains(&status), "{text}");
    assert_eq!(app.drain_outbox().await, 0);
}
