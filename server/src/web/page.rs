//! The chrome around every page: language, navigation, CSRF token, stylesheet.

use actix_web::HttpResponse;
use agora_shared::api::Language;
use askama::Template;

use super::context::Ctx;
use super::nav::SideNav;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;

/// One entry of the language switcher.
pub struct LangLink {
    pub code: &'static str,
    pub name: String,
    pub href: String,
    pub current: bool,
}

/// The signed-in person as the navigation shows them.
pub struct NavUser {
    pub id: i64,
    pub name: String,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub org_admin: bool,
    pub network_admin: bool,
}

/// What the layout (`templates/base.html`) needs.
pub struct Page {
    pub t: Tr,
    pub title: String,
    pub css: String,
    /// `/static/agora-<hash>.js`: live updates and htmx settings.
    pub js: String,
    /// `/static/htmx-<hash>.js`: the vendored htmx.
    pub htmx: String,
    /// `/static/compose-<hash>.js`: the composer's script.
    pub compose_js: String,
    pub csrf: String,
    pub user: Option<NavUser>,
    pub languages: Vec<LangLink>,
    /// Shown after a redirect, e.g. "Invitation sent".
    pub notice: Option<String>,
    /// The request path without its query, to mark the current navigation entry.
    pub path: String,
    /// `/static/favicon-<hash>.svg`
    pub favicon: String,
    /// The side navigation, on signed-in page requests.
    pub nav: Option<SideNav>,
}

impl Page {
    pub fn new(state: &AppState, ctx: &Ctx, title: String) -> Page {
        let user = ctx.identity.as_ref().map(|i| NavUser {
            id: i.user.id,
            name: i.user.display_name.clone(),
            organisation_id: i.organisation.id,
            organisation_name: i.organisation.name.clone(),
            org_admin: i.is_org_admin(),
            network_admin: i.actor().network_admin,
        });
        // The request path is the client's: `//evil.example/` must not become a link elsewhere.
        let base =
            super::redirect::same_site_path(&state.config.public_url, Some(&strip_lang(&ctx.path)));
        let sep = if base.contains('?') { '&' } else { '?' };
        let languages = Language::ALL
            .iter()
            .map(|lang| LangLink {
                code: lang.as_str(),
                name: ctx.tr.language_name(lang),
                href: format!("{base}{sep}lang={}", lang.as_str()),
                current: *lang == ctx.tr.lang,
            })
            .collect();
        Page {
            t: ctx.tr.clone(),
            title,
            css: state.assets.css_path.clone(),
            js: state.assets.js_path.clone(),
            htmx: state.assets.htmx_path.clone(),
            compose_js: state.assets.compose_path.clone(),
            csrf: ctx.csrf_token.clone(),
            user,
            languages,
            notice: None,
            path: ctx.path.split('?').next().unwrap_or_default().to_string(),
            favicon: state.assets.favicon_path.clone(),
            nav: ctx
                .nav
                .as_ref()
                .map(|rows| SideNav::build(&ctx.tr, rows, &ctx.path)),
        }
    }

    /// The page has just read `channel_id`, leaving `unread` messages: its counts follow.
    pub fn read_channel(&mut self, channel_id: i64, unread: i64) {
        if let Some(nav) = &mut self.nav {
            nav.read(&self.t, channel_id, unread);
        }
    }

    /// Unread messages in total, for the tab title.
    pub fn unread_total(&self) -> i64 {
        self.nav.as_ref().map_or(0, |n| n.total.unread)
    }

    pub fn with_notice(mut self, notice: Option<String>) -> Page {
        self.notice = notice;
        self
    }
}

/// `path?lang=x&a=b` without its `lang`.
fn strip_lang(path: &str) -> String {
    let Some((p, q)) = path.split_once('?') else {
        return path.to_string();
    };
    let rest: Vec<&str> = q
        .split('&')
        .filter(|kv| !kv.starts_with("lang=") && !kv.is_empty())
        .collect();
    if rest.is_empty() {
        p.to_string()
    } else {
        format!("{p}?{}", rest.join("&"))
    }
}

/// Renders a page template into a response.
pub trait RenderHtml: Template {
    fn render_html(&self) -> Result<String, askama::Error> {
        self.render()
    }

    fn respond(&self) -> AppResult<HttpResponse> {
        let html = self.render().map_err(|e| AppError::internal(e.into()))?;
        Ok(HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .insert_header(("Cache-Control", "no-store"))
            .body(html))
    }

    /// The same page answered with an error status (a form shown again with its errors).
    fn respond_with(&self, status: actix_web::http::StatusCode) -> AppResult<HttpResponse> {
        let html = error_title(self.render().map_err(|e| AppError::internal(e.into()))?);
        Ok(HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .insert_header(("Cache-Control", "no-store"))
            .body(html))
    }
}

impl<T: Template> RenderHtml for T {}

/// A page shown again with its errors is titled "Error: …", so a screen reader hears it first.
/// The error summary (`partials/errors.html`) carries the translated, escaped title; every form
/// page includes that one partial, so this one place covers them all.
fn error_title(html: String) -> String {
    const MARK: &str = "data-page-title=\"";
    let Some(start) = html.find(MARK).map(|i| i + MARK.len()) else {
        return html;
    };
    let Some(title) = html[start..].split('"').next().map(str::to_string) else {
        return html;
    };
    let (Some(open), Some(close)) = (html.find("<title>"), html.find(" · Agora</title>")) else {
        return html;
    };
    let open = open + "<title>".len();
    if open > close {
        return html;
    }
    format!("{}{title}{}", &html[..open], &html[close..])
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub page: Page,
    pub message: String,
    pub status: u16,
}

/// Redirect after a successful form post (Post/Redirect/Get).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", location.to_string()))
        .finish()
}

#[cfg(test)]
mod tests {
    #[test]
    fn strip_lang_keeps_other_parameters() {
        assert_eq!(
            super::strip_lang("/signin?lang=fr&next=%2Fprofile"),
            "/signin?next=%2Fprofile"
        );
        assert_eq!(super::strip_lang("/signin?lang=fr"), "/signin");
        assert_eq!(super::strip_lang("/"), "/");
    }
}
