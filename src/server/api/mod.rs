//! The JSON API, under `/api`. Every handler checks the requester's role in the project
//! first (the first layer), then works in a transaction that row-level security reads as
//! that user (the second layer).

mod projects;
mod report;
mod works;

use crate::auth::{self, User};
use crate::error::{ApiError, ApiResult};
use crate::AppState;
use axum::extract::{DefaultBodyLimit, FromRequest, Request};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::Router;
use deadpool_postgres::Transaction;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tower_http::limit::RequestBodyLimitLayer;

/// The largest request body: a dataset of articles (`projects::create`).
pub const MAX_DATASET_BYTES: usize = 64 * 1024 * 1024;
/// The largest body of any other request (a work of a long article).
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    // A body over the limit is refused from its stated length, before it is read (413).
    let datasets = Router::new()
        .route("/api/projects", post(projects::create))
        .layer(RequestBodyLimitLayer::new(MAX_DATASET_BYTES));
    Router::new()
        .route("/api/login", post(auth::login))
        .route("/api/logout", post(auth::logout))
        .route("/api/me", get(projects::me))
        .route("/api/projects/{project}", get(projects::show))
        .route("/api/projects/{project}/schema", put(projects::set_schema))
        .route("/api/projects/{project}/members", get(projects::members))
        .route(
            "/api/projects/{project}/invitations",
            post(projects::invite),
        )
        .route("/api/invitations/{token}", get(projects::invitation))
        .route("/api/invitations/{token}/accept", post(projects::accept))
        .route("/api/invitations/{token}/join", post(projects::join))
        .route("/api/projects/{project}/articles", get(works::articles))
        .route("/api/projects/{project}/copy", get(works::copy))
        .route(
            "/api/projects/{project}/articles/{article}",
            get(works::article),
        )
        .route(
            "/api/projects/{project}/assignments",
            get(works::assignments).put(works::set_assignments),
        )
        .route("/api/projects/{project}/next", post(works::next))
        .route("/api/projects/{project}/works", get(works::pull))
        .route(
            "/api/projects/{project}/articles/{article}/works/{annotator}",
            get(works::work).put(works::push),
        )
        .route(
            "/api/projects/{project}/articles/{article}/gold",
            get(works::gold).put(works::push_gold),
        )
        .route("/api/projects/{project}/dashboard", get(report::dashboard))
        .route("/api/projects/{project}/curation", get(report::curation))
        .route("/api/projects/{project}/export/{what}", get(report::export))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .merge(datasets)
        .layer(DefaultBodyLimit::disable())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Coordinator,
    Annotator,
    Curator,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Annotator => "annotator",
            Role::Curator => "curator",
        }
    }

    fn of(name: &str) -> Option<Role> {
        [Role::Coordinator, Role::Annotator, Role::Curator]
            .into_iter()
            .find(|role| role.name() == name)
    }
}

/// The requester's roles in a project (none: not a member).
pub async fn roles(tx: &Transaction<'_>, project: i64, user: &User) -> ApiResult<Vec<Role>> {
    let rows = tx
        .query(
            "SELECT role FROM memberships WHERE project_id = $1 AND user_id = $2",
            &[&project, &user.id],
        )
        .await?;
    Ok(rows.iter().filter_map(|row| Role::of(row.get(0))).collect())
}

/// The handlers' check: the requester holds one of `wanted` in the project. A test build
/// can turn it off (`AppState::handler_checks`) to show row-level security refuses alone.
pub async fn require(
    state: &AppState,
    tx: &Transaction<'_>,
    project: i64,
    user: &User,
    wanted: &[Role],
) -> ApiResult<Vec<Role>> {
    let held = roles(tx, project, user).await?;
    if !state.handler_checks() || held.iter().any(|role| wanted.contains(role)) {
        return Ok(held);
    }
    if held.is_empty() {
        return Err(ApiError::not_found("project"));
    }
    let names: Vec<&str> = wanted.iter().map(|role| role.name()).collect();
    Err(ApiError::forbidden(format!(
        "only a project's {} may do this",
        names.join(" or ")
    )))
}

/// Those who read everyone's work in a project.
pub const READERS: &[Role] = &[Role::Coordinator, Role::Curator];
/// Every member.
pub const MEMBERS: &[Role] = &[Role::Coordinator, Role::Annotator, Role::Curator];

/// A row of (id, name, roles) as JSON: a user's project, or a project's member.
pub fn named_roles(row: &tokio_postgres::Row, name: &str) -> serde_json::Value {
    serde_json::json!({
        "id": row.get::<_, i64>(0),
        name: row.get::<_, String>(1),
        "roles": row.get::<_, Vec<String>>(2),
    })
}

/// Whether the requester sees everyone's work in the project (coordinator, curator).
pub fn sees_all(roles: &[Role]) -> bool {
    roles
        .iter()
        .any(|role| matches!(role, Role::Coordinator | Role::Curator))
}

/// A JSON body, read strictly: `application/json`, within the size limit (413), UTF-8
/// throughout (400, even inside a field the server ignores), JSON (400) of the expected
/// shape (422). Each refusal says what was wrong in the parser's own words.
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> ApiResult<Self> {
        let json = (request.headers().get(axum::http::header::CONTENT_TYPE))
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("application/json"));
        if !json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send JSON, with Content-Type: application/json",
            ));
        }
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|rejection| ApiError::new(rejection.status(), rejection.body_text()))?;
        let text = std::str::from_utf8(&bytes).map_err(|error| {
            ApiError::bad_request(format!(
                "the body is not UTF-8 text (first bad byte at position {})",
                error.valid_up_to()
            ))
        })?;
        serde_json::from_str(text).map(Body).map_err(|error| {
            let status = match error.classify() {
                serde_json::error::Category::Data => StatusCode::UNPROCESSABLE_ENTITY,
                _ => StatusCode::BAD_REQUEST,
            };
            ApiError::new(status, format!("the body cannot be read: {error}"))
        })
    }
}
