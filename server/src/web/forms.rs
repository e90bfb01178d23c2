//! Form errors shown beside their fields and in a summary at the top of the form.

use super::context::{Ctx, message};
use crate::error::AppError;

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
