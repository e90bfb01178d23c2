//! The directory, people pages and direct messages.

use super::*;

#[tokio::test]
async fn directory_people_and_direct_messages() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;

    // Profiles with a function, languages and themes.
    for (session, body) in [
        (
            &world.admin_a.session,
            json!({"function": "Schepen van internationale samenwerking", "languages_read": ["nl", "fr", "en"], "themes": [11, 17]}),
        ),
        (
            &world.member_b.session,
            json!({"function": "Responsable des finances", "languages_read": ["fr", "fon"], "themes": [16]}),
        ),
    ] {
        json(
            session.api(Method::PATCH, "/api/v1/me", Some(body)).await,
            200,
        )
        .await;
    }
    let admin_a = format!("href=\"/people/{}\"", world.admin_a.user_id);
    let member_a = format!("href=\"/people/{}\"", world.member_a.user_id);
    let member_b = format!("href=\"/people/{}\"", world.member_b.user_id);
    let s = &mut world.member_b.session;

    // Everyone active, without filters; empty choices are ignored.
    let all = page(
        s,
        "/directory?q=&organisation=&country=&kind=&language=&theme=",
    )
    .await;
    for link in [&admin_a, &member_a, &member_b] {
        assert!(all.contains(link.as_str()), "{link} in {all}");
    }
    assert!(
        !all.contains("Gust Gone"),
        "deactivated people are not listed"
    );
    // By name or function.
    let found = page(s, "/directory?q=finances").await;
    assert!(found.contains(&member_b) && !found.contains(&admin_a));
    let found = page(s, "/directory?q=schepen").await;
    assert!(found.contains(&admin_a) && !found.contains(&member_a));
    assert!(found.contains("Une personne trouvée."), "{found}");
    // By country.
    let found = page(s, "/directory?country=bj").await;
    assert!(found.contains(&member_b) && !found.contains(&admin_a));
    // By a language read.
    let found = page(s, "/directory?language=fon").await;
    assert!(found.contains(&member_b) && !found.contains(&admin_a));
    assert!(found.contains("<option value=\"fon\" lang=\"fon\" selected>"));
    // By theme.
    let found = page(s, "/directory?theme=17").await;
    assert!(found.contains(&admin_a) && !found.contains(&member_b));
    // By organisation.
    let found = page(s, &format!("/directory?organisation={}", world.org_a)).await;
    assert!(found.contains(&admin_a) && !found.contains(&member_b));
    let none = page(s, "/directory?q=nobody-has-this-name").await;
    assert!(none.contains("Personne ne correspond"));

    // A person's page, in the reader's language.
    let person = page(s, &format!("/people/{}", world.admin_a.user_id)).await;
    assert!(person.contains("An Admin") && person.contains("Schepen van internationale"));
    assert!(
        person.contains("<span lang=\"nl\">Nederlands</span>"),
        "{person}"
    );
    assert!(
        person.contains("ODD 11\u{a0}: Villes et communautés durables"),
        "{person}"
    );
    assert!(person.contains("Envoyer un message direct à An Admin"));
    // One's own page has no message form.
    let own = page(
        &mut world.admin_a.session,
        &format!("/people/{}", world.admin_a.user_id),
    )
    .await;
    assert!(!own.contains("action=\"/direct\""));
    let (status, _) = world
        .admin_a
        .session
        .page(&format!("/people/{}", world.deactivated_a.user_id))
        .await;
    assert_eq!(status, 404, "deactivated people have no page");

    // Starting a direct conversation through the form, twice: the same conversation.
    let s = &world.member_b.session;
    let to = world.admin_a.user_id.to_string();
    let location = post_redirect(s, "/direct", &[("user_id", &to)]).await;
    let dm = number_after(&location, "/channels/");
    let again = post_redirect(s, "/direct", &[("user_id", &to)]).await;
    assert_eq!(again, location);
    // Nobody to talk to: the list comes back with the error.
    post_invalid(s, "/direct", &[]).await;
    let listed = page(&mut world.member_b.session, "/direct").await;
    assert!(listed.contains(&format!("href=\"/channels/{dm}\"")));
    assert!(listed.contains("An Admin (Gemeente Aalst)"), "{listed}");

    // A message in it shows as unread for admin A, on /direct and at home.
    json(
        world
            .member_b
            .session
            .api(
                Method::POST,
                &format!("/api/v1/channels/{dm}/messages"),
                Some(json!({"body": "Bonjour, pouvez-vous m'envoyer le budget ?"})),
            )
            .await,
        201,
    )
    .await;
    let a = &mut world.admin_a.session;
    let listed = page(a, "/direct").await;
    assert!(listed.contains(&format!("href=\"/channels/{dm}\"")));
    assert!(listed.contains("1 ongelezen bericht<"), "{listed}");
    let home = page(a, "/").await;
    assert!(home.contains(&format!("href=\"/channels/{dm}\"")));
    assert!(home.contains("Awa Membre (Commune de Bohicon)"), "{home}");

    app.stop().await;
}
