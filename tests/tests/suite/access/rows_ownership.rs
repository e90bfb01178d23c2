//! Access-table rows of handing a workspace to another owner.

use super::*;

pub(super) fn rows() -> Vec<Row> {
    use Body::*;
    vec![
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
