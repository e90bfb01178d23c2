//! Access-table rows of the composer and message extras: thumbnails, the delete confirmation,
//! who reacted, the emoji picker, mention suggestions and the Enter setting.

use super::*;

pub(super) fn rows() -> Vec<Row> {
    use Body::*;
    // Readers of the general channel: admin B, the observer, member A, the moderator, admin A.
    const READERS: [Expect; N] = [
        SIGNIN, SIGNIN, "404", "200", "200", "200", "200", "200", "404", "404",
    ];
    // Those who may post there: every reader but the observer.
    const POSTERS: [Expect; N] = [
        SIGNIN, SIGNIN, "404", "200", "403", "200", "200", "200", "404", "404",
    ];
    vec![
        // The fixture attachment is a text file: it has no thumbnail, whoever asks. Thumbnails
        // of images, and another tenant's 404, are in `compose::previews`.
        row(
            "GET",
            "/thumbnails/{attachment}",
            "",
            None,
            [
                SIGNIN, SIGNIN, "404", "404", "404", "404", "404", "404", "404", "404",
            ],
        ),
        // Admin A's message: admin A (author, owner) and the moderator may delete it.
        row(
            "GET",
            "/messages/{message}/delete",
            "",
            None,
            [
                SIGNIN, SIGNIN, "404", "403", "403", "403", "200", "200", "404", "404",
            ],
        )
        .shows(&[World::GENERAL_TEXT]),
        row("GET", "/messages/{message}/reactions", "", None, READERS),
        row("GET", "/messages/{message}/react", "q=heart", None, POSTERS),
        row("GET", "/channels/{channel}/mentions", "q=m", None, POSTERS),
        row(
            "GET",
            "/channels/{channel}/mentions",
            "",
            None,
            [
                SIGNIN, SIGNIN, "404", "404", "404", "200", "404", "200", "404", "404",
            ],
        )
        .on("{channel}", "{private_channel}"),
        row(
            "POST",
            "/settings/composer",
            "",
            Form(&[("enter_sends", "1"), ("back", "/channels/1")]),
            signed(SIGNIN, "303 /channels/1"),
        ),
    ]
}
