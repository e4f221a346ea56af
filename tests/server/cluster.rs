//! A throwaway PostgreSQL for a test: `initdb` in a temporary folder, the server on
//! 127.0.0.1 with a free port (and its Unix socket in the folder), started as a non-root
//! user (as `postgres` when the tests run as root), stopped by its PID when dropped.
//! Debian's `postgresql` package provides the programs (`.ci/setup` installs it).

#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Cluster {
    dir: PathBuf,
    pid: u32,
    pub port: u16,
}

/// The folder of PostgreSQL's programs: `PG_BIN`, else Debian's newest version.
fn bin_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("PG_BIN") {
        return dir.into();
    }
    let mut versions: Vec<u32> = std::fs::read_dir("/usr/lib/postgresql")
        .expect(
            "PostgreSQL is installed (Debian's postgresql package; .ci/setup --test installs it)",
        )
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    versions.sort_unstable();
    let newest = versions
        .last()
        .expect("a PostgreSQL version under /usr/lib/postgresql");
    assert!(
        *newest >= 15,
        "PostgreSQL 15 or newer is needed, found {newest}"
    );
    format!("/usr/lib/postgresql/{newest}/bin").into()
}

fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().expect("id runs");
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

/// A command run as the cluster's owner: `postgres` when we are root (PostgreSQL refuses
/// to run as root), else ourselves.
fn as_owner(program: &Path) -> Command {
    if is_root() {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn run(mut command: Command, what: &str) {
    let out = command.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

impl Cluster {
    /// Starts a cluster with a database `annotator` owned by an ordinary role `annotator`
    /// (not a superuser: row-level security binds it).
    pub fn start() -> Cluster {
        let bin = bin_dir();
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir().join(format!("annotator-pg-{}-{stamp}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        if is_root() {
            run(
                {
                    let mut c = Command::new("chown");
                    c.args(["-R", "postgres:postgres"]).arg(&dir);
                    c
                },
                "chown",
            );
        }
        let data = dir.join("data");
        let mut initdb = as_owner(&bin.join("initdb"));
        initdb.arg("-D").arg(&data).args([
            "-U",
            "admin",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "-N",
        ]);
        run(initdb, "initdb");
        let port = free_port();
        let mut start = as_owner(&bin.join("pg_ctl"));
        start.arg("-D").arg(&data).arg("-l").arg(dir.join("log")).args(["-w", "-o"]).arg(format!(
            "-p {port} -h 127.0.0.1 -k {} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            dir.display()
        ));
        start.arg("start");
        run(start, "pg_ctl start");
        let pid_file =
            std::fs::read_to_string(data.join("postmaster.pid")).expect("postmaster.pid");
        let pid = pid_file
            .lines()
            .next()
            .and_then(|l| l.trim().parse().ok())
            .expect("a PID");
        let cluster = Cluster { dir, pid, port };
        cluster.psql("CREATE ROLE annotator LOGIN NOSUPERUSER NOBYPASSRLS");
        cluster.psql("CREATE DATABASE annotator OWNER annotator");
        cluster
    }

    /// Runs SQL as the cluster's superuser (`admin`), in the `postgres` database.
    pub fn psql(&self, sql: &str) -> String {
        self.run_sql("postgres", sql)
    }

    /// Runs SQL as the superuser in the app's database (to look behind the server's back).
    pub fn query(&self, sql: &str) -> String {
        self.run_sql("annotator", sql)
    }

    fn run_sql(&self, database: &str, sql: &str) -> String {
        let out = Command::new(bin_dir().join("psql"))
            .args(["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1"])
            .args([
                "-h",
                "127.0.0.1",
                "-U",
                "admin",
                "-p",
                &self.port.to_string(),
            ])
            .args(["-d", database, "-c", sql])
            .output()
            .expect("psql runs");
        assert!(
            out.status.success(),
            "psql: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// A folder for the test's own files (a server's dist/), removed with the cluster.
    pub fn scratch(&self, name: &str) -> std::path::PathBuf {
        let path = self.dir.join(name);
        std::fs::create_dir_all(&path).expect("a scratch folder");
        path
    }

    /// The URL the server connects with: the ordinary role.
    pub fn url(&self) -> String {
        format!("postgres://annotator@127.0.0.1:{}/annotator", self.port)
    }
}

impl Drop for Cluster {
    /// Stops the server by its PID (SIGINT: a fast shutdown), waits for it to go,
    /// and removes the folder.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-INT", &self.pid.to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Path::new(&format!("/proc/{}", self.pid)).exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
