//! The team server's work flow against a real PostgreSQL: versioned pushes (409 with the
//! server's copy), pulls by change cursor, "the next article" honouring the overlap, the
//! dashboard, the agreement report and the exports, checked in Python.

mod cluster;
mod harness;

use cluster::Cluster;
use harness::{server, team, work, Client, DATASET, PASSWORD};
use serde_json::json;

const ARTICLE_1: &str = "The mayor said the harbour will reopen in May. Critics disagree.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pushes_are_versioned_and_pulls_follow_the_cursor() {
    let cluster = Cluster::start();
    let base = server(&cluster, false).await;
    let other = server(&cluster, false).await;
    let team = team(&cluster, &base).await;
    let (p, a1, a2) = (team.project, team.articles[0], team.articles[1]);
    let (ann1, ann2) = (team.ann1.id, team.ann2.id);
    let mine = format!("/api/projects/{p}/articles/{a1}/works/{ann1}");
    let first = work(ARTICLE_1, "s1", "Claim", 4, 9);
    let (status, pushed) = team
        .ann1
        .put(&mine, json!({ "base_version": 0, "work": first }))
        .await;
    assert_eq!(
        (status, pushed["version"].as_i64()),
        (200, Some(1)),
        "{pushed}"
    );
    // A second browser that also started from nothing is stale: 409 with the server's copy.
    let second = work(ARTICLE_1, "s9", "Claim", 47, 54);
    let (status, stale) = team
        .ann1
        .on(&other)
        .put(&mine, json!({ "base_version": 0, "work": second }))
        .await;
    assert_eq!(status, 409, "{stale}");
    assert_eq!(stale["detail"]["version"], 1);
    assert_eq!(stale["detail"]["work"], first);
    // Merged (both spans), pushed on the version it was based on: accepted.
    let mut merged = first.clone();
    merged["spans"]
        .as_array_mut()
        .unwrap()
        .push(second["spans"][0].clone());
    let (status, pushed) = team
        .ann1
        .on(&other)
        .put(
            &mine,
            json!({ "base_version": 1, "work": merged, "done": true }),
        )
        .await;
    assert_eq!(
        (status, pushed["version"].as_i64()),
        (200, Some(2)),
        "{pushed}"
    );
    // The other annotator's work on another article.
    let text_2 = "Forecasters 👩🏽‍🔬 expect rain on Tuesday, the agency said.";
    let (status, _) = (team.ann2)
        .put(
            &format!("/api/projects/{p}/articles/{a1}/works/{ann2}"),
            json!({ "base_version": 0, "work": work(ARTICLE_1, "t1", "Quote", 0, 9) }),
        )
        .await;
    assert_eq!(status, 200);
    let (status, body) = (team.ann1)
        .put(
            &format!("/api/projects/{p}/articles/{a2}/works/{ann1}"),
            json!({ "base_version": 0, "work": work(text_2, "w1", "Claim", 12, 23) }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    // Pulls: an annotator gets only their own, in change order, from the cursor on.
    let (_, pulled) = team
        .ann1
        .get(&format!("/api/projects/{p}/works?since=0"))
        .await;
    let works = pulled["works"].as_array().unwrap();
    let seen: Vec<(i64, i64)> = (works.iter())
        .map(|w| {
            (
                w["article"].as_i64().unwrap(),
                w["version"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(seen, vec![(a1, 2), (a2, 1)], "{pulled}");
    assert_eq!(works[0]["work"], merged);
    assert_eq!(works[0]["done"], true);
    let cursor = pulled["cursor"].as_i64().unwrap();
    let (_, nothing) = team
        .ann1
        .get(&format!("/api/projects/{p}/works?since={cursor}"))
        .await;
    assert_eq!(nothing["works"], json!([]));
    assert_eq!(nothing["cursor"], cursor);
    // A curator pulls everyone's.
    let (_, all) = team
        .curator
        .get(&format!("/api/projects/{p}/works?since=0"))
        .await;
    assert_eq!(all["works"].as_array().unwrap().len(), 3, "{all}");
    // Another browser logging in brings down the work (the text slices in code points).
    let mut fresh = Client::new(&other);
    assert_eq!(fresh.login("ann1", PASSWORD).await.0, 200);
    let (_, again) = fresh.get(&format!("/api/projects/{p}/works?since=0")).await;
    assert_eq!(again["works"][1]["work"]["spans"][0]["text"], "👩🏽‍🔬 expect");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_next_article_honours_the_overlap_and_skips_what_was_done() {
    let cluster = Cluster::start();
    let base = server(&cluster, false).await;
    annotator_server::create_coordinator(&cluster.url(), "coordinator", PASSWORD.to_owned())
        .await
        .unwrap();
    let mut coordinator = Client::new(&base);
    coordinator.login("coordinator", PASSWORD).await;
    let (_, project) = coordinator
        .post(
            "/api/projects",
            json!({ "name": "Dynamic", "overlap": 2,
                                       "dataset": { "name": "d.jsonl", "text": DATASET } }),
        )
        .await;
    let p = project["id"].as_i64().unwrap();
    let mut annotators = Vec::new();
    for name in ["a", "b", "c"] {
        let (_, invitation) = coordinator
            .post(
                &format!("/api/projects/{p}/invitations"),
                json!({ "role": "annotator" }),
            )
            .await;
        let mut client = Client::new(&base);
        client
            .accept(invitation["token"].as_str().unwrap(), name)
            .await;
        annotators.push(client);
    }
    // Each asks for the next article and finishes it, in turns, until nothing is left.
    let mut taken: Vec<(i64, i64)> = Vec::new();
    let mut finished = 0;
    while finished < annotators.len() {
        finished = 0;
        for client in &annotators {
            let (status, next) = client
                .post(&format!("/api/projects/{p}/next"), json!({}))
                .await;
            if status == 404 {
                finished += 1;
                continue;
            }
            assert_eq!(status, 200, "{next}");
            let article = next["article"].as_i64().unwrap();
            assert!(
                !taken.contains(&(article, client.id)),
                "an article came back after it was done"
            );
            taken.push((article, client.id));
            let path = format!("/api/projects/{p}/articles/{article}/works/{}", client.id);
            let empty = json!({ "spans": [], "relations": [] });
            let (status, body) = client
                .put(
                    &path,
                    json!({ "base_version": 0, "work": empty, "done": true }),
                )
                .await;
            assert_eq!(status, 200, "{body}");
        }
        assert!(taken.len() <= 6, "more assignments than articles × overlap");
    }
    assert_eq!(
        taken.len(),
        6,
        "three articles, two annotators each: {taken:?}"
    );
    for article in taken.iter().map(|(a, _)| *a) {
        assert_eq!(taken.iter().filter(|(a, _)| *a == article).count(), 2);
    }
    // The static matrix, filled to the overlap, leaves what is there and adds the rest.
    let (status, filled) = coordinator
        .put(
            &format!("/api/projects/{p}/assignments"),
            json!({ "fill": true }),
        )
        .await;
    assert_eq!(
        (status, filled["assigned"].as_i64()),
        (200, Some(6)),
        "{filled}"
    );
}

fn python(script: &str, input: &str) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "python: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// A download's text (an export).
async fn download(client: &Client, path: &str) -> String {
    let response = client.request(reqwest::Method::GET, path).send().await;
    response.unwrap().text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_follows_progress_and_the_exports_hold_everyones_work_and_the_gold() {
    let cluster = Cluster::start();
    let base = server(&cluster, false).await;
    let team = team(&cluster, &base).await;
    let (p, a1) = (team.project, team.articles[0]);
    for (client, start) in [(&team.ann1, 4), (&team.ann2, 4)] {
        let path = format!("/api/projects/{p}/articles/{a1}/works/{}", client.id);
        let body = json!({ "base_version": 0, "work": work(ARTICLE_1, "s1", "Claim", start, 9), "done": true });
        assert_eq!(client.put(&path, body).await.0, 200);
    }
    let (_, dashboard) = team
        .coordinator
        .get(&format!("/api/projects/{p}/dashboard"))
        .await;
    let rows: Vec<(String, u64, u64)> = (dashboard["annotators"].as_array().unwrap().iter())
        .map(|a| {
            (
                a["username"].as_str().unwrap().to_owned(),
                a["assigned"].as_u64().unwrap(),
                a["done"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![("ann1".to_owned(), 2, 1), ("ann2".to_owned(), 2, 1)]
    );
    assert_eq!(dashboard["articles"][0]["status"], "done");
    assert_eq!(dashboard["articles"][1]["status"], "not started");
    let agreement = &dashboard["agreement"];
    assert!(agreement.is_object(), "{dashboard}");
    assert!(agreement.to_string().contains("ann1"), "{agreement}");
    // And as the app shows it: the same figures written out as tables.
    let shown = &dashboard["agreement_view"];
    let summary = shown["summary"].as_str().unwrap_or_default();
    assert!(summary.starts_with("2 annotators (ann1, ann2)"), "{shown}");
    let pairs = &shown["tables"][1];
    assert_eq!(pairs["rows"][0][0], "ann1 · ann2", "{pairs}");
    assert_eq!(
        pairs["rows"][0][1], "1.000",
        "both marked the same span: {pairs}"
    );
    let gold = json!({ "base_version": 0, "work": work(ARTICLE_1, "g1", "Claim", 4, 9) });
    assert_eq!(
        team.curator
            .put(&format!("/api/projects/{p}/articles/{a1}/gold"), gold)
            .await
            .0,
        200
    );
    let (_, dashboard) = team
        .coordinator
        .get(&format!("/api/projects/{p}/dashboard"))
        .await;
    assert_eq!(dashboard["articles"][0]["status"], "adjudicated");
    // A Quote on article 2: a schema without Quote is refused while work uses it.
    let text_2 = "Forecasters 👩🏽‍🔬 expect rain on Tuesday, the agency said.";
    let path = format!(
        "/api/projects/{p}/articles/{}/works/{}",
        team.articles[1], team.ann1.id
    );
    let body = json!({ "base_version": 0, "work": work(text_2, "q1", "Quote", 0, 11) });
    assert_eq!(team.ann1.put(&path, body).await.0, 200);
    let schema = json!({ "labels": [{ "name": "Claim", "color": "#fcd34d", "hotkey": "1" }] });
    let (status, refused) = team
        .coordinator
        .put(&format!("/api/projects/{p}/schema"), schema)
        .await;
    assert_eq!(status, 422, "{refused}");
    assert!(
        refused["error"]
            .as_str()
            .unwrap()
            .contains("label “Quote” is used by 1 span"),
        "{refused}"
    );
    // Everyone's work and the gold, as native JSONL, read in Python: every span's offsets
    // slice its text, each line names its annotator.
    let check = "import json, sys\n\
        rows = [json.loads(l) for l in sys.stdin if l.strip()]\n\
        for r in rows:\n\
        \x20   t = r['document']['text']\n\
        \x20   for s in r['spans']:\n\
        \x20       assert t[s['start']:s['end']] == s['text'], s\n\
        print(' '.join(r['document']['annotator'] + ':' + str(len(r['spans'])) for r in rows))";
    let works = download(
        &team.coordinator,
        &format!("/api/projects/{p}/export/works"),
    )
    .await;
    assert_eq!(python(check, &works), "ann1:1 ann2:1 ann1:1");
    assert!(works.contains("\"label\":\"Quote\""), "{works}");
    let gold = download(&team.coordinator, &format!("/api/projects/{p}/export/gold")).await;
    assert_eq!(python(check, &gold), "gold:1");
    let (status, report) = team
        .curator
        .get(&format!("/api/projects/{p}/export/agreement"))
        .await;
    assert_eq!(status, 200);
    let (_, dashboard) = team
        .coordinator
        .get(&format!("/api/projects/{p}/dashboard"))
        .await;
    assert_eq!(
        report, dashboard["agreement"],
        "the report is the dashboard's"
    );
}
