//! Every refusal the API gives: a status and a sentence a person can act on, sent as
//! `{"error": "…"}`. Database errors are mapped here once: row-level security's refusal is
//! a 403, anything unexpected a 500 whose detail goes to the log, not to the client.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// Sent beside the message (a 409's server copy, a 422's list of problems).
    pub detail: Option<serde_json::Value>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            detail: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "log in first")
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            format!("no such {what}, or not yours to see"),
        )
    }

    /// A record that breaks the format's or the schema's rules: nothing was stored. The
    /// first `MAX_PROBLEMS` problems are listed, then how many more there are.
    pub fn invalid(mut problems: Vec<String>) -> Self {
        const MAX_PROBLEMS: usize = 50;
        if problems.len() > MAX_PROBLEMS {
            let more = problems.len() - MAX_PROBLEMS;
            problems.truncate(MAX_PROBLEMS);
            problems.push(format!("and {more} more problems"));
        }
        let message = format!("nothing was stored: {}", problems.join("; "));
        Self {
            detail: Some(serde_json::json!({ "problems": problems })),
            ..Self::new(StatusCode::UNPROCESSABLE_ENTITY, message)
        }
    }

    pub fn internal(error: impl std::fmt::Display) -> Self {
        eprintln!("annotator-server: {error}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the server could not do that (see its log)",
        )
    }
}

impl From<tokio_postgres::Error> for ApiError {
    fn from(error: tokio_postgres::Error) -> Self {
        use tokio_postgres::error::SqlState;
        match error.code() {
            // Row-level security refused a write (a policy's WITH CHECK).
            Some(code) if *code == SqlState::INSUFFICIENT_PRIVILEGE => {
                Self::forbidden("the database refused this: it is not yours to change")
            }
            Some(code) if *code == SqlState::UNIQUE_VIOLATION => {
                Self::new(StatusCode::CONFLICT, "that exists already")
            }
            Some(code) if *code == SqlState::CHECK_VIOLATION => {
                Self::bad_request("a value is out of its allowed range")
            }
            _ => Self::internal(error),
        }
    }
}

impl From<deadpool_postgres::PoolError> for ApiError {
    fn from(error: deadpool_postgres::PoolError) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the database cannot be reached ({error})"),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = serde_json::json!({ "error": self.message });
        if let (Some(detail), Some(object)) = (self.detail, body.as_object_mut()) {
            object.insert("detail".to_owned(), detail);
        }
        (self.status, Json(body)).into_response()
    }
}
