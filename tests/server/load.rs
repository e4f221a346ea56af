//! A bounded load test on loopback: two server instances (the real binary, started and
//! stopped by PID) against one PostgreSQL; 50 annotators, each with two browsers (one per
//! instance), push and pull concurrently for a fixed number of rounds. Each browser adds
//! its own spans; a stale push gets 409 and is merged (the core's merge, as the app merges)
//! and pushed again. At the end every
//! span is stored exactly once: no update lost, none duplicated. Throughput and p95
//! latency are printed (docs/team-server.md records them); nothing is timed as a pass mark.
//!
//! `ANNOTATORS` and `ROUNDS` set the size: `LOAD_ROUNDS=20 cargo test --release -p
//! annotator-server --test server_load -- --nocapture` is the benchmark.

mod cluster;
mod harness;

use annotator_core::model::project::StoredWork;
use annotator_core::model::sync::merge;
use cluster::Cluster;
use harness::{Client, PASSWORD};
use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ANNOTATORS: usize = 50;

/// A server instance: the binary, on a free port, stopped by its PID when dropped.
struct Instance {
    child: Child,
    base: String,
}

impl Instance {
    async fn start(cluster: &Cluster, dist: &std::path::Path) -> Instance {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_annotator-server"))
            .args([
                "serve",
                "--database-url",
                &cluster.url(),
                "--bind",
                &format!("127.0.0.1:{port}"),
            ])
            .arg("--dist")
            .arg(dist)
            .env("ANNOTATOR_POOL_SIZE", "12")
            .stdout(Stdio::null())
            .spawn()
            .expect("the server starts");
        let base = format!("http://127.0.0.1:{port}");
        // Ready when it answers (bounded: 30 s).
        let deadline = Instant::now() + Duration::from_secs(30);
        while reqwest::get(format!("{base}/api/me")).await.is_err() {
            assert!(Instant::now() < deadline, "the server did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Instance { child, base }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

fn span(text: &str, id: &str, start: usize) -> Value {
    let slice: String = text.chars().skip(start).take(3).collect();
    json!({ "id": id, "label": "Claim", "start": start, "end": start + 3, "text": slice,
            "utf16_start": start, "utf16_end": start + 3,
            "created": "2026-12-03T10:00:00Z", "modified": "2026-12-03T10:00:00Z" })
}

/// One browser's rounds: add a span, push on the known version; on 409 merge with the
/// core's three-way merge (against the last version synced) and push the merge again; pull.
async fn browser(
    client: Client,
    project: i64,
    article: i64,
    text: String,
    name: &'static str,
    rounds: usize,
) -> (Vec<Duration>, usize) {
    let path = format!(
        "/api/projects/{project}/articles/{article}/works/{}",
        client.id
    );
    let (mut version, mut cursor) = (0_i64, 0_i64);
    let (mut base, mut ours) = (StoredWork::default(), StoredWork::default());
    let mut latencies = Vec::new();
    let mut conflicts = 0;
    for round in 0..rounds {
        let offset = if name == "a" { 0 } else { 40 };
        let added = span(&text, &format!("{name}{round}"), offset + round);
        ours.spans.push(serde_json::from_value(added).unwrap());
        loop {
            let body = json!({ "base_version": version, "work": ours });
            let started = Instant::now();
            let (status, answer) = client.put(&path, body).await;
            latencies.push(started.elapsed());
            match status {
                200 => {
                    version = answer["version"].as_i64().unwrap();
                    base = ours.clone();
                    break;
                }
                409 => {
                    conflicts += 1;
                    let theirs: StoredWork =
                        serde_json::from_value(answer["detail"]["work"].clone())
                            .unwrap_or_default();
                    let merged = merge(&base, &ours, &theirs);
                    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
                    ours = merged.work;
                    base = theirs;
                    version = answer["detail"]["version"].as_i64().unwrap();
                }
                _ => panic!("push: {status} {answer}"),
            }
        }
        let started = Instant::now();
        let (status, pulled) = client
            .get(&format!("/api/projects/{project}/works?since={cursor}"))
            .await;
        latencies.push(started.elapsed());
        assert_eq!(status, 200);
        cursor = pulled["cursor"].as_i64().unwrap();
    }
    (latencies, conflicts)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_annotators_push_and_pull_through_two_instances_and_nothing_is_lost() {
    let rounds: usize = std::env::var("LOAD_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(8);
    let cluster = Cluster::start();
    let dist = cluster.scratch("dist");
    std::fs::write(dist.join("index.html"), "app").unwrap();
    let first = Instance::start(&cluster, &dist).await;
    let second = Instance::start(&cluster, &dist).await;
    annotator_server::create_coordinator(&cluster.url(), "coordinator", PASSWORD.to_owned())
        .await
        .unwrap();
    let text = "Claims, quotes and sources, tagged by a team of fifty annotators at once; \
                every span they add is kept exactly once.";
    let dataset: String = (0..ANNOTATORS)
        .map(|i| json!({ "id": format!("a{i}"), "text": text }).to_string() + "\n")
        .collect();
    let mut coordinator = Client::new(&first.base);
    coordinator.login("coordinator", PASSWORD).await;
    let (_, project) = coordinator
        .post(
            "/api/projects",
            json!({ "name": "Load", "overlap": 1,
                                       "dataset": { "name": "load.jsonl", "text": dataset } }),
        )
        .await;
    let p = project["id"].as_i64().unwrap();
    let mut annotators = Vec::new();
    for i in 0..ANNOTATORS {
        let (_, invitation) = coordinator
            .post(
                &format!("/api/projects/{p}/invitations"),
                json!({ "role": "annotator" }),
            )
            .await;
        let mut client = Client::new(if i % 2 == 0 {
            &first.base
        } else {
            &second.base
        });
        let (status, _) = client
            .accept(
                invitation["token"].as_str().unwrap(),
                &format!("annotator{i}"),
            )
            .await;
        assert_eq!(status, 200);
        annotators.push(client);
    }
    let (status, _) = coordinator
        .put(
            &format!("/api/projects/{p}/assignments"),
            json!({ "fill": true }),
        )
        .await;
    assert_eq!(status, 200);
    let mut work = Vec::new();
    for client in &annotators {
        let (_, next) = client
            .post(&format!("/api/projects/{p}/next"), json!({}))
            .await;
        work.push(next["article"].as_i64().unwrap());
    }
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (client, article) in annotators.iter().zip(&work) {
        // Two browsers of one annotator, one on each instance, at the same time.
        for (browser_name, base) in [("a", &first.base), ("b", &second.base)] {
            let task = browser(
                client.on(base),
                p,
                *article,
                text.to_owned(),
                browser_name,
                rounds,
            );
            tasks.push(tokio::spawn(task));
        }
    }
    let mut latencies = Vec::new();
    let mut conflicts = 0;
    for task in tasks {
        let (times, clashes) = task.await.unwrap();
        latencies.extend(times);
        conflicts += clashes;
    }
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    let p95 = latencies[latencies.len() * 95 / 100];
    let p50 = latencies[latencies.len() / 2];
    println!(
        "load: {ANNOTATORS} annotators × 2 browsers × {rounds} rounds through 2 instances: \
         {} requests in {:.2} s = {:.0} requests/s; p50 {:.1} ms, p95 {:.1} ms; {conflicts} pushes were stale (409) and merged",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        p50.as_secs_f64() * 1000.0,
        p95.as_secs_f64() * 1000.0,
    );
    // Every span of every browser, stored exactly once.
    let stored = cluster.query(
        "SELECT string_agg(s->>'id', ',' ORDER BY s->>'id')
         FROM works, jsonb_array_elements(work::jsonb->'spans') s GROUP BY article_id ORDER BY article_id",
    );
    let mut expected: Vec<String> = (0..rounds)
        .flat_map(|r| [format!("a{r}"), format!("b{r}")])
        .collect();
    expected.sort();
    let expected = expected.join(",");
    let lines: Vec<&str> = stored.lines().collect();
    assert_eq!(lines.len(), ANNOTATORS, "one work per annotator");
    for line in lines {
        assert_eq!(line, expected, "a work lost or repeated a span");
    }
    let versions = cluster.query("SELECT min(version), count(DISTINCT seq) FROM works");
    let (min_version, seqs) = versions.split_once('|').unwrap();
    assert!(
        min_version.parse::<usize>().unwrap() >= rounds,
        "{versions}"
    );
    assert_eq!(
        seqs,
        ANNOTATORS.to_string(),
        "every work has its own change number"
    );
}
