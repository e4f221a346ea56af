//! The team server against a real PostgreSQL (a throwaway cluster per test): every
//! endpoint for every role, row-level security refusing alone with the handlers' checks
//! off, sessions, CSRF, cross-site requests and login limits, and hostile bodies.

mod cluster;
mod harness;

use cluster::Cluster;
use harness::{server, server_with, team, work, Client, Team, PASSWORD};
use reqwest::Method;
use serde_json::{json, Value};

const ARTICLE_1: &str = "The mayor said the harbour will reopen in May. Critics disagree.";

/// Someone with an account who is not a member of the team's project (an annotator of
/// another project).
async fn outsider(team: &Team, base: &str) -> Client {
    let (_, other) = team
        .coordinator
        .post(
            "/api/projects",
            json!({ "name": "Other", "overlap": 1,
                    "dataset": { "name": "o.jsonl", "text": "{\"text\": \"Another article.\"}\n" } }),
        )
        .await;
    let other = other["id"].as_i64().unwrap();
    let (_, invitation) = team
        .coordinator
        .post(
            &format!("/api/projects/{other}/invitations"),
            json!({ "role": "annotator" }),
        )
        .await;
    let mut client = Client::new(base);
    client
        .accept(invitation["token"].as_str().unwrap(), "outsider")
        .await;
    client
}

fn count(cluster: &Cluster, table: &str) -> String {
    cluster.query(&format!("SELECT count(*) FROM {table}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_answers_each_role_as_it_should() {
    let cluster = Cluster::start();
    let base = server(&cluster, false).await;
    let team = team(&cluster, &base).await;
    let outsider = outsider(&team, &base).await;
    let anonymous = Client::new(&base);
    let (p, a1, a3) = (team.project, team.articles[0], team.articles[2]);
    let (ann1, ann2) = (team.ann1.id, team.ann2.id);
    // ann2 has a work on article 1, and the curator a gold, for the reads below.
    let (status, _) = (team.ann2)
        .put(
            &format!("/api/projects/{p}/articles/{a1}/works/{ann2}"),
            json!({ "base_version": 0, "work": work(ARTICLE_1, "s1", "Claim", 4, 9) }),
        )
        .await;
    assert_eq!(status, 200);
    let schema = json!({ "labels": [{ "name": "Claim", "color": "#fcd34d", "hotkey": "1" }],
                         "links": [] });
    let ann1_push = json!({ "base_version": 0, "work": work(ARTICLE_1, "s1", "Claim", 0, 9) });
    let gold = json!({ "base_version": 0, "work": work(ARTICLE_1, "g1", "Claim", 4, 9) });
    let matrix = json!({ "assignments": [
        { "article": a1, "annotator": ann1 }, { "article": a1, "annotator": ann2 },
        { "article": team.articles[1], "annotator": ann1 }, { "article": a3, "annotator": ann2 },
    ]});
    let new_project = json!({ "name": "New", "overlap": 1,
                              "dataset": { "name": "n.jsonl", "text": "{\"text\": \"New text.\"}\n" } });
    let (_, spare) = team
        .coordinator
        .post(
            &format!("/api/projects/{p}/invitations"),
            json!({ "role": "curator" }),
        )
        .await;
    let spare = spare["token"].as_str().unwrap().to_owned();
    // Expected statuses for: coordinator, annotator (ann1), curator, outsider, anonymous.
    // (A one-time invitation is used by the first who joins with it: then it is gone.)
    let cases: Vec<(Method, String, Option<Value>, [u16; 5])> = vec![
        (
            Method::GET,
            "/api/me".into(),
            None,
            [200, 200, 200, 200, 401],
        ),
        (
            Method::GET,
            format!("/api/projects/{p}"),
            None,
            [200, 200, 200, 404, 401],
        ),
        (
            Method::GET,
            format!("/api/projects/{p}/members"),
            None,
            [200, 403, 200, 404, 401],
        ),
        (
            Method::POST,
            format!("/api/projects/{p}/invitations"),
            Some(json!({ "role": "curator" })),
            [201, 403, 403, 404, 401],
        ),
        (
            Method::GET,
            format!("/api/projects/{p}/articles"),
            None,
            [200, 200, 200, 404, 401],
        ),
        (
            Method::GET,
            format!("/api/projects/{p}/copy"),
            None,
            [200, 200, 200, 404, 401],
        ),
        (
            Method::GET,
            format!("/api/projects/{p}/curation"),
            None,
            [200, 403, 200, 404, 401],
        ),
        (
            Method::GET,
            format!("/api/projects/{p}/articles/{a1}"),
            None,
            [200, 200, 200, 404, 401],
        ),
        (
            Method::GET,
            format!("/api/projects/{p}/articles/{a3}"),
            None,
            [200, 404, 200, 404, 401],
        ),
        (
            Method::GET,
            format!("/api/projects/{p}/assignments"),
            None,
            [200, 403, 200, 404, 401],
        ),
        (
            Method::PUT,
            format!("/api/projects/{p}/assignments"),
            Some(matrix),
            [200, 403, 403, 404, 401],
        ),
        (
            Method::POST,
            format!("/api/projects/{p}/next"),
            None,
            [403, 200, 403, 404, 401],
        ),
        (
            Method::GET,
            format!("/api/projects/{p}/works?since=0"),
            None,
            [200, 200, 200, 404, 401],
        ),
        (
            Method::PUT,
            format!("/api/projects/{p}/articles/{a1}/works/{ann1}"),
            Some(ann1_push),
            [403, 200, 403, 404, 401],
        ),
        (
            Method::GET,
            format!("/api/projects/{p}/articles/{a1}/works/{ann1}"),
            None,
            [200, 200, 200, 404, 401],
        ),
        (
            Method::GET,
            format!("/api/projects/{p}/articles/{a1}/works/{ann2}"),
            None,
            [200, 404, 200, 404, 401],
        ),
        (
            Method::PUT,
            format!("/api/projects/{p}/articles/{a1}/gold"),
            Some(gold),
            [403, 403, 200, 404, 401],
        ),
        (
            Method::GET,
            format!("/api/projects/{p}/articles/{a1}/gold"),
            None,
            [200, 403, 200, 404, 401],
        ),
        (
            Method::GET,
            format!("/api/projects/{p}/dashboard"),
            None,
            [200, 403, 200, 404, 401],
        ),
        (
            Method::GET,
            format!("/api/projects/{p}/export/works"),
            None,
            [200, 403, 403, 404, 401],
        ),
        (
            Method::GET,
            format!("/api/projects/{p}/export/gold"),
            None,
            [200, 403, 403, 404, 401],
        ),
        (
            Method::GET,
            format!("/api/projects/{p}/export/agreement"),
            None,
            [200, 403, 200, 404, 401],
        ),
        (
            Method::PUT,
            format!("/api/projects/{p}/schema"),
            Some(schema),
            [204, 403, 403, 404, 401],
        ),
        (
            Method::GET,
            format!("/api/invitations/{spare}"),
            None,
            [200, 200, 200, 200, 200],
        ),
        (
            Method::POST,
            format!("/api/invitations/{spare}/join"),
            None,
            [200, 410, 410, 410, 401],
        ),
        (
            Method::POST,
            "/api/projects".into(),
            Some(new_project),
            [201, 403, 403, 403, 401],
        ),
    ];
    let clients = [
        &team.coordinator,
        &team.ann1,
        &team.curator,
        &outsider,
        &anonymous,
    ];
    let names = [
        "coordinator",
        "annotator",
        "curator",
        "outsider",
        "anonymous",
    ];
    let mut wrong = Vec::new();
    for (method, path, body, expected) in &cases {
        for ((client, name), want) in clients.iter().zip(names).zip(expected) {
            let mut request = client.request(method.clone(), path);
            if let Some(body) = body {
                request = request.json(body);
            }
            let (status, answer) = client.send(request).await;
            if status != *want {
                wrong.push(format!(
                    "{method} {path} as {name}: {status}, expected {want} ({answer})"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn row_level_security_alone_refuses_another_annotators_records() {
    let cluster = Cluster::start();
    let checked = server(&cluster, false).await;
    let team = team(&cluster, &checked).await;
    let outsider = outsider(&team, &checked).await;
    let (p, a1, a3) = (team.project, team.articles[0], team.articles[2]);
    let (ann1, ann2) = (team.ann1.id, team.ann2.id);
    let theirs = work(ARTICLE_1, "s1", "Claim", 4, 9);
    let (status, _) = (team.ann2)
        .put(
            &format!("/api/projects/{p}/articles/{a1}/works/{ann2}"),
            json!({ "base_version": 0, "work": theirs, "done": true }),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = (team.curator)
        .put(
            &format!("/api/projects/{p}/articles/{a1}/gold"),
            json!({ "base_version": 0, "work": work(ARTICLE_1, "g1", "Claim", 4, 9) }),
        )
        .await;
    assert_eq!(status, 200);
    // A curator adjudicates from everyone's done work, and resumes from the gold stored.
    let (_, curation) = (team.curator)
        .get(&format!("/api/projects/{p}/curation"))
        .await;
    let annotators = curation["annotators"].as_array().unwrap();
    assert_eq!(annotators.len(), 1, "{curation}");
    assert_eq!(annotators[0]["name"], "ann2", "{curation}");
    let line: Value =
        serde_json::from_str(annotators[0]["jsonl"].as_str().unwrap().trim()).unwrap();
    assert_eq!(line["spans"][0]["label"], "Claim", "{line}");
    let first = &curation["articles"][0];
    assert_eq!(
        (first["id"].as_i64(), first["version"].as_i64()),
        (Some(a1), Some(1))
    );
    let before = [
        cluster.query("SELECT work FROM works ORDER BY annotator_id"),
        cluster.query("SELECT article_id, annotator_id FROM assignments ORDER BY 1, 2"),
        cluster.query("SELECT labels FROM projects ORDER BY id"),
        cluster.query("SELECT work FROM gold"),
        count(&cluster, "invitations"),
        count(&cluster, "projects"),
    ];

    // The same sessions, on an instance whose handlers check nothing: row-level security
    // alone stands between them and what is not theirs.
    let unchecked = server(&cluster, true).await;
    let ann = team.ann1.on(&unchecked);
    let (status, _) = ann
        .get(&format!("/api/projects/{p}/articles/{a1}/works/{ann2}"))
        .await;
    assert_eq!(status, 404, "another annotator's work is not found");
    let (_, pulled) = ann.get(&format!("/api/projects/{p}/works?since=0")).await;
    assert!(pulled["works"].as_array().unwrap().is_empty(), "{pulled}");
    let (status, _) = ann.get(&format!("/api/projects/{p}/articles/{a3}")).await;
    assert_eq!(status, 404, "an article not assigned is not found");
    let (_, listed) = ann.get(&format!("/api/projects/{p}/articles")).await;
    assert_eq!(listed["articles"].as_array().unwrap().len(), 2, "{listed}");
    let (_, copy) = ann.get(&format!("/api/projects/{p}/copy")).await;
    let copied: Vec<&Value> = copy["articles"].as_array().unwrap().iter().collect();
    assert_eq!(copied.len(), 2, "only the assigned articles: {copy}");
    // ann2's work on article 1 (a Claim at 4..9) is not in it.
    let theirs = |article: &&Value| {
        (article["work"]["spans"].as_array())
            .is_some_and(|spans| spans.iter().any(|span| span["start"] == 4))
    };
    assert!(!copied.iter().any(theirs), "{copy}");
    let (_, gold) = ann
        .get(&format!("/api/projects/{p}/articles/{a1}/gold"))
        .await;
    assert_eq!(gold["work"], Value::Null, "the gold is not seen");
    // What a curator adjudicates from: ann2's done work and the gold are not in it.
    let (_, curation) = ann.get(&format!("/api/projects/{p}/curation")).await;
    assert_eq!(curation["annotators"], json!([]), "{curation}");
    let gold_seen = (curation["articles"].as_array().unwrap().iter())
        .any(|article| article["version"] != 0 || !article["work"].is_null());
    assert!(!gold_seen, "{curation}");
    let overwrite = json!({ "base_version": 0, "work": work(ARTICLE_1, "x", "Claim", 0, 3) });
    let refusals = [
        ann.put(&format!("/api/projects/{p}/articles/{a1}/works/{ann2}"), overwrite.clone()).await,
        ann.put(&format!("/api/projects/{p}/articles/{a3}/works/{ann1}"), overwrite.clone()).await,
        ann.put(&format!("/api/projects/{p}/articles/{a1}/gold"), json!({ "base_version": 0, "work": work(ARTICLE_1, "x", "Claim", 0, 3) })).await,
        ann.put(&format!("/api/projects/{p}/assignments"), json!({ "assignments": [{ "article": team.articles[1], "annotator": ann2 }] })).await,
        ann.put(&format!("/api/projects/{p}/schema"), json!({ "labels": [{ "name": "X", "color": "#fcd34d", "hotkey": "1" }] })).await,
        ann.post(&format!("/api/projects/{p}/invitations"), json!({ "role": "coordinator" })).await,
        ann.post("/api/projects", json!({ "name": "Mine", "overlap": 1, "dataset": { "name": "m.jsonl", "text": "{\"text\": \"x\"}\n" } })).await,
        team.curator.on(&unchecked).post(&format!("/api/projects/{p}/next"), json!({})).await,
    ];
    for (index, (status, body)) in refusals.iter().enumerate() {
        assert!(
            [403, 404].contains(status),
            "write {index} was not refused by the database: {status} {body}"
        );
    }
    // Reads that the handlers would refuse give only the reader's own rows.
    let (_, dashboard) = ann.get(&format!("/api/projects/{p}/dashboard")).await;
    let started: Vec<&Value> = (dashboard["annotators"].as_array().unwrap().iter())
        .filter(|annotator| annotator["started"].as_u64() != Some(0))
        .collect();
    assert!(started.is_empty(), "no one's work shows: {dashboard}");
    let (status, export) = ann.get(&format!("/api/projects/{p}/export/works")).await;
    assert_eq!(status, 200);
    assert!(!export.to_string().contains("ann2"), "{export}");
    let stranger = outsider.on(&unchecked);
    let (_, listed) = stranger.get(&format!("/api/projects/{p}/articles")).await;
    assert_eq!(listed["articles"], json!([]), "an outsider sees no article");
    let (_, project) = stranger.get(&format!("/api/projects/{p}")).await;
    assert!(
        project["name"].is_null(),
        "an outsider sees no project: {project}"
    );
    let after = [
        cluster.query("SELECT work FROM works ORDER BY annotator_id"),
        cluster.query("SELECT article_id, annotator_id FROM assignments ORDER BY 1, 2"),
        cluster.query("SELECT labels FROM projects ORDER BY id"),
        cluster.query("SELECT work FROM gold"),
        count(&cluster, "invitations"),
        count(&cluster, "projects"),
    ];
    assert_eq!(before, after, "nothing changed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_csrf_cross_site_requests_and_login_limits() {
    let cluster = Cluster::start();
    let base = server(&cluster, false).await;
    let other = server(&cluster, false).await;
    let mut team = team(&cluster, &base).await;
    let p = team.project;
    let path = format!("/api/projects/{p}/invitations");
    let body = json!({ "role": "annotator" });
    let coordinator = &team.coordinator;
    // Sessions are in the database: the other instance knows them.
    assert_eq!(coordinator.on(&other).get("/api/me").await.0, 200);
    // Without the CSRF token, with another, from another site: refused, nothing stored.
    let invitations = count(&cluster, "invitations");
    let without = Client {
        csrf: None,
        ..coordinator.clone()
    };
    assert_eq!(without.post(&path, body.clone()).await.0, 403);
    let wrong = Client {
        csrf: Some("0".repeat(64)),
        ..coordinator.clone()
    };
    assert_eq!(wrong.post(&path, body.clone()).await.0, 403);
    let request = coordinator.request(Method::POST, &path).json(&body);
    assert_eq!(
        coordinator
            .send(request.header("origin", "https://evil.example"))
            .await
            .0,
        403
    );
    let request = coordinator.request(Method::POST, &path).json(&body);
    assert_eq!(
        coordinator
            .send(request.header("sec-fetch-site", "cross-site"))
            .await
            .0,
        403
    );
    assert_eq!(invitations, count(&cluster, "invitations"));
    // A same-origin request passes.
    let request = coordinator.request(Method::POST, &path).json(&body);
    let host = base.trim_start_matches("http://");
    let (status, invitation) = coordinator
        .send(request.header("origin", format!("http://{host}")))
        .await;
    assert_eq!(status, 201);
    // An invitation is used once.
    let token = invitation["token"].as_str().unwrap();
    assert_eq!(Client::new(&base).accept(token, "ann3").await.0, 200);
    assert_eq!(Client::new(&base).accept(token, "ann4").await.0, 410);
    // No session, a made-up one: 401.
    assert_eq!(Client::new(&base).get("/api/me").await.0, 401);
    let forged = Client {
        cookie: Some(format!("annotator_session={}", "ab".repeat(32))),
        ..Client::new(&base)
    };
    assert_eq!(forged.get("/api/me").await.0, 401);
    // The cookie: HttpOnly, SameSite=Strict, no Secure without TLS.
    let response = reqwest::Client::new()
        .post(format!("{base}/api/login"))
        .json(&json!({ "username": "ann1", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "{cookie}");
    // Logging out ends the session on every instance.
    let (status, _) = team.ann2.post("/api/logout", json!({})).await;
    assert_eq!(status, 204);
    assert_eq!(team.ann2.on(&other).get("/api/me").await.0, 401);
    // Ten failed logins for an account, then even the right password waits.
    let mut attacker = Client::new(&base);
    for _ in 0..10 {
        assert_eq!(attacker.login("ann1", "wrong password").await.0, 401);
    }
    let (status, body) = team.ann1.login("ann1", PASSWORD).await;
    assert_eq!(status, 429, "{body}");
    assert!(body["error"]
        .as_str()
        .unwrap()
        .contains("too many failed logins"));
    // Behind a trusted proxy the limit counts per forwarded address; an instance that does
    // not trust the header counts per connection (here every attempt is from 127.0.0.1).
    let proxied = server_with(&cluster, false, true).await;
    let attempt = |base: String, from: &'static str, user: String| async move {
        let response = reqwest::Client::new()
            .post(format!("{base}/api/login"))
            .header("x-forwarded-for", format!("10.0.0.1, {from}"))
            .json(&json!({ "username": user, "password": "wrong password" }))
            .send()
            .await
            .unwrap();
        response.status().as_u16()
    };
    for n in 0..10 {
        let status = attempt(proxied.clone(), "203.0.113.7", format!("nobody{n}")).await;
        assert_eq!(status, 401);
    }
    assert_eq!(
        attempt(proxied.clone(), "203.0.113.7", "someone".into()).await,
        429
    );
    assert_eq!(
        attempt(proxied.clone(), "198.51.100.9", "someone".into()).await,
        401
    );
    assert_eq!(
        attempt(base.clone(), "198.51.100.9", "someone".into()).await,
        429
    );
    // The app's pages carry the security headers.
    let page = reqwest::get(format!("{base}/")).await.unwrap();
    let csp = page.headers()["content-security-policy"].to_str().unwrap();
    assert!(
        csp.starts_with("default-src 'self'") && csp.ends_with("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(page.headers()["x-content-type-options"], "nosniff");
    assert!(page.headers().get("strict-transport-security").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_bodies_are_refused_and_nothing_is_stored() {
    let cluster = Cluster::start();
    let base = server(&cluster, false).await;
    let team = team(&cluster, &base).await;
    let (p, a1, ann1) = (team.project, team.articles[0], team.ann1.id);
    let path = format!("/api/projects/{p}/articles/{a1}/works/{ann1}");
    let ann = &team.ann1;
    let stored = || cluster.query("SELECT count(*), coalesce(string_agg(work, ''), '') FROM works");
    let before = stored();
    let push = |work: Value| json!({ "base_version": 0, "work": work });
    let mut span = work(ARTICLE_1, "s1", "Claim", 4, 9);
    let with = |change: &dyn Fn(&mut Value)| {
        let mut changed = span.clone();
        change(&mut changed);
        push(changed)
    };
    let bodies: Vec<(&str, Value, u16)> = vec![
        (
            "a label not in the schema",
            with(&|w| w["spans"][0]["label"] = json!("Claim'); DROP TABLE works; --")),
            422,
        ),
        (
            "huge offsets",
            with(&|w| {
                w["spans"][0]["start"] = json!(u64::MAX - 1);
                w["spans"][0]["end"] = json!(u64::MAX);
            }),
            422,
        ),
        (
            "a quote that is not the text",
            with(&|w| w["spans"][0]["text"] = json!("mayors")),
            422,
        ),
        (
            "an end past the text",
            with(&|w| w["spans"][0]["end"] = json!(9999)),
            422,
        ),
        (
            "an id with spaces",
            with(&|w| w["spans"][0]["id"] = json!("s 1")),
            422,
        ),
        (
            "a link the schema does not allow",
            with(&|w| {
                w["spans"].as_array_mut().unwrap().push(json!({ "id": "s2", "label": "Claim", "start": 47, "end": 54, "text": "Critics", "utf16_start": 47, "utf16_end": 54, "created": "2026-12-03T10:00:00Z", "modified": "2026-12-03T10:00:00Z" }));
                w["relations"] =
                    json!([{ "id": "r1", "kind": "said_by", "from": "s1", "to": "s2" }]);
            }),
            422,
        ),
        (
            "a negative offset",
            with(&|w| w["spans"][0]["start"] = json!(-1)),
            422,
        ),
        (
            "the wrong shape",
            json!({ "base_version": 0, "work": "spans" }),
            422,
        ),
    ];
    for (what, body, want) in bodies {
        let (status, answer) = ann.put(&path, body).await;
        assert_eq!(status, want, "{what}: {answer}");
        assert!(
            answer["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{what}: a message"
        );
    }
    let raw = |bytes: Vec<u8>| {
        ann.request(Method::PUT, &path)
            .header("content-type", "application/json")
            .body(bytes)
    };
    let (status, _) = ann
        .send(raw(b"{\"base_version\": 0, \"work\": ".to_vec()))
        .await;
    assert_eq!(status, 400, "malformed JSON");
    let mut invalid = serde_json::to_vec(&push(span.clone())).unwrap();
    let at = invalid
        .windows(9)
        .position(|w| w == b"\"note\":\"\"")
        .unwrap()
        + 8;
    invalid.splice(at..at, [0xff, 0xfe]);
    let (status, answer) = ann.send(raw(invalid)).await;
    assert_eq!(status, 400, "invalid UTF-8 in a note: {answer}");
    assert!(
        answer["error"].as_str().unwrap().contains("UTF-8"),
        "{answer}"
    );
    let (status, _) = ann.send(raw(b"{\"base_version\": 0, \"work\": {\"spans\": [], \"relations\": [], \"x\": \"\xff\xfe\"}}".to_vec())).await;
    assert_eq!(status, 400, "invalid UTF-8 anywhere");
    // Oversized: refused from its stated length, before the body is read.
    let head = format!(
        "PUT {path} HTTP/1.1\r\nhost: {}\r\ncookie: {}\r\nx-csrf-token: {}\r\n\
         content-type: application/json\r\ncontent-length: {}\r\n\r\n",
        base.trim_start_matches("http://"),
        ann.cookie.as_ref().unwrap(),
        ann.csrf.as_ref().unwrap(),
        9 * 1024 * 1024
    );
    let mut stream = tokio::net::TcpStream::connect(base.trim_start_matches("http://"))
        .await
        .unwrap();
    tokio::io::AsyncWriteExt::write_all(&mut stream, head.as_bytes())
        .await
        .unwrap();
    let mut answer = vec![0; 12];
    tokio::io::AsyncReadExt::read_exact(&mut stream, &mut answer)
        .await
        .unwrap();
    assert_eq!(&answer, b"HTTP/1.1 413", "oversized");
    let (status, _) = ann
        .send(ann.request(Method::PUT, &path).body("base_version=0"))
        .await;
    assert_eq!(status, 415, "not JSON");
    assert_eq!(before, stored(), "nothing was stored");
    // SQL metacharacters and a NUL in a note are text: stored and read back exactly.
    let note = "Robert'); DROP TABLE works; -- \u{0} \"quoted\" \\ 👩🏽‍🔬";
    span["spans"][0]["note"] = json!(note);
    let (status, answer) = ann.put(&path, push(span)).await;
    assert_eq!(status, 200, "{answer}");
    let (_, read) = ann.get(&path).await;
    assert_eq!(read["work"]["spans"][0]["note"], json!(note));
    // A dataset that is not one stores no project.
    let projects = count(&cluster, "projects");
    for text in [
        "{\"text\": ",
        "{\"title\": \"no text\"}\n",
        "\u{0}\u{1}binary",
    ] {
        let (status, answer) = (team.coordinator)
            .post("/api/projects", json!({ "name": "Bad", "overlap": 2, "dataset": { "name": "d.jsonl", "text": text } }))
            .await;
        assert_eq!(status, 422, "{text:?}: {answer}");
    }
    assert_eq!(projects, count(&cluster, "projects"));
}
