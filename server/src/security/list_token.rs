//! Signed unsubscribe tokens: an HMAC-SHA256 under the instance secret of the person and the list,
//! so a link in an email works without anything stored and without cookies. Rotating the secret
//! ends every link already sent, which is the only way to revoke them.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Domain separation: a CSRF token or any other HMAC under the same secret is never a valid
/// unsubscribe token.
const CONTEXT: &[u8] = b"agora-unsubscribe:";

/// Far longer than any token we issue; longer input is rejected before decoding.
const MAX_LEN: usize = 200;

fn mac(secret: &[u8], payload: &[u8]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(CONTEXT);
    mac.update(payload);
    mac
}

/// `base64url(user_id ":" list) "." base64url(mac)`.
pub fn sign(secret: &[u8], user_id: i64, list: &str) -> String {
    let payload = format!("{user_id}:{list}");
    let tag = mac(secret, payload.as_bytes()).finalize().into_bytes();
    format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(payload.as_bytes()),
        URL_SAFE_NO_PAD.encode(tag)
    )
}

/// The person and the (unparsed) list of a token we signed; `None` for anything else. The tag is
/// checked in constant time before the payload is looked at.
pub fn open(secret: &[u8], token: &str) -> Option<(i64, String)> {
    if token.len() > MAX_LEN {
        return None;
    }
    let (payload, tag) = token.split_once('.')?;
    let payload = URL_SAFE_NO_PAD.decode(payload).ok()?;
    let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
    mac(secret, &payload).verify_slice(&tag).ok()?;
    let payload = String::from_utf8(payload).ok()?;
    let (user, list) = payload.split_once(':')?;
    Some((user.parse().ok()?, list.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_only_what_was_signed_under_the_same_secret() {
        let t = sign(b"secret", 7, "workspace:3");
        assert_eq!(open(b"secret", &t), Some((7, "workspace:3".into())));
        assert_eq!(open(b"other", &t), None);
        // Another person's id with the first person's tag.
        let (_, tag) = t.split_once('.').unwrap();
        let forged = format!("{}.{tag}", URL_SAFE_NO_PAD.encode("8:workspace:3"));
        assert_eq!(open(b"secret", &forged), None);
        assert_eq!(open(b"secret", "garbage"), None);
        assert_eq!(open(b"secret", "a.b"), None);
        assert_eq!(open(b"secret", &"A".repeat(500)), None);
    }
}
