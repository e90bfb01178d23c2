//! HTML pages of the directory (finding colleagues across the network), a person's profile, and
//! the list of direct conversations with the form that starts one.

use actix_web::{HttpResponse, web};
use agora_shared::api::UserKind;
use agora_shared::conversations::DirectoryEntry;
use askama::Template;
use serde::Deserialize;

use crate::error::AppResult;
use crate::i18n::Tr;
use crate::messaging::service as messaging;
use crate::organisations::model::Organisation;
use crate::state::AppState;
use crate::web::badges::{mentions_text, unread_text};
use crate::web::context::Ctx;
use crate::web::extract::CurrentUser;
use crate::web::forms::FormErrors;
use crate::web::forms::{HtmlForm, form_or_err};
use crate::web::options::{self, Opt};
use crate::web::page::{Page, RenderHtml, see_other};

/// A person as the directory and the profile page show them.
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub function: String,
    pub kind_label: String,
    pub organisation: String,
    pub country: String,
    /// `(code, autonym)` of each language the person reads.
    pub languages: Vec<(String, String)>,
    pub themes: Vec<String>,
}

fn person_row(t: &Tr, e: DirectoryEntry) -> PersonRow {
    PersonRow {
        id: e.user_id,
        kind_label: t.user_kind(&e.kind),
        languages: e
            .languages_read
            .iter()
            .map(|code| (code.clone(), t.autonym(code)))
            .collect(),
        themes: e.themes.iter().map(|n| t.sdg(*n)).collect(),
        name: e.display_name,
        function: e.function,
        organisation: e.organisation_name,
        country: e.country,
    }
}

/// The search form's fields as typed: empty choices are sent as empty strings.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DirectoryForm {
    q: String,
    organisation: String,
    country: String,
    kind: String,
    language: String,
    theme: String,
}

impl DirectoryForm {
    fn query(&self) -> super::Query {
        let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        super::Query {
            q: text(&self.q),
            organisation: self.organisation.trim().parse().ok(),
            country: text(&self.country),
            kind: text(&self.kind),
            language: text(&self.language),
            theme: self.theme.trim().parse().ok(),
        }
    }

    fn is_empty(&self) -> bool {
        [
            &self.q,
            &self.organisation,
            &self.country,
            &self.kind,
            &self.language,
            &self.theme,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }
}

/// A `<select>` with an "any" choice first.
fn with_any(t: &Tr, mut opts: Vec<Opt>, chosen: &str) -> Vec<Opt> {
    for o in &mut opts {
        o.selected = o.value == chosen;
    }
    opts.insert(
        0,
        Opt {
            value: String::new(),
            label: t.t("directory-any"),
            selected: chosen.is_empty(),
        },
    );
    opts
}

#[derive(Template)]
#[template(path = "directory.html")]
struct DirectoryPage {
    page: Page,
    form: DirectoryForm,
    organisations: Vec<Opt>,
    kinds: Vec<Opt>,
    languages: Vec<Opt>,
    themes: Vec<Opt>,
    searched: bool,
    people: Vec<PersonRow>,
}

pub async fn directory(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    form: web::Query<DirectoryForm>,
) -> AppResult<HttpResponse> {
    let actor = user.actor();
    let form = form.into_inner();
    let query = form.query();
    let (people, orgs) = state
        .db
        .read(move |conn| {
            let people = super::search(conn, &actor, &query)?;
            let orgs: Vec<Organisation> = Organisation::list_all(conn)?
                .into_iter()
                .filter(Organisation::is_active)
                .collect();
            Ok((people, orgs))
        })
        .await?;
    let t = &ctx.tr;
    let organisations = orgs
        .into_iter()
        .map(|o| Opt {
            value: o.id.to_string(),
            label: o.name,
            selected: false,
        })
        .collect();
    DirectoryPage {
        page: Page::new(&state, &ctx, t.t("directory-title")),
        organisations: with_any(t, organisations, form.organisation.trim()),
        kinds: with_any(
            t,
            options::user_kinds(t, UserKind::Official),
            form.kind.trim(),
        ),
        languages: with_any(
            t,
            options::READ_LANGUAGES
                .iter()
                .map(|code| Opt {
                    value: (*code).into(),
                    label: t.autonym(code),
                    selected: false,
                })
                .collect(),
            form.language.trim(),
        ),
        themes: with_any(t, options::sdgs(t, &[]), form.theme.trim()),
        searched: !form.is_empty(),
        people: people.into_iter().map(|e| person_row(t, e)).collect(),
        form,
    }
    .respond()
}

#[derive(Template)]
#[template(path = "person.html")]
struct PersonPage {
    page: Page,
    person: PersonRow,
    is_self: bool,
}

pub async fn person(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let actor = user.actor();
    let entry = state
        .db
        .read(move |conn| super::find(conn, &actor, id))
        .await?;
    let person = person_row(&ctx.tr, entry);
    PersonPage {
        page: Page::new(&state, &ctx, person.name.clone()),
        is_self: person.id == user.0.user.id,
        person,
    }
    .respond()
}

pub struct DirectRow {
    pub id: i64,
    pub names: String,
    pub archived: bool,
    pub unread: Option<String>,
    pub mentions: Option<String>,
}

#[derive(Template)]
#[template(path = "direct.html")]
struct DirectPage {
    page: Page,
    conversations: Vec<DirectRow>,
    errors: FormErrors,
}

async fn direct_page(state: &AppState, ctx: &Ctx, user: &CurrentUser) -> AppResult<DirectPage> {
    let t = &ctx.tr;
    let conversations = messaging::list_direct(state, &user.actor())
        .await?
        .into_iter()
        .map(|(c, names)| DirectRow {
            id: c.id,
            names: names.join(", "),
            archived: c.archived,
            unread: unread_text(t, c.unread),
            mentions: mentions_text(t, c.mentions),
        })
        .collect();
    Ok(DirectPage {
        page: Page::new(state, ctx, t.t("conversations-title")),
        conversations,
        errors: FormErrors::default(),
    })
}

pub async fn direct(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
) -> AppResult<HttpResponse> {
    direct_page(&state, &ctx, &user).await?.respond()
}

/// The people of a new conversation: `user_id` may repeat, and `user_ids` is accepted too.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DirectForm {
    user_id: Vec<i64>,
    user_ids: Vec<i64>,
}

/// Opens (or finds) the conversation with the people named and goes there.
pub async fn start_direct(
    state: web::Data<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    form: HtmlForm<DirectForm>,
) -> AppResult<HttpResponse> {
    let DirectForm {
        user_id: mut people,
        user_ids,
    } = form.into_inner();
    people.extend(user_ids);
    match messaging::start_direct(&state, &user.actor(), people).await {
        Ok(channel) => Ok(see_other(&format!("/channels/{}", channel.id))),
        Err(e) => {
            let (mut errors, status) = form_or_err(&ctx, e)?;
            // The people were chosen on another page: the message stands on its own here.
            for e in &mut errors.errors {
                e.field = "form".into();
            }
            let mut page = direct_page(&state, &ctx, &user).await?;
            page.errors = errors;
            page.respond_with(status)
        }
    }
}
