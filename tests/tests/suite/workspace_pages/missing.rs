//! Pages need a session and answer missing things with 404.

use super::*;

#[tokio::test]
async fn pages_need_a_session_and_answer_missing_things_with_404() {
    let app: TestApp = spawn_app().await;
    let mut world = World::build(&app).await;
    let mut anonymous = app.session();
    for path in ["/directory", "/direct", "/workspaces/new", "/people/1"] {
        let res = anonymous.get(path).await;
        assert_eq!(res.status().as_u16(), 303, "{path}");
        assert!(
            res.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/signin?next="),
            "{path}"
        );
    }
    anonymous.page("/signin").await;
    let s = &mut world.admin_a.session;
    for path in [
        "/workspaces/987654321",
        "/workspaces/987654321/admin",
        "/workspaces/not-a-number",
        "/people/987654321",
    ] {
        let (status, _) = s.page(path).await;
        assert_eq!(status, 404, "{path}");
    }
    // The fixture's workspace as its owner: both channels, with the navigation marked.
    let body = page(s, &format!("/workspaces/{}", world.workspace)).await;
    assert!(body.contains(&format!("href=\"/channels/{}\"", world.general_channel)));
    assert!(body.contains(&format!("href=\"/channels/{}\"", world.private_channel)));
    assert!(
        body.contains("<a href=\"/\" aria-current=\"true\">"),
        "{body}"
    );
    let body = page(s, "/directory").await;
    assert!(body.contains("<a href=\"/directory\" aria-current=\"page\">"));
    app.stop().await;
}
