//! Accounts and sessions: argon2id password hashes, a session cookie whose token the
//! database keeps only as a SHA-256, a CSRF token per session required on every
//! state-changing request, cross-site requests refused, and failed logins rate-limited
//! (counted in PostgreSQL, so every instance sees the same count).

use crate::error::{ApiError, ApiResult};
use crate::AppState;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use rand_core::{OsRng, RngCore};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::net::SocketAddr;

pub const COOKIE: &str = "annotator_session";
pub const CSRF_HEADER: &str = "x-csrf-token";
/// How long a session lasts without logging in again.
const SESSION_DAYS: i32 = 14;
/// Failed logins allowed per account, and per client address, in `WINDOW_MINUTES`.
pub const MAX_FAILURES: i64 = 10;
const WINDOW_MINUTES: i32 = 15;

/// A random token: 32 bytes from the operating system, in hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Checks a new password's length, then hashes it with argon2id (off the async threads).
pub async fn hash_password(password: String) -> ApiResult<String> {
    let length = password.chars().count();
    if !(8..=1024).contains(&length) {
        return Err(ApiError::bad_request(
            "a password needs 8 to 1024 characters",
        ));
    }
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(ApiError::internal)
    })
    .await
    .map_err(ApiError::internal)?
}

/// Checks a password against a stored hash; with none (an unknown username), against a
/// hash of a random password made once, so the time taken does not tell which usernames
/// exist.
async fn verify_password(hash: Option<String>, password: String) -> bool {
    static UNKNOWN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    tokio::task::spawn_blocking(move || {
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| {
            UNKNOWN
                .get_or_init(|| {
                    let salt = SaltString::generate(&mut OsRng);
                    (Argon2::default().hash_password(new_token().as_bytes(), &salt))
                        .map(|hash| hash.to_string())
                        .unwrap_or_default()
                })
                .clone()
        });
        let matches = PasswordHash::new(&hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        });
        known && matches
    })
    .await
    .unwrap_or(false)
}

/// The logged-in user of a request. Extracting it checks the session cookie and, for any
/// method that changes state, the session's CSRF token.
#[derive(Clone, Debug)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub csrf: String,
    pub creates_projects: bool,
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == COOKIE).then(|| value.to_owned())
        })
}

impl FromRequestParts<AppState> for User {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let token = cookie_token(&parts.headers).ok_or_else(ApiError::unauthorized)?;
        let client = state.pool.get().await?;
        let row = client
            .query_opt(
                "SELECT u.id, u.username, s.csrf, u.creates_projects
                 FROM sessions s JOIN users u ON u.id = s.user_id
                 WHERE s.token_hash = $1 AND s.expires_at > now()",
                &[&token_hash(&token)],
            )
            .await?
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "your session has ended: log in again",
                )
            })?;
        let user = User {
            id: row.get(0),
            username: row.get(1),
            csrf: row.get(2),
            creates_projects: row.get(3),
        };
        if !matches!(parts.method, Method::GET | Method::HEAD) {
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
            if sent != Some(user.csrf.as_str()) {
                return Err(ApiError::forbidden(
                    "this request lacks the session's CSRF token: reload the page",
                ));
            }
        }
        Ok(user)
    }
}

/// Refuses a state-changing request from another site: its `Origin` must be this server's
/// host, and the browser must not call it cross-site (`Sec-Fetch-Site`).
pub async fn same_origin(request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let headers = request.headers();
        let text = |name| {
            headers
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
        };
        let host = text(header::HOST.as_str());
        let origin_host = text(header::ORIGIN.as_str()).map(|origin| {
            origin
                .split_once("://")
                .map_or(origin, |(_, rest)| rest)
                .trim_end_matches('/')
        });
        let cross_origin = origin_host.is_some_and(|origin| Some(origin) != host);
        let cross_site = text("sec-fetch-site") == Some("cross-site");
        if cross_origin || cross_site {
            return ApiError::forbidden("a request from another site is refused").into_response();
        }
    }
    next.run(request).await
}

/// The client's address: the connecting one, or behind a trusted proxy the one it appended
/// last to `X-Forwarded-For`.
fn client_address(state: &AppState, headers: &HeaderMap, peer: SocketAddr) -> String {
    let forwarded = (headers.get("x-forwarded-for"))
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.rsplit(',').next())
        .map(str::trim)
        .filter(|value| !value.is_empty());
    match forwarded {
        Some(address) if state.config.trust_forwarded_for => address.to_owned(),
        _ => peer.ip().to_string(),
    }
}

#[derive(Deserialize)]
pub struct Login {
    pub username: String,
    pub password: String,
}

/// `POST /api/login`
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    crate::api::Body(login): crate::api::Body<Login>,
) -> ApiResult<Response> {
    let address = client_address(&state, &headers, peer);
    let keys = [format!("user:{}", login.username), format!("ip:{address}")];
    let client = state.pool.get().await?;
    client
        .execute(
            "DELETE FROM login_failures WHERE at < now() - make_interval(mins => $1)",
            &[&WINDOW_MINUTES],
        )
        .await?;
    for key in &keys {
        let failures: i64 = client
            .query_one(
                "SELECT count(*) FROM login_failures
                 WHERE key = $1 AND at > now() - make_interval(mins => $2)",
                &[key, &WINDOW_MINUTES],
            )
            .await?
            .get(0);
        if failures >= MAX_FAILURES {
            let mut error = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!("too many failed logins: wait {WINDOW_MINUTES} minutes, then try again"),
            );
            error.detail = Some(serde_json::json!({ "retry_after_minutes": WINDOW_MINUTES }));
            return Err(error);
        }
    }
    let row = client
        .query_opt(
            "SELECT id, password_hash FROM users WHERE username = $1",
            &[&login.username],
        )
        .await?;
    let user = row.as_ref().map(|row| row.get::<_, i64>(0));
    let hash = row.as_ref().map(|row| row.get::<_, String>(1));
    let verified = verify_password(hash, login.password).await;
    let user = match user {
        Some(user) if verified => user,
        _ => {
            for key in &keys {
                client
                    .execute("INSERT INTO login_failures (key) VALUES ($1)", &[key])
                    .await?;
            }
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "wrong username or password",
            ));
        }
    };
    client
        .execute("DELETE FROM login_failures WHERE key = $1", &[&keys[0]])
        .await?;
    start_session(&state, &client, user).await
}

/// Starts a session for `user`: the cookie, and the CSRF token in the body.
pub async fn start_session(
    state: &AppState,
    client: &deadpool_postgres::Object,
    user: i64,
) -> ApiResult<Response> {
    let token = new_token();
    let csrf = new_token();
    client
        .execute(
            "INSERT INTO sessions (token_hash, user_id, csrf, expires_at)
             VALUES ($1, $2, $3, now() + make_interval(days => $4))",
            &[&token_hash(&token), &user, &csrf, &SESSION_DAYS],
        )
        .await?;
    client
        .execute("DELETE FROM sessions WHERE expires_at < now()", &[])
        .await?;
    let secure = if state.config.behind_tls {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
        SESSION_DAYS * 86_400
    );
    let body = serde_json::json!({ "user": user, "csrf": csrf });
    Ok(([(header::SET_COOKIE, cookie)], Json(body)).into_response())
}

/// `POST /api/logout`
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    _user: User,
) -> ApiResult<Response> {
    if let Some(token) = cookie_token(&headers) {
        let client = state.pool.get().await?;
        client
            .execute(
                "DELETE FROM sessions WHERE token_hash = $1",
                &[&token_hash(&token)],
            )
            .await?;
    }
    let cookie = format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    Ok(([(header::SET_COOKIE, cookie)], StatusCode::NO_CONTENT).into_response())
}

/// Creates an account (the first coordinator on the command line, or an invited person).
pub async fn create_user(
    client: &impl deadpool_postgres::GenericClient,
    username: &str,
    password_hash: &str,
    creates_projects: bool,
) -> ApiResult<i64> {
    let name = username.trim();
    if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
        return Err(ApiError::bad_request(
            "a username needs 1 to 64 characters, without control characters",
        ));
    }
    let row = client
        .query_opt(
            "INSERT INTO users (username, password_hash, creates_projects) VALUES ($1, $2, $3)
             ON CONFLICT (username) DO NOTHING RETURNING id",
            &[&name, &password_hash, &creates_projects],
        )
        .await?;
    row.map(|row| row.get(0)).ok_or_else(|| {
        ApiError::new(
            StatusCode::CONFLICT,
            format!("the username “{name}” is taken: choose another"),
        )
    })
}
