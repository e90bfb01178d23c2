//! Cookie names and attributes in one place.

use actix_web::cookie::{Cookie, SameSite, time::Duration};

/// Session cookie: `__Host-` prefixed and `Secure` when served over HTTPS.
pub fn session_name(https: bool) -> &'static str {
    if https {
        "__Host-agora_session"
    } else {
        "agora_session"
    }
}

/// Random value that CSRF tokens of signed-out forms are bound to.
pub fn pre_session_name(https: bool) -> &'static str {
    if https {
        "__Host-agora_pre"
    } else {
        "agora_pre"
    }
}

/// The language switcher's choice for signed-out visitors.
pub const LANG: &str = "agora_lang";

fn base(name: &'static str, value: String, https: bool) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(https)
        .finish()
}

pub fn session(token: String, https: bool, days: i64) -> Cookie<'static> {
    let mut c = base(session_name(https), token, https);
    c.set_max_age(Duration::days(days));
    c
}

pub fn clear_session(https: bool) -> Cookie<'static> {
    let mut c = base(session_name(https), String::new(), https);
    c.make_removal();
    c
}

pub fn pre_session(value: String, https: bool) -> Cookie<'static> {
    base(pre_session_name(https), value, https)
}

pub fn lang(code: &str, https: bool) -> Cookie<'static> {
    let mut c = base(LANG, code.to_string(), https);
    c.set_max_age(Duration::days(365));
    c
}
