//! CSRF tokens: an HMAC of the session (or, before sign-in, of a random pre-session cookie) under
//! the instance secret. Nothing to store, and a new session means a new token.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::{AppError, AppResult};

/// The form field and header that carry the token.
pub const FORM_FIELD: &str = "csrf_token";
pub const HEADER: &str = "x-csrf-token";

pub fn token_for(secret: &[u8], binding: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(b"agora-csrf:");
    mac.update(binding.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// What a request's token must be made from, left by the middleware for the handlers that read
/// their token from a multipart body, which the middleware does not read. `None` when there is no
/// binding, or when it was minted on this very request (no form can carry its token yet).
#[derive(Clone)]
pub struct Binding(pub Option<String>);

/// The one check of a presented token, for the middleware and the upload handlers alike.
pub fn check(secret: &[u8], binding: Option<&str>, presented: Option<&str>) -> AppResult<()> {
    match (binding, presented) {
        (Some(b), Some(p)) if verify(secret, b, p) => Ok(()),
        _ => Err(AppError::csrf()),
    }
}

/// Compares in constant time.
pub fn verify(secret: &[u8], binding: &str, presented: &str) -> bool {
    let Ok(presented) = URL_SAFE_NO_PAD.decode(presented.trim()) else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(b"agora-csrf:");
    mac.update(binding.as_bytes());
    mac.verify_slice(&presented).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound_to_secret_and_binding() {
        let t = token_for(b"secret", "session-a");
        assert!(verify(b"secret", "session-a", &t));
        assert!(!verify(b"secret", "session-b", &t));
        assert!(!verify(b"other", "session-a", &t));
        assert!(!verify(b"secret", "session-a", "garbage!"));
    }
}
