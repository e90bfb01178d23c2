//! Email digests on a clock the test moves: who is due (cadence, weekday, local hour in Dakar,
//! Quito and Brussels, inactivity, 12 months, deactivated people, suspended organisations), one
//! digest per period, quiet periods, what each persona of the access world finds in theirs, mutes
//! and the no-content setting, four languages, and the message through a real SMTP server.

mod content;
mod delivery;
mod selection;

use std::sync::Arc;

use agora::clock::TestClock;
use agora::email_settings::model::{DigestCadence, Preferences};
use agora::state::AppState;
use agora_tests::TestApp;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

/// The app's state on a clock stopped at `at`.
fn at(app: &TestApp, at: NaiveDateTime) -> AppState {
    let clock = Arc::new(TestClock::starting_now());
    clock.set(at);
    let mut state = app.state.clone();
    state.clock = clock;
    state
}

/// Sets who `user` is for the digest: zone, language, last activity, cadence.
async fn set_reader(
    app: &TestApp,
    user: i64,
    zone: &'static str,
    last_active: Option<NaiveDateTime>,
    prefs: Preferences,
) {
    app.state
        .db
        .write(move |conn| {
            use agora::db::schema::users::dsl::*;
            diesel::update(users.find(user))
                .set((time_zone.eq(zone), last_active_at.eq(last_active)))
                .execute(conn)?;
            let org: i64 = users.find(user).select(organisation_id).first(conn)?;
            prefs.save(conn, user, org, agora::time::now())?;
            Ok(())
        })
        .await
        .unwrap();
}

async fn set_language(app: &TestApp, user: i64, code: &'static str) {
    app.state
        .db
        .write(move |conn| {
            use agora::db::schema::users::dsl::*;
            diesel::update(users.find(user))
                .set(interface_language.eq(code))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
}

fn daily(hour: u8) -> Preferences {
    Preferences {
        digest_cadence: DigestCadence::Daily,
        digest_hour: hour,
        ..Preferences::default()
    }
}

/// Every persona of the world reads digests daily from midnight in Dakar (UTC), inactive for
/// ten days: all are due an hour from now.
async fn everyone_due(app: &TestApp, users: &[i64]) -> NaiveDateTime {
    let now = agora::time::now();
    for user in users {
        set_reader(
            app,
            *user,
            "Africa/Dakar",
            Some(now - Duration::days(10)),
            daily(0),
        )
        .await;
    }
    now + Duration::hours(1)
}

/// The outbox rows of digests, as (recipient, key).
async fn digest_rows(app: &TestApp) -> Vec<(String, String)> {
    app.state
        .db
        .read(|conn| {
            use agora::db::schema::outbox::dsl::*;
            Ok(outbox
                .filter(template.eq("digest"))
                .order(id)
                .select((recipient, idempotency_key))
                .load(conn)?)
        })
        .await
        .unwrap()
}
