//! Every failure becomes an [`AppError`] and is answered in one place.
//!
//! A handler returns `Result<_, AppError>`. `AppError` carries a stable [`ErrorCode`], the HTTP
//! status and, for internal failures, the cause. The cause is logged once, here, and never sent to
//! the client. The translated message and the body shape (JSON for `/api`, a page otherwise) are
//! chosen by the request middleware, which knows the caller's language.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use agora_shared::ErrorCode;

pub struct AppError {
    pub code: ErrorCode,
    pub status: StatusCode,
    /// The input field at fault, for validation errors.
    pub field: Option<&'static str>,
    /// Fluent arguments of the message, e.g. a maximum length.
    pub args: Vec<(&'static str, String)>,
    pub retry_after: Option<u64>,
    /// Further bad fields of the same form, so a person sees every error at once.
    pub also: Vec<AppError>,
    source: Option<anyhow::Error>,
}

impl AppError {
    pub fn new(code: ErrorCode, status: StatusCode) -> AppError {
        AppError {
            code,
            status,
            field: None,
            args: Vec::new(),
            retry_after: None,
            also: Vec::new(),
            source: None,
        }
    }

    /// Every error of `errors` in one (the first carries the status), or `Ok` when there is none.
    pub fn all(errors: Vec<AppError>) -> Result<(), AppError> {
        let mut errors = errors.into_iter();
        match errors.next() {
            None => Ok(()),
            Some(mut first) => {
                first.also.extend(errors);
                Err(first)
            }
        }
    }

    /// Missing, or belonging to someone the caller may not see: the two are indistinguishable.
    pub fn not_found() -> AppError {
        Self::new(ErrorCode::NotFound, StatusCode::NOT_FOUND)
    }

    pub fn unauthenticated() -> AppError {
        Self::new(ErrorCode::Unauthenticated, StatusCode::UNAUTHORIZED)
    }

    /// Visible to the caller, but not theirs to change.
    pub fn forbidden() -> AppError {
        Self::new(ErrorCode::Forbidden, StatusCode::FORBIDDEN)
    }

    pub fn csrf() -> AppError {
        Self::new(ErrorCode::CsrfFailed, StatusCode::FORBIDDEN)
    }

    pub fn rate_limited(retry_after_secs: u64) -> AppError {
        let mut e = Self::new(ErrorCode::RateLimited, StatusCode::TOO_MANY_REQUESTS);
        e.retry_after = Some(retry_after_secs.max(1));
        e
    }

    /// Bad input in a named field.
    pub fn invalid(code: ErrorCode, field: &'static str) -> AppError {
        let mut e = Self::new(code, StatusCode::UNPROCESSABLE_ENTITY);
        e.field = Some(field);
        e
    }

    pub fn too_long(field: &'static str, max: usize) -> AppError {
        Self::invalid(ErrorCode::FieldTooLong, field).arg("max", max.to_string())
    }

    pub fn conflict(code: ErrorCode, field: &'static str) -> AppError {
        let mut e = Self::new(code, StatusCode::CONFLICT);
        e.field = Some(field);
        e
    }

    pub fn bad_body(
        code: ErrorCode,
        status: StatusCode,
        cause: impl std::fmt::Display,
    ) -> AppError {
        let mut e = Self::new(code, status);
        e.args.push(("detail", cause.to_string()));
        e
    }

    pub fn internal(cause: anyhow::Error) -> AppError {
        let mut e = Self::new(ErrorCode::Internal, StatusCode::INTERNAL_SERVER_ERROR);
        e.source = Some(cause);
        e
    }

    pub fn unavailable(cause: anyhow::Error) -> AppError {
        let mut e = Self::new(ErrorCode::Unavailable, StatusCode::SERVICE_UNAVAILABLE);
        e.source = Some(cause);
        e
    }

    pub fn arg(mut self, name: &'static str, value: String) -> AppError {
        self.args.push((name, value));
        self
    }
}

impl std::fmt::Debug for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.code, self.status)?;
        if let Some(field) = self.field {
            write!(f, " field={field}")?;
        }
        if let Some(source) = &self.source {
            write!(f, ": {source:#}")?;
        }
        Ok(())
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> AppError {
        match e {
            diesel::result::Error::NotFound => AppError::not_found(),
            // A request that raced an identical one past its own check: the thing exists now.
            // Writes that can race use ON CONFLICT; this keeps any we missed a clean 409.
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                info,
            ) => {
                tracing::warn!(
                    db.constraint = info.constraint_name().unwrap_or(""),
                    db.table = info.table_name().unwrap_or(""),
                    "unique violation answered as a conflict"
                );
                AppError::new(ErrorCode::AlreadyExists, StatusCode::CONFLICT)
            }
            other => AppError::internal(other.into()),
        }
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> AppError {
        AppError::internal(e)
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    /// A plain body; the context middleware replaces it with the translated JSON or page.
    fn error_response(&self) -> HttpResponse {
        if let Some(source) = &self.source {
            tracing::error!(error.code = %self.code, error.cause = %format!("{source:#}"), "request failed");
        }
        let mut res = HttpResponse::build(self.status);
        if let Some(secs) = self.retry_after
            && let Ok(v) = HeaderValue::from_str(&secs.to_string())
        {
            res.insert_header((header::RETRY_AFTER, v));
        }
        res.body(self.code.as_str())
    }
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::result::{DatabaseErrorKind, Error};

    #[test]
    fn a_unique_violation_is_a_conflict_not_a_server_error() {
        let e = AppError::from(Error::DatabaseError(
            DatabaseErrorKind::UniqueViolation,
            Box::new(
                "duplicate key value violates unique constraint \"reactions_pkey\"".to_string(),
            ),
        ));
        assert_eq!(e.status, StatusCode::CONFLICT);
        assert_eq!(e.code, ErrorCode::AlreadyExists);
        assert!(
            e.source.is_none(),
            "the database's wording never reaches the client or the error log"
        );
        let other = AppError::from(Error::DatabaseError(
            DatabaseErrorKind::ForeignKeyViolation,
            Box::new("violates foreign key constraint".to_string()),
        ));
        assert_eq!(other.status, StatusCode::INTERNAL_SERVER_ERROR);
    }
}
