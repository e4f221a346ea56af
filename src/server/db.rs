//! The database: a connection pool, the embedded migrations, and transactions that run as
//! the requesting user (row-level security's key).

use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod, Transaction};
use tokio_postgres::NoTls;

/// The migrations, in order, compiled into the binary. Each runs once, in a transaction,
/// and is recorded in `schema_migrations`.
const MIGRATIONS: [(&str, &str); 1] = [("0001_team", include_str!("migrations/0001_team.sql"))];

pub fn pool(url: &str, size: usize) -> Result<Pool, String> {
    let config: tokio_postgres::Config = url
        .parse()
        .map_err(|error| format!("the database URL cannot be read ({error})"))?;
    let manager = Manager::from_config(
        config,
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    Pool::builder(manager)
        .max_size(size)
        .build()
        .map_err(|error| error.to_string())
}

/// Applies the migrations not applied yet, one instance at a time (an advisory lock),
/// after checking that the role is bound by row-level security.
pub async fn migrate(pool: &Pool) -> Result<(), String> {
    let mut client = pool
        .get()
        .await
        .map_err(|error| format!("the database cannot be reached: {error}"))?;
    let row = client
        .query_one(
            "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user",
            &[],
        )
        .await
        .map_err(|error| error.to_string())?;
    if row.get::<_, bool>(0) {
        return Err(
            "the database role is a superuser or bypasses row-level security: \
             connect as an ordinary role that owns the database (README, Team server)"
                .to_owned(),
        );
    }
    let tx = client.transaction().await.map_err(|e| e.to_string())?;
    tx.batch_execute(
        "SELECT pg_advisory_xact_lock(4242001);
         CREATE TABLE IF NOT EXISTS schema_migrations (
             name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());",
    )
    .await
    .map_err(|error| error.to_string())?;
    for (name, sql) in MIGRATIONS {
        let done = tx
            .query_opt("SELECT 1 FROM schema_migrations WHERE name = $1", &[&name])
            .await
            .map_err(|error| error.to_string())?;
        if done.is_none() {
            tx.batch_execute(sql)
                .await
                .map_err(|error| format!("migration {name} failed: {error}"))?;
            tx.execute("INSERT INTO schema_migrations (name) VALUES ($1)", &[&name])
                .await
                .map_err(|error| error.to_string())?;
        }
    }
    tx.commit().await.map_err(|error| error.to_string())
}

/// Begins a transaction in which row-level security sees `user`.
pub async fn as_user(
    client: &mut Object,
    user: i64,
) -> Result<Transaction<'_>, tokio_postgres::Error> {
    let tx = client.transaction().await?;
    tx.execute(
        "SELECT set_config('app.user_id', $1, true)",
        &[&user.to_string()],
    )
    .await?;
    Ok(tx)
}
