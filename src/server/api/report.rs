//! What a coordinator follows and takes away: the dashboard (per annotator and per
//! article), the agreement report as annotators finish, and the exports.

use super::{require, Role, READERS};
use crate::auth::User;
use crate::db::as_user;
use crate::error::{ApiError, ApiResult};
use crate::validate::ArticleRow;
use crate::AppState;
use annotator_core::model::document::Document;
use annotator_core::model::formats::native::{self, Imported, LabelRecord, LinkRuleRecord};
use annotator_core::model::project::{self, Entry, Project, StoredWork};
use annotator_core::model::text::ArticleText;
use annotator_formats::agreement::gather::coded;
use annotator_formats::agreement::report::{self, Article, Report};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use deadpool_postgres::Transaction;
use serde_json::{json, Value};

/// Everything the dashboard and the exports are made from, read in one transaction.
struct Study {
    labels: Vec<LabelRecord>,
    links: Vec<LinkRuleRecord>,
    /// (id, username) of each annotator, by id.
    annotators: Vec<(i64, String)>,
    /// (id, row, assigned annotator ids).
    articles: Vec<(i64, ArticleRow, Vec<i64>)>,
    /// (article, annotator, done, spans, work).
    works: Vec<(i64, i64, bool, i32, StoredWork)>,
    /// (article, version, work).
    gold: Vec<(i64, i64, StoredWork)>,
}

async fn study(tx: &Transaction<'_>, project: i64) -> ApiResult<Study> {
    let row = tx
        .query_opt(
            "SELECT labels, links FROM projects WHERE id = $1",
            &[&project],
        )
        .await?
        .ok_or_else(|| ApiError::not_found("project"))?;
    let labels = serde_json::from_value(row.get(0)).map_err(ApiError::internal)?;
    let links = serde_json::from_value(row.get(1)).map_err(ApiError::internal)?;
    let annotators = (tx
        .query(
            "SELECT u.id, u.username FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.project_id = $1 AND m.role = 'annotator' ORDER BY u.id",
            &[&project],
        )
        .await?
        .iter())
    .map(|row| (row.get(0), row.get(1)))
    .collect();
    let articles = (tx
        .query(
            "SELECT a.id, a.doc_id, a.title, a.source, a.text,
                    (SELECT coalesce(array_agg(s.annotator_id ORDER BY s.annotator_id), '{}')
                     FROM assignments s WHERE s.article_id = a.id)
             FROM articles a WHERE a.project_id = $1 ORDER BY a.position",
            &[&project],
        )
        .await?
        .iter())
    .map(|row| {
        let article = ArticleRow {
            doc_id: row.get(1),
            title: row.get(2),
            source: row.get(3),
            text: row.get(4),
        };
        (row.get(0), article, row.get(5))
    })
    .collect();
    let read = |json: &str| serde_json::from_str::<StoredWork>(json).map_err(ApiError::internal);
    let mut works = Vec::new();
    for row in tx
        .query(
            "SELECT article_id, annotator_id, done, spans, work FROM works
             WHERE project_id = $1 ORDER BY article_id, annotator_id",
            &[&project],
        )
        .await?
    {
        works.push((
            row.get(0),
            row.get(1),
            row.get(2),
            row.get(3),
            read(row.get(4))?,
        ));
    }
    let mut gold = Vec::new();
    for row in tx
        .query(
            "SELECT article_id, version, work FROM gold WHERE project_id = $1
             ORDER BY article_id",
            &[&project],
        )
        .await?
    {
        gold.push((row.get(0), row.get(1), read(row.get(2))?));
    }
    Ok(Study {
        labels,
        links,
        annotators,
        articles,
        works,
        gold,
    })
}

impl Study {
    fn username(&self, id: i64) -> String {
        (self.annotators.iter())
            .find(|(annotator, _)| *annotator == id)
            .map_or_else(|| format!("user {id}"), |(_, name)| name.clone())
    }

    /// Agreement over the works marked done (docs/agreement.md has the measures).
    fn agreement(&self) -> Report {
        let names: Vec<String> = self
            .annotators
            .iter()
            .map(|(_, name)| name.clone())
            .collect();
        let labels: Vec<String> = self.labels.iter().map(|label| label.name.clone()).collect();
        let articles: Vec<Article> = (self.articles.iter())
            .map(|(id, row, _)| Article {
                id: row.doc_id.clone(),
                title: row.title.clone(),
                text: row.text.clone(),
                coded: (self.annotators.iter())
                    .map(|(annotator, _)| {
                        (self.works.iter())
                            .find(|(a, b, done, _, _)| a == id && b == annotator && *done)
                            .map(|(_, _, _, _, work)| coded(work))
                    })
                    .collect(),
            })
            .collect();
        report::measure(&names, &labels, &articles)
    }

    /// A work as the app's model, under the project's schema, its annotator named. Read
    /// as the app reads a stored article: a label the schema no longer has (the coordinator
    /// changed it since) is added back, so nothing stored is dropped from an export.
    fn imported(
        &self,
        article: i64,
        work: &StoredWork,
        annotator: Option<String>,
    ) -> ApiResult<Imported> {
        let (_, row, _) = (self.articles.iter())
            .find(|(id, _, _)| *id == article)
            .ok_or_else(|| ApiError::internal("a work of a missing article"))?;
        let project = Project {
            id: "team".to_owned(),
            name: String::new(),
            created: String::new(),
            labels: self.labels.clone(),
            links: self.links.clone(),
            renames: Vec::new(),
            next_position: 0,
            team: None,
        };
        let document = Document {
            id: row.doc_id.clone(),
            title: row.title.clone(),
            source: row.source.clone(),
            text: ArticleText::new(&row.text),
            extra: Default::default(),
            layout: Vec::new(),
            annotator,
        };
        let entry = Entry::new(&project.id, 0, &document);
        project::restore(&project, &entry, &row.text, work.clone())
            .map_err(|error| ApiError::internal(format!("a stored work cannot be read: {error}")))
    }
}

/// `GET /api/projects/{project}/dashboard` (coordinator, curator).
pub async fn dashboard(
    State(state): State<AppState>,
    user: User,
    Path(project): Path<i64>,
) -> ApiResult<Json<Value>> {
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    require(&state, &tx, project, &user, READERS).await?;
    let overlap: i32 = tx
        .query_one("SELECT overlap FROM projects WHERE id = $1", &[&project])
        .await?
        .get(0);
    let study = study(&tx, project).await?;
    let annotators: Vec<Value> = (study.annotators.iter())
        .map(|(id, name)| {
            let theirs = || study.works.iter().filter(move |(_, b, ..)| b == id);
            json!({
                "id": id,
                "username": name,
                "assigned": study.articles.iter().filter(|(_, _, to)| to.contains(id)).count(),
                "started": theirs().count(),
                "done": theirs().filter(|(_, _, done, ..)| *done).count(),
                "spans": theirs().map(|(_, _, _, spans, _)| *spans as i64).sum::<i64>(),
            })
        })
        .collect();
    let articles: Vec<Value> = (study.articles.iter())
        .map(|(id, row, assigned)| {
            let names = |done: bool| -> Vec<String> {
                (study.works.iter())
                    .filter(|(a, _, d, ..)| a == id && (!done || *d))
                    .map(|(_, b, ..)| study.username(*b))
                    .collect()
            };
            let status = match (names(true).len(), assigned.len()) {
                _ if study.gold.iter().any(|(a, ..)| a == id) => "adjudicated",
                (0, _) if names(false).is_empty() => "not started",
                (done, to) if done >= to && to > 0 => "done",
                _ => "in progress",
            };
            json!({
                "id": id,
                "doc_id": row.doc_id,
                "title": row.title,
                "assigned": assigned.iter().map(|b| study.username(*b)).collect::<Vec<_>>(),
                "started": names(false),
                "done": names(true),
                "gold": study.gold.iter().any(|(a, ..)| a == id),
                "status": status,
            })
        })
        .collect();
    let measured = study.agreement();
    let agreement: Value =
        serde_json::from_str(&report::json(&measured)).map_err(ApiError::internal)?;
    // As the app shows a comparison: its figures written out as tables.
    let alone = (study.articles.iter())
        .filter(|(id, ..)| {
            let done = study.works.iter().filter(|(a, _, d, ..)| a == id && *d);
            done.count() == 1
        })
        .count();
    let shown = report::view(&measured, &[], &[], alone);
    Ok(Json(json!({
        "overlap": overlap,
        "annotators": annotators,
        "articles": articles,
        "agreement": agreement,
        "agreement_view": shown,
    })))
}

/// `GET /api/projects/{project}/curation` (coordinator, curator): what a curator's gold
/// copy in the app is made from, in one answer. `annotators`: each annotator's works marked
/// done (those the agreement counts) as native JSONL, for the app's worker to compare and
/// pre-merge as it does files; `articles`: each article's id, and the gold stored so far
/// (version 0 and no work: none yet).
pub async fn curation(
    State(state): State<AppState>,
    user: User,
    Path(project): Path<i64>,
) -> ApiResult<Json<Value>> {
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    require(&state, &tx, project, &user, READERS).await?;
    let name: String = tx
        .query_one("SELECT name FROM projects WHERE id = $1", &[&project])
        .await?
        .get(0);
    let study = study(&tx, project).await?;
    let mut annotators = Vec::new();
    for (annotator, username) in &study.annotators {
        let mut imported = Vec::new();
        for (article, _, _, _, work) in
            (study.works.iter()).filter(|(_, b, done, ..)| b == annotator && *done)
        {
            imported.push(study.imported(*article, work, Some(username.clone()))?);
        }
        if !imported.is_empty() {
            let works: Vec<_> = imported.iter().map(Imported::work).collect();
            annotators.push(json!({ "name": username, "jsonl": native::export_jsonl(&works) }));
        }
    }
    let articles: Vec<Value> = (study.articles.iter())
        .map(|(id, row, _)| {
            let gold = study.gold.iter().find(|(a, ..)| a == id);
            json!({
                "id": id,
                "doc_id": row.doc_id,
                "version": gold.map_or(0, |(_, version, _)| *version),
                "work": gold.map(|(.., work)| work),
            })
        })
        .collect();
    Ok(Json(json!({
        "name": name,
        "annotators": annotators,
        "articles": articles,
    })))
}

/// `GET /api/projects/{project}/export/{what}` (coordinator; the agreement report also a
/// curator): `works` (everyone's work, native JSONL, one line per article and annotator),
/// `gold` (native JSONL, with each decision's provenance) or `agreement` (the report, JSON).
pub async fn export(
    State(state): State<AppState>,
    user: User,
    Path((project, what)): Path<(i64, String)>,
) -> ApiResult<Response> {
    let mut client = state.pool.get().await?;
    let tx = as_user(&mut client, user.id).await?;
    let allowed: &[Role] = match what.as_str() {
        "agreement" => READERS,
        "works" | "gold" => &[Role::Coordinator],
        _ => {
            return Err(ApiError::not_found(
                "export (ask for works, gold or agreement)",
            ))
        }
    };
    require(&state, &tx, project, &user, allowed).await?;
    let study = study(&tx, project).await?;
    let (body, kind, suffix) = match what.as_str() {
        "agreement" => (report::json(&study.agreement()), "application/json", "json"),
        _ => {
            let mut imported = Vec::new();
            if what == "works" {
                for (article, annotator, _, _, work) in &study.works {
                    imported.push(study.imported(
                        *article,
                        work,
                        Some(study.username(*annotator)),
                    )?);
                }
            } else {
                for (article, _, work) in &study.gold {
                    imported.push(study.imported(*article, work, Some("gold".to_owned()))?);
                }
            }
            let works: Vec<_> = imported.iter().map(Imported::work).collect();
            (native::export_jsonl(&works), "application/jsonl", "jsonl")
        }
    };
    let disposition = format!("attachment; filename=\"project-{project}-{what}.{suffix}\"");
    Ok((
        [
            (header::CONTENT_TYPE, kind.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}
