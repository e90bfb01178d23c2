//! Sessions written straight into the database, exactly as a successful sign-in leaves them: the
//! same row (`accounts::session::create`), the same cookie and the CSRF token the server derives
//! from it. Hundreds of tests need signed-in personas; each real sign-in costs an Argon2
//! verification, so only the sign-in tests (`accounts`, `sign_in_limits`, `sessions`, ...) go
//! through `POST /api/v1/session`.

use std::sync::Arc;

use agora::accounts::session;
use agora::accounts::user::User;
use agora::security::{csrf, tokens::hash_token};
use agora::web::cookies;
use agora_shared::limits::SESSION_TTL_DAYS;

use crate::app::{Session, TestApp};

/// A new session of the person with `email`: the cookie's token and the CSRF token bound to it.
pub async fn create_session(app: &TestApp, email: &str) -> (String, String) {
    let lookup = email.to_string();
    let user = app
        .state
        .db
        .read(move |conn| User::find_by_email(conn, &lookup))
        .await
        .expect("look up person")
        .unwrap_or_else(|| panic!("no person with address {email}"));
    let token = app
        .state
        .db
        .write(move |conn| {
            session::create(
                conn,
                &user,
                agora::time::now(),
                chrono::Duration::days(SESSION_TTL_DAYS),
            )
        })
        .await
        .expect("insert session");
    let csrf = csrf::token_for(&app.state.secret, &hash_token(&token));
    (token, csrf)
}

impl TestApp {
    /// The name of the session cookie this instance sets.
    pub fn session_cookie_name(&self) -> &'static str {
        cookies::session_name(self.state.config.https())
    }

    /// A fresh session of `email` as a `Cookie` header value (`name=value`) and its CSRF token,
    /// for clients without a cookie jar (websockets).
    pub async fn session_cookie(&self, email: &str) -> (String, String) {
        let (token, csrf) = create_session(self, email).await;
        (format!("{}={token}", self.session_cookie_name()), csrf)
    }

    /// A browser-like client of `email`, signed in without the sign-in form: its jar holds the
    /// session cookie as the server would have set it, and it knows the CSRF token.
    pub async fn signed_in(&self, email: &str) -> Session {
        let (token, csrf) = create_session(self, email).await;
        let jar = reqwest::cookie::Jar::default();
        let url: reqwest::Url = self.address.parse().expect("app address");
        jar.add_cookie_str(
            &format!(
                "{}={token}; Path=/; HttpOnly; SameSite=Lax",
                self.session_cookie_name()
            ),
            &url,
        );
        let mut session = self.session_with_jar(Arc::new(jar));
        session.csrf = csrf;
        session
    }
}
