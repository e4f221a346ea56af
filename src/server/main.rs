//! `annotator-server`: the team server (docs/team-server.md).
//!
//! ```text
//! annotator-server [serve] [--database-url URL] [--bind ADDR] [--dist DIR] [--behind-tls] [--trust-forwarded-for]
//! annotator-server create-coordinator --username NAME    (the password on standard input,
//!                                                         or in ANNOTATOR_PASSWORD)
//! ```
//! Every flag has an environment variable: DATABASE_URL, ANNOTATOR_BIND, ANNOTATOR_DIST,
//! ANNOTATOR_BEHIND_TLS=1, ANNOTATOR_TRUST_FORWARDED_FOR=1, ANNOTATOR_POOL_SIZE.

use annotator_server::Config;
use std::process::ExitCode;

const USAGE: &str = "usage: annotator-server [serve] [--database-url URL] [--bind ADDR] [--dist DIR] [--behind-tls] [--trust-forwarded-for]
       annotator-server create-coordinator --username NAME   (password on standard input or in ANNOTATOR_PASSWORD)";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("annotator-server: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let command = match args.first().map(String::as_str) {
        Some("serve") | Some("create-coordinator") => args.remove(0),
        Some("--help") | Some("-h") => {
            println!("{USAGE}");
            return Ok(());
        }
        _ => "serve".to_owned(),
    };
    let env = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
    let mut database_url = env("DATABASE_URL");
    let mut bind = env("ANNOTATOR_BIND").unwrap_or_else(|| "127.0.0.1:8080".to_owned());
    let mut dist = env("ANNOTATOR_DIST").unwrap_or_else(|| "dist".to_owned());
    let mut behind_tls = env("ANNOTATOR_BEHIND_TLS").is_some_and(|value| value == "1");
    let mut trust_forwarded_for =
        env("ANNOTATOR_TRUST_FORWARDED_FOR").is_some_and(|value| value == "1");
    let mut username = None;
    let mut rest = args.into_iter();
    while let Some(flag) = rest.next() {
        let mut value = || rest.next().ok_or(format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--database-url" => database_url = Some(value()?),
            "--bind" => bind = value()?,
            "--dist" => dist = value()?,
            "--username" => username = Some(value()?),
            "--behind-tls" => behind_tls = true,
            "--trust-forwarded-for" => trust_forwarded_for = true,
            _ => return Err(format!("unknown argument {flag}\n{USAGE}")),
        }
    }
    let database_url = database_url.ok_or(format!(
        "give the database with --database-url or DATABASE_URL\n{USAGE}"
    ))?;
    let runtime = tokio::runtime::Runtime::new().map_err(|error| error.to_string())?;
    if command == "create-coordinator" {
        let username = username.ok_or(format!("create-coordinator needs --username\n{USAGE}"))?;
        let password = match env("ANNOTATOR_PASSWORD") {
            Some(password) => password,
            None => {
                eprintln!("password for {username} (8 characters or more), then Enter:");
                let mut line = String::new();
                std::io::stdin()
                    .read_line(&mut line)
                    .map_err(|error| error.to_string())?;
                line.trim_end_matches(['\r', '\n']).to_owned()
            }
        };
        let id = runtime.block_on(annotator_server::create_coordinator(
            &database_url,
            &username,
            password,
        ))?;
        println!("created coordinator {username} (user {id})");
        return Ok(());
    }
    let config = Config {
        database_url,
        bind: bind
            .parse()
            .map_err(|error| format!("--bind {bind}: {error}"))?,
        dist: dist.into(),
        behind_tls,
        trust_forwarded_for,
        pool_size: env("ANNOTATOR_POOL_SIZE")
            .and_then(|size| size.parse().ok())
            .unwrap_or(16),
        skip_handler_checks: env("ANNOTATOR_TEST_SKIP_HANDLER_CHECKS").is_some(),
    };
    runtime.block_on(annotator_server::serve(config))
}
