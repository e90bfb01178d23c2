//! Access-table rows of the conversation pages.

use super::*;

pub(super) fn rows() -> Vec<Row> {
    use Body::*;
    vec![
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
    ]
}
