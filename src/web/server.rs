//! The team server's JSON API, asked with the browser's `fetch` from the page's own origin
//! (the session cookie goes with every request; changes carry the session's CSRF token).
//! Each call gives its answer or why there is none, in words for the user.

use crate::team::{
    Account, CallError, Curation, Dashboard, Invitation, Pulled, PushAnswer, RemoteWork, TeamCopy,
};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestInit, Response};

#[derive(Deserialize)]
struct Refusal {
    error: String,
    #[serde(default)]
    detail: Option<Problems>,
}

#[derive(Deserialize)]
struct Problems {
    #[serde(default)]
    problems: Vec<String>,
}

/// A request's answer: its status and body text.
async fn call(
    method: &str,
    path: &str,
    body: Option<&str>,
    csrf: Option<&str>,
) -> Result<(u16, String), CallError> {
    let headers = Headers::new().map_err(|_| CallError::Offline)?;
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        let _ = headers.set("content-type", "application/json");
        init.set_body(&body.into());
    }
    if let Some(csrf) = csrf {
        let _ = headers.set("x-csrf-token", csrf);
    }
    init.set_headers(&headers);
    let request = Request::new_with_str_and_init(path, &init).map_err(|_| CallError::Offline)?;
    let window = web_sys::window().ok_or(CallError::Offline)?;
    let response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| CallError::Offline)?;
    let response: Response = response.dyn_into().map_err(|_| CallError::Offline)?;
    let text = match response.text() {
        Ok(text) => JsFuture::from(text).await.ok(),
        Err(_) => None,
    };
    let text = text.and_then(|text| text.as_string()).unwrap_or_default();
    let status = response.status();
    match status {
        200..=299 => Ok((status, text)),
        // A stale push (of a work or a gold): the server's copy comes with it.
        409 if method == "PUT" && path.contains("/articles/") => Ok((status, text)),
        401 => Err(CallError::SignedOut),
        // A proxy whose server is down, or a server whose database is.
        502..=504 => Err(CallError::Offline),
        _ => Err(match serde_json::from_str::<Refusal>(&text) {
            Ok(refusal) => CallError::Refused(refused(refusal)),
            // Not the team server's answer (a page of `trunk serve`, a proxy's error page).
            Err(_) if path == "/api/me" => CallError::NoServer,
            Err(_) => CallError::Refused(format!("the team server answered {status}")),
        }),
    }
}

/// The server's refusal in a sentence, with the first problems it lists.
fn refused(refusal: Refusal) -> String {
    let problems: Vec<String> = (refusal.detail.map(|detail| detail.problems))
        .unwrap_or_default()
        .into_iter()
        .take(3)
        .collect();
    match problems.is_empty() {
        true => refusal.error,
        false => format!("{}: {}", refusal.error, problems.join("; ")),
    }
}

/// A login's body: `{"username", "password"}`, each a JSON string.
fn credentials(username: &str, password: &str) -> String {
    format!(
        r#"{{"username":{},"password":{}}}"#,
        quoted(username),
        quoted(password)
    )
}

/// A JSON string.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn read<T: DeserializeOwned>(text: &str) -> Result<T, CallError> {
    serde_json::from_str(text).map_err(|_| CallError::NoServer)
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, CallError> {
    let (_, text) = call("GET", path, None, None).await?;
    read(&text)
}

/// True when the team server served the page (its mark is in the page's head): only then
/// does the app ask the API anything.
pub fn served_by_team_server() -> bool {
    gloo::utils::document()
        .query_selector(r#"meta[name="annotator-team-server"]"#)
        .ok()
        .flatten()
        .is_some()
}

/// The invitation token in the page's address (`#invite=TOKEN`), taken out of it so a
/// reload does not offer the used invitation again.
pub fn invitation_in_address() -> Option<String> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let token = hash.strip_prefix("#invite=")?.to_owned();
    if let Ok(history) = window.history() {
        let path = window.location().pathname().unwrap_or_default();
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
    (!token.is_empty()).then_some(token)
}

/// Who is logged in, and their projects.
pub async fn me() -> Result<Account, CallError> {
    get("/api/me").await
}

pub async fn login(username: &str, password: &str) -> Result<Account, CallError> {
    call(
        "POST",
        "/api/login",
        Some(&credentials(username, password)),
        None,
    )
    .await?;
    me().await
}

pub async fn logout(csrf: &str) -> Result<(), CallError> {
    call("POST", "/api/logout", Some("{}"), Some(csrf)).await?;
    Ok(())
}

pub async fn invitation(token: &str) -> Result<Invitation, CallError> {
    get(&format!("/api/invitations/{token}")).await
}

/// Takes an invitation: as the account logged in (`csrf`), or as a new account.
pub async fn accept(
    token: &str,
    csrf: Option<&str>,
    username: &str,
    password: &str,
) -> Result<Account, CallError> {
    match csrf {
        Some(csrf) => {
            let path = format!("/api/invitations/{token}/join");
            call("POST", &path, Some("{}"), Some(csrf)).await?;
        }
        None => {
            let path = format!("/api/invitations/{token}/accept");
            call("POST", &path, Some(&credentials(username, password)), None).await?;
        }
    }
    me().await
}

/// The account's copy of a team project: the schema, their articles and their work.
pub async fn copy(project: i64) -> Result<TeamCopy, CallError> {
    get(&format!("/api/projects/{project}/copy")).await
}

#[derive(Deserialize)]
struct Listed {
    articles: Vec<Listing>,
}

#[derive(Deserialize)]
struct Listing {
    id: i64,
}

/// The ids of the team project's articles the account may see (an annotator's: those
/// assigned to them).
pub async fn article_ids(project: i64) -> Result<Vec<i64>, CallError> {
    let listed: Listed = get(&format!("/api/projects/{project}/articles")).await?;
    Ok(listed
        .articles
        .into_iter()
        .map(|article| article.id)
        .collect())
}

#[derive(Deserialize)]
struct Next {
    article: i64,
}

/// The annotator's next article: their first not done, else a new one assigned now.
pub async fn next(project: i64, csrf: &str) -> Result<i64, CallError> {
    let path = format!("/api/projects/{project}/next");
    let (_, text) = call("POST", &path, Some("{}"), Some(csrf)).await?;
    Ok(read::<Next>(&text)?.article)
}

/// What a curator adjudicates from: everyone's done work, and the gold so far.
pub async fn curation(project: i64) -> Result<Curation, CallError> {
    get(&format!("/api/projects/{project}/curation")).await
}

/// The account's works changed after change number `since`.
pub async fn pull(project: i64, since: i64) -> Result<Pulled, CallError> {
    get(&format!("/api/projects/{project}/works?since={since}")).await
}

#[derive(Deserialize)]
struct Stored {
    version: i64,
}

#[derive(Deserialize)]
struct Stale {
    detail: RemoteDetail,
}

#[derive(Deserialize)]
struct RemoteDetail {
    version: i64,
    /// None: the server has no work (a gold not made yet).
    work: Option<crate::model::project::StoredWork>,
    #[serde(default)]
    done: bool,
}

/// Where an article's work is sent: the account's own work, or the gold.
pub struct Target<'a> {
    pub project: i64,
    pub user: i64,
    pub gold: bool,
    pub csrf: &'a str,
}

/// Sends an article's work (its JSON as stored), based on the server's version `base`.
pub async fn push(
    to: Target<'_>,
    article: i64,
    base: i64,
    work: &str,
    done: bool,
) -> Result<PushAnswer, CallError> {
    let Target {
        project,
        user,
        gold,
        csrf,
    } = to;
    let path = match gold {
        true => format!("/api/projects/{project}/articles/{article}/gold"),
        false => format!("/api/projects/{project}/articles/{article}/works/{user}"),
    };
    let body = format!(r#"{{"base_version":{base},"done":{done},"work":{work}}}"#);
    let (status, text) = call("PUT", &path, Some(&body), Some(csrf)).await?;
    if status == 409 {
        let stale: Stale = read(&text)?;
        return Ok(PushAnswer::Stale(RemoteWork {
            article,
            version: stale.detail.version,
            work: stale.detail.work.unwrap_or_default(),
            done: stale.detail.done,
        }));
    }
    let stored: Stored = read(&text)?;
    Ok(PushAnswer::Stored(stored.version))
}

/// A coordinator's view of a project: its overlap, and progress per annotator and article.
pub async fn dashboard(project: i64) -> Result<Dashboard, CallError> {
    get(&format!("/api/projects/{project}/dashboard")).await
}

#[derive(Deserialize)]
struct Made {
    token: String,
}

/// A one-time invitation to the project for `role`: its link (on this page's origin).
pub async fn invite(project: i64, role: &str, csrf: &str) -> Result<String, CallError> {
    let path = format!("/api/projects/{project}/invitations");
    let body = format!(r#"{{"role":{}}}"#, quoted(role));
    let (_, text) = call("POST", &path, Some(&body), Some(csrf)).await?;
    let made: Made = read(&text)?;
    let origin = gloo::utils::window()
        .location()
        .origin()
        .unwrap_or_default();
    Ok(format!("{origin}/#invite={}", made.token))
}

#[derive(Deserialize)]
struct Assigned {
    assigned: usize,
}

/// Assigns every article to as many annotators as the overlap asks (least loaded first):
/// how many assignments there are now.
pub async fn fill(project: i64, csrf: &str) -> Result<usize, CallError> {
    let path = format!("/api/projects/{project}/assignments");
    let (_, text) = call("PUT", &path, Some(r#"{"fill":true}"#), Some(csrf)).await?;
    Ok(read::<Assigned>(&text)?.assigned)
}

/// Replaces the assignment matrix with these (article, annotator) pairs: how many there
/// are now.
pub async fn assign(project: i64, pairs: &[(i64, i64)], csrf: &str) -> Result<usize, CallError> {
    let path = format!("/api/projects/{project}/assignments");
    let pairs: Vec<String> = (pairs.iter())
        .map(|(article, annotator)| format!(r#"{{"article":{article},"annotator":{annotator}}}"#))
        .collect();
    let body = format!(r#"{{"assignments":[{}]}}"#, pairs.join(","));
    let (_, text) = call("PUT", &path, Some(&body), Some(csrf)).await?;
    Ok(read::<Assigned>(&text)?.assigned)
}

#[derive(Deserialize)]
struct Created {
    id: i64,
}

/// A new team project from a dataset file (its name and text): its id.
pub async fn create(
    name: &str,
    overlap: u32,
    dataset: (&str, &str),
    csrf: &str,
) -> Result<i64, CallError> {
    let body = format!(
        r#"{{"name":{},"overlap":{overlap},"dataset":{{"name":{},"text":{}}}}}"#,
        quoted(name),
        quoted(dataset.0),
        quoted(dataset.1)
    );
    let (_, text) = call("POST", "/api/projects", Some(&body), Some(csrf)).await?;
    Ok(read::<Created>(&text)?.id)
}
