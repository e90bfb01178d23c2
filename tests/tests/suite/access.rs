//! Every route against every persona. The table below must list each route the server registers
//! (`agora::routes::ROUTES`); a new route without a row fails `table_covers_every_route`.

use agora::routes::ROUTES;
use agora_tests::personas::World;
use agora_tests::{Session, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

/// Who asks. The fixture [`World`] says what each of them is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum P {
    Anonymous,
    DeactivatedA,
    MemberB,
    AdminB,
    /// A person of B who is an observer of the workspace.
    Observer,
    MemberA,
    /// A person of A who is a moderator of the workspace.
    Moderator,
    AdminA,
    /// An admin of A, the workspace's owner organisation, who is not a member of it.
    OutsideAdminA,
    NetworkAdmin,
}

const N: usize = 10;

/// Personas in the order they are tried; earlier ones cannot change what later ones may do.
const PERSONAS: [P; N] = [
    P::Anonymous,
    P::DeactivatedA,
    P::MemberB,
    P::AdminB,
    P::Observer,
    P::MemberA,
    P::Moderator,
    P::AdminA,
    P::OutsideAdminA,
    P::NetworkAdmin,
];

/// Expected answer: a status, and for redirects the start of the `Location`.
type Expect = &'static str;

const SIGNIN: Expect = "303 /signin";
// Rows that repeat one account's sign-in or reset also show its rate limit (5 and 3 per window).
const SIGNIN_LIMITED: [Expect; N] = [
    "401", "401", "401", "401", "401", "429", "429", "429", "429", "429",
];
const SIGNIN_LIMITED_API: [Expect; N] = SIGNIN_LIMITED;
const RESET_LIMITED_FORM: [Expect; N] = [
    RESET_SENT, RESET_SENT, RESET_SENT, "429", "429", "429", "429", "429", "429", "429",
];
const RESET_LIMITED_API: [Expect; N] = [
    "202", "202", "202", "429", "429", "429", "429", "429", "429", "429",
];
const RESET_SENT: Expect = "303 /signin?notice=reset-sent";
// email settings, unsubscribe, sign-in links (s4-email): three requests per address, then 429.
const LINK_SENT: Expect = "303 /signin?notice=signin-link-sent";
const BOGUS_TOKEN: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/// A text of the fixture and everyone who may see it. No other persona's answer to any row may
/// contain it; rows that [`Row::shows`] it must show it to everyone here who gets a 2xx.
struct Secret {
    text: &'static str,
    seen_by: &'static [P],
}

const WORKSPACE_READERS: &[P] = &[P::AdminB, P::Observer, P::MemberA, P::Moderator, P::AdminA];
const PEOPLE_OF_A: &[P] = &[
    P::DeactivatedA,
    P::MemberA,
    P::Moderator,
    P::AdminA,
    P::OutsideAdminA,
    P::NetworkAdmin,
];
const PEOPLE_OF_B: &[P] = &[P::MemberB, P::AdminB, P::Observer, P::NetworkAdmin];

/// An email address of A that no request of the table sends.
const EMAIL_OF_A: &str = "board@aalst.test";
const EMAIL_OF_B: &str = "member@bohicon.test";

const SECRETS: &[Secret] = &[
    Secret {
        text: World::WORKSPACE_NAME,
        // Admins of a taking-part organisation see the workspace to govern their own people.
        seen_by: &[
            P::AdminB,
            P::Observer,
            P::MemberA,
            P::Moderator,
            P::AdminA,
            P::OutsideAdminA,
        ],
    },
    Secret {
        text: World::GENERAL_TEXT,
        seen_by: WORKSPACE_READERS,
    },
    Secret {
        text: World::ATTACHMENT_NAME,
        seen_by: WORKSPACE_READERS,
    },
    Secret {
        text: World::ATTACHMENT_TEXT,
        seen_by: WORKSPACE_READERS,
    },
    Secret {
        text: World::PRIVATE_CHANNEL_NAME,
        seen_by: &[P::MemberA, P::AdminA],
    },
    Secret {
        text: World::PRIVATE_TEXT,
        seen_by: &[P::MemberA, P::AdminA],
    },
    Secret {
        text: World::DIRECT_TEXT,
        seen_by: &[P::MemberA, P::AdminB],
    },
    Secret {
        text: World::UPLOAD_NAME,
        seen_by: &[P::MemberA],
    },
    Secret {
        text: World::UPLOAD_TEXT,
        seen_by: &[P::MemberA],
    },
    Secret {
        text: EMAIL_OF_A,
        seen_by: PEOPLE_OF_A,
    },
    Secret {
        text: EMAIL_OF_B,
        seen_by: PEOPLE_OF_B,
    },
    Secret {
        text: World::INVITATION_A_EMAIL,
        seen_by: &[P::AdminA, P::OutsideAdminA, P::NetworkAdmin],
    },
    Secret {
        text: World::INVITATION_B_EMAIL,
        seen_by: &[P::AdminB, P::NetworkAdmin],
    },
];

enum Body {
    None,
    Form(&'static [(&'static str, &'static str)]),
    Json(Value),
}

struct Row {
    method: &'static str,
    path: &'static str,
    /// Query string appended to the request (not part of the route).
    query: &'static str,
    body: Body,
    /// One per persona, in the order of [`PERSONAS`].
    expect: [Expect; N],
    /// Placeholders that stand for another fixture object in this row, e.g. `{channel}` for
    /// `{private_channel}`.
    on: Vec<(&'static str, &'static str)>,
    /// Secrets of [`SECRETS`] that this row's successful answers show.
    shows: Vec<&'static str>,
}

impl Row {
    fn on(mut self, placeholder: &'static str, object: &'static str) -> Row {
        self.on.push((placeholder, object));
        self
    }

    fn shows(mut self, secrets: &[&'static str]) -> Row {
        self.shows.extend_from_slice(secrets);
        self
    }
}

fn all(e: Expect) -> [Expect; N] {
    [e; N]
}

/// anonymous and deactivated get `out`, everyone else `signed_in`.
fn signed(out: Expect, signed_in: Expect) -> [Expect; N] {
    let mut e = [signed_in; N];
    e[0] = out;
    e[1] = out;
    e
}

fn table() -> Vec<Row> {
    use Body::*;
    let row = |method, path, query, body, expect| Row {
        method,
        path,
        query,
        body,
        expect,
        on: Vec::new(),
        shows: Vec::new(),
    };
    vec![
        row("GET", "/healthz", "", None, all("200")),
        row("GET", "/readyz", "", None, all("200")),
        row("GET", "/static/{file}", "", None, all("200")),
        row("GET", "/", "", None, signed(SIGNIN, "200")),
        row(
            "GET",
            "/setup",
            "token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            None,
            all("422"),
        ),
        row(
            "POST",
            "/setup",
            "",
            Form(&[
                ("token", BOGUS_TOKEN),
                ("organisation_name", "X"),
                ("country", "BE"),
                ("language", "en"),
                ("display_name", "X"),
                ("email", "x@x.test"),
                ("password", "long enough password"),
            ]),
            all("422"),
        ),
        row("GET", "/signin", "", None, all("200")),
        row(
            "POST",
            "/signin",
            "",
            Form(&[
                ("email", "member@aalst.test"),
                ("password", "wrong password"),
            ]),
            SIGNIN_LIMITED,
        ),
        row(
            "POST",
            "/signout",
            "",
            Form(&[]),
            signed(SIGNIN, "303 /signin?notice=signed-out"),
        ),
        row("GET", "/invite/{token}", "", None, all("422")),
        row(
            "POST",
            "/invite/{token}",
            "",
            Form(&[
                ("display_name", "X"),
                ("password", "long enough password"),
                ("password_confirm", "long enough password"),
                ("interface_language", "en"),
            ]),
            all("422"),
        ),
        row("GET", "/reset", "", None, all("200")),
        row(
            "POST",
            "/reset",
            "",
            Form(&[("email", "nobody@nowhere.test")]),
            RESET_LIMITED_FORM,
        ),
        row("GET", "/reset/{token}", "", None, all("422")),
        row(
            "POST",
            "/reset/{token}",
            "",
            Form(&[
                ("password", "long enough password"),
                ("password_confirm", "long enough password"),
            ]),
            all("422"),
        ),
        row("GET", "/profile", "", None, signed(SIGNIN, "200")),
        row(
            "POST",
            "/profile",
            "",
            Form(&[
                ("display_name", "New Name"),
                ("function", "Alderman"),
                ("kind", "politician"),
                ("interface_language", "nl"),
                ("time_zone", "Africa/Porto-Novo"),
                ("languages_read", "fr"),
            ]),
            signed(SIGNIN, "303 /profile"),
        ),
        row(
            "POST",
            "/profile/password",
            "",
            Form(&[
                ("current_password", "wrong password"),
                ("new_password", "long enough password"),
                ("password_confirm", "long enough password"),
            ]),
            signed(SIGNIN, "422"),
        ),
        // email settings, unsubscribe, sign-in links (s4-email)
        row("GET", "/signin/link", "next=/directory", None, all("200")),
        row(
            "POST",
            "/signin/link",
            "",
            Form(&[("email", "nobody@nowhere.test"), ("next", "/directory")]),
            [
                LINK_SENT, LINK_SENT, LINK_SENT, "429", "429", "429", "429", "429", "429", "429",
            ],
        ),
        row("GET", "/signin/link/{token}", "", None, all("422")),
        row("POST", "/signin/link/{token}", "", Form(&[]), all("422")),
        row("GET", "/settings/email", "", None, signed(SIGNIN, "200")),
        row(
            "POST",
            "/settings/email",
            "",
            Form(&[
                ("digest_cadence", "daily"),
                ("digest_weekday", "3"),
                ("digest_hour", "9"),
                ("mention_batching", "hourly"),
            ]),
            signed(SIGNIN, "303 /settings/email?notice=saved"),
        ),
        // end of email settings, unsubscribe, sign-in links (s4-email)
        row(
            "GET",
            "/orgs",
            "",
            None,
            [
                SIGNIN, SIGNIN, "404", "404", "404", "404", "404", "404", "404", "200",
            ],
        ),
        row(
            "POST",
            "/orgs",
            "",
            Form(&[
                ("name", "Commune de Dogbo"),
                ("kind", "partner_municipality"),
                ("country", "BJ"),
                ("default_language", "fr"),
            ]),
            [
                SIGNIN,
                SIGNIN,
                "404",
                "404",
                "404",
                "404",
                "404",
                "404",
                "404",
                "303 /orgs/",
            ],
        ),
        row(
            "GET",
            "/orgs/{org}/edit",
            "",
            None,
            [
                SIGNIN, SIGNIN, "404", "404", "404", "403", "403", "403", "403", "200",
            ],
        ),
        row(
            "POST",
            "/orgs/{org}/edit",
            "",
            Form(&[
                ("name", "Stad Aalst"),
                ("kind", "flemish_municipality"),
                ("country", "BE"),
                ("default_language", "nl"),
            ]),
            [
                SIGNIN,
                SIGNIN,
                "404",
                "404",
                "404",
                "403",
                "403",
                "403",
                "403",
                "303 /orgs",
            ],
        ),
        row(
            "GET",
            "/orgs/{org}/members",
            "",
            None,
            [
                SIGNIN, SIGNIN, "404", "404", "404", "200", "200", "200", "200", "200",
            ],
        )
        .shows(&[EMAIL_OF_A, World::INVITATION_A_EMAIL]),
        row(
            "POST",
            "/orgs/{org}/members/{user}",
            "",
            Form(&[("role", "admin")]),
            [
                SIGNIN,
                SIGNIN,
                "404",
                "404",
                "404",
                "403",
                "403",
                "303 /orgs/",
                "303 /orgs/",
                "403",
            ],
        ),
        row(
            "POST",
            "/orgs/{org}/invitations",
            "",
            Form(&[
                ("email", "colleague@aalst.test"),
                ("role", "member"),
                ("language", "nl"),
            ]),
            [
                SIGNIN,
                SIGNIN,
                "404",
                "404",
                "404",
                "403",
                "403",
                "303 /orgs/",
                "303 /orgs/",
                "303 /orgs/",
            ],
        ),
        row(
            "POST",
            "/orgs/{org}/invitations/{invitation}/revoke",
            "",
            Form(&[]),
            [
                SIGNIN,
                SIGNIN,
                "404",
                "404",
                "404",
                "403",
                "403",
                "303 /orgs/",
                "303 /orgs/",
                "303 /orgs/",
            ],
        ),
        // Workspace pages. The fixture workspace belongs to A: admin A owns it, member A and
        // admin B are members, member B is not; the network admin is outside it.
        row(
            "GET",
            "/workspaces/new",
            "",
            None,
            [
                SIGNIN, SIGNIN, "403", "200", "403", "403", "403", "200", "200", "200",
            ],
        ),
        row(
            "POST",
            "/workspaces",
            "",
            Form(&[
                ("kind", "working_group"),
                ("name", "Werkgroep Post-Agenda 2030"),
                ("sdg_tags", "11"),
                ("sdg_tags", "17"),
                ("visibility", "invite_only"),
                ("default_language", "nl"),
            ]),
            [
                SIGNIN,
                SIGNIN,
                "403",
                "303 /workspaces/",
                "403",
                "403",
                "403",
                "303 /workspaces/",
                "303 /workspaces/",
                "303 /workspaces/",
            ],
        ),
        row(
            "GET",
            "/workspaces/{workspace}",
            "",
            None,
            [
                SIGNIN, SIGNIN, "404", "200", "200", "200", "200", "200", "200", "404",
            ],
        )
        .shows(&[World::WORKSPACE_NAME, World::PRIVATE_CHANNEL_NAME]),
        row(
            "GET",
            "/workspaces/{workspace}/admin",
            "",
            None,
            // Admin B governs B's own people there; member A is a plain member.
            [
                SIGNIN, SIGNIN, "404", "200", "403", "403", "200", "200", "200", "404",
            ],
        ),
        row(
            "POST",
            "/workspaces/{workspace}/settings",
            "",
            Form(&[
                ("name", "Stedenband Aalst – Bohicon"),
                ("description", "Sinds 1996"),
                ("visibility", "invite_only"),
                ("default_language", "nl"),
            ]),
            [
                SIGNIN,
                SIGNIN,
                "404",
                "403",
                "403",
                "403",
                "403",
                "303 /workspaces/",
                "403",
                "404",
            ],
        ),
        row(
            "POST",
            "/workspaces/{workspace}/organisations",
            "",
            Form(&[("organisation_id", "{operator}")]),
            // Once admin A has invited the operator, its admin sees the workspace (and may
            // accept), but may not invite anyone.
            [
                SIGNIN,
                SIGNIN,
                "404",
                "403",
                "403",
                "403",
                "403",
                "303 /workspaces/",
                "403",
                "403",
            ],
        ),
        row(
            "POST",
            "/workspaces/{workspace}/participation",
            "",
            // Accepting again is harmless; only organisation admins decide.
            Form(&[("decision", "accept")]),
            [
                SIGNIN, SIGNIN, "404", "303 /?", "403", "403", "403", "303 /?", "303 /?", "404",
            ],
        ),
        row(
            "POST",
            "/workspaces/{workspace}/members",
            "",
            // Admin B adds B's own member B; for admin A they are then already a member.
            Form(&[("user_id", "{member_b}"), ("role", "member")]),
            [
                SIGNIN,
                SIGNIN,
                "404",
                "303 /workspaces/",
                "403",
                "403",
                "409",
                "409",
                "403",
                "404",
            ],
        ),
        row(
            "POST",
            "/workspaces/{workspace}/members/{user}/role",
            "",
            // Organisation admins switch their own people between member and observer.
            Form(&[("role", "observer")]),
            [
                SIGNIN,
                SIGNIN,
                "404",
                "403",
                "403",
                "403",
                "303 /workspaces/",
                "303 /workspaces/",
                "303 /workspaces/",
                "404",
            ],
        ),
        row(
            "POST",
            "/workspaces/{workspace}/members/{user}/remove",
            "",
            Form(&[]),
            // Member A may leave; after that admin A finds no such member.
            [
                SIGNIN, SIGNIN, "404", "403", "403", "303 /?", "404", "404", "404", "404",
            ],
        ),
        row(
            "POST",
            "/workspaces/{workspace}/channels",
            "",
            Form(&[("name", "budget"), ("topic", "Participatief budget")]),
            [
                SIGNIN,
                SIGNIN,
                "404",
                "403",
                "403",
                "403",
                "303 /workspaces/",
                "303 /workspaces/",
                "403",
                "404",
            ],
        ),
        row(
            "POST",
            "/channels/{channel}/settings",
            "",
            Form(&[("name", "algemeen"), ("topic", "Nieuws van de stedenband")]),
            [
                SIGNIN,
                SIGNIN,
                "404",
                "403",
                "403",
                "403",
                "303 /workspaces/",
                "303 /workspaces/",
                "404",
                "404",
            ],
        ),
        row("GET", "/directory", "", None, signed(SIGNIN, "200")),
        row(
            "GET",
            "/directory",
            "q=admin&country=be&language=nl&theme=&organisation=",
            None,
            signed(SIGNIN, "200"),
        ),
        row("GET", "/people/{user}", "", None, signed(SIGNIN, "200")),
        row("GET", "/direct", "", None, signed(SIGNIN, "200")),
        row(
            "POST",
            "/direct",
            "",
            // Two people, so that nobody is left talking to themselves alone.
            Form(&[("user_id", "{member_b}"), ("user_id", "{admin_a}")]),
            signed(SIGNIN, "303 /channels/"),
        ),
        // Conversation pages. The fixture message is admin A's, in the general channel that
        // admin A (owner), member A and admin B (members) read; member B and the network admin
        // are outside the workspace.
        row(
            "GET",
            "/channels/{channel}",
            "",
            None,
            [
                SIGNIN, SIGNIN, "404", "200", "200", "200", "200", "200", "404", "404",
            ],
        )
        .shows(&[World::GENERAL_TEXT, World::ATTACHMENT_NAME]),
        row(
            "GET",
            "/channels/{channel}",
            "around=1",
            None,
            [
                SIGNIN, SIGNIN, "404", "200", "200", "200", "200", "200", "404", "404",
            ],
        )
        .shows(&[World::GENERAL_TEXT]),
        row(
            "POST",
            "/channels/{channel}/messages",
            "",
            Form(&[("body", "Goedemorgen iedereen"), ("language", "nl")]),
            [
                SIGNIN,
                SIGNIN,
                "404",
                "303 /channels/",
                "403",
                "303 /channels/",
                "303 /channels/",
                "303 /channels/",
                "404",
                "404",
            ],
        ),
        row(
            "GET",
            "/messages/{message}/thread",
            "",
            None,
            [
                SIGNIN, SIGNIN, "404", "200", "200", "200", "200", "200", "404", "404",
            ],
        )
        .shows(&[World::GENERAL_TEXT]),
        row(
            "GET",
            "/messages/{message}/fragment",
            "",
            None,
            [
                SIGNIN, SIGNIN, "404", "200", "200", "200", "200", "200", "404", "404",
            ],
        )
        .shows(&[World::GENERAL_TEXT, World::ATTACHMENT_NAME]),
        row(
            "GET",
            "/messages/{message}/edit",
            "",
            None,
            [
                SIGNIN, SIGNIN, "404", "403", "403", "403", "200", "200", "404", "404",
            ],
        ),
        row(
            "POST",
            "/messages/{message}/edit",
            "",
            Form(&[("body", "Welkom in onze stedenband"), ("language", "nl")]),
            [
                SIGNIN,
                SIGNIN,
                "404",
                "403",
                "403",
                "403",
                "403",
                "303 /channels/",
                "404",
                "404",
            ],
        ),
        row(
            "POST",
            "/messages/{message}/reactions",
            "",
            Form(&[("add", "👍")]),
            [
                SIGNIN,
                SIGNIN,
                "404",
                "303 /channels/",
                "403",
                "303 /channels/",
                "303 /channels/",
                "303 /channels/",
                "404",
                "404",
            ],
        ),
        row(
            "POST",
            "/messages/{message}/delete",
            "",
            Form(&[]),
            [
                SIGNIN,
                SIGNIN,
                "404",
                "403",
                "403",
                "403",
                "303 /channels/",
                "303 /channels/",
                "404",
                "404",
            ],
        ),
        row(
            "GET",
            "/search",
            "q=stedenband&workspace=&from=&until=",
            None,
            signed(SIGNIN, "200"),
        )
        .shows(&[World::GENERAL_TEXT, World::PRIVATE_TEXT]),
        row("GET", "/api/v1/openapi.json", "", None, all("200")),
        // A plain GET without the websocket upgrade headers; tests/tests/realtime.rs upgrades.
        row("GET", "/api/v1/events", "", None, signed("401", "400")),
        row(
            "POST",
            "/api/v1/session",
            "",
            Json(json!({"email": "member@aalst.test", "password": "wrong password"})),
            SIGNIN_LIMITED_API,
        ),
        row("DELETE", "/api/v1/session", "", None, signed("401", "204")),
        row("GET", "/api/v1/me", "", None, signed("401", "200")),
        row(
            "PATCH",
            "/api/v1/me",
            "",
            Json(json!({"function": "Alderman for international cooperation"})),
            signed("401", "200"),
        ),
        row(
            "PUT",
            "/api/v1/me/password",
            "",
            Json(
                json!({"current_password": "wrong password", "new_password": "long enough password"}),
            ),
            signed("401", "422"),
        ),
        row(
            "POST",
            "/api/v1/password-resets",
            "",
            Json(json!({"email": "nobody@nowhere.test"})),
            RESET_LIMITED_API,
        ),
        row(
            "POST",
            "/api/v1/password-resets/confirm",
            "",
            Json(json!({"token": BOGUS_TOKEN, "password": "long enough password"})),
            all("422"),
        ),
        row(
            "POST",
            "/api/v1/invitations/accept",
            "",
            Json(
                json!({"token": BOGUS_TOKEN, "display_name": "X", "password": "long enough password", "interface_language": "en"}),
            ),
            all("422"),
        ),
        row(
            "GET",
            "/api/v1/organisations",
            "",
            None,
            signed("401", "200"),
        ),
        row(
            "POST",
            "/api/v1/organisations",
            "",
            Json(
                json!({"name": "Commune de Dogbo", "kind": "partner_municipality", "country": "BJ", "default_language": "fr"}),
            ),
            [
                "401", "401", "404", "404", "404", "404", "404", "404", "404", "201",
            ],
        ),
        row(
            "GET",
            "/api/v1/organisations/{org}",
            "",
            None,
            [
                "401", "401", "404", "404", "404", "200", "200", "200", "200", "200",
            ],
        ),
        row(
            "PATCH",
            "/api/v1/organisations/{org}",
            "",
            Json(json!({"name": "Stad Aalst"})),
            [
                "401", "401", "404", "404", "404", "403", "403", "403", "403", "200",
            ],
        ),
        row(
            "GET",
            "/api/v1/organisations/{org}/members",
            "",
            None,
            [
                "401", "401", "404", "404", "404", "200", "200", "200", "200", "200",
            ],
        )
        .shows(&[EMAIL_OF_A]),
        row(
            "PATCH",
            "/api/v1/organisations/{org}/members/{user}",
            "",
            Json(json!({"role": "admin"})),
            [
                "401", "401", "404", "404", "404", "403", "403", "200", "200", "403",
            ],
        ),
        row(
            "GET",
            "/api/v1/organisations/{org}/invitations",
            "",
            None,
            [
                "401", "401", "404", "404", "404", "403", "403", "200", "200", "200",
            ],
        )
        .shows(&[World::INVITATION_A_EMAIL]),
        row(
            "POST",
            "/api/v1/organisations/{org}/invitations",
            "",
            Json(json!({"email": "colleague@aalst.test", "role": "member"})),
            [
                "401", "401", "404", "404", "404", "403", "403", "201", "201", "201",
            ],
        ),
        row(
            "DELETE",
            "/api/v1/organisations/{org}/invitations/{invitation}",
            "",
            None,
            [
                "401", "401", "404", "404", "404", "403", "403", "204", "204", "204",
            ],
        ),
        // Conversations through the API, on the fixture workspace of A (see the page rows).
        // Outsiders get 404 as if nothing existed; members who may not act get 403.
        row(
            "GET",
            "/files/{attachment}/{name}",
            "",
            None,
            [
                SIGNIN, SIGNIN, "404", "200", "200", "200", "200", "200", "404", "404",
            ],
        )
        .shows(&[World::ATTACHMENT_TEXT]),
        row("GET", "/api/v1/workspaces", "", None, signed("401", "200")),
        row(
            "POST",
            "/api/v1/workspaces",
            "",
            Json(
                json!({"kind": "network", "name": "Netwerk Noord-Zuid", "visibility": "discoverable", "default_language": "en"}),
            ),
            [
                "401", "401", "403", "201", "403", "403", "403", "201", "201", "201",
            ],
        ),
        row(
            "GET",
            "/api/v1/workspaces/{workspace}",
            "",
            None,
            [
                "401", "401", "404", "200", "200", "200", "200", "200", "200", "404",
            ],
        )
        .shows(&[World::WORKSPACE_NAME]),
        row(
            "PATCH",
            "/api/v1/workspaces/{workspace}",
            "",
            Json(json!({"description": "Stedenband sinds 1996, vernieuwd in 2026"})),
            [
                "401", "401", "404", "403", "403", "403", "403", "200", "403", "404",
            ],
        ),
        row(
            "POST",
            "/api/v1/workspaces/{workspace}/organisations",
            "",
            Json(json!({"organisation_id": "{operator}"})),
            // Once invited, the operator's admin sees the workspace but may not invite.
            [
                "401", "401", "404", "403", "403", "403", "403", "204", "403", "403",
            ],
        ),
        row(
            "POST",
            "/api/v1/workspaces/{workspace}/participation",
            "",
            Json(json!({"accept": true})),
            [
                "401", "401", "404", "204", "403", "403", "403", "204", "204", "404",
            ],
        ),
        row(
            "GET",
            "/api/v1/workspaces/{workspace}/members",
            "",
            None,
            [
                "401", "401", "404", "200", "200", "200", "200", "200", "200", "404",
            ],
        ),
        row(
            "POST",
            "/api/v1/workspaces/{workspace}/members",
            "",
            // Admin B adds B's own member B; for admin A they are then already a member.
            Json(json!({"user_id": "{member_b}", "role": "member"})),
            [
                "401", "401", "404", "204", "403", "403", "409", "409", "403", "404",
            ],
        ),
        row(
            "PATCH",
            "/api/v1/workspaces/{workspace}/members/{user}",
            "",
            // Organisation admins switch their own people between member and observer.
            Json(json!({"role": "observer"})),
            [
                "401", "401", "404", "403", "403", "403", "204", "204", "204", "404",
            ],
        ),
        row(
            "DELETE",
            "/api/v1/workspaces/{workspace}/members/{user}",
            "",
            None,
            // Member A may leave; after that admin A finds no such member.
            [
                "401", "401", "404", "403", "403", "204", "404", "404", "404", "404",
            ],
        ),
        row(
            "GET",
            "/api/v1/workspaces/{workspace}/channels",
            "",
            None,
            [
                "401", "401", "404", "200", "200", "200", "200", "200", "403", "404",
            ],
        )
        .shows(&[World::PRIVATE_CHANNEL_NAME]),
        row(
            "POST",
            "/api/v1/workspaces/{workspace}/channels",
            "",
            Json(json!({"name": "budget", "topic": "Participatief budget"})),
            [
                "401", "401", "404", "403", "403", "403", "201", "201", "403", "404",
            ],
        ),
        row(
            "GET",
            "/api/v1/channels/{channel}",
            "",
            None,
            [
                "401", "401", "404", "200", "200", "200", "200", "200", "404", "404",
            ],
        ),
        row(
            "PATCH",
            "/api/v1/channels/{channel}",
            "",
            Json(json!({"topic": "Nieuws van de stedenband"})),
            [
                "401", "401", "404", "403", "403", "403", "200", "200", "404", "404",
            ],
        ),
        row(
            "GET",
            "/api/v1/channels/{channel}/messages",
            "",
            None,
            [
                "401", "401", "404", "200", "200", "200", "200", "200", "404", "404",
            ],
        )
        .shows(&[World::GENERAL_TEXT, World::ATTACHMENT_NAME]),
        row(
            "POST",
            "/api/v1/channels/{channel}/messages",
            "",
            Json(json!({"body": "Goedemorgen iedereen"})),
            [
                "401", "401", "404", "201", "403", "201", "201", "201", "404", "404",
            ],
        ),
        row(
            "POST",
            "/api/v1/channels/{channel}/read",
            "",
            Json(json!({})),
            [
                "401", "401", "404", "200", "200", "200", "200", "200", "404", "404",
            ],
        ),
        row(
            "POST",
            "/api/v1/channels/{channel}/attachments",
            "name=notulen.txt",
            Json(json!("Notulen van de vergadering")),
            [
                "401", "401", "404", "201", "403", "201", "201", "201", "404", "404",
            ],
        ),
        row(
            "GET",
            "/api/v1/messages/{message}",
            "",
            None,
            [
                "401", "401", "404", "200", "200", "200", "200", "200", "404", "404",
            ],
        )
        .shows(&[World::GENERAL_TEXT, World::ATTACHMENT_NAME]),
        row(
            "PATCH",
            "/api/v1/messages/{message}",
            "",
            // The fixture message is admin A's: only its author edits it.
            Json(json!({"body": "Welkom in de stedenband!"})),
            [
                "401", "401", "404", "403", "403", "403", "403", "200", "404", "404",
            ],
        ),
        row(
            "DELETE",
            "/api/v1/messages/{message}",
            "",
            None,
            [
                "401", "401", "404", "403", "403", "403", "204", "204", "404", "404",
            ],
        ),
        row(
            "GET",
            "/api/v1/messages/{message}/thread",
            "",
            None,
            [
                "401", "401", "404", "200", "200", "200", "200", "200", "404", "404",
            ],
        )
        .shows(&[World::GENERAL_TEXT]),
        row(
            "GET",
            "/api/v1/messages/{message}/history",
            "",
            None,
            // The author's and the moderators' to read.
            [
                "401", "401", "404", "403", "403", "403", "200", "200", "404", "404",
            ],
        ),
        row(
            "PUT",
            "/api/v1/messages/{message}/reactions",
            "",
            Json(json!({"emoji": "👍"})),
            [
                "401", "401", "404", "200", "403", "200", "200", "200", "404", "404",
            ],
        ),
        row(
            "DELETE",
            "/api/v1/messages/{message}/reactions",
            "",
            Json(json!({"emoji": "👍"})),
            [
                "401", "401", "404", "200", "403", "200", "200", "200", "404", "404",
            ],
        ),
        row("GET", "/api/v1/unread", "", None, signed("401", "200")),
        row(
            "GET",
            "/api/v1/search",
            "q=stedenband",
            None,
            signed("401", "200"),
        )
        .shows(&[World::GENERAL_TEXT, World::PRIVATE_TEXT]),
        row("GET", "/api/v1/direct", "", None, signed("401", "200")),
        row(
            "POST",
            "/api/v1/direct",
            "",
            // Two people, so that nobody is left talking to themselves alone.
            Json(json!({"user_ids": ["{member_b}", "{admin_a}"]})),
            signed("401", "201"),
        ),
        row("GET", "/api/v1/directory", "", None, signed("401", "200")),
        row(
            "GET",
            "/api/v1/directory",
            "q=admin&country=BE&language=nl",
            None,
            signed("401", "200"),
        ),
        row(
            "GET",
            "/api/v1/people/{user}",
            "",
            None,
            signed("401", "200"),
        ),
        // tests: the fixture's private channel, direct conversation, unattached upload and
        // B's invitation, through the same routes.
        row(
            "GET",
            "/api/v1/channels/{channel}/messages",
            "",
            None,
            [
                "401", "401", "404", "404", "404", "200", "404", "200", "404", "404",
            ],
        )
        .on("{channel}", "{private_channel}")
        .shows(&[World::PRIVATE_TEXT]),
        row(
            "GET",
            "/channels/{channel}",
            "",
            None,
            [
                SIGNIN, SIGNIN, "404", "404", "404", "200", "404", "200", "404", "404",
            ],
        )
        .on("{channel}", "{private_channel}")
        .shows(&[World::PRIVATE_TEXT, World::PRIVATE_CHANNEL_NAME]),
        row(
            "GET",
            "/api/v1/messages/{message}",
            "",
            None,
            [
                "401", "401", "404", "404", "404", "200", "404", "200", "404", "404",
            ],
        )
        .on("{message}", "{private_message}")
        .shows(&[World::PRIVATE_TEXT]),
        row(
            "POST",
            "/api/v1/channels/{channel}/messages",
            "",
            Json(json!({"body": "Alleen voor het kernteam"})),
            [
                "401", "401", "404", "404", "404", "201", "404", "201", "404", "404",
            ],
        )
        .on("{channel}", "{private_channel}"),
        row(
            "PATCH",
            "/api/v1/channels/{channel}",
            "",
            // Moderating the workspace does not open its private channels.
            Json(json!({"topic": "Begroting"})),
            [
                "401", "401", "404", "404", "404", "403", "404", "200", "404", "404",
            ],
        )
        .on("{channel}", "{private_channel}"),
        row(
            "DELETE",
            "/api/v1/messages/{message}",
            "",
            None,
            [
                "401", "401", "404", "404", "404", "403", "404", "204", "404", "404",
            ],
        )
        .on("{message}", "{private_message}"),
        row(
            "GET",
            "/api/v1/channels/{channel}/messages",
            "",
            None,
            [
                "401", "401", "404", "200", "404", "200", "404", "404", "404", "404",
            ],
        )
        .on("{channel}", "{direct}")
        .shows(&[World::DIRECT_TEXT]),
        row(
            "GET",
            "/channels/{channel}",
            "",
            None,
            [
                SIGNIN, SIGNIN, "404", "200", "404", "200", "404", "404", "404", "404",
            ],
        )
        .on("{channel}", "{direct}")
        .shows(&[World::DIRECT_TEXT]),
        row(
            "GET",
            "/api/v1/messages/{message}",
            "",
            None,
            [
                "401", "401", "404", "200", "404", "200", "404", "404", "404", "404",
            ],
        )
        .on("{message}", "{direct_message}")
        .shows(&[World::DIRECT_TEXT]),
        row(
            "POST",
            "/api/v1/channels/{channel}/messages",
            "",
            Json(json!({"body": "Tot morgen"})),
            [
                "401", "401", "404", "201", "404", "201", "404", "404", "404", "404",
            ],
        )
        .on("{channel}", "{direct}"),
        row(
            "GET",
            "/files/{attachment}/{name}",
            "",
            None,
            // Until it is posted, an upload is its uploader's alone.
            [
                SIGNIN, SIGNIN, "404", "404", "404", "200", "404", "404", "404", "404",
            ],
        )
        .on("{attachment}", "{upload}")
        .on("{name}", "{upload_name}")
        .shows(&[World::UPLOAD_TEXT]),
        row(
            "GET",
            "/api/v1/organisations/{org}/members",
            "",
            None,
            [
                "401", "401", "200", "200", "200", "404", "404", "404", "404", "200",
            ],
        )
        .on("{org}", "{org_b}")
        .shows(&[EMAIL_OF_B]),
        row(
            "GET",
            "/api/v1/organisations/{org}/invitations",
            "",
            None,
            [
                "401", "401", "403", "200", "403", "404", "404", "404", "404", "200",
            ],
        )
        .on("{org}", "{org_b}")
        .shows(&[World::INVITATION_B_EMAIL]),
        row(
            "DELETE",
            "/api/v1/organisations/{org}/invitations/{invitation}",
            "",
            None,
            [
                "401", "401", "403", "204", "403", "404", "404", "404", "404", "204",
            ],
        )
        .on("{org}", "{org_b}")
        .on("{invitation}", "{invitation_b}"),
        // roles
        row(
            "POST",
            "/workspaces/{workspace}/owner",
            "",
            // Only the owning organisation's admins and the network operator restore an owner.
            Form(&[("user_id", "{admin_a}")]),
            [
                SIGNIN,
                SIGNIN,
                "404",
                "403",
                "403",
                "403",
                "403",
                "303 /workspaces/",
                "303 /workspaces/",
                "303 /workspaces/",
            ],
        ),
        row(
            "POST",
            "/api/v1/workspaces/{workspace}/owner",
            "",
            Json(json!({"user_id": "{admin_a}"})),
            [
                "401", "401", "404", "403", "403", "403", "403", "204", "204", "204",
            ],
        ),
    ]
}

#[test]
fn table_covers_every_route() {
    let table = table();
    for (method, path) in ROUTES {
        assert!(
            table.iter().any(|r| r.method == *method && r.path == *path),
            "route {method} {path} has no row in the access table"
        );
    }
    for row in &table {
        assert!(
            ROUTES
                .iter()
                .any(|(m, p)| *m == row.method && *p == row.path),
            "access table row {} {} is not a route",
            row.method,
            row.path
        );
    }
}

/// What each `{placeholder}` of a path or a body stands for in the fixture [`World`].
fn substitutions(app: &TestApp, world: &World) -> Vec<(&'static str, String)> {
    let css = app
        .state
        .assets
        .css_path
        .trim_start_matches("/static/")
        .to_string();
    vec![
        ("{org}", world.org_a.to_string()),
        ("{user}", world.member_a.user_id.to_string()),
        ("{invitation}", world.invitation_a.to_string()),
        ("{invitation_b}", world.invitation_b.to_string()),
        ("{token}", BOGUS_TOKEN.to_string()),
        ("{file}", css),
        ("{workspace}", world.workspace.to_string()),
        ("{channel}", world.general_channel.to_string()),
        ("{private_channel}", world.private_channel.to_string()),
        ("{direct}", world.direct.to_string()),
        ("{message}", world.message.to_string()),
        ("{private_message}", world.private_message.to_string()),
        ("{direct_message}", world.direct_message.to_string()),
        ("{attachment}", world.attachment.to_string()),
        ("{name}", World::ATTACHMENT_NAME.to_string()),
        ("{upload}", world.upload.to_string()),
        ("{upload_name}", World::UPLOAD_NAME.to_string()),
        ("{operator}", world.operator_id.to_string()),
        ("{org_b}", world.org_b.to_string()),
        ("{member_b}", world.member_b.user_id.to_string()),
        ("{admin_a}", world.admin_a.user_id.to_string()),
    ]
}

fn fill(subs: &[(&'static str, String)], text: &str) -> String {
    subs.iter()
        .fold(text.to_string(), |t, (from, to)| t.replace(from, to))
}

fn concrete(subs: &[(&'static str, String)], row: &Row) -> String {
    let path = row
        .on
        .iter()
        .fold(row.path.to_string(), |p, (from, to)| p.replace(from, to));
    let mut path = fill(subs, &path);
    if !row.query.is_empty() {
        path = format!("{path}?{}", row.query);
    }
    path
}

/// What a persona got: the status (with the `Location` of a redirect) and the body.
struct Answer {
    got: String,
    body: String,
}

async fn send(
    session: &mut Session,
    row: &Row,
    path: &str,
    signed_out: bool,
    subs: &[(&'static str, String)],
) -> Answer {
    // A signed-out browser has loaded a page first, which gives its forms a CSRF token.
    if signed_out {
        session.page("/signin").await;
    }
    let method = Method::from_bytes(row.method.as_bytes()).expect("method");
    let res = match &row.body {
        Body::None => session.api(method, path, None).await,
        Body::Json(v) => {
            // `"{placeholder}"` alone in a string stands for the number itself.
            let mut text = v.to_string();
            for (from, to) in subs {
                if to.parse::<i64>().is_ok() {
                    text = text.replace(&format!("\"{from}\""), to);
                }
            }
            let body = serde_json::from_str(&fill(subs, &text)).expect("json body");
            session.api(method, path, Some(body)).await
        }
        Body::Form(fields) => {
            let filled: Vec<(&str, String)> =
                fields.iter().map(|(k, v)| (*k, fill(subs, v))).collect();
            let pairs: Vec<(&str, &str)> = filled.iter().map(|(k, v)| (*k, v.as_str())).collect();
            session.post_form(path, &pairs).await
        }
    };
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = res.text().await.unwrap_or_default();
    assert!(
        status < 500,
        "{} {path} answered {status}: {body}",
        row.method
    );
    let got = if status == 303 {
        format!("303 {location}")
    } else {
        status.to_string()
    };
    Answer { got, body }
}

/// What is wrong with `answer` for `persona`: secrets it must not see, and secrets the row
/// shows that it lacks.
fn secret_failures(row: &Row, persona: P, expected: Expect, answer: &Answer) -> Vec<String> {
    let mut failures = Vec::new();
    for secret in SECRETS {
        let may_see = secret.seen_by.contains(&persona);
        let shown = answer.body.contains(secret.text);
        if shown && !may_see {
            failures.push(format!(
                "{} {} as {persona:?}: shows {:?}",
                row.method, row.path, secret.text
            ));
        }
        if may_see && !shown && expected.starts_with('2') && row.shows.contains(&secret.text) {
            failures.push(format!(
                "{} {} as {persona:?}: does not show {:?}",
                row.method, row.path, secret.text
            ));
        }
    }
    failures
}

async fn check_row(row: Row) -> Vec<String> {
    for shown in &row.shows {
        assert!(
            SECRETS.iter().any(|s| s.text == *shown),
            "{} {} shows {shown:?}, which is not a secret",
            row.method,
            row.path
        );
    }
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    let subs = substitutions(&app, &world);
    let path = concrete(&subs, &row);
    let mut anonymous = app.session();
    let mut failures = Vec::new();
    for (i, persona) in PERSONAS.into_iter().enumerate() {
        let (session, signed_out) = match persona {
            P::Anonymous => (&mut anonymous, true),
            P::DeactivatedA => (&mut world.deactivated_a.session, true),
            P::MemberB => (&mut world.member_b.session, false),
            P::AdminB => (&mut world.admin_b.session, false),
            P::Observer => (&mut world.observer.session, false),
            P::MemberA => (&mut world.member_a.session, false),
            P::Moderator => (&mut world.moderator.session, false),
            P::AdminA => (&mut world.admin_a.session, false),
            P::OutsideAdminA => (&mut world.outside_admin_a.session, false),
            P::NetworkAdmin => (&mut world.network_admin.session, false),
        };
        let answer = send(session, &row, &path, signed_out, &subs).await;
        let expected = row.expect[i];
        if !answer.got.starts_with(expected) {
            failures.push(format!(
                "{} {} as {persona:?}: expected {expected}, got {}",
                row.method, row.path, answer.got
            ));
        }
        failures.extend(secret_failures(&row, persona, expected, &answer));
    }
    app.stop().await;
    failures
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_answers_every_persona_as_the_table_says() {
    let mut failures = Vec::new();
    let rows = table();
    let mut set = tokio::task::JoinSet::new();
    for row in rows {
        // A few apps at a time: each has its own database and personas.
        if set.len() >= 3
            && let Some(done) = set.join_next().await
        {
            failures.extend(done.expect("row task"));
        }
        set.spawn(check_row(row));
    }
    while let Some(done) = set.join_next().await {
        failures.extend(done.expect("row task"));
    }
    assert!(
        failures.is_empty(),
        "access table violations ({}):\n{}",
        agora_tests::app::backend_name(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn other_tenants_objects_answer_exactly_like_missing_ones() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let s = &world.admin_a.session;
    let missing = 987_654_321;
    for (method, other, none) in [
        (
            Method::GET,
            format!("/api/v1/organisations/{}", world.org_b),
            format!("/api/v1/organisations/{missing}"),
        ),
        (
            Method::GET,
            format!("/api/v1/organisations/{}/members", world.org_b),
            format!("/api/v1/organisations/{missing}/members"),
        ),
        (
            Method::PATCH,
            format!(
                "/api/v1/organisations/{}/members/{}",
                world.org_b, world.member_b.user_id
            ),
            format!("/api/v1/organisations/{missing}/members/{missing}"),
        ),
        // A person of B addressed through A's own organisation path.
        (
            Method::PATCH,
            format!(
                "/api/v1/organisations/{}/members/{}",
                world.org_a, world.member_b.user_id
            ),
            format!("/api/v1/organisations/{}/members/{missing}", world.org_a),
        ),
    ] {
        let body = Some(json!({"role": "admin"})).filter(|_| method == Method::PATCH);
        let a = s.api(method.clone(), &other, body.clone()).await;
        let b = s.api(method.clone(), &none, body).await;
        assert_eq!(a.status(), 404, "{other}");
        assert_eq!(b.status(), 404, "{none}");
        assert_eq!(
            a.text().await.unwrap(),
            b.text().await.unwrap(),
            "{other} differs from a missing object"
        );
    }
    // Revoking B's invitation from A's path finds nothing, like a missing one, and changes
    // nothing.
    let revoke = |invitation: i64| {
        format!(
            "/api/v1/organisations/{}/invitations/{invitation}",
            world.org_a
        )
    };
    let foreign = s
        .api(Method::DELETE, &revoke(world.invitation_b), None)
        .await;
    let none = s.api(Method::DELETE, &revoke(missing), None).await;
    assert_eq!(foreign.status(), 404);
    assert_eq!(none.status(), 404);
    assert_eq!(foreign.text().await.unwrap(), none.text().await.unwrap());
    let pending: Vec<Value> = world
        .admin_b
        .session
        .api(
            Method::GET,
            &format!("/api/v1/organisations/{}/invitations", world.org_b),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(
        pending
            .iter()
            .any(|i| i["id"] == world.invitation_b && i["email"] == World::INVITATION_B_EMAIL),
        "B's invitation is gone: {pending:?}"
    );
}

#[tokio::test]
async fn lists_show_only_what_the_caller_may_see() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let orgs: Vec<Value> = world
        .member_a
        .session
        .api(Method::GET, "/api/v1/organisations", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0]["id"], world.org_a);
    let all: Vec<Value> = world
        .network_admin
        .session
        .api(Method::GET, "/api/v1/organisations", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    let members: Vec<Value> = world
        .member_a
        .session
        .api(
            Method::GET,
            &format!("/api/v1/organisations/{}/members", world.org_a),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    // Not vacuous: A's own people are listed.
    assert!(
        members.iter().any(|m| m["id"] == world.member_a.user_id),
        "{members:?}"
    );
    assert!(
        members
            .iter()
            .all(|m| m["email"].as_str().unwrap().ends_with("@aalst.test")),
        "{members:?}"
    );
    let (_, page) = world
        .admin_b
        .session
        .clone_page(&format!("/orgs/{}/members", world.org_b))
        .await;
    assert!(
        !page.contains("aalst.test"),
        "B's member page shows A's people"
    );
}
