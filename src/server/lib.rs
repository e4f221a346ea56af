//! The team server: serves the built app and a JSON API from one origin, keeps everything
//! in PostgreSQL (sessions included, so any number of instances can serve one database),
//! and checks every record with the core crate the app uses. `docs/team-server.md` tells
//! how to run and deploy it; `api` lists the endpoints.

pub mod api;
pub mod auth;
pub mod db;
pub mod error;
pub mod validate;

use axum::http::{header, HeaderValue};
use axum::Router;
use deadpool_postgres::Pool;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// How the server is run: from flags or the environment (`main.rs`).
#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub bind: SocketAddr,
    /// The built app (`trunk build --release` writes `dist/`).
    pub dist: PathBuf,
    /// Served behind a TLS-terminating proxy: cookies are `Secure`, and HSTS is sent.
    pub behind_tls: bool,
    /// Database connections per instance.
    pub pool_size: usize,
    /// Behind a reverse proxy that appends the client's address to `X-Forwarded-For`: the
    /// login limit counts per that address (else per the connecting address, which behind a
    /// proxy is the proxy's for everyone).
    pub trust_forwarded_for: bool,
    /// Test builds only: the handlers' access checks off, row-level security alone.
    pub skip_handler_checks: bool,
}

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub config: Arc<Config>,
}

impl AppState {
    /// Whether handlers check roles (always, but in a test build that turned them off).
    pub fn handler_checks(&self) -> bool {
        !(cfg!(feature = "test-hooks") && self.config.skip_handler_checks)
    }
}

/// The app's Content-Security-Policy, as its built `index.html` states it (with the
/// loader's hash), plus what only a header can say: no framing by any page. The page may be
/// minified (attributes in any order, quotes left out where HTML allows).
pub fn content_security_policy(html: &str) -> String {
    let policy = (html.split("<meta").skip(1))
        .map(|tag| tag.split('>').next().unwrap_or_default())
        .find(|tag| tag.contains("Content-Security-Policy"))
        .and_then(|tag| tag.split("content=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("default-src 'self'; object-src 'none'; base-uri 'none'")
        .to_owned();
    format!("{policy}; frame-ancestors 'none'")
}

/// The mark the app's page carries when the team server serves it: the app asks the API
/// (`/api/me`) only when it is there, so the app served on its own makes no such request.
pub const TEAM_MARK: &str = r#"<meta name="annotator-team-server" content="1" />"#;

/// The app's page (`index.html`) with the team server's mark, after its first `<meta>` (the
/// charset's: a minified page has no `<head>` tag to look for).
pub fn team_page(html: &str) -> String {
    let mut html = html.to_owned();
    let at = (html.find("<meta"))
        .and_then(|meta| html[meta..].find('>').map(|end| meta + end + 1))
        .unwrap_or(0);
    html.insert_str(at, TEAM_MARK);
    html
}

/// The whole service: the API, the app's files, and the security headers on every answer.
pub fn app(state: AppState) -> Router {
    let config = state.config.clone();
    let html = std::fs::read_to_string(config.dist.join("index.html")).unwrap_or_default();
    let csp = content_security_policy(&html);
    let page = axum::response::Html(team_page(&html));
    let pages = Router::new()
        .route("/", axum::routing::get(page.clone()))
        .route("/index.html", axum::routing::get(page));
    let header_layer = |name: &'static str, value: &str| {
        SetResponseHeaderLayer::overriding(
            header::HeaderName::from_static(name),
            HeaderValue::from_str(value).expect("a header value"),
        )
    };
    let mut router = api::router()
        .layer(axum::middleware::from_fn(auth::same_origin))
        .layer(header_layer("cache-control", "no-store"))
        .with_state(state)
        .merge(pages)
        .fallback_service(ServeDir::new(&config.dist))
        .layer(header_layer("content-security-policy", &csp))
        .layer(header_layer("x-content-type-options", "nosniff"))
        .layer(header_layer("x-frame-options", "DENY"))
        .layer(header_layer("referrer-policy", "no-referrer"))
        .layer(header_layer("cross-origin-opener-policy", "same-origin"));
    if config.behind_tls {
        router = router.layer(header_layer(
            "strict-transport-security",
            "max-age=31536000; includeSubDomains",
        ));
    }
    router
}

/// Connects, migrates, and serves until the process is told to stop (Ctrl+C, SIGTERM).
pub async fn serve(config: Config) -> Result<(), String> {
    let pool = db::pool(&config.database_url, config.pool_size)?;
    db::migrate(&pool).await?;
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|error| format!("cannot listen on {}: {error}", config.bind))?;
    let address = listener.local_addr().map_err(|error| error.to_string())?;
    println!(
        "annotator-server: serving {} on http://{address}",
        config.dist.display()
    );
    let state = AppState {
        pool,
        config: Arc::new(config),
    };
    let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(stopped())
        .await
        .map_err(|error| error.to_string())
}

async fn stopped() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("a SIGTERM handler");
        tokio::select! { _ = interrupt => {}, _ = term.recv() => {} }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}

/// `annotator-server create-coordinator`: an account that may create projects.
pub async fn create_coordinator(
    database_url: &str,
    username: &str,
    password: String,
) -> Result<i64, String> {
    let pool = db::pool(database_url, 1)?;
    db::migrate(&pool).await?;
    let hash = auth::hash_password(password).await.map_err(|e| e.message)?;
    let client = pool.get().await.map_err(|error| error.to_string())?;
    auth::create_user(&client, username, &hash, true)
        .await
        .map_err(|error| error.message)
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = "default-src 'self'; script-src 'self' 'sha256-x='";

    #[test]
    fn the_policy_and_the_mark_are_found_in_the_page_as_written_and_minified() {
        let written = format!(
            "<!doctype html>\n<html lang=\"en\">\n  <head>\n    <meta charset=\"utf-8\" />\n    \
             <meta http-equiv=\"Content-Security-Policy\"\n      content=\"{POLICY}\" />\n  </head>"
        );
        let minified = format!(
            "<!doctype html><html lang=en><meta charset=utf-8><meta content=\"x\" name=description>\
             <meta content=\"{POLICY}\" http-equiv=Content-Security-Policy><title>A</title>"
        );
        for html in [written, minified] {
            assert_eq!(
                content_security_policy(&html),
                format!("{POLICY}; frame-ancestors 'none'")
            );
            let served = team_page(&html);
            let charset = served.find("charset").unwrap();
            let mark = served.find(TEAM_MARK).expect("the mark");
            assert!(
                charset < mark && mark < served.find("Content-Security-Policy").unwrap(),
                "{served}"
            );
        }
    }
}
