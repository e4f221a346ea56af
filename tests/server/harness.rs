//! What the server tests share: a server instance in this process against a throwaway
//! cluster, an HTTP client that keeps its session cookie and CSRF token, and a team (a
//! coordinator, two annotators and a curator) on a small project.

#![allow(dead_code)]

use crate::cluster::Cluster;
use annotator_server::{app, db, AppState, Config};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::Arc;

pub const PASSWORD: &str = "correct horse battery";

/// A server instance on 127.0.0.1 (a free port), in this test's runtime: it stops when
/// the test's runtime does.
pub async fn server(cluster: &Cluster, skip_handler_checks: bool) -> String {
    server_with(cluster, skip_handler_checks, false).await
}

/// `server`, trusting `X-Forwarded-For` (as behind a reverse proxy) when asked.
pub async fn server_with(
    cluster: &Cluster,
    skip_handler_checks: bool,
    trust_forwarded_for: bool,
) -> String {
    let dist = cluster.scratch("dist");
    std::fs::write(
        dist.join("index.html"),
        r#"<meta http-equiv="Content-Security-Policy" content="default-src 'self'">app"#,
    )
    .unwrap();
    let config = Config {
        database_url: cluster.url(),
        bind: "127.0.0.1:0".parse().unwrap(),
        dist,
        behind_tls: false,
        pool_size: 8,
        skip_handler_checks,
        trust_forwarded_for,
    };
    let pool = db::pool(&config.database_url, config.pool_size).unwrap();
    db::migrate(&pool).await.unwrap();
    let listener = tokio::net::TcpListener::bind(config.bind).await.unwrap();
    let address = listener.local_addr().unwrap();
    let state = AppState {
        pool,
        config: Arc::new(config),
    };
    let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, service).await });
    format!("http://{address}")
}

/// A browser, as far as the server can tell: a cookie and the CSRF token.
#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub cookie: Option<String>,
    pub csrf: Option<String>,
    pub id: i64,
}

impl Client {
    pub fn new(base: &str) -> Client {
        Client {
            http: reqwest::Client::new(),
            base: base.to_owned(),
            cookie: None,
            csrf: None,
            id: 0,
        }
    }

    /// The same session, against another instance.
    pub fn on(&self, base: &str) -> Client {
        Client {
            base: base.to_owned(),
            ..self.clone()
        }
    }

    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        if let Some(csrf) = &self.csrf {
            request = request.header("x-csrf-token", csrf);
        }
        request
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> (u16, Value) {
        let response = request.send().await.expect("the server answers");
        let status = response.status().as_u16();
        let text = response.text().await.unwrap_or_default();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.send(self.request(reqwest::Method::GET, path)).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(self.request(reqwest::Method::POST, path).json(&body))
            .await
    }

    pub async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(self.request(reqwest::Method::PUT, path).json(&body))
            .await
    }

    /// Keeps the session a login or an accepted invitation started.
    async fn keep_session(&mut self, response: reqwest::Response) -> (u16, Value) {
        let status = response.status().as_u16();
        if let Some(cookie) = response.headers().get("set-cookie") {
            let cookie = cookie.to_str().unwrap();
            self.cookie = Some(cookie.split(';').next().unwrap().to_owned());
        }
        let body: Value = response.json().await.unwrap_or(Value::Null);
        if let Some(csrf) = body["csrf"].as_str() {
            self.csrf = Some(csrf.to_owned());
            self.id = body["user"].as_i64().unwrap_or(0);
        }
        (status, body)
    }

    pub async fn login(&mut self, username: &str, password: &str) -> (u16, Value) {
        let response = (self.http.post(format!("{}/api/login", self.base)))
            .json(&json!({ "username": username, "password": password }))
            .send()
            .await
            .unwrap();
        self.keep_session(response).await
    }

    pub async fn accept(&mut self, token: &str, username: &str) -> (u16, Value) {
        let response = (self
            .http
            .post(format!("{}/api/invitations/{token}/accept", self.base)))
        .json(&json!({ "username": username, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
        self.keep_session(response).await
    }
}

/// A JSONL dataset of three short articles, one with an emoji and one in Arabic.
pub const DATASET: &str = concat!(
    r#"{"id": "a1", "title": "Harbour", "text": "The mayor said the harbour will reopen in May. Critics disagree."}"#,
    "\n",
    r#"{"id": "a2", "title": "Weather", "text": "Forecasters 👩🏽‍🔬 expect rain on Tuesday, the agency said."}"#,
    "\n",
    r#"{"id": "a3", "title": "خبر", "text": "قال الوزير إن المشروع سينتهي العام المقبل."}"#,
    "\n",
);

pub struct Team {
    pub coordinator: Client,
    pub ann1: Client,
    pub ann2: Client,
    pub curator: Client,
    pub project: i64,
    /// The articles' ids, in dataset order.
    pub articles: Vec<i64>,
}

/// A coordinator account (made as the command line makes it), a project from `DATASET`
/// with overlap 2, two annotators and a curator invited; article 1 assigned to both
/// annotators, article 2 to the first only, article 3 to the second only.
pub async fn team(cluster: &Cluster, base: &str) -> Team {
    annotator_server::create_coordinator(&cluster.url(), "coordinator", PASSWORD.to_owned())
        .await
        .unwrap();
    let mut coordinator = Client::new(base);
    assert_eq!(coordinator.login("coordinator", PASSWORD).await.0, 200);
    let (status, created) = coordinator
        .post(
            "/api/projects",
            json!({ "name": "Harbour study", "overlap": 2,
                    "dataset": { "name": "articles.jsonl", "text": DATASET } }),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let project = created["id"].as_i64().unwrap();
    let mut invited = Vec::new();
    for (role, name) in [
        ("annotator", "ann1"),
        ("annotator", "ann2"),
        ("curator", "cur"),
    ] {
        let (status, invitation) = coordinator
            .post(
                &format!("/api/projects/{project}/invitations"),
                json!({ "role": role }),
            )
            .await;
        assert_eq!(status, 201, "{invitation}");
        let mut client = Client::new(base);
        let (status, body) = client
            .accept(invitation["token"].as_str().unwrap(), name)
            .await;
        assert_eq!(status, 200, "{body}");
        invited.push(client);
    }
    let (_, listed) = coordinator
        .get(&format!("/api/projects/{project}/articles"))
        .await;
    let articles: Vec<i64> = (listed["articles"].as_array().unwrap().iter())
        .map(|article| article["id"].as_i64().unwrap())
        .collect();
    let curator = invited.pop().unwrap();
    let ann2 = invited.pop().unwrap();
    let ann1 = invited.pop().unwrap();
    let matrix = json!({ "assignments": [
        { "article": articles[0], "annotator": ann1.id },
        { "article": articles[0], "annotator": ann2.id },
        { "article": articles[1], "annotator": ann1.id },
        { "article": articles[2], "annotator": ann2.id },
    ]});
    let (status, body) = coordinator
        .put(&format!("/api/projects/{project}/assignments"), matrix)
        .await;
    assert_eq!(status, 200, "{body}");
    Team {
        coordinator,
        ann1,
        ann2,
        curator,
        project,
        articles,
    }
}

/// A work of one span over `text[start..end]` (code points) labelled `label`.
pub fn work(text: &str, id: &str, label: &str, start: usize, end: usize) -> Value {
    let slice: String = text.chars().skip(start).take(end - start).collect();
    let utf16 = |at: usize| text.chars().take(at).map(char::len_utf16).sum::<usize>();
    json!({
        "spans": [{
            "id": id, "label": label, "start": start, "end": end, "text": slice,
            "utf16_start": utf16(start), "utf16_end": utf16(end),
            "created": "2026-12-03T10:00:00Z", "modified": "2026-12-03T10:00:00Z",
            "note": "", "attributes": {}
        }],
        "relations": []
    })
}
