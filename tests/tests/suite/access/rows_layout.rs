//! Access-table rows of the page layout: "mark all as read" per workspace.

use super::*;

pub(super) fn rows() -> Vec<Row> {
    use Body::*;
    vec![
        // Members mark what they read; the admin of A outside the workspace sees its summary
        // but reads nothing there; everyone else does not see it.
        row(
            "POST",
            "/workspaces/{workspace}/read",
            "",
            Form(&[]),
            [
                SIGNIN,
                SIGNIN,
                "404",
                "303 /workspaces/",
                "303 /workspaces/",
                "303 /workspaces/",
                "303 /workspaces/",
                "303 /workspaces/",
                "403",
                "404",
            ],
        ),
    ]
}
