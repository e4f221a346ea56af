//! The worker's jobs, done by its `Desk` (the worker only carries letters to it): exports
//! equal the formats' own, reads keep their drafts for the review of another article and
//! for a new project, and every failure is an answer, never a panic.

mod common;

use annotator::model::formats::native;
use annotator::model::formats::Format;
use annotator_core::jobs::{reviewed, Answer, Job};
use annotator_formats::jobs::Desk;
use common::{at, rich_session};

fn doccano(lines: &[serde_json::Value]) -> Vec<u8> {
    let text: String = lines.iter().map(|line| format!("{line}\n")).collect();
    text.into_bytes()
}

#[test]
fn an_export_job_gives_the_formats_own_bytes_and_name() {
    let session = rich_session();
    let works = native::export_jsonl(&[session.work()]);
    for format in [
        Format::W3c,
        Format::Brat,
        Format::Conll,
        Format::ClaimReview,
    ] {
        let publisher = "Valmera Fact Desk".to_owned();
        let job = Job::Export {
            format,
            publisher: publisher.clone(),
        };
        let (answer, bytes) = Desk::default().work(job, vec![works.clone().into_bytes()]);
        let expected = annotator_formats::export_for(format, &[session.work()], &publisher);
        assert_eq!(
            answer,
            Answer::Exported {
                name: expected.name
            }
        );
        assert_eq!(bytes, vec![expected.bytes], "{format:?}");
    }
}

#[test]
fn a_read_reviews_the_first_article_and_keeps_the_rest_for_another_review_and_a_project() {
    let open = native::export_jsonl(&[rich_session().work()]);
    let file = doccano(&[
        serde_json::json!({"text": "The council met on Monday.", "label": [[4, 11, "Source"]]}),
        serde_json::json!({"text": "Leaks fell 34%.", "label": [[0, 15, "Tally"]]}),
    ]);
    let mut desk = Desk::default();
    let job = Job::Read {
        names: vec!["two.jsonl".to_owned()],
        open,
        now: at("2026-12-02T10:00:00.000Z"),
    };
    let (answer, bytes) = desk.work(job, vec![file]);
    let Answer::Read {
        format,
        articles,
        review,
    } = answer
    else {
        panic!("a read answers with its articles: {answer:?}");
    };
    assert_eq!(format, Format::DoccanoSequence);
    assert_eq!(articles, ["Article 1 (1 spans)", "Article 2 (1 spans)"]);
    // The reviewed work travels beside the answer, as native JSON bytes.
    let first = reviewed(review, &bytes).expect("the first article reviews");
    assert_eq!(
        first.imported.document.text.as_str(),
        "The council met on Monday."
    );
    assert_eq!(first.placed, 1);

    let job = Job::Review {
        chosen: 1,
        now: at("2026-12-02T10:00:00.000Z"),
    };
    let (Answer::Review(second), bytes) = desk.work(job, Vec::new()) else {
        panic!("the second article reviews");
    };
    let second = reviewed(second, &bytes).expect("the second article reviews");
    assert_eq!(second.added_labels, ["Tally"]);

    let job = Job::Project {
        names: Vec::new(),
        now: at("2026-12-02T10:00:00.000Z"),
    };
    let (
        Answer::Project {
            left_out,
            not_placed,
        },
        bytes,
    ) = desk.work(job, Vec::new())
    else {
        panic!("a project of the read articles");
    };
    assert_eq!((left_out, not_placed), (0, 0));
    let [articles] = &bytes[..] else {
        panic!("the articles travel beside, as one file");
    };
    let articles =
        native::parse_jsonl(std::str::from_utf8(articles).expect("UTF-8")).expect("native JSONL");
    assert_eq!(articles.len(), 2);
    // The schema grows from article to article: the last one's holds every label.
    let last = &articles[1].schema;
    assert!(last.get("Source").is_some() && last.get("Tally").is_some());
}

#[test]
fn unreadable_files_and_a_review_without_a_read_are_answers_with_a_reason() {
    let mut desk = Desk::default();
    let job = Job::Read {
        names: vec!["broken.json".to_owned()],
        open: native::export_jsonl(&[rich_session().work()]),
        now: at("2026-12-02T10:00:00.000Z"),
    };
    let (answer, _) = desk.work(job, vec![b"{\"text\": ".to_vec()]);
    assert!(
        matches!(&answer, Answer::Failed(why) if why.contains("broken.json")),
        "{answer:?}"
    );
    let job = Job::Review {
        chosen: 3,
        now: at("2026-12-02T10:00:00.000Z"),
    };
    let (answer, _) = desk.work(job, Vec::new());
    assert!(matches!(answer, Answer::Review(Err(_))));
    let job = Job::Export {
        format: Format::W3c,
        publisher: String::new(),
    };
    let oops = vec![b"{oops".to_vec()];
    assert!(matches!(desk.work(job, oops).0, Answer::Failed(_)));
}

#[test]
fn a_markdown_job_gives_the_text_without_markup_and_its_layout() {
    let job = Job::Markdown {
        name: "notes.md".to_owned(),
        text: "# Council notes\n\nThe mayor said the tram is **late**.\n".to_owned(),
    };
    let (Answer::Markdown { text, layout }, _) = Desk::default().work(job, Vec::new()) else {
        panic!("Markdown answers with text");
    };
    assert_eq!(text, "Council notes\n\nThe mayor said the tram is late.");
    assert_eq!(layout.len(), 1, "the heading: {layout:?}");
}

#[test]
fn a_review_crosses_as_json_and_reads_back_the_same() {
    let open = native::export_jsonl(&[rich_session().work()]);
    let file =
        doccano(&[serde_json::json!({"text": "Leaks fell 34% 🌍.", "label": [[0, 14, "Claim"]]})]);
    let job = Job::Read {
        names: vec!["one.jsonl".to_owned()],
        open,
        now: at("2026-12-02T10:00:00.000Z"),
    };
    let (answer, _) = Desk::default().work(job, vec![file]);
    let json = serde_json::to_string(&answer).expect("answers serialise");
    let back: Answer = serde_json::from_str(&json).expect("and read back");
    assert_eq!(back, answer);
}

#[test]
fn the_warm_up_reviews_its_hundred_spans_as_a_users_import_would() {
    let (job, files) = annotator_formats::jobs::warm_up_job();
    let (Answer::Read { review, .. }, bytes) = Desk::default().work(job, files) else {
        panic!("the warm-up is a read");
    };
    let review = reviewed(review, &bytes).expect("the warm-up reviews");
    assert_eq!((review.placed, review.orphans.len()), (100, 0));
    assert!(review.problems.is_empty(), "{:?}", review.problems);
}

/// The fixture article as native JSONL, with `change` made to its JSON first.
fn version(change: impl Fn(&mut serde_json::Value)) -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/native-v1.json");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("JSON");
    change(&mut json);
    let imported = native::parse(&json.to_string()).expect("native");
    native::export_jsonl(&[imported.work()]).into_bytes()
}

#[test]
fn an_agreement_job_compares_files_or_a_zip_of_folders_and_writes_the_report() {
    let ana = version(|_| {});
    let ben = version(|json| {
        json["spans"].as_array_mut().expect("spans").remove(0);
    });
    let job = |names: &[&str]| Job::Agreement {
        names: names.iter().map(|name| name.to_string()).collect(),
        now: at("2026-12-03T10:00:00.000Z"),
    };
    // One file per annotator, named after it.
    let (answer, bytes) = Desk::default().work(
        job(&["ana.annotations.jsonl", "ben.annotations.jsonl"]),
        vec![ana.clone(), ben.clone()],
    );
    let Answer::Agreement(agreement) = answer else {
        panic!("{answer:?}");
    };
    assert_eq!(
        agreement.summary,
        "2 annotators (ana, ben) · 1 article compared"
    );
    // 5 and 4 spans, 4 the same: 8/9.
    let pairs = &agreement.tables[1];
    assert_eq!(
        pairs.rows[0][..2],
        ["ana · ben".to_owned(), "0.889".to_owned()]
    );
    assert_eq!(bytes.len(), 2, "the report's JSON and CSV beside");
    assert!(String::from_utf8_lossy(&bytes[1])
        .starts_with("scope,label,pair,article,measure,value,sd\n"));
    let json: serde_json::Value = serde_json::from_slice(&bytes[0]).expect("JSON");
    assert_eq!(json["annotators"][1], "ben");
    assert_eq!(json["pairs"][0]["exact_f1"], 8.0 / 9.0);

    // A zip with a folder per annotator: the same study.
    let zip = annotator_formats::zip::write(&[
        (
            "study/ana/article.annotations.jsonl".replace("study/", ""),
            ana,
        ),
        ("ben/article.annotations.jsonl".to_owned(), ben),
    ]);
    let (answer, _) = Desk::default().work(job(&["study.zip"]), vec![zip]);
    let Answer::Agreement(zipped) = answer else {
        panic!("{answer:?}");
    };
    assert_eq!(zipped, agreement);

    // One annotator is not a comparison.
    let (answer, _) = Desk::default().work(job(&["ana.annotations.jsonl"]), vec![version(|_| {})]);
    assert!(
        matches!(&answer, Answer::Failed(why) if why.contains("two or more annotators")),
        "{answer:?}"
    );
}

#[test]
fn an_annotator_named_in_the_files_is_named_so_in_the_report() {
    let ana = version(|json| json["document"]["annotator"] = "Ana López".into());
    let ben = version(|_| {});
    let job = Job::Agreement {
        names: vec![
            "export-1.annotations.jsonl".to_owned(),
            "ben.annotations.jsonl".to_owned(),
        ],
        now: at("2026-12-03T10:00:00.000Z"),
    };
    let (answer, _) = Desk::default().work(job, vec![ana, ben]);
    let Answer::Agreement(agreement) = answer else {
        panic!("{answer:?}");
    };
    assert_eq!(
        agreement.summary,
        "2 annotators (Ana López, ben) · 1 article compared"
    );
}

#[test]
fn a_gold_job_makes_the_last_comparisons_articles_pre_merged_with_their_versions() {
    use annotator::model::curation::{Curation, Outcome};
    let ana = version(|_| {});
    let ben = version(|json| {
        json["spans"].as_array_mut().expect("spans").remove(0);
    });
    let cleo = version(|_| {});
    let now = at("2026-12-03T10:00:00.000Z");
    let mut desk = Desk::default();
    let gold = Job::Gold {
        threshold: 3,
        adjudicator: Some("dana".into()),
        now: now.clone(),
    };
    // Nothing compared yet: nothing to make.
    let (answer, _) = desk.work(gold.clone(), Vec::new());
    assert!(matches!(answer, Answer::Failed(ref why) if why.contains("compare the files again")));
    let names = [
        "ana.annotations.jsonl",
        "ben.annotations.jsonl",
        "cleo.annotations.jsonl",
    ];
    let job = Job::Agreement {
        names: names.iter().map(|name| name.to_string()).collect(),
        now,
    };
    desk.work(job, vec![ana, ben, cleo]);
    let (answer, bytes) = desk.work(gold, Vec::new());
    assert_eq!(
        answer,
        Answer::Project {
            left_out: 0,
            not_placed: 0
        }
    );
    let articles =
        native::parse_jsonl(std::str::from_utf8(&bytes[0]).expect("UTF-8")).expect("native JSONL");
    let curations: Vec<Curation> = (std::str::from_utf8(&bytes[1]).expect("UTF-8").lines())
        .map(|line| serde_json::from_str(line).expect("a curation"))
        .collect();
    assert_eq!((articles.len(), curations.len()), (1, 1));
    let counts: Vec<usize> = serde_json::from_slice(&bytes[2]).expect("a JSON array");
    assert_eq!(counts, [curations[0].clusters().len()]);
    let (gold, curation) = (&articles[0], &curations[0]);
    assert_eq!(gold.document.annotator.as_deref(), Some("dana"));
    assert_eq!(curation.annotators, ["ana", "ben", "cleo"]);
    assert_eq!(curation.versions.iter().flatten().count(), 3);
    // All three marked 4 spans alike; ben left out the first: with 3 of 3 needed, the
    // gold has the 4, and every cluster but the first is decided.
    assert_eq!(gold.annotations.len(), 4);
    let clusters = curation.clusters();
    let decided = (gold.annotations.decisions().iter())
        .filter(|decision| decision.outcome == Outcome::Merged)
        .count();
    assert_eq!(decided, clusters.len() - 1);
}
