//! Form errors shown beside their fields and in a summary at the top of the form.

use actix_web::http::StatusCode;
use agora_shared::ErrorCode;

use super::context::Ctx;
use super::error_answer::message;
use crate::error::{AppError, AppResult};

pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Default)]
pub struct FormErrors {
    pub errors: Vec<FieldError>,
}

impl FormErrors {
    pub fn from_error(ctx: &Ctx, error: &AppError) -> FormErrors {
        FormErrors {
            errors: vec![FieldError {
                field: error.field.unwrap_or("form").to_string(),
                message: message(&ctx.tr, error),
            }],
        }
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
}

/// Whether an error belongs on the form (bad input) rather than on an error page.
pub fn is_form_error(error: &AppError) -> bool {
    matches!(error.status.as_u16(), 409 | 422 | 429)
        || error.code == agora_shared::ErrorCode::InvalidCredentials
        || error.code == agora_shared::ErrorCode::InvalidToken
        || error.code == agora_shared::ErrorCode::OrganisationSuspended
}

/// A form body as name/value pairs: checkbox groups and repeated fields need a list.
pub(crate) struct FormPairs(Vec<(String, String)>);

impl FormPairs {
    pub(crate) fn parse(body: &[u8]) -> AppResult<FormPairs> {
        serde_urlencoded::from_bytes(body)
            .map(FormPairs)
            .map_err(|_| AppError::new(ErrorCode::InvalidBody, StatusCode::BAD_REQUEST))
    }

    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The field's value, empty when absent.
    pub(crate) fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or_default().to_string()
    }

    pub(crate) fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Every value of a repeated numeric field; a value that is not a number becomes 0, which
    /// names nothing, so the service rejects it like any unknown id.
    pub(crate) fn ids(&self, name: &str) -> Vec<i64> {
        self.all(name)
            .into_iter()
            .map(|v| v.trim().parse().unwrap_or(0))
            .collect()
    }

    pub(crate) fn checked(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| v == "true" || v == "on")
    }
}

/// A validation failure shown on the form (with its status); any other error propagates.
pub(crate) fn form_or_err(ctx: &Ctx, e: AppError) -> AppResult<(FormErrors, StatusCode)> {
    if is_form_error(&e) {
        Ok((FormErrors::from_error(ctx, &e), e.status))
    } else {
        Err(e)
    }
}
