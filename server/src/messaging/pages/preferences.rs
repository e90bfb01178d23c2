//! `POST /settings/composer`: whether Enter sends a message (Shift+Enter then makes a new line)
//! or makes a new line (Ctrl+Enter then sends). A person's own setting, kept in the database so
//! it follows them to every device; the composer's script reads it from the page.

use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;
use serde::Deserialize;

use crate::db::schema::composer_settings;
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::extract::CurrentUser;
use crate::web::page::see_other;

use super::is_htmx;

#[derive(Deserialize)]
pub struct ComposerForm {
    /// The checkbox: present when ticked.
    enter_sends: Option<String>,
    /// The page the form was on.
    back: Option<String>,
}

pub async fn update(
    state: web::Data<AppState>,
    user: CurrentUser,
    req: HttpRequest,
    form: web::Form<ComposerForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let enter_sends = form.enter_sends.is_some();
    // Only one's own row: nobody else's setting can be named here.
    let me = user.actor().user_id;
    state
        .db
        .write(move |conn| {
            crate::db::execute_upsert(
                conn,
                diesel::insert_into(composer_settings::table)
                    .values((
                        composer_settings::user_id.eq(me),
                        composer_settings::enter_sends.eq(enter_sends),
                    ))
                    .on_conflict(composer_settings::user_id)
                    .do_update()
                    .set(composer_settings::enter_sends.eq(enter_sends)),
            )?;
            Ok(())
        })
        .await?;
    if is_htmx(&req) || req.headers().contains_key("x-agora-script") {
        return Ok(HttpResponse::NoContent().finish());
    }
    let back = crate::web::redirect::same_site_path(&state.config.public_url, form.back.as_deref());
    Ok(see_other(&back))
}

/// Whether Enter sends for this person (it does until they say otherwise).
pub async fn enter_sends(state: &AppState, user_id: i64) -> AppResult<bool> {
    let stored: Option<bool> = state
        .db
        .read(move |conn| {
            Ok(composer_settings::table
                .find(user_id)
                .select(composer_settings::enter_sends)
                .first(conn)
                .optional()?)
        })
        .await?;
    Ok(stored.unwrap_or(true))
}
