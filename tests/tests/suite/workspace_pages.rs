//! The workspace, directory and direct-message pages driven like a browser without JavaScript:
//! plain forms, redirects (Post/Redirect/Get), and what each page then shows.

use agora_tests::personas::World;
use agora_tests::{Session, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

/// Status and `Location` of a form post that must redirect.
async fn post_redirect(session: &Session, path: &str, fields: &[(&str, &str)]) -> String {
    let res = session.post_form(path, fields).await;
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = res.text().await.unwrap_or_default();
    assert_eq!(
        status, 303,
        "POST {path} {fields:?} answered {status}: {body}"
    );
    location
}

/// A form post that must be refused with the form shown again.
async fn post_invalid(session: &Session, path: &str, fields: &[(&str, &str)]) -> String {
    let res = session.post_form(path, fields).await;
    let status = res.status().as_u16();
    let body = res.text().await.unwrap_or_default();
    assert_eq!(
        status, 422,
        "POST {path} {fields:?} answered {status}: {body}"
    );
    assert!(
        body.contains("class=\"error-summary\""),
        "the form comes back with its errors: {body}"
    );
    body
}

/// A page that must answer 200.
async fn page(session: &mut Session, path: &str) -> String {
    let (status, body) = session.page(path).await;
    assert_eq!(status, 200, "GET {path}: {body}");
    body
}

/// The number after `prefix` in `text`.
fn id_after(text: &str, prefix: &str) -> i64 {
    let start = text
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} in {text}"))
        + prefix.len();
    text[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or_else(|_| panic!("no number after {prefix} in {text}"))
}

async fn json(res: reqwest::Response, expected: u16) -> Value {
    let status = res.status().as_u16();
    let text = res.text().await.expect("body");
    assert_eq!(status, expected, "{text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

async fn channel_named(session: &Session, workspace: i64, name: &str) -> i64 {
    let channels = json(
        session
            .api(
                Method::GET,
                &format!("/api/v1/workspaces/{workspace}/channels"),
                None,
            )
            .await,
        200,
    )
    .await;
    channels
        .as_array()
        .expect("list")
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no channel {name} in {channels}"))["id"]
        .as_i64()
        .expect("id")
}

/// Admin A creates a working group through the form and returns its id.
async fn create_through_form(world: &mut World) -> i64 {
    let a = &mut world.admin_a.session;
    let form = page(a, "/workspaces/new").await;
    assert!(form.contains("name=\"sdg_tags\"") && form.contains("name=\"visibility\""));
    // Only network administrators choose the owner.
    assert!(!form.contains("owner_organisation_id"));

    // Without a name the form comes back, filled in as it was sent.
    let body = post_invalid(
        a,
        "/workspaces",
        &[
            ("kind", "working_group"),
            ("name", "  "),
            ("description", "Afvalbeheer in Bohicon"),
            ("sdg_tags", "11"),
            ("visibility", "invite_only"),
            ("default_language", "nl"),
        ],
    )
    .await;
    assert!(body.contains("Afvalbeheer in Bohicon"));
    assert!(body.contains("id=\"name\"") && body.contains("aria-invalid=\"true\""));

    let location = post_redirect(
        a,
        "/workspaces",
        &[
            ("kind", "working_group"),
            ("name", "Afval & klimaat"),
            ("description", "Afvalbeheer in Bohicon\nen in Aalst"),
            ("sdg_tags", "11"),
            ("sdg_tags", "13"),
            ("visibility", "invite_only"),
            ("default_language", "nl"),
        ],
    )
    .await;
    assert!(
        location.ends_with("?notice=workspace-created"),
        "{location}"
    );
    id_after(&location, "/workspaces/")
}

#[tokio::test]
async fn a_workspace_from_creation_to_unread_counts() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    let ws = create_through_form(&mut world).await;
    let ws_path = format!("/workspaces/{ws}");
    let admin_path = format!("/workspaces/{ws}/admin");

    // The new workspace's page: summary, the general channel, the link to manage it.
    let a = &mut world.admin_a.session;
    let body = page(a, &format!("{ws_path}?notice=workspace-created")).await;
    assert!(body.contains("Afval &#38; klimaat"), "{body}");
    assert!(body.contains("Afvalbeheer in Bohicon<br>en in Aalst"));
    assert!(
        body.contains("De werkruimte is aangemaakt."),
        "Dutch notice"
    );
    assert!(body.contains("Werkgroep") && body.contains("SDG 13"));
    assert!(body.contains(&format!("href=\"{admin_path}\"")));
    let general = channel_named(a, ws, "algemeen").await;
    assert!(body.contains(&format!("href=\"/channels/{general}\"")));
    // Outsiders do not even learn that it exists.
    let (status, _) = world.member_a.session.page(&ws_path).await;
    assert_eq!(status, 404);

    // Admin A invites B: B's organisation is offered, A's is not.
    let a = &mut world.admin_a.session;
    let body = page(a, &admin_path).await;
    assert!(body.contains(&format!("<option value=\"{}\">", world.org_b)));
    assert!(!body.contains(&format!("<option value=\"{}\">", world.org_a)));
    let location = post_redirect(
        a,
        &format!("/workspaces/{ws}/organisations"),
        &[("organisation_id", &world.org_b.to_string())],
    )
    .await;
    assert_eq!(
        location,
        format!("{admin_path}?notice=organisation-invited")
    );
    // Until B accepts, B's people cannot be added.
    post_invalid(
        a,
        &format!("/workspaces/{ws}/members"),
        &[
            ("user_id", &world.member_b.user_id.to_string()),
            ("role", "member"),
        ],
    )
    .await;

    // Admin B finds the invitation on the home page and accepts it there.
    let b = &mut world.admin_b.session;
    let home = page(b, "/").await;
    let participation = format!("action=\"/workspaces/{ws}/participation\"");
    assert!(home.contains(&participation), "{home}");
    assert!(home.contains("Accepter l&#39;invitation à Afval &#38; klimaat"));
    // Member B, not an administrator, has nothing to decide.
    let home_b = page(&mut world.member_b.session, "/").await;
    assert!(!home_b.contains(&participation));
    let b = &mut world.admin_b.session;
    let location = post_redirect(
        b,
        &format!("/workspaces/{ws}/participation"),
        &[("decision", "accept")],
    )
    .await;
    assert_eq!(location, "/?notice=participation-accepted");
    let home = page(b, &location).await;
    assert!(home.contains("Votre organisation participe désormais"));
    assert!(!home.contains(&participation));
    assert!(home.contains(&format!("href=\"{ws_path}\"")));

    // Admin B governs B's own people: member B is offered, A's people are not.
    let body = page(b, &admin_path).await;
    assert!(body.contains("Vos collègues dans cet espace"), "{body}");
    assert!(body.contains(&format!("<option value=\"{}\">", world.member_b.user_id)));
    assert!(!body.contains(&format!("<option value=\"{}\">", world.member_a.user_id)));
    assert!(!body.contains("/settings\""), "no settings for admin B");

    // Admin A adds member B, then makes them an observer and back.
    let a = &mut world.admin_a.session;
    let location = post_redirect(
        a,
        &format!("/workspaces/{ws}/members"),
        &[
            ("user_id", &world.member_b.user_id.to_string()),
            ("role", "member"),
        ],
    )
    .await;
    assert_eq!(location, format!("{admin_path}?notice=member-added"));
    let role = format!("/workspaces/{ws}/members/{}/role", world.member_b.user_id);
    post_redirect(a, &role, &[("role", "observer")]).await;
    let body = page(a, &admin_path).await;
    assert!(body.contains("Waarnemer (leest alleen)"));
    post_invalid(a, &role, &[("role", "emperor")]).await;
    post_redirect(a, &role, &[("role", "member")]).await;
    // The last owner cannot step down.
    post_invalid(
        a,
        &format!("/workspaces/{ws}/members/{}/role", world.admin_a.user_id),
        &[("role", "member")],
    )
    .await;

    // A channel through the form; a private one for member B only.
    let location = post_redirect(
        a,
        &format!("/workspaces/{ws}/channels"),
        &[("name", "afval"), ("topic", "Ophaling en sortering")],
    )
    .await;
    assert_eq!(location, format!("{ws_path}?notice=channel-created"));
    post_invalid(
        a,
        &format!("/workspaces/{ws}/channels"),
        &[("name", ""), ("topic", "Zonder naam")],
    )
    .await;
    post_redirect(
        a,
        &format!("/workspaces/{ws}/channels"),
        &[
            ("name", "kern"),
            ("private", "true"),
            ("member_ids", &world.member_b.user_id.to_string()),
        ],
    )
    .await;
    let afval = channel_named(a, ws, "afval").await;
    let kern = channel_named(a, ws, "kern").await;
    let body = page(&mut world.member_b.session, &ws_path).await;
    assert!(body.contains(&format!("href=\"/channels/{afval}\"")));
    assert!(body.contains(&format!("href=\"/channels/{kern}\"")));
    let body = page(&mut world.admin_b.session, &ws_path).await;
    assert!(!body.contains(&format!("href=\"/channels/{kern}\"")));

    // Member B writes in the new channel, mentioning admin A.
    let text = format!(
        "Bonjour @[An Admin](user:{}), voici le calendrier de collecte.",
        world.admin_a.user_id
    );
    json(
        world
            .member_b
            .session
            .api(
                Method::POST,
                &format!("/api/v1/channels/{afval}/messages"),
                Some(json!({ "body": text })),
            )
            .await,
        201,
    )
    .await;
    // Admin A (in Dutch) sees the counts as words, on the workspace page and at home.
    let a = &mut world.admin_a.session;
    let body = page(a, &ws_path).await;
    assert!(body.contains("1 ongelezen bericht<"), "{body}");
    assert!(body.contains("1 keer vermeld"));
    let home = page(a, "/").await;
    assert!(home.contains("1 ongelezen bericht<"), "{home}");
    // Admin B (in French) has one unread message but no mention.
    let body = page(&mut world.admin_b.session, &ws_path).await;
    assert!(body.contains("1 message non lu<"), "{body}");
    assert!(!body.contains("mention de vous"));

    // Renaming, a bad name, archiving.
    let a = &mut world.admin_a.session;
    let settings = format!("/channels/{afval}/settings");
    let body = post_invalid(a, &settings, &[("name", ""), ("topic", "x")]).await;
    assert!(
        body.contains(&format!("href=\"#channel-{afval}-name\"")),
        "{body}"
    );
    let location = post_redirect(
        a,
        &settings,
        &[("name", "afvalbeheer"), ("topic", "Ophaling")],
    )
    .await;
    assert_eq!(location, format!("{admin_path}?notice=channel-saved"));
    post_redirect(a, &settings, &[("archived", "true")]).await;
    let body = page(a, &admin_path).await;
    assert!(
        body.contains("afvalbeheer") && body.contains("heropenen"),
        "{body}"
    );

    // Settings: discoverable, so that others on the network see the summary only.
    post_invalid(
        a,
        &format!("/workspaces/{ws}/settings"),
        &[
            ("name", "Afval & klimaat"),
            ("visibility", "everywhere"),
            ("default_language", "nl"),
        ],
    )
    .await;
    let location = post_redirect(
        a,
        &format!("/workspaces/{ws}/settings"),
        &[
            ("name", "Afval & klimaat"),
            ("description", "Afvalbeheer"),
            ("sdg_tags", "12"),
            ("visibility", "discoverable"),
            ("default_language", "fr"),
        ],
    )
    .await;
    assert_eq!(location, format!("{admin_path}?notice=workspace-saved"));
    let body = page(&mut world.member_a.session, &ws_path).await;
    assert!(
        body.contains("Je bent geen lid van deze werkruimte"),
        "{body}"
    );
    assert!(!body.contains("href=\"/channels/"));
    assert!(body.contains("SDG 12"));
    let (status, _) = world.member_a.session.page(&admin_path).await;
    assert_eq!(status, 404);

    // Admin B removes B's own member; member B is gone from the workspace.
    let b = &world.admin_b.session;
    let location = post_redirect(
        b,
        &format!("/workspaces/{ws}/members/{}/remove", world.member_b.user_id),
        &[],
    )
    .await;
    assert_eq!(location, format!("{admin_path}?notice=member-removed"));
    let (status, _) = world.member_b.session.page(&ws_path).await;
    assert_eq!(status, 200, "discoverable: the summary stays visible");
    let body = page(&mut world.member_b.session, &ws_path).await;
    assert!(!body.contains("href=\"/channels/"));

    app.stop().await;
}

#[tokio::test]
async fn organisations_decline_and_network_admins_create_for_others() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;

    // The network admin creates a workspace owned by B, choosing B from the select.
    let n = &mut world.network_admin.session;
    let form = page(n, "/workspaces/new").await;
    assert!(form.contains("id=\"owner_organisation_id\""));
    let org_b = world.org_b.to_string();
    let location = post_redirect(
        n,
        "/workspaces",
        &[
            ("owner_organisation_id", &org_b),
            ("kind", "experiment"),
            ("name", "Budget participatif"),
            ("visibility", "invite_only"),
            ("default_language", "fr"),
        ],
    )
    .await;
    // Not a member of it, the network admin goes home.
    assert_eq!(location, "/?notice=workspace-created");

    // Plain members may not create workspaces.
    let (status, _) = world.member_a.session.page("/workspaces/new").await;
    assert_eq!(status, 403);
    let home = page(&mut world.member_a.session, "/").await;
    assert!(!home.contains("href=\"/workspaces/new\""));
    let home = page(&mut world.admin_a.session, "/").await;
    assert!(home.contains("href=\"/workspaces/new\""));

    // The fixture's twinning invites the operator; the network admin declines from home.
    let ws = world.workspace;
    post_redirect(
        &world.admin_a.session,
        &format!("/workspaces/{ws}/organisations"),
        &[("organisation_id", &world.operator_id.to_string())],
    )
    .await;
    let n = &mut world.network_admin.session;
    let home = page(n, "/").await;
    assert!(home.contains(&format!("action=\"/workspaces/{ws}/participation\"")));
    assert!(home.contains("Invited by Gemeente Aalst"), "{home}");
    // The invited organisation's admin sees the summary and may decide there too.
    let body = page(n, &format!("/workspaces/{ws}")).await;
    assert!(body.contains("Your organisation is invited"));
    let location = post_redirect(
        n,
        &format!("/workspaces/{ws}/participation"),
        &[("decision", "decline")],
    )
    .await;
    assert_eq!(location, "/?notice=participation-declined");
    let (status, _) = n.page(&format!("/workspaces/{ws}")).await;
    assert_eq!(
        status, 404,
        "declined: the invite-only workspace is hidden again"
    );
    let res = n
        .post_form(
            &format!("/workspaces/{ws}/participation"),
            &[("decision", "maybe")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);

    app.stop().await;
}

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
        person.contains("ODD 11 : Villes et communautés durables"),
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
    let dm = id_after(&location, "/channels/");
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
