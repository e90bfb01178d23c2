//! Counts shown beside a channel, a workspace or a conversation in lists.

use crate::i18n::Tr;

/// "3 unread messages", or nothing when there are none.
pub(crate) fn unread_text(t: &Tr, unread: i64) -> Option<String> {
    (unread > 0).then(|| t.t1("unread-count-badge", "count", unread))
}

/// "1 mention", or nothing when there are none.
pub(crate) fn mentions_text(t: &Tr, mentions: i64) -> Option<String> {
    (mentions > 0).then(|| t.t1("mention-count-badge", "count", mentions))
}
