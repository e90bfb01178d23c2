//! Access-table rows of the account and organisation API, the OpenAPI document and the event
//! stream's plain GET.

use super::*;

pub(super) fn rows() -> Vec<Row> {
    use Body::*;
    vec![
        row("GET", "/api/v1/openapi.json", "", None, all("200")),
        // A plain GET without the websocket upgrade headers; tests/tests/realtime.rs upgrades.
        row("GET", "/api/v1/events", "", None, signed("401", "400")),
        row(
            "POST",
            "/api/v1/session",
            "",
            Json(json!({"email": "member@aalst.test", "password": "wrong password"})),
            SIGNIN_LIMITED_API,
        ),
        row("DELETE", "/api/v1/session", "", None, signed("401", "204")),
        row("GET", "/api/v1/me", "", None, signed("401", "200")),
        row(
            "PATCH",
            "/api/v1/me",
            "",
            Json(json!({"function": "Alderman for international cooperation"})),
            signed("401", "200"),
        ),
        row(
            "PUT",
            "/api/v1/me/password",
            "",
            Json(
                json!({"current_password": "wrong password", "new_password": "long enough password"}),
            ),
            signed("401", "422"),
        ),
        row(
            "POST",
            "/api/v1/password-resets",
            "",
            Json(json!({"email": "nobody@nowhere.test"})),
            RESET_LIMITED_API,
        ),
        row(
            "POST",
            "/api/v1/password-resets/confirm",
            "",
            Json(json!({"token": BOGUS_TOKEN, "password": "long enough password"})),
            all("422"),
        ),
        row(
            "POST",
            "/api/v1/invitations/accept",
            "",
            Json(
                json!({"token": BOGUS_TOKEN, "display_name": "X", "password": "long enough password", "interface_language": "en"}),
            ),
            all("422"),
        ),
        row(
            "GET",
            "/api/v1/organisations",
            "",
            None,
            signed("401", "200"),
        ),
        row(
            "POST",
            "/api/v1/organisations",
            "",
            Json(
                json!({"name": "Commune de Dogbo", "kind": "partner_municipality", "country": "BJ", "default_language": "fr"}),
            ),
            [
                "401", "401", "404", "404", "404", "404", "404", "404", "404", "201",
            ],
        ),
        row(
            "GET",
            "/api/v1/organisations/{org}",
            "",
            None,
            [
                "401", "401", "404", "404", "404", "200", "200", "200", "200", "200",
            ],
        ),
        row(
            "PATCH",
            "/api/v1/organisations/{org}",
            "",
            Json(json!({"name": "Stad Aalst"})),
            [
                "401", "401", "404", "404", "404", "403", "403", "403", "403", "200",
            ],
        ),
        row(
            "GET",
            "/api/v1/organisations/{org}/members",
            "",
            None,
            [
                "401", "401", "404", "404", "404", "200", "200", "200", "200", "200",
            ],
        )
        .shows(&[EMAIL_OF_A]),
        row(
            "PATCH",
            "/api/v1/organisations/{org}/members/{user}",
            "",
            Json(json!({"role": "admin"})),
            [
                "401", "401", "404", "404", "404", "403", "403", "200", "200", "403",
            ],
        ),
        row(
            "GET",
            "/api/v1/organisations/{org}/invitations",
            "",
            None,
            [
                "401", "401", "404", "404", "404", "403", "403", "200", "200", "200",
            ],
        )
        .shows(&[World::INVITATION_A_EMAIL]),
        row(
            "POST",
            "/api/v1/organisations/{org}/invitations",
            "",
            Json(json!({"email": "colleague@aalst.test", "role": "member"})),
            [
                "401", "401", "404", "404", "404", "403", "403", "201", "201", "201",
            ],
        ),
        row(
            "DELETE",
            "/api/v1/organisations/{org}/invitations/{invitation}",
            "",
            None,
            [
                "401", "401", "404", "404", "404", "403", "403", "204", "204", "204",
            ],
        ),
    ]
}
