//! Access-table rows of the conversation API.

use super::*;

pub(super) fn rows() -> Vec<Row> {
    use Body::*;
    vec![
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
    ]
}
