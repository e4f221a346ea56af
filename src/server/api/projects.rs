//! Projects, their schema and members, and invitations.

use super::{named_roles, require, roles, Body, Role, MEMBERS, READERS};
use crate::auth::{self, hash_password, new_token, token_hash, User};
use crate::db::as_user;
use crate::error::{ApiError, ApiResult};
use crate::validate::{self, MAX_ARTICLES};
use crate::AppState;
use annotator_core::model::formats::native::{self, LabelRecord, LinkRuleRecord};
use annotator_core::model::formats::InFile;
use annotator_core::model::intake::check_text;
use annotator_core::model::schema::Schema;
use annotator_core::model::text::ArticleText;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

/// How long an invitation link stays valid.
const INVITATION_DAYS: i32 = 7;

/// `GET /api/me`: who is logged in, the CSRF token, and their projects and roles.
pub async fn me(State(state): State<AppState>, user: User) -> ApiResult<Json<Value>> {
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    let rows = tx
        .query(
            "SELECT p.id, p.name, array_agg(m.role ORDER BY m.role)
             FROM projects p JOIN memberships m ON m.project_id = p.id AND m.user_id = $1
             GROUP BY p.id ORDER BY p.id",
            &[&user.id],
        )
        .await?;
    let projects: Vec<Value> = rows.iter().map(|row| named_roles(row, "name")).collect();
    tx.commit().await?;
    Ok(Json(json!({
        "user": { "id": user.id, "username": user.username, "creates_projects": user.creates_projects },
        "csrf": user.csrf,
        "projects": projects,
    })))
}

#[derive(Deserialize)]
pub struct NewProject {
    name: String,
    /// How many annotators each article goes to.
    overlap: i32,
    /// The dataset file: its name and its text (JSONL of articles, or any importable format).
    dataset: Dataset,
    /// The label schema (native `labels` and `links`); absent: Claim, Quote and Source.
    #[serde(default)]
    labels: Option<Vec<LabelRecord>>,
    #[serde(default)]
    links: Option<Vec<LinkRuleRecord>>,
}

#[derive(Deserialize)]
pub struct Dataset {
    name: String,
    text: String,
}

/// `POST /api/projects`: a project from a dataset file, its creator its coordinator.
pub async fn create(
    State(state): State<AppState>,
    user: User,
    Body(new): Body<NewProject>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    if !user.creates_projects && state.handler_checks() {
        return Err(ApiError::forbidden(
            "only a coordinator account may create projects",
        ));
    }
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(ApiError::bad_request(
            "a project needs a name of 1 to 200 characters",
        ));
    }
    if !(1..=20).contains(&new.overlap) {
        return Err(ApiError::bad_request(
            "the overlap (annotators per article) must be 1 to 20",
        ));
    }
    let (labels, links) = match (new.labels, new.links) {
        (Some(labels), links) => (labels, links.unwrap_or_default()),
        (None, _) => {
            let schema = Schema::default();
            (
                native::label_records(&schema),
                native::link_records(&schema),
            )
        }
    };
    validate::schema(&labels, &links).map_err(ApiError::invalid)?;
    let file = InFile {
        name: new.dataset.name.clone(),
        bytes: new.dataset.text.into_bytes(),
    };
    let (_, drafts) = annotator_formats::read(&[file])
        .map_err(|error| ApiError::invalid(vec![format!("{}: {}", error.at, error.message)]))?;
    if drafts.is_empty() || drafts.len() > MAX_ARTICLES {
        return Err(ApiError::invalid(vec![format!(
            "the dataset has {} articles; a project takes 1 to {MAX_ARTICLES}",
            drafts.len()
        )]));
    }
    let mut articles = Vec::with_capacity(drafts.len());
    let mut problems = Vec::new();
    for (index, draft) in drafts.into_iter().enumerate() {
        let line = index + 1;
        let Some(raw) = draft.text else {
            problems.push(format!("article {line}: it has no text"));
            continue;
        };
        if let Err(error) = check_text(&raw) {
            problems.push(format!("article {line}: {error}"));
            continue;
        }
        let text = ArticleText::new(&raw).as_str().to_owned();
        let doc_id = draft.id.unwrap_or_else(|| line.to_string());
        let title = (draft.title.filter(|title| !title.trim().is_empty())).unwrap_or_else(|| {
            text.lines()
                .next()
                .unwrap_or_default()
                .chars()
                .take(80)
                .collect()
        });
        articles.push((doc_id, title, draft.source, text));
    }
    if !problems.is_empty() {
        return Err(ApiError::invalid(problems));
    }
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    let project: i64 = tx
        .query_one(
            "INSERT INTO projects (name, overlap, labels, links, created_by)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
            &[
                &name,
                &new.overlap,
                &serde_json::to_value(&labels).map_err(ApiError::internal)?,
                &serde_json::to_value(&links).map_err(ApiError::internal)?,
                &user.id,
            ],
        )
        .await?
        .get(0);
    tx.execute(
        "INSERT INTO memberships (project_id, user_id, role) VALUES ($1, $2, 'coordinator')",
        &[&project, &user.id],
    )
    .await?;
    let insert = tx
        .prepare(
            "WITH a AS (INSERT INTO articles (project_id, position, doc_id, title, source, text)
                        VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, project_id, position)
             INSERT INTO article_load (article_id, project_id, position)
             SELECT id, project_id, position FROM a",
        )
        .await?;
    for (position, (doc_id, title, source, text)) in articles.iter().enumerate() {
        let position = position as i32;
        tx.execute(&insert, &[&project, &position, doc_id, title, source, text])
            .await?;
    }
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "id": project, "articles": articles.len() })),
    ))
}

/// `GET /api/projects/{project}`: the project, its schema and the requester's roles.
pub async fn show(
    State(state): State<AppState>,
    user: User,
    Path(project): Path<i64>,
) -> ApiResult<Json<Value>> {
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    let held = require(&state, &tx, project, &user, MEMBERS).await?;
    let row = tx
        .query_opt(
            "SELECT name, overlap, labels, links FROM projects WHERE id = $1",
            &[&project],
        )
        .await?
        .ok_or_else(|| ApiError::not_found("project"))?;
    Ok(Json(json!({
        "id": project,
        "name": row.get::<_, String>(0),
        "overlap": row.get::<_, i32>(1),
        "labels": row.get::<_, Value>(2),
        "links": row.get::<_, Value>(3),
        "roles": held,
    })))
}

#[derive(Deserialize)]
pub struct SchemaBody {
    labels: Vec<LabelRecord>,
    #[serde(default)]
    links: Vec<LinkRuleRecord>,
}

/// `PUT /api/projects/{project}/schema` (coordinator).
pub async fn set_schema(
    State(state): State<AppState>,
    user: User,
    Path(project): Path<i64>,
    Body(body): Body<SchemaBody>,
) -> ApiResult<StatusCode> {
    validate::schema(&body.labels, &body.links).map_err(ApiError::invalid)?;
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    require(&state, &tx, project, &user, &[Role::Coordinator]).await?;
    // A label the team's work uses stays: removing it would leave that work unreadable
    // under the schema (and refused when pushed again).
    let used = tx
        .query(
            "SELECT s->>'label', count(*) FROM (
                 SELECT work FROM works WHERE project_id = $1
                 UNION ALL SELECT work FROM gold WHERE project_id = $1) w,
             jsonb_array_elements(w.work::jsonb -> 'spans') s
             GROUP BY 1 ORDER BY 1",
            &[&project],
        )
        .await?;
    let dropped: Vec<String> = (used.iter())
        .filter(|row| {
            !body
                .labels
                .iter()
                .any(|label| label.name == row.get::<_, String>(0))
        })
        .map(|row| {
            let (label, spans) = (row.get::<_, String>(0), row.get::<_, i64>(1));
            format!("label “{label}” is used by {spans} span(s) of the team's work: keep it")
        })
        .collect();
    if !dropped.is_empty() {
        return Err(ApiError::invalid(dropped));
    }
    let changed = tx
        .execute(
            "UPDATE projects SET labels = $2, links = $3 WHERE id = $1",
            &[
                &project,
                &serde_json::to_value(&body.labels).map_err(ApiError::internal)?,
                &serde_json::to_value(&body.links).map_err(ApiError::internal)?,
            ],
        )
        .await?;
    if changed == 0 {
        return Err(ApiError::not_found("project"));
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/projects/{project}/members` (coordinator, curator).
pub async fn members(
    State(state): State<AppState>,
    user: User,
    Path(project): Path<i64>,
) -> ApiResult<Json<Value>> {
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    require(&state, &tx, project, &user, READERS).await?;
    let rows = tx
        .query(
            "SELECT u.id, u.username, array_agg(m.role ORDER BY m.role)
             FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.project_id = $1 GROUP BY u.id ORDER BY u.username",
            &[&project],
        )
        .await?;
    let members: Vec<Value> = (rows.iter())
        .map(|row| named_roles(row, "username"))
        .collect();
    Ok(Json(json!({ "members": members })))
}

#[derive(Deserialize)]
pub struct Invite {
    role: Role,
}

/// `POST /api/projects/{project}/invitations` (coordinator): a one-time link.
pub async fn invite(
    State(state): State<AppState>,
    user: User,
    Path(project): Path<i64>,
    Body(body): Body<Invite>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    require(&state, &tx, project, &user, &[Role::Coordinator]).await?;
    let token = new_token();
    let inserted = tx
        .execute(
            "INSERT INTO invitations
                 (token_hash, project_id, project_name, role, created_by, expires_at)
             SELECT $1, id, name, $3, $4, now() + make_interval(days => $5)
             FROM projects WHERE id = $2",
            &[
                &token_hash(&token),
                &project,
                &body.role.name(),
                &user.id,
                &INVITATION_DAYS,
            ],
        )
        .await?;
    if inserted == 0 {
        return Err(ApiError::not_found("project"));
    }
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "token": token, "link": format!("/#invite={token}"), "role": body.role })),
    ))
}

/// Begins a transaction holding a still usable invitation: its project, role and the
/// project's name. No row-level security is involved: the invited person is no member yet.
async fn invitation_tx<'a>(
    client: &'a mut deadpool_postgres::Object,
    token: &str,
) -> ApiResult<(deadpool_postgres::Transaction<'a>, i64, String, String)> {
    let tx = client.transaction().await?;
    let row = tx
        .query_opt(
            "SELECT project_id, role, project_name FROM invitations
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() FOR UPDATE",
            &[&token_hash(token)],
        )
        .await?
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::GONE,
                "this invitation was used already or has expired: ask the coordinator for a new one",
            )
        })?;
    Ok((tx, row.get(0), row.get(1), row.get(2)))
}

/// `GET /api/invitations/{token}`: what the invitation is for (no login needed).
pub async fn invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut client = state.pool.get().await?;
    let (_tx, project, role, name) = invitation_tx(&mut client, &token).await?;
    Ok(Json(
        json!({ "project": project, "project_name": name, "role": role }),
    ))
}

#[derive(Deserialize)]
pub struct Accept {
    username: String,
    password: String,
}

/// `POST /api/invitations/{token}/accept`: a new account, joined to the project, logged in.
pub async fn accept(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Body(body): Body<Accept>,
) -> ApiResult<Response> {
    let hash = hash_password(body.password).await?;
    let mut client = state.pool.get().await?;
    let user = {
        let (tx, project, role, _) = invitation_tx(&mut client, &token).await?;
        let user = auth::create_user(&tx, &body.username, &hash, false).await?;
        use_invitation(&tx, &token, project, &role, user).await?;
        tx.commit().await?;
        user
    };
    auth::start_session(&state, &client, user).await
}

/// `POST /api/invitations/{token}/join`: the logged-in account joins the project.
pub async fn join(
    State(state): State<AppState>,
    user: User,
    Path(token): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut client = state.pool.get().await?;
    let (tx, project, role, _) = invitation_tx(&mut client, &token).await?;
    use_invitation(&tx, &token, project, &role, user.id).await?;
    let held = roles(&tx, project, &user).await?;
    tx.commit().await?;
    Ok(Json(json!({ "project": project, "roles": held })))
}

async fn use_invitation(
    tx: &deadpool_postgres::Transaction<'_>,
    token: &str,
    project: i64,
    role: &str,
    user: i64,
) -> ApiResult<()> {
    tx.execute(
        "UPDATE invitations SET used_at = now(), used_by = $2 WHERE token_hash = $1",
        &[&token_hash(token), &user],
    )
    .await?;
    tx.execute(
        "INSERT INTO memberships (project_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
        &[&project, &user, &role],
    )
    .await?;
    Ok(())
}
