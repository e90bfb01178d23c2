//! Rows for the digest pages: a person's own preview, an organisation admin's preview of their
//! member (404 to anyone else, the network administrator included), the organisation's digest
//! settings (its admins only) and the record of runs (the network administrator only). Each
//! preview shows only what its viewer may read: the table's secret checks hold for it too.

use super::*;

pub(super) fn rows() -> Vec<Row> {
    use Body::*;
    // The fixture's {user} is member A of organisation A.
    let preview_member = [
        SIGNIN, SIGNIN, "404", "404", "404", "200", "404", "200", "200", "404",
    ];
    let org_settings = [
        SIGNIN, SIGNIN, "404", "404", "404", "403", "403", "200", "200", "403",
    ];
    let org_saved = [
        SIGNIN,
        SIGNIN,
        "404",
        "404",
        "404",
        "403",
        "403",
        "303 /orgs/",
        "303 /orgs/",
        "403",
    ];
    vec![
        row(
            "GET",
            "/settings/email/digest",
            "",
            None,
            signed(SIGNIN, "200"),
        ),
        row(
            "GET",
            "/orgs/{org}/members/{user}/digest",
            "",
            None,
            preview_member,
        ),
        row("GET", "/orgs/{org}/digest", "", None, org_settings),
        row(
            "POST",
            "/orgs/{org}/digest",
            "",
            Form(&[("digest_inactive_days", "7")]),
            org_saved,
        ),
        row(
            "GET",
            "/network/digests",
            "",
            None,
            [
                SIGNIN, SIGNIN, "404", "404", "404", "404", "404", "404", "404", "200",
            ],
        ),
    ]
}
