//! Client-facing event cursors. Event ids count every event of the network, so sending them as
//! they are would let anyone watch other tenants' activity. A cursor is the event id through a
//! keyed permutation of `0..2^52` (a Feistel network with HMAC-SHA256 rounds, keyed from the
//! instance secret): cursors of consecutive events look unrelated, fit a JSON number exactly, and
//! only this network's instances can map them back to a position in the log.
//!
//! `0` stays `0`: "from the beginning of what I may see".

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Bits of an event id, and of a cursor before its offset.
const BITS: u32 = 52;
const HALF: u32 = BITS / 2;
const HALF_MASK: u64 = (1 << HALF) - 1;
const ROUNDS: u8 = 8;

/// Maps event ids to cursors and back.
#[derive(Clone)]
pub struct CursorKey {
    mac: Hmac<Sha256>,
}

impl std::fmt::Debug for CursorKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CursorKey(<redacted>)")
    }
}

impl CursorKey {
    /// The key of this network, derived from the instance secret (shared by its instances).
    pub fn new(secret: &[u8]) -> CursorKey {
        let mut derive = <Hmac<Sha256> as Mac>::new_from_slice(secret).expect("any key length");
        derive.update(b"agora realtime cursor v1");
        let key = derive.finalize().into_bytes();
        CursorKey {
            mac: <Hmac<Sha256> as Mac>::new_from_slice(&key).expect("any key length"),
        }
    }

    fn round(&self, round: u8, half: u64) -> u64 {
        let mut mac = self.mac.clone();
        mac.update(&[round]);
        mac.update(&half.to_be_bytes());
        let out = mac.finalize().into_bytes();
        let mut word = [0u8; 8];
        word.copy_from_slice(&out[..8]);
        u64::from_be_bytes(word) & HALF_MASK
    }

    fn permute(&self, x: u64) -> u64 {
        let (mut left, mut right) = (x >> HALF, x & HALF_MASK);
        for round in 0..ROUNDS {
            (left, right) = (right, left ^ self.round(round, right));
        }
        (left << HALF) | right
    }

    fn unpermute(&self, y: u64) -> u64 {
        let (mut left, mut right) = (y >> HALF, y & HALF_MASK);
        for round in (0..ROUNDS).rev() {
            (left, right) = (right ^ self.round(round, left), left);
        }
        (left << HALF) | right
    }

    /// The cursor of event `id` (`0` for `0`). Ids outside `1..2^52` (never given) map to `0`.
    pub fn encode(&self, id: i64) -> i64 {
        match u64::try_from(id) {
            Ok(id) if id > 0 && id < (1 << BITS) => (self.permute(id) + 1) as i64,
            _ => 0,
        }
    }

    /// The event id of a cursor, or `None` for a value this network never gave.
    pub fn decode(&self, cursor: i64) -> Option<i64> {
        if cursor == 0 {
            return Some(0);
        }
        let value = u64::try_from(cursor).ok()?.checked_sub(1)?;
        if value >= (1 << BITS) {
            return None;
        }
        let id = self.unpermute(value);
        (id > 0).then_some(id as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::CursorKey;

    #[test]
    fn cursors_round_trip_and_hide_order() {
        let key = CursorKey::new(b"a secret of this network, long enough");
        assert_eq!(key.encode(0), 0);
        assert_eq!(key.decode(0), Some(0));
        let cursors: Vec<i64> = (1..=50).map(|id| key.encode(id)).collect();
        for (id, cursor) in (1..=50).zip(&cursors) {
            assert!(*cursor > 0 && *cursor <= 1 << 52, "{cursor}");
            assert_eq!(key.decode(*cursor), Some(id));
        }
        let rising = cursors.windows(2).filter(|w| w[1] > w[0]).count();
        assert!(
            rising > 5 && rising < 44,
            "cursors follow the ids: {cursors:?}"
        );
        assert!(cursors.windows(2).all(|w| (w[1] - w[0]).abs() > 1));
        let other = CursorKey::new(b"the secret of another network, long enough");
        assert_ne!(other.encode(7), key.encode(7));
        assert_eq!(key.decode(-3), None);
        assert_eq!(key.decode((1 << 52) + 1), None);
    }
}
