//! Reading and changing a person's email settings. Every decision is asked of
//! [`crate::policy::email`]; the change is one unit of work.

use agora_shared::ErrorCode;

use super::model::{DigestCadence, MemberWorkspace, MentionBatching, Mutes, Preferences};
use crate::error::{AppError, AppResult};
use crate::policy;
use crate::state::AppState;
use crate::web::context::Identity;
use crate::workspaces::model::Member;

/// What the settings page shows.
pub struct EmailSettings {
    pub preferences: Preferences,
    pub workspaces: Vec<MemberWorkspace>,
    /// When the person's address hard-bounced, so that they learn why no digest arrives.
    pub bounce: Option<crate::mail::bounces::Bounce>,
}

pub async fn load(state: &AppState, identity: &Identity) -> AppResult<EmailSettings> {
    policy::email::edit_email_preferences(&identity.actor(), identity.user.id)?;
    let user_id = identity.user.id;
    let address = identity.user.email.clone();
    state
        .db
        .read(move |conn| {
            Ok(EmailSettings {
                preferences: Preferences::find(conn, user_id)?,
                workspaces: Mutes::list_member_workspaces(conn, user_id)?,
                bounce: crate::mail::bounces::find(conn, &address)?,
            })
        })
        .await
}

/// The settings as a form sends them, not yet checked.
#[derive(Debug, Default)]
pub struct SettingsInput {
    pub digest_cadence: String,
    pub digest_weekday: String,
    pub digest_hour: String,
    pub mention_batching: String,
    /// Ids of the workspaces to send no email from.
    pub muted: Vec<String>,
}

/// Checked settings: the preferences and the workspaces to mute.
pub fn parse(input: &SettingsInput) -> AppResult<(Preferences, Vec<i64>)> {
    let digest_cadence = DigestCadence::parse(input.digest_cadence.trim())
        .ok_or_else(|| AppError::invalid(ErrorCode::InvalidValue, "digest_cadence"))?;
    let digest_weekday = input
        .digest_weekday
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|d| (1..=7).contains(d))
        .ok_or_else(|| AppError::invalid(ErrorCode::InvalidValue, "digest_weekday"))?;
    let digest_hour = input
        .digest_hour
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|h| *h < 24)
        .ok_or_else(|| AppError::invalid(ErrorCode::InvalidValue, "digest_hour"))?;
    let mention_batching = MentionBatching::parse(input.mention_batching.trim())
        .ok_or_else(|| AppError::invalid(ErrorCode::InvalidValue, "mention_batching"))?;
    let mut muted = input
        .muted
        .iter()
        .map(|id| {
            id.trim()
                .parse::<i64>()
                .map_err(|_| AppError::invalid(ErrorCode::InvalidValue, "muted"))
        })
        .collect::<AppResult<Vec<i64>>>()?;
    muted.sort_unstable();
    muted.dedup();
    Ok((
        Preferences {
            digest_cadence,
            digest_weekday,
            digest_hour,
            mention_batching,
        },
        muted,
    ))
}

/// Stores the caller's preferences and makes `muted` exactly the workspaces they silence.
/// A workspace they are not a member of answers 404 and nothing is saved.
pub async fn save(
    state: &AppState,
    identity: &Identity,
    preferences: Preferences,
    muted: Vec<i64>,
) -> AppResult<()> {
    policy::email::edit_email_preferences(&identity.actor(), identity.user.id)?;
    let (user_id, org_id) = (identity.user.id, identity.organisation.id);
    state
        .transact(move |tx| {
            for workspace_id in &muted {
                let role = Member::find(tx, *workspace_id, user_id)?.map(|m| m.role());
                policy::email::mute_workspace(role)?;
            }
            let now = tx.now();
            preferences.save(tx, user_id, org_id, now)?;
            for workspace_id in Mutes::list(tx, user_id)? {
                if !muted.contains(&workspace_id) {
                    Mutes::remove(tx, user_id, workspace_id)?;
                }
            }
            for workspace_id in muted {
                Mutes::add(tx, user_id, org_id, workspace_id, now)?;
            }
            Ok(())
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(cadence: &str, weekday: &str, hour: &str, batching: &str) -> SettingsInput {
        SettingsInput {
            digest_cadence: cadence.into(),
            digest_weekday: weekday.into(),
            digest_hour: hour.into(),
            mention_batching: batching.into(),
            muted: vec!["3".into(), "3".into(), "1".into()],
        }
    }

    #[test]
    fn a_well_formed_form_parses_and_each_bad_field_is_named() {
        let (prefs, muted) = parse(&input("daily", "5", "23", "hourly")).unwrap();
        assert_eq!(prefs.digest_cadence, DigestCadence::Daily);
        assert_eq!((prefs.digest_weekday, prefs.digest_hour), (5, 23));
        assert_eq!(prefs.mention_batching, MentionBatching::Hourly);
        assert_eq!(muted, vec![1, 3]);
        for (bad, field) in [
            (input("monthly", "1", "8", "off"), "digest_cadence"),
            (input("weekly", "0", "8", "off"), "digest_weekday"),
            (input("weekly", "8", "8", "off"), "digest_weekday"),
            (input("weekly", "1", "24", "off"), "digest_hour"),
            (input("weekly", "1", "-1", "off"), "digest_hour"),
            (input("weekly", "1", "8", "sometimes"), "mention_batching"),
        ] {
            let e = parse(&bad).unwrap_err();
            assert_eq!((e.status.as_u16(), e.field), (422, Some(field)));
        }
    }
}
