//! The one application error type.
//!
//! Which to use where: services and handlers return [`AppResult`]. Pick the [`ErrorKind`] that
//! tells the client what to do — `NotFound` also for things the viewer may not see (the access
//! rule makes them indistinguishable), `Forbidden` only when the viewer can already see the
//! thing but may not do this to it, `Invalid` for input the client can fix (with a message key
//! and optional field), `Conflict` for a state that changed underneath, `Unauthorized` when
//! signing in would help, `TooMany` for throttling, `Unavailable` for a dependency that is down,
//! and `Internal` for everything else. Internal causes are logged, never shown: the
//! response carries only the kind and a translatable message key. Under `/api/` the error
//! becomes a JSON envelope; elsewhere the HTML error page (see `crate::web::error_pages`).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

/// What went wrong, from the client's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    NotFound,
    Unauthorized,
    Forbidden,
    Conflict,
    Invalid,
    TooMany,
    Unavailable,
    Internal,
}

impl ErrorKind {
    /// The HTTP status for this kind.
    pub fn status(self) -> StatusCode {
        match self {
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorKind::Forbidden => StatusCode::FORBIDDEN,
            ErrorKind::Conflict => StatusCode::CONFLICT,
            ErrorKind::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorKind::TooMany => StatusCode::TOO_MANY_REQUESTS,
            ErrorKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The default message key for this kind.
    pub fn message_key(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "error-not-found",
            ErrorKind::Unauthorized => "error-unauthorized",
            ErrorKind::Forbidden => "error-forbidden",
            ErrorKind::Conflict => "error-conflict",
            ErrorKind::Invalid => "error-invalid",
            ErrorKind::TooMany => "error-too-many",
            ErrorKind::Unavailable => "error-unavailable",
            ErrorKind::Internal => "error-internal",
        }
    }

    /// The kind matching an HTTP status produced outside our code (routing, extractors).
    pub fn from_status(status: StatusCode) -> Self {
        match status.as_u16() {
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 | 405 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            429 => ErrorKind::TooMany,
            503 => ErrorKind::Unavailable,
            400..=499 => ErrorKind::Invalid,
            _ => ErrorKind::Internal,
        }
    }
}

/// An application error: a kind, a message key safe to show, an optional field, and an
/// internal cause that is logged only. Invalid input names every field at fault in `fields`
/// (see [`crate::input::Checks`]); `field` and `message` are then the first of them.
#[derive(Debug)]
pub struct AppError {
    pub kind: ErrorKind,
    pub message: String,
    pub field: Option<String>,
    pub fields: Vec<FieldError>,
    cause: Option<String>,
}

/// One field at fault and its message key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// The input field, as named in the form or the JSON body.
    pub field: String,
    /// A stable message key.
    pub message: String,
}

/// `Retry-After` (seconds) on every 503: the platform is overloaded (no database connection
/// or thread free within the pool timeout, SQLite's write lock busy) or a dependency is down,
/// and a moment later it may not be.
pub const UNAVAILABLE_RETRY_AFTER_SECS: u32 = 2;

/// Result alias used across the platform.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// An error of `kind` with its default message.
    pub fn new(kind: ErrorKind) -> Self {
        AppError {
            kind,
            message: kind.message_key().into(),
            field: None,
            fields: Vec::new(),
            cause: None,
        }
    }
    pub fn not_found() -> Self {
        Self::new(ErrorKind::NotFound)
    }
    pub fn forbidden() -> Self {
        Self::new(ErrorKind::Forbidden)
    }
    pub fn unauthorized() -> Self {
        Self::new(ErrorKind::Unauthorized)
    }
    /// Invalid input: `message` is a message key, `field` the form field at fault.
    pub fn invalid(field: &str, message: &str) -> Self {
        AppError {
            kind: ErrorKind::Invalid,
            message: message.into(),
            field: Some(field.into()),
            fields: vec![FieldError {
                field: field.into(),
                message: message.into(),
            }],
            cause: None,
        }
    }
    /// Invalid input in several fields at once; `None` when the list is empty.
    pub fn invalid_fields(fields: Vec<FieldError>) -> Option<Self> {
        let first = fields.first()?.clone();
        Some(AppError {
            kind: ErrorKind::Invalid,
            message: first.message,
            field: Some(first.field),
            fields,
            cause: None,
        })
    }
    /// Every field at fault, for forms: the list, or the single `field` of older errors.
    pub fn field_errors(&self) -> Vec<FieldError> {
        if !self.fields.is_empty() {
            return self.fields.clone();
        }
        vec![FieldError {
            field: self.field.clone().unwrap_or_default(),
            message: self.message.clone(),
        }]
    }
    pub fn conflict(message: &str) -> Self {
        AppError {
            kind: ErrorKind::Conflict,
            message: message.into(),
            field: None,
            fields: Vec::new(),
            cause: None,
        }
    }
    pub fn too_many() -> Self {
        Self::new(ErrorKind::TooMany)
    }
    /// A dependency is down; `cause` is logged.
    pub fn unavailable(cause: impl std::fmt::Display) -> Self {
        AppError {
            cause: Some(cause.to_string()),
            ..Self::new(ErrorKind::Unavailable)
        }
    }
    /// An unexpected failure; `cause` is logged, never shown.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        AppError {
            cause: Some(cause.to_string()),
            ..Self::new(ErrorKind::Internal)
        }
    }
    /// Replaces the message key (of the single field at fault too).
    pub fn with_message(mut self, message: &str) -> Self {
        self.message = message.into();
        if let [only] = self.fields.as_mut_slice() {
            only.message = message.into();
        }
        self
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.kind, self.message)?;
        if let Some(c) = &self.cause {
            write!(f, " ({c})")?;
        }
        Ok(())
    }
}

/// The JSON envelope every API error has.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

/// The body of [`ErrorEnvelope`].
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// One of not_found, unauthorized, forbidden, conflict, invalid, too_many, unavailable,
    /// internal.
    pub kind: String,
    /// A stable message key (e.g. `password-too-short`).
    pub message: String,
    /// The (first) input field at fault, for `invalid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Every input field at fault, for `invalid`: forms are checked whole, so a client can
    /// show all problems at once.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub fields: Vec<FieldError>,
}

/// Marker put in response extensions so the HTML error pages know the message to show.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub kind: ErrorKind,
    pub message: String,
    pub field: Option<String>,
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        self.kind.status()
    }

    fn error_response(&self) -> HttpResponse {
        if let Some(cause) = &self.cause {
            if self.kind == ErrorKind::Internal {
                tracing::error!(cause = %cause, "internal error");
            } else {
                tracing::warn!(kind = ?self.kind, cause = %cause, "request failed");
            }
        }
        let mut resp = HttpResponse::build(self.kind.status()).json(ErrorEnvelope {
            error: ErrorBody {
                kind: serde_json::to_value(self.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                message: self.message.clone(),
                field: self.field.clone(),
                fields: self.fields.clone(),
            },
        });
        if self.kind == ErrorKind::Unavailable {
            resp.headers_mut().insert(
                actix_web::http::header::RETRY_AFTER,
                actix_web::http::header::HeaderValue::from(UNAVAILABLE_RETRY_AFTER_SECS),
            );
        }
        resp.extensions_mut().insert(ErrorInfo {
            kind: self.kind,
            message: self.message.clone(),
            field: self.field.clone(),
        });
        resp
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => AppError::not_found(),
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => AppError::conflict("error-conflict"),
            // SQLite's write lock stayed busy for the whole busy timeout: overload, not a bug.
            diesel::result::Error::DatabaseError(_, ref info)
                if info.message().contains("database is locked") =>
            {
                AppError::unavailable(e)
            }
            other => AppError::internal(other),
        }
    }
}

impl From<prassi_db::DbError> for AppError {
    fn from(e: prassi_db::DbError) -> Self {
        match e {
            prassi_db::DbError::Query(q) => q.into(),
            other => AppError::unavailable(other),
        }
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::internal(e)
    }
}

impl From<tera::Error> for AppError {
    fn from(e: tera::Error) -> Self {
        use std::error::Error;
        let mut msg = e.to_string();
        let mut src = e.source();
        while let Some(s) = src {
            msg.push_str(": ");
            msg.push_str(&s.to_string());
            src = s.source();
        }
        AppError::internal(msg)
    }
}
