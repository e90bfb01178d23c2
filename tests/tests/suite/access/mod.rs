//! Every route against every persona. The table (the `rows_*` modules, by the part of the
//! application they cover) must list each route the server registers (`agora::routes::ROUTES`);
//! a new route without a row fails `table_covers_every_route`.

use agora::routes::ROUTES;
use agora_tests::app::location;
use agora_tests::markers::marker_mismatches;
use agora_tests::personas::World;
use agora_tests::{Session, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

mod every_route;
mod rows_account_api;
mod rows_account_pages;
mod rows_compose;
mod rows_conversation_api;
mod rows_conversation_pages;
mod rows_digest;
mod rows_email;
mod rows_layout;
mod rows_out_of_reach;
mod rows_ownership;
mod rows_unsubscribe;
mod rows_workspace_pages;
mod tenants;

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

fn row(
    method: &'static str,
    path: &'static str,
    query: &'static str,
    body: Body,
    expect: [Expect; N],
) -> Row {
    Row {
        method,
        path,
        query,
        body,
        expect,
        on: Vec::new(),
        shows: Vec::new(),
    }
}

/// Every route's row: pages first, then the API, then rows aimed at what is out of reach.
fn table() -> Vec<Row> {
    [
        rows_account_pages::rows(),
        rows_email::rows(),
        rows_digest::rows(),
        rows_unsubscribe::rows(),
        rows_workspace_pages::rows(),
        rows_layout::rows(),
        rows_conversation_pages::rows(),
        rows_compose::rows(),
        rows_account_api::rows(),
        rows_conversation_api::rows(),
        rows_out_of_reach::rows(),
        rows_ownership::rows(),
    ]
    .into_iter()
    .flatten()
    .collect()
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
