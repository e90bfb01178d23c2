//! Who is due, on a moved clock, and one digest per period however often the run goes.

use std::collections::BTreeSet;

use agora::digest::model::{DigestRun, OrgDigestSettings};
use agora::email_settings::model::{DigestCadence, Preferences};
use agora_shared::api::{Language, OrgRole};
use agora_tests::personas::{World, insert_user};
use agora_tests::spawn_app;
use chrono::{Datelike, Duration, NaiveDateTime, Weekday};
use diesel::prelude::*;

use super::{at, digest_rows, everyone_due, set_reader};

fn weekly(weekday: u8, hour: u8) -> Preferences {
    Preferences {
        digest_cadence: DigestCadence::Weekly,
        digest_weekday: weekday,
        digest_hour: hour,
        ..Preferences::default()
    }
}

/// A Monday 08:00 UTC at least eight days from now: long after every account was created.
fn monday_eight() -> NaiveDateTime {
    let mut day = agora::time::now().date() + Duration::days(8);
    while day.weekday() != Weekday::Mon {
        day += Duration::days(1);
    }
    day.and_hms_opt(8, 0, 0).unwrap()
}

async fn due_at(app: &agora_tests::TestApp, now: NaiveDateTime, among: &[i64]) -> BTreeSet<i64> {
    let among: BTreeSet<i64> = among.iter().copied().collect();
    let (due, _) = app
        .state
        .db
        .read(move |conn| agora::digest::due(conn, now, 0, 10_000))
        .await
        .unwrap();
    due.into_iter()
        .map(|d| d.user_id)
        .filter(|id| among.contains(id))
        .collect()
}

async fn set_org(app: &agora_tests::TestApp, org: i64, days: i32, status: &'static str) {
    app.state
        .db
        .write(move |conn| {
            OrgDigestSettings {
                digest_inactive_days: days,
                email_without_content: false,
            }
            .save(conn, org, agora::time::now())?;
            use agora::db::schema::organisations::dsl as o;
            diesel::update(o::organisations.find(org))
                .set(o::status.eq(status))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn cadence_weekday_local_hour_inactivity_and_the_twelve_months_decide_who_is_due() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let t = monday_eight();
    let idle = Some(t - Duration::days(6));
    let person = async |name: &str, org: i64| {
        let email = format!("{name}@digest.test");
        insert_user(&app, org, &email, name, OrgRole::Member, Language::Fr).await
    };
    let dakar = person("dakar", world.org_a).await;
    let quito = person("quito", world.org_a).await;
    let brussels = person("brussels", world.org_a).await;
    let recent = person("recent", world.org_a).await;
    let ancient = person("ancient", world.org_a).await;
    let tuesday = person("tuesday", world.org_a).await;
    let evening = person("evening", world.org_a).await;
    let off = person("off", world.org_a).await;
    let of_b = person("partner", world.org_b).await;
    set_reader(&app, dakar, "Africa/Dakar", idle, weekly(1, 8)).await;
    set_reader(&app, quito, "America/Guayaquil", idle, weekly(1, 8)).await;
    set_reader(&app, brussels, "Europe/Brussels", idle, weekly(1, 8)).await;
    set_reader(
        &app,
        recent,
        "Africa/Dakar",
        Some(t - Duration::days(4)),
        weekly(1, 8),
    )
    .await;
    set_reader(
        &app,
        ancient,
        "Africa/Dakar",
        Some(t - Duration::days(400)),
        weekly(1, 8),
    )
    .await;
    set_reader(&app, tuesday, "Africa/Dakar", idle, weekly(2, 8)).await;
    let evening_prefs = Preferences {
        digest_cadence: DigestCadence::Daily,
        digest_hour: 20,
        ..Preferences::default()
    };
    set_reader(&app, evening, "Africa/Dakar", idle, evening_prefs).await;
    let off_prefs = Preferences {
        digest_cadence: DigestCadence::Off,
        ..Preferences::default()
    };
    set_reader(&app, off, "Africa/Dakar", idle, off_prefs).await;
    set_reader(&app, of_b, "Africa/Dakar", idle, weekly(1, 8)).await;
    let deactivated = world.deactivated_a.user_id;
    set_reader(&app, deactivated, "Africa/Dakar", idle, weekly(1, 8)).await;
    let all = [
        dakar,
        quito,
        brussels,
        recent,
        ancient,
        tuesday,
        evening,
        off,
        of_b,
        deactivated,
    ];

    // 07:00 UTC is 08:00 in Brussels (winter), 07:00 in Dakar, 02:00 in Quito.
    assert_eq!(
        due_at(&app, t - Duration::hours(1), &all).await,
        BTreeSet::from([brussels])
    );
    assert_eq!(
        due_at(&app, t - Duration::minutes(1), &all).await,
        BTreeSet::from([brussels])
    );
    assert_eq!(
        due_at(&app, t, &all).await,
        BTreeSet::from([dakar, brussels, of_b])
    );
    // 13:00 UTC is 08:00 in Quito.
    assert_eq!(
        due_at(&app, t + Duration::hours(5), &all).await,
        BTreeSet::from([dakar, brussels, quito, of_b])
    );
    // 20:00 in Dakar: the evening reader too.
    assert!(
        due_at(&app, t + Duration::hours(12), &all)
            .await
            .contains(&evening)
    );
    // 04:00 UTC on Tuesday is still Monday evening in Quito: its Monday digest is still due.
    assert_eq!(
        due_at(&app, t + Duration::hours(20), &all).await,
        BTreeSet::from([quito])
    );
    // Tuesday 08:00: only the Tuesday reader.
    assert_eq!(
        due_at(&app, t + Duration::hours(24), &all).await,
        BTreeSet::from([tuesday])
    );

    // The partner organisation waits ten days; then it is suspended.
    set_org(&app, world.org_b, 10, "active").await;
    assert!(!due_at(&app, t, &all).await.contains(&of_b));
    set_org(&app, world.org_b, 5, "suspended").await;
    assert!(!due_at(&app, t, &all).await.contains(&of_b));
    set_org(&app, world.org_b, 5, "active").await;
    assert!(due_at(&app, t, &all).await.contains(&of_b));
    app.stop().await;
}

#[tokio::test]
async fn a_period_is_sent_once_however_often_and_concurrently_the_run_goes() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let people = [
        world.network_admin.user_id,
        world.admin_a.user_id,
        world.member_a.user_id,
        world.admin_b.user_id,
        world.member_b.user_id,
        world.deactivated_a.user_id,
        world.observer.user_id,
        world.moderator.user_id,
        world.outside_admin_a.user_id,
    ];
    let t = everyone_due(&app, &people).await;
    let state = at(&app, t);
    // Two runs at once, as on two instances: each person's period is claimed by one of them.
    let (first, second) =
        tokio::join!(agora::digest::run(&state, t), agora::digest::run(&state, t));
    let (first, second) = (first.unwrap(), second.unwrap());
    // Eight are due (not the deactivated person); four have news from others, four a quiet day.
    assert_eq!(
        first.considered + second.considered,
        8,
        "{first:?} {second:?}"
    );
    assert_eq!(first.queued + second.queued, 4);
    assert_eq!(first.skipped_quiet + second.skipped_quiet, 4);
    let again = agora::digest::run(&state, t + Duration::minutes(10))
        .await
        .unwrap();
    assert_eq!(again, agora::digest::RunCounts::default());
    let rows = digest_rows(&app).await;
    assert_eq!(rows.len(), 4, "{rows:?}");
    let keys: BTreeSet<&str> = rows.iter().map(|(_, k)| k.as_str()).collect();
    assert_eq!(keys.len(), 4);
    let day = t.date().format("%Y-%m-%d").to_string();
    let readers = [
        world.member_a.user_id,
        world.admin_b.user_id,
        world.observer.user_id,
        world.moderator.user_id,
    ];
    for reader in readers {
        assert!(
            keys.contains(format!("digest:{reader}:{day}").as_str()),
            "{keys:?}"
        );
    }
    // The next day is a new period, with nothing new since: quiet for everyone.
    let next = agora::digest::run(&state, t + Duration::days(1))
        .await
        .unwrap();
    assert_eq!((next.considered, next.queued), (8, 0));
    // Sent once each.
    let sent = agora::jobs::run_due(&state, t).await;
    assert!(sent.iter().all(|o| o.result.is_ok()), "{sent:?}");
    let mails = state.mailer.transport().sent();
    assert_eq!(mails.len(), 4);
    let runs = app
        .state
        .db
        .read(|conn| DigestRun::list_recent(conn, 10))
        .await
        .unwrap();
    // The three runs above and the job's own.
    assert_eq!(runs.len(), 5, "{runs:?}");
    assert!(runs.iter().all(|r| r.finished_at.is_some()));
    let recorded: i64 = runs.iter().map(|r| r.queued).sum();
    assert_eq!(recorded, 4);
    app.stop().await;
}
