//! The read-marker invariant: a person holds a `read_markers` row for a channel exactly when the
//! policy, deciding from what a request would load ([`agora::policy::scope::ChannelScope`]),
//! lets them read it. Search, unread counts and realtime delivery join those rows, so a marker
//! that drifts from the rule leaks or hides messages.

use agora::db::schema::{channels, organisations, read_markers, users};
use agora::error::AppResult;
use agora::policy::Actor;
use agora::policy::scope::ChannelScope;
use agora::policy::workspace::ChannelAction;
use agora_shared::api::{OrgKind, OrgRole};
use agora_shared::ids::ChannelId;
use diesel::prelude::*;

use crate::app::TestApp;

/// Every (person, channel) pair of the database where holding a marker and being allowed to
/// read disagree, described for an assertion message.
pub async fn marker_mismatches(app: &TestApp) -> Vec<String> {
    app.state
        .db
        .read(|conn| -> AppResult<Vec<String>> {
            let people: Vec<(i64, String, i64, String)> = users::table
                .inner_join(organisations::table)
                .order(users::id)
                .select((
                    users::id,
                    users::role,
                    organisations::id,
                    organisations::kind,
                ))
                .load(conn)?;
            let channel_ids: Vec<i64> = channels::table
                .order(channels::id)
                .select(channels::id)
                .load(conn)?;
            let markers: std::collections::BTreeSet<(i64, i64)> = read_markers::table
                .select((read_markers::user_id, read_markers::channel_id))
                .load::<(i64, i64)>(conn)?
                .into_iter()
                .collect();
            let mut mismatches = Vec::new();
            for (user_id, role, org_id, kind) in &people {
                let role = OrgRole::parse(role).expect("stored role");
                let kind = OrgKind::parse(kind).expect("stored kind");
                let actor = Actor::new(*user_id, *org_id, role, kind);
                for &channel_id in &channel_ids {
                    let allowed = ChannelScope::load(conn, &actor, ChannelId::new(channel_id))?
                        .decide(&actor, ChannelAction::Read)
                        .is_ok();
                    let holds = markers.contains(&(*user_id, channel_id));
                    if allowed != holds {
                        mismatches.push(format!(
                            "user {user_id} channel {channel_id}: policy allows read {allowed}, \
                             holds marker {holds}"
                        ));
                    }
                }
            }
            Ok(mismatches)
        })
        .await
        .expect("marker check")
}

/// Panics with every mismatch of [`marker_mismatches`], naming `after` (the change just made).
pub async fn assert_markers_follow_policy(app: &TestApp, after: &str) {
    let mismatches = marker_mismatches(app).await;
    assert!(
        mismatches.is_empty(),
        "read markers disagree with the policy after {after} ({}):\n{}",
        crate::app::backend_name(),
        mismatches.join("\n")
    );
}
