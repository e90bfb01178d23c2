//! Rows for one-click unsubscribe. The table's bogus token is not a signed one, so every persona
//! gets the same 422, cookie or not; valid tokens are exercised in `suite::unsubscribe`.

use super::*;

pub(super) fn rows() -> Vec<Row> {
    use Body::*;
    vec![
        row("GET", "/unsubscribe/{token}", "", None, all("422")),
        row(
            "POST",
            "/unsubscribe/{token}",
            "",
            Form(&[("List-Unsubscribe", "One-Click")]),
            all("422"),
        ),
        row(
            "POST",
            "/unsubscribe/{token}/undo",
            "",
            Form(&[("previous", "daily")]),
            all("422"),
        ),
    ]
}
