//! The profile, the password change and the interface language.

use super::*;

#[tokio::test]
async fn profile_and_password_change() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let s = &world.member_b.session;
    let res = s
        .api(Method::PATCH, "/api/v1/me", Some(json!({"display_name": "Awa Diallo", "function": "Directrice financière", "kind": "official", "languages_read": ["fr", "wo", "fr"], "time_zone": "Africa/Porto-Novo", "interface_language": "es"})))
        .await;
    assert_eq!(res.status(), 200);
    let user: Value = res.json().await.unwrap();
    assert_eq!(user["languages_read"], json!(["fr", "wo"]));
    assert_eq!(user["time_zone"], "Africa/Porto-Novo");
    let (_, page) = s.clone_page("/profile").await;
    assert!(page.contains("<html lang=\"es\">"));
    assert!(page.contains("Directrice financière"));
    let res = s
        .api(
            Method::PATCH,
            "/api/v1/me",
            Some(json!({"time_zone": "Mars/Olympus"})),
        )
        .await;
    assert_eq!(res.status(), 422);

    // Changing the password ends the person's other sessions but keeps this one.
    let mut other = app.session();
    other.sign_in("member@bohicon.test", PASSWORD).await;
    let res = s
        .api(
            Method::PUT,
            "/api/v1/me/password",
            Some(json!({"current_password": PASSWORD, "new_password": "another long password"})),
        )
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(s.api(Method::GET, "/api/v1/me", None).await.status(), 200);
    assert_eq!(
        other.api(Method::GET, "/api/v1/me", None).await.status(),
        401
    );
}

#[tokio::test]
async fn interface_language_follows_choice_then_browser_then_organisation() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let page = |lang: Option<&'static str>| {
        let url = app.url("/signin");
        async move {
            let mut req = reqwest::Client::new().get(url);
            if let Some(l) = lang {
                req = req.header("accept-language", l);
            }
            req.send().await.unwrap().text().await.unwrap()
        }
    };
    assert!(page(None).await.contains("<html lang=\"en\">"));
    assert!(
        page(Some("fr-BJ,fr;q=0.9"))
            .await
            .contains("<html lang=\"fr\">")
    );
    assert!(page(Some("es-EC")).await.contains("<html lang=\"es\">"));
    assert!(page(Some("de")).await.contains("<html lang=\"en\">"));
    // The switcher sets a cookie that beats the browser's preference.
    let browser = app.session();
    let res = browser.get("/signin?lang=nl").await;
    assert!(
        res.headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("agora_lang=nl"))
    );
    let text = browser
        .client
        .get(app.url("/reset"))
        .header("accept-language", "fr")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("<html lang=\"nl\">"));
    // A person's own choice beats everything (admin B chose French).
    let text = world
        .admin_b
        .session
        .client
        .get(app.url("/profile"))
        .header("accept-language", "es")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("<html lang=\"fr\">"));
}
