//! Articles, assignments, and the work on them: each annotator's (pushed with the version
//! it was based on, pulled by a change cursor) and the gold.

use super::{require, sees_all, Body, Role, MEMBERS, READERS};
use crate::auth::User;
use crate::db::as_user;
use crate::error::{ApiError, ApiResult};
use crate::validate::{self, ArticleRow};
use crate::AppState;
use annotator_core::model::formats::native::{LabelRecord, LinkRuleRecord};
use annotator_core::model::project::StoredWork;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use deadpool_postgres::Transaction;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashSet;

/// The most changes one pull returns; the client asks again from the cursor.
const PULL_LIMIT: i64 = 200;

/// `GET /api/projects/{project}/articles`: the articles the requester may see, with their
/// own work's state (and, for a coordinator or curator, who each is assigned to).
pub async fn articles(
    State(state): State<AppState>,
    user: User,
    Path(project): Path<i64>,
) -> ApiResult<Json<Value>> {
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    let held = require(&state, &tx, project, &user, MEMBERS).await?;
    let everyone = sees_all(&held) || !state.handler_checks();
    let rows = tx
        .query(
            "SELECT a.id, a.position, a.doc_id, a.title, char_length(a.text),
                    w.version, w.done, w.spans,
                    (SELECT coalesce(array_agg(s.annotator_id ORDER BY s.annotator_id), '{}')
                     FROM assignments s WHERE s.article_id = a.id)
             FROM articles a
             LEFT JOIN works w ON w.article_id = a.id AND w.annotator_id = $2
             WHERE a.project_id = $1 AND ($3 OR EXISTS (
                 SELECT 1 FROM assignments s WHERE s.article_id = a.id AND s.annotator_id = $2))
             ORDER BY a.position",
            &[&project, &user.id, &everyone],
        )
        .await?;
    let articles: Vec<Value> = rows
        .iter()
        .map(|row| {
            let mut article = json!({
                "id": row.get::<_, i64>(0),
                "position": row.get::<_, i32>(1),
                "doc_id": row.get::<_, String>(2),
                "title": row.get::<_, String>(3),
                "length": row.get::<_, i32>(4),
                "version": row.get::<_, Option<i64>>(5).unwrap_or(0),
                "done": row.get::<_, Option<bool>>(6).unwrap_or(false),
                "spans": row.get::<_, Option<i32>>(7).unwrap_or(0),
            });
            if sees_all(&held) {
                article["assigned"] = json!(row.get::<_, Vec<i64>>(8));
            }
            article
        })
        .collect();
    Ok(Json(json!({ "articles": articles })))
}

/// `GET /api/projects/{project}/copy`: what an annotator's copy of the project in the app
/// starts from, in one answer: the schema, and their assigned articles with texts and
/// their own work (its version, and the change cursor to pull from after it).
pub async fn copy(
    State(state): State<AppState>,
    user: User,
    Path(project): Path<i64>,
) -> ApiResult<Json<Value>> {
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    require(&state, &tx, project, &user, MEMBERS).await?;
    let schema = tx
        .query_opt(
            "SELECT name, labels, links, (SELECT coalesce(max(seq), 0) FROM works
                 WHERE project_id = $1 AND annotator_id = $2)
             FROM projects WHERE id = $1",
            &[&project, &user.id],
        )
        .await?
        .ok_or_else(|| ApiError::not_found("project"))?;
    let rows = tx
        .query(
            "SELECT a.id, a.doc_id, a.title, a.source, a.text,
                    coalesce(w.version, 0), coalesce(w.done, false), w.work
             FROM articles a
             JOIN assignments s ON s.article_id = a.id AND s.annotator_id = $2
             LEFT JOIN works w ON w.article_id = a.id AND w.annotator_id = $2
             WHERE a.project_id = $1
             ORDER BY a.position",
            &[&project, &user.id],
        )
        .await?;
    let articles = rows
        .iter()
        .map(|row| {
            let work: Option<Value> = (row.get::<_, Option<String>>(7))
                .map(|work| serde_json::from_str(&work))
                .transpose()
                .map_err(ApiError::internal)?;
            Ok(json!({
                "id": row.get::<_, i64>(0),
                "doc_id": row.get::<_, String>(1),
                "title": row.get::<_, String>(2),
                "source": row.get::<_, Option<String>>(3),
                "text": row.get::<_, String>(4),
                "version": row.get::<_, i64>(5),
                "done": row.get::<_, bool>(6),
                "work": work,
            }))
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Json(json!({
        "name": schema.get::<_, String>(0),
        "labels": schema.get::<_, Value>(1),
        "links": schema.get::<_, Value>(2),
        "cursor": schema.get::<_, i64>(3),
        "articles": articles,
    })))
}

/// An article of the project, if the requester may see it (row-level security decides).
async fn article_row(tx: &Transaction<'_>, project: i64, article: i64) -> ApiResult<ArticleRow> {
    let row = tx
        .query_opt(
            "SELECT doc_id, title, source, text FROM articles WHERE id = $1 AND project_id = $2",
            &[&article, &project],
        )
        .await?
        .ok_or_else(|| ApiError::not_found("article"))?;
    Ok(ArticleRow {
        doc_id: row.get(0),
        title: row.get(1),
        source: row.get(2),
        text: row.get(3),
    })
}

async fn assigned(tx: &Transaction<'_>, article: i64, annotator: i64) -> ApiResult<bool> {
    Ok(tx
        .query_opt(
            "SELECT 1 FROM assignments WHERE article_id = $1 AND annotator_id = $2",
            &[&article, &annotator],
        )
        .await?
        .is_some())
}

/// `GET /api/projects/{project}/articles/{article}`: its text (assigned annotators, the
/// coordinator and curators).
pub async fn article(
    State(state): State<AppState>,
    user: User,
    Path((project, article)): Path<(i64, i64)>,
) -> ApiResult<Json<Value>> {
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    let held = require(&state, &tx, project, &user, MEMBERS).await?;
    if state.handler_checks() && !sees_all(&held) && !assigned(&tx, article, user.id).await? {
        return Err(ApiError::not_found("article"));
    }
    let row = article_row(&tx, project, article).await?;
    Ok(Json(json!({
        "id": article, "doc_id": row.doc_id, "title": row.title, "source": row.source,
        "text": row.text,
    })))
}

/// `GET /api/projects/{project}/assignments` (coordinator, curator): the matrix.
pub async fn assignments(
    State(state): State<AppState>,
    user: User,
    Path(project): Path<i64>,
) -> ApiResult<Json<Value>> {
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    require(&state, &tx, project, &user, READERS).await?;
    let rows = tx
        .query(
            "SELECT article_id, annotator_id FROM assignments WHERE project_id = $1
             ORDER BY article_id, annotator_id",
            &[&project],
        )
        .await?;
    let pairs: Vec<Value> = rows
        .iter()
        .map(|row| json!({ "article": row.get::<_, i64>(0), "annotator": row.get::<_, i64>(1) }))
        .collect();
    Ok(Json(json!({ "assignments": pairs })))
}

#[derive(Deserialize)]
pub struct Pair {
    article: i64,
    annotator: i64,
}

#[derive(Deserialize)]
pub struct Matrix {
    /// The whole matrix, replacing the one stored.
    #[serde(default)]
    assignments: Option<Vec<Pair>>,
    /// Instead: give each article to more annotators until it has the project's overlap,
    /// the least loaded annotators first (the existing assignments stay).
    #[serde(default)]
    fill: bool,
}

/// `PUT /api/projects/{project}/assignments` (coordinator): the static matrix.
pub async fn set_assignments(
    State(state): State<AppState>,
    user: User,
    Path(project): Path<i64>,
    Body(matrix): Body<Matrix>,
) -> ApiResult<Json<Value>> {
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    require(&state, &tx, project, &user, &[Role::Coordinator]).await?;
    let annotators: Vec<i64> = tx
        .query(
            "SELECT user_id FROM memberships WHERE project_id = $1 AND role = 'annotator'
             ORDER BY user_id",
            &[&project],
        )
        .await?
        .iter()
        .map(|row| row.get(0))
        .collect();
    let articles: Vec<i64> = tx
        .query(
            "SELECT id FROM articles WHERE project_id = $1 ORDER BY position",
            &[&project],
        )
        .await?
        .iter()
        .map(|row| row.get(0))
        .collect();
    let overlap: i32 = tx
        .query_one("SELECT overlap FROM projects WHERE id = $1", &[&project])
        .await?
        .get(0);
    let mut pairs: Vec<(i64, i64)> = match matrix.assignments {
        Some(pairs) => pairs.iter().map(|p| (p.article, p.annotator)).collect(),
        None => (tx
            .query(
                "SELECT article_id, annotator_id FROM assignments WHERE project_id = $1",
                &[&project],
            )
            .await?
            .iter())
        .map(|row| (row.get(0), row.get(1)))
        .collect(),
    };
    let mut problems = Vec::new();
    let (known_articles, known_annotators): (HashSet<i64>, HashSet<i64>) = (
        articles.iter().copied().collect(),
        annotators.iter().copied().collect(),
    );
    for (article, annotator) in &pairs {
        if !known_articles.contains(article) {
            problems.push(format!("article {article} is not in this project"));
        }
        if !known_annotators.contains(annotator) {
            problems.push(format!(
                "user {annotator} is not an annotator of this project"
            ));
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::invalid(problems));
    }
    pairs.sort_unstable();
    pairs.dedup();
    if matrix.fill {
        if annotators.is_empty() {
            return Err(ApiError::bad_request(
                "the project has no annotators yet: invite them first",
            ));
        }
        let mut load: Vec<usize> = (annotators.iter())
            .map(|a| pairs.iter().filter(|(_, b)| b == a).count())
            .collect();
        for article in &articles {
            let mut has: Vec<i64> = (pairs.iter())
                .filter(|(a, _)| a == article)
                .map(|(_, b)| *b)
                .collect();
            while has.len() < overlap as usize {
                let Some(next) = (0..annotators.len())
                    .filter(|&i| !has.contains(&annotators[i]))
                    .min_by_key(|&i| (load[i], i))
                else {
                    break;
                };
                load[next] += 1;
                has.push(annotators[next]);
                pairs.push((*article, annotators[next]));
            }
        }
    }
    tx.execute("DELETE FROM assignments WHERE project_id = $1", &[&project])
        .await?;
    let insert = tx
        .prepare(
            "INSERT INTO assignments (article_id, project_id, annotator_id) VALUES ($1, $2, $3)",
        )
        .await?;
    for (article, annotator) in &pairs {
        tx.execute(&insert, &[article, &project, annotator]).await?;
    }
    tx.commit().await?;
    Ok(Json(json!({ "assigned": pairs.len() })))
}

/// `POST /api/projects/{project}/next` (annotator): the first of their articles not done,
/// else a new one that has fewer than the overlap's annotators and that they have not had.
pub async fn next(
    State(state): State<AppState>,
    user: User,
    Path(project): Path<i64>,
) -> ApiResult<Json<Value>> {
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    require(&state, &tx, project, &user, &[Role::Annotator]).await?;
    let open = tx
        .query_opt(
            "SELECT s.article_id FROM assignments s
             JOIN article_load l ON l.article_id = s.article_id
             LEFT JOIN works w ON w.article_id = s.article_id AND w.annotator_id = s.annotator_id
             WHERE s.project_id = $1 AND s.annotator_id = $2 AND NOT coalesce(w.done, false)
             ORDER BY l.position LIMIT 1",
            &[&project, &user.id],
        )
        .await?;
    if let Some(row) = open {
        return Ok(Json(
            json!({ "article": row.get::<_, i64>(0), "new": false }),
        ));
    }
    let fresh = tx
        .query_opt(
            "SELECT l.article_id FROM article_load l
             WHERE l.project_id = $1
               AND l.assigned < (SELECT overlap FROM projects WHERE id = $1)
               AND NOT EXISTS (SELECT 1 FROM assignments s
                               WHERE s.article_id = l.article_id AND s.annotator_id = $2)
             ORDER BY l.assigned, l.position LIMIT 1 FOR UPDATE SKIP LOCKED",
            &[&project, &user.id],
        )
        .await?
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "nothing is left to annotate: every article has its annotators",
            )
        })?;
    let article: i64 = fresh.get(0);
    tx.execute(
        "INSERT INTO assignments (article_id, project_id, annotator_id) VALUES ($1, $2, $3)",
        &[&article, &project, &user.id],
    )
    .await?;
    tx.commit().await?;
    Ok(Json(json!({ "article": article, "new": true })))
}

#[derive(Deserialize)]
pub struct Since {
    #[serde(default)]
    since: i64,
}

fn work_json(row: &tokio_postgres::Row) -> ApiResult<Value> {
    let work: Value = serde_json::from_str(row.get("work")).map_err(ApiError::internal)?;
    Ok(json!({
        "article": row.get::<_, i64>("article_id"),
        "annotator": row.get::<_, i64>("annotator_id"),
        "username": row.get::<_, String>("username"),
        "version": row.get::<_, i64>("version"),
        "done": row.get::<_, bool>("done"),
        "seq": row.get::<_, i64>("seq"),
        "work": work,
    }))
}

const WORK_COLUMNS: &str =
    "w.article_id, w.annotator_id, u.username, w.version, w.done, w.seq, w.work
     FROM works w JOIN users u ON u.id = w.annotator_id";

/// `GET /api/projects/{project}/works?since=N`: the works changed after change number N
/// that the requester may read (their own; everyone's for a coordinator or curator), in
/// order, at most `PULL_LIMIT`; `cursor` is where to ask from next.
pub async fn pull(
    State(state): State<AppState>,
    user: User,
    Path(project): Path<i64>,
    Query(since): Query<Since>,
) -> ApiResult<Json<Value>> {
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    let held = require(&state, &tx, project, &user, MEMBERS).await?;
    let everyone = sees_all(&held) || !state.handler_checks();
    let rows = tx
        .query(
            &format!(
                "SELECT {WORK_COLUMNS}
                 WHERE w.project_id = $1 AND w.seq > $2 AND ($3 OR w.annotator_id = $4)
                 ORDER BY w.seq LIMIT $5"
            ),
            &[
                &project,
                &since.since,
                &everyone,
                &user.id,
                &(PULL_LIMIT + 1),
            ],
        )
        .await?;
    let more = rows.len() as i64 > PULL_LIMIT;
    let works = (rows.iter().take(PULL_LIMIT as usize))
        .map(work_json)
        .collect::<ApiResult<Vec<_>>>()?;
    let cursor = (works.last()).map_or(since.since, |work| work["seq"].as_i64().unwrap_or(0));
    Ok(Json(
        json!({ "cursor": cursor, "more": more, "works": works }),
    ))
}

/// `GET /api/projects/{project}/articles/{article}/works/{annotator}`.
pub async fn work(
    State(state): State<AppState>,
    user: User,
    Path((project, article, annotator)): Path<(i64, i64, i64)>,
) -> ApiResult<Json<Value>> {
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    let held = require(&state, &tx, project, &user, MEMBERS).await?;
    if state.handler_checks() && annotator != user.id && !sees_all(&held) {
        return Err(ApiError::not_found("work"));
    }
    let row = tx
        .query_opt(
            &format!(
                "SELECT {WORK_COLUMNS}
                 WHERE w.project_id = $1 AND w.article_id = $2 AND w.annotator_id = $3"
            ),
            &[&project, &article, &annotator],
        )
        .await?
        .ok_or_else(|| ApiError::not_found("work"))?;
    Ok(Json(work_json(&row)?))
}

#[derive(Deserialize)]
pub struct Push {
    /// The version this work was based on (0: none yet).
    base_version: i64,
    work: StoredWork,
    #[serde(default)]
    done: bool,
}

async fn schema_of(
    tx: &Transaction<'_>,
    project: i64,
) -> ApiResult<(Vec<LabelRecord>, Vec<LinkRuleRecord>)> {
    let row = tx
        .query_opt(
            "SELECT labels, links FROM projects WHERE id = $1",
            &[&project],
        )
        .await?
        .ok_or_else(|| ApiError::not_found("project"))?;
    let labels = serde_json::from_value(row.get(0)).map_err(ApiError::internal)?;
    let links = serde_json::from_value(row.get(1)).map_err(ApiError::internal)?;
    Ok((labels, links))
}

/// Checks a pushed work against its article and the project's schema, then takes the
/// project's write lock (held to commit, so change numbers become visible in order).
/// Gives the work as stored and its span count.
async fn checked(
    tx: &Transaction<'_>,
    project: i64,
    article: i64,
    work: &StoredWork,
) -> ApiResult<(String, i32)> {
    let row = article_row(tx, project, article).await?;
    let (labels, links) = schema_of(tx, project).await?;
    validate::work(&row, &labels, &links, work).map_err(ApiError::invalid)?;
    let json = serde_json::to_string(work).map_err(ApiError::internal)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&project])
        .await?;
    Ok((json, work.spans.len() as i32))
}

/// A stale push's answer: 409 with the server's version and work, to merge against.
fn stale(version: i64, work: &str, done: bool) -> ApiError {
    let work: Value = serde_json::from_str(work).unwrap_or(Value::Null);
    ApiError {
        detail: Some(json!({ "version": version, "work": work, "done": done })),
        ..ApiError::new(
            StatusCode::CONFLICT,
            format!("this work changed elsewhere (now version {version}): merge, then push again"),
        )
    }
}

/// `PUT /api/projects/{project}/articles/{article}/works/{annotator}`: the annotator's own
/// work, accepted if `base_version` is the stored version; checked against the article
/// and the schema first.
pub async fn push(
    State(state): State<AppState>,
    user: User,
    Path((project, article, annotator)): Path<(i64, i64, i64)>,
    Body(push): Body<Push>,
) -> ApiResult<Json<Value>> {
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    require(&state, &tx, project, &user, &[Role::Annotator]).await?;
    if state.handler_checks() {
        if annotator != user.id {
            return Err(ApiError::forbidden("you may change only your own work"));
        }
        if !assigned(&tx, article, user.id).await? {
            return Err(ApiError::forbidden("this article is not assigned to you"));
        }
    }
    let (json, spans) = checked(&tx, project, article, &push.work).await?;
    let current = tx
        .query_opt(
            "SELECT version, work, done FROM works
             WHERE article_id = $1 AND annotator_id = $2 FOR UPDATE",
            &[&article, &annotator],
        )
        .await?;
    let stored = current.as_ref().map_or(0, |row| row.get::<_, i64>(0));
    if stored != push.base_version {
        return Err(match &current {
            Some(row) => stale(stored, row.get(1), row.get(2)),
            None => stale(0, "null", false),
        });
    }
    let version = stored + 1;
    let seq: i64 = tx
        .query_one(
            "INSERT INTO works (article_id, project_id, annotator_id, version, work, spans, done, seq)
             VALUES ($1, $2, $3, $4, $5, $6, $7, nextval('changes'))
             ON CONFLICT (article_id, annotator_id) DO UPDATE
             SET version = $4, work = $5, spans = $6, done = $7, seq = excluded.seq,
                 updated_at = now()
             RETURNING seq",
            &[&article, &project, &annotator, &version, &json, &spans, &push.done],
        )
        .await?
        .get(0);
    tx.commit().await?;
    Ok(Json(json!({ "version": version, "seq": seq })))
}

/// `GET /api/projects/{project}/articles/{article}/gold` (coordinator, curator).
pub async fn gold(
    State(state): State<AppState>,
    user: User,
    Path((project, article)): Path<(i64, i64)>,
) -> ApiResult<Json<Value>> {
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    require(&state, &tx, project, &user, READERS).await?;
    let row = tx
        .query_opt(
            "SELECT g.version, g.work, u.username FROM gold g JOIN users u ON u.id = g.curator_id
             WHERE g.project_id = $1 AND g.article_id = $2",
            &[&project, &article],
        )
        .await?;
    Ok(Json(match row {
        Some(row) => {
            let work: Value = serde_json::from_str(row.get(1)).map_err(ApiError::internal)?;
            json!({ "version": row.get::<_, i64>(0), "work": work, "curator": row.get::<_, String>(2) })
        }
        None => json!({ "version": 0, "work": null, "curator": null }),
    }))
}

/// `PUT /api/projects/{project}/articles/{article}/gold` (curator): as a push.
pub async fn push_gold(
    State(state): State<AppState>,
    user: User,
    Path((project, article)): Path<(i64, i64)>,
    Body(push): Body<Push>,
) -> ApiResult<Json<Value>> {
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    require(&state, &tx, project, &user, &[Role::Curator]).await?;
    let (json, spans) = checked(&tx, project, article, &push.work).await?;
    let current = tx
        .query_opt(
            "SELECT version, work FROM gold WHERE article_id = $1 FOR UPDATE",
            &[&article],
        )
        .await?;
    let stored = current.as_ref().map_or(0, |row| row.get::<_, i64>(0));
    if stored != push.base_version {
        return Err(match &current {
            Some(row) => stale(stored, row.get(1), true),
            None => stale(0, "null", false),
        });
    }
    let version = stored + 1;
    tx.execute(
        "INSERT INTO gold (article_id, project_id, version, work, spans, curator_id, seq)
         VALUES ($1, $2, $3, $4, $5, $6, nextval('changes'))
         ON CONFLICT (article_id) DO UPDATE
         SET version = $3, work = $4, spans = $5, curator_id = $6, seq = excluded.seq,
             updated_at = now()",
        &[&article, &project, &version, &json, &spans, &user.id],
    )
    .await?;
    tx.commit().await?;
    Ok(Json(json!({ "version": version })))
}
