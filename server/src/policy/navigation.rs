//! What the side navigation lists for a person: the workspaces they are a member of, and the
//! channels and direct conversations they may read. Who may read a channel is decided once, in
//! [`super::readers`], and materialised as read markers; the navigation lists exactly the
//! channels holding one, so it never shows a channel the person may not open, and a revoked
//! membership drops its channels from the list at once.

use crate::db::DbConnection;
use crate::db::navigation::{SideRow, side_rows};
use crate::error::AppResult;

use super::Actor;

/// The navigation's rows for the actor: see [`crate::db::navigation`].
pub fn side_list(conn: &mut DbConnection, actor: &Actor) -> AppResult<Vec<SideRow>> {
    side_rows(conn, actor.user_id)
}
