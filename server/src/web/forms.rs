//! Form errors shown beside their fields and in a summary at the top of the form.

use actix_web::dev::Payload;
use actix_web::http::{StatusCode, header};
use actix_web::{FromRequest, HttpRequest, web};
use agora_shared::ErrorCode;
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

use super::context::Ctx;
use super::error_answer::message;
use crate::error::{AppError, AppResult};

pub struct FieldError {
    pub field: String,
    /// "Name: " when the field has a label message, so the summary names the field.
    pub label: String,
    pub message: String,
}

/// All errors of one form: shown in a summary at the top (`partials/errors.html`) and each beside
/// its field ([`FormErrors::beside`], [`FormErrors::attrs`]).
#[derive(Default)]
pub struct FormErrors {
    pub errors: Vec<FieldError>,
}

impl FormErrors {
    pub fn from_error(ctx: &Ctx, error: &AppError) -> FormErrors {
        let errors = std::iter::once(error)
            .chain(error.also.iter())
            .map(|e| {
                let field = e.field.unwrap_or("form");
                FieldError {
                    field: field.to_string(),
                    label: label(ctx, field),
                    message: message(&ctx.tr, e),
                }
            })
            .collect();
        FormErrors { errors }
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The attributes of a field's control: ` aria-describedby="<hint> <field>-error"
    /// aria-invalid="true"` when it has an error, else only its hint. `hint` may be empty.
    pub fn attrs(&self, field: &str, hint: &str) -> String {
        let mut ids: Vec<String> = Vec::new();
        if !hint.is_empty() {
            ids.push(hint.to_string());
        }
        let invalid = self.get(field).is_some();
        if invalid {
            ids.push(format!("{field}-error"));
        }
        let mut out = String::new();
        if !ids.is_empty() {
            out.push_str(&format!(" aria-describedby=\"{}\"", escape(&ids.join(" "))));
        }
        if invalid {
            out.push_str(" aria-invalid=\"true\"");
        }
        out
    }

    /// The error shown beside a field (escaped), or nothing.
    pub fn beside(&self, field: &str) -> String {
        match self.get(field) {
            Some(msg) => format!(
                "<span class=\"field-error\" id=\"{}-error\">{}</span>",
                escape(field),
                escape(msg)
            ),
            None => String::new(),
        }
    }
}

/// The field's label message (`field-<name>`, else `field-workspace-<name>`), as "Label: ".
fn label(ctx: &Ctx, field: &str) -> String {
    let dashed = field.replace('_', "-");
    [
        format!("field-{dashed}"),
        format!("field-workspace-{dashed}"),
    ]
    .iter()
    .find(|id| ctx.tr.has(id))
    // French sets a no-break space before the colon.
    .map(|id| match ctx.tr.lang {
        agora_shared::api::Language::Fr => format!("{}\u{a0}: ", ctx.tr.t(id)),
        _ => format!("{}: ", ctx.tr.t(id)),
    })
    .unwrap_or_default()
}

fn escape(s: &str) -> String {
    askama::filters::escape(s, askama::filters::Html)
        .map(|e| e.to_string())
        .unwrap_or_default()
}

/// Whether an error belongs on the form (bad input) rather than on an error page.
pub fn is_form_error(error: &AppError) -> bool {
    matches!(error.status.as_u16(), 409 | 422 | 429)
        || error.code == agora_shared::ErrorCode::InvalidCredentials
        || error.code == agora_shared::ErrorCode::InvalidToken
        || error.code == agora_shared::ErrorCode::OrganisationSuspended
}

/// A page form decoded into `T`. Repeated fields (checkbox groups) go into a `Vec`; a body that
/// does not fit `T` is an invalid body (400, with its code and message), never a server error.
pub struct HtmlForm<T>(pub T);

impl<T> HtmlForm<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for HtmlForm<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for HtmlForm<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let urlencoded = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
        // Bounded by the app's `PayloadConfig`: over the limit is a 413.
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !urlencoded {
                return Err(AppError::new(
                    ErrorCode::UnsupportedMediaType,
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                )
                .into());
            }
            let body = body.await?;
            serde_html_form::from_bytes(&body)
                .map(HtmlForm)
                .map_err(|_| AppError::new(ErrorCode::InvalidBody, StatusCode::BAD_REQUEST).into())
        })
    }
}

/// For `#[serde(default, deserialize_with = "present")]`: a field sent empty is `Some("")`,
/// where a plain `Option` would read it as absent.
pub(crate) fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    <String as serde::Deserialize>::deserialize(d).map(Some)
}

/// A checkbox: present (`on`, or `true` from a hidden field) means checked.
pub(crate) fn checked(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(|v| v == "true" || v == "on")
}

/// A validation failure shown on the form (with its status); any other error propagates.
pub(crate) fn form_or_err(ctx: &Ctx, e: AppError) -> AppResult<(FormErrors, StatusCode)> {
    if is_form_error(&e) {
        Ok((FormErrors::from_error(ctx, &e), e.status))
    } else {
        Err(e)
    }
}
