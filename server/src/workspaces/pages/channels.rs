//! A workspace's channels: creating one and changing its name, topic and members.

use actix_web::{HttpResponse, web};
use agora_shared::conversations::{ChannelUpdate, NewChannel};
use serde::Deserialize;

use crate::error::AppResult;
use crate::messaging::service as messaging;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::CurrentUser;
use crate::web::forms::{HtmlForm, checked, form_or_err, is_form_error, present};
use crate::web::page::{RenderHtml, see_other};
use crate::workspaces::service;

use super::admin::{AdminForm, admin_again, admin_page, admin_url, prefixed};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewChannelForm {
    name: String,
    topic: String,
    private: Option<String>,
    /// A checkbox group: one field per person picked.
    member_ids: Vec<i64>,
}

/// Only the fields a form sends are changed; a name sent empty is refused, not ignored.
#[derive(Deserialize, Default)]
pub struct ChannelForm {
    #[serde(default, deserialize_with = "present")]
    name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    topic: Option<String>,
    #[serde(default, deserialize_with = "present")]
    archived: Option<String>,
}

pub async fn create_channel(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    form: HtmlForm<NewChannelForm>,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let id = path.into_inner();
    let form = form.into_inner();
    let private = checked(&form.private);
    let input = NewChannel {
        name: form.name.clone(),
        topic: form.topic.clone(),
        private,
        member_ids: if private {
            form.member_ids.clone()
        } else {
            Vec::new()
        },
    };
    match service::create_channel(&state, &actor, id, input).await {
        Ok(_) => Ok(see_other(&format!(
            "/workspaces/{id}?notice=channel-created"
        ))),
        Err(e) => {
            let (errors, status) = form_or_err(&ctx, e)?;
            let mut page = admin_page(&state, &ctx, &actor, id, None).await?;
            page.channel_errors = prefixed(errors, "channel_");
            page.channel_name = form.name;
            page.channel_topic = form.topic;
            page.channel_private = private;
            let chosen = form.member_ids;
            for p in &mut page.channel_people {
                p.selected = chosen.iter().any(|c| c.to_string() == p.value);
            }
            page.respond_with(status)
        }
    }
}

/// Renaming, a new topic, archiving or unarchiving: whichever fields the form sends.
pub async fn update_channel(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
    form: HtmlForm<ChannelForm>,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let channel_id = path.into_inner();
    let form = form.into_inner();
    let input = ChannelUpdate {
        name: form.name,
        topic: form.topic,
        archived: form.archived.map(|v| v == "true"),
    };
    match service::update_channel(&state, &actor, channel_id, input).await {
        Ok(channel) => match channel.workspace_id {
            Some(ws) => Ok(see_other(&admin_url(ws, "channel-saved"))),
            None => Ok(see_other(&format!("/channels/{channel_id}"))),
        },
        Err(e) => {
            if !is_form_error(&e) {
                return Err(e);
            }
            // The page to show again is the administration of the channel's workspace, which
            // decides on its own whether the caller may see it.
            let (view, _, _) = messaging::channel_summary(&state, &actor, channel_id).await?;
            let Some(ws) = view.workspace_id else {
                return Err(e);
            };
            admin_again(&state, &ctx, &actor, ws, AdminForm::Channel(channel_id), e).await
        }
    }
}
