//! Who may download an attachment.
//!
//! An upload not yet attached to a message belongs to its uploader alone: to anyone else it does
//! not exist. Once attached, it is read under its channel's rules, and goes with its message when
//! that is deleted.

use super::Actor;
use super::workspace::{ChannelAction, ChannelFacts, channel};
use crate::error::{AppError, AppResult};

/// Where an attachment stands.
#[derive(Debug, Clone, Copy)]
pub enum Upload<'a> {
    /// Uploaded, not yet posted.
    Unattached { uploader_id: i64 },
    /// Posted with a message in a channel the caller has these facts about.
    Posted {
        channel: &'a ChannelFacts,
        message_deleted: bool,
    },
}

/// An unposted upload exists for its uploader only.
pub fn unattached_upload(actor: &Actor, uploader_id: i64) -> AppResult<()> {
    if actor.user_id == uploader_id {
        Ok(())
    } else {
        Err(AppError::not_found())
    }
}

/// Whether the caller may open the file; 404 whenever they may not, so nobody learns it exists.
pub fn open_attachment(actor: &Actor, upload: Upload) -> AppResult<()> {
    match upload {
        Upload::Unattached { uploader_id } => unattached_upload(actor, uploader_id),
        Upload::Posted {
            channel: facts,
            message_deleted,
        } => {
            channel(actor, facts, ChannelAction::Read)?;
            if message_deleted {
                Err(AppError::not_found())
            } else {
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use agora_shared::api::{OrgKind, OrgRole};

    use super::*;

    #[test]
    fn unposted_uploads_are_their_uploaders_and_posted_ones_their_channels() {
        let me = Actor::new(1, 1, OrgRole::Member, OrgKind::Other);
        assert!(open_attachment(&me, Upload::Unattached { uploader_id: 1 }).is_ok());
        let other = open_attachment(&me, Upload::Unattached { uploader_id: 2 });
        assert_eq!(other.unwrap_err().status.as_u16(), 404);
        let dm = ChannelFacts {
            workspace: None,
            private: true,
            archived: false,
            channel_member: true,
        };
        let posted = |message_deleted, facts: &ChannelFacts| {
            open_attachment(
                &me,
                Upload::Posted {
                    channel: facts,
                    message_deleted,
                },
            )
            .map_err(|e| e.status.as_u16())
        };
        assert_eq!(posted(false, &dm), Ok(()));
        assert_eq!(posted(true, &dm), Err(404));
        let outsider = ChannelFacts {
            channel_member: false,
            ..dm
        };
        assert_eq!(posted(false, &outsider), Err(404));
    }
}
