//! Access-table rows that aim the routes of other rows at what only some personas may reach:
//! the fixture's private channel, direct conversation, unattached upload and B's invitation.

use super::*;

pub(super) fn rows() -> Vec<Row> {
    use Body::*;
    vec![
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
    ]
}
