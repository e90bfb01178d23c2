//! Access-table rows of the workspace pages.

use super::*;

pub(super) fn rows() -> Vec<Row> {
    use Body::*;
    vec![
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
    ]
}
