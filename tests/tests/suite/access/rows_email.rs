//! Rows for the email settings page and sign-in links.

use super::*;

/// A link request answers the same whether the address exists; three per address, then 429.
const LINK_SENT: Expect = "303 /signin?notice=signin-link-sent";

pub(super) fn rows() -> Vec<Row> {
    use Body::*;
    vec![
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
    ]
}
