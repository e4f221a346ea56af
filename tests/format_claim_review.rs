//! ClaimReview: one per claim, with its source as the claim's author, traceable to
//! the span, and the reviewer's verdict left to fill in.

mod common;

use annotator::model::document::Document;
use annotator::model::formats::draft::Work;
use annotator::model::span::{Evidence, SpanId};
use annotator::model::text::ArticleText;
use annotator::state::{Action, Session};
use annotator_formats::claim_review;
use common::{assert_matches_file, at, rich_session, tag};
use serde_json::{json, Value};

fn export(session: &Session) -> Value {
    serde_json::from_str(&claim_review::export(&[session.work()])).expect("json")
}

fn review_of<'a>(json: &'a Value, span: &str) -> &'a Value {
    json["@graph"]
        .as_array()
        .expect("graph")
        .iter()
        .find(|review| review["itemReviewed"]["identifier"][0]["value"] == span)
        .expect("review of the span")
}

fn link(session: &mut Session, id: &str, from: &str, to: &str) {
    session.apply(Action::Link {
        id: id.to_owned(),
        from: SpanId::new(from),
        to: SpanId::new(to),
    });
}

fn set_kind(session: &mut Session, id: &str, kind: &str) {
    session.apply(Action::SetAttribute {
        id: SpanId::new(id),
        name: "kind".to_owned(),
        value: Some(kind.to_owned()),
        now: at("2026-11-24T10:05:00.000Z"),
    });
}

#[test]
fn claim_review_export_of_the_hard_text_matches_the_committed_fixture() {
    let session = rich_session();
    let file = claim_review::export(&[session.work()]);
    assert!(file.ends_with("}\n"));
    assert_matches_file(
        file.as_bytes(),
        "tests/fixtures/formats/hard-text.claimreview.jsonld",
    );
}

#[test]
fn the_export_reads_as_schema_org_in_a_json_ld_processor() {
    let session = rich_session();
    check_in_python(&claim_review::export(&[session.work()]), 3);
}

#[test]
fn a_verdict_is_the_rating_by_its_place_on_the_scale_and_unproven_has_no_number() {
    let mut session = rich_session();
    let claims: Vec<String> = (session.annotations.spans().iter())
        .filter(|span| span.label == "Claim")
        .map(|span| span.id.as_str().to_owned())
        .collect();
    let verdicts = ["Mostly true", "Pants on fire", "Unproven"];
    for (id, verdict) in claims.iter().zip(verdicts) {
        session.apply(Action::SetAttribute {
            id: SpanId::new(id),
            name: "verdict".to_owned(),
            value: Some(verdict.to_owned()),
            now: at("2026-11-24T10:05:00.000Z"),
        });
    }
    session.apply(Action::SetAttributes {
        id: SpanId::new(&claims[0]),
        set: vec![
            ("reviewed by".to_owned(), Some("Ana Ruiz".to_owned())),
            ("reviewed on".to_owned(), Some("2026-12-03".to_owned())),
        ],
        now: at("2026-12-03T10:05:00.000Z"),
    });
    let json = export(&session);
    let first = review_of(&json, &claims[0]);
    assert_eq!(first["datePublished"], "2026-12-03");
    assert_eq!(
        first["creator"],
        json!({"@type": "Person", "name": "Ana Ruiz"})
    );
    assert_eq!(review_of(&json, &claims[1])["datePublished"], "");
    assert!(review_of(&json, &claims[1]).get("creator").is_none());
    let rating = |id: &str| review_of(&json, id)["reviewRating"].clone();
    assert_eq!(
        rating(&claims[0]),
        json!({"@type": "Rating", "alternateName": "Mostly true", "ratingValue": 5, "bestRating": 6, "worstRating": 1})
    );
    assert_eq!(rating(&claims[1])["ratingValue"], 1);
    assert_eq!(
        rating(&claims[2]),
        json!({"@type": "Rating", "alternateName": "Unproven"})
    );
    check_in_python(&claim_review::export(&[session.work()]), 3);
}

/// Runs tests/python/check_claim_review.py on a ClaimReview file.
fn check_in_python(file: &str, reviews: usize) {
    let dir = std::env::temp_dir().join(format!("claim-review-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let path = dir.join(format!("reviews-{reviews}-{}.jsonld", file.len()));
    std::fs::write(&path, file).expect("written");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = std::process::Command::new("python3")
        .arg(root.join("tests/python/check_claim_review.py"))
        .arg(&path)
        .arg(reviews.to_string())
        .output()
        .expect("python3 runs (make setup-test installs pyld)");
    let said = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert_eq!(said.trim(), format!("ok: {reviews} ClaimReviews"));
}

#[test]
fn the_fact_checking_organisation_is_every_review_s_author() {
    let session = rich_session();
    let file = claim_review::export_for(&[session.work()], "Valmera Fact Desk");
    let json: Value = serde_json::from_str(&file).expect("json");
    for review in json["@graph"].as_array().expect("graph") {
        assert_eq!(
            review["author"],
            json!({"@type": "Organization", "name": "Valmera Fact Desk"})
        );
    }
    check_in_python(&file, 3);
}

#[test]
fn every_claim_gets_one_review_stub_in_document_order_and_nothing_else_does() {
    let session = rich_session();
    let json = export(&session);
    assert_eq!(json["@context"], "https://schema.org");
    let graph = json["@graph"].as_array().expect("graph");
    let claims: Vec<_> = session
        .annotations
        .spans()
        .iter()
        .filter(|span| span.label == "Claim")
        .collect();
    assert_eq!(graph.len(), claims.len());
    for (review, claim) in graph.iter().zip(&claims) {
        assert_eq!(review["@type"], "ClaimReview");
        assert_eq!(review["claimReviewed"], claim.text.as_str());
        assert_eq!(review["itemReviewed"]["@type"], "Claim");
        assert_eq!(
            review["itemReviewed"]["identifier"][0]["value"],
            claim.id.as_str()
        );
    }
}

#[test]
fn the_claim_points_back_at_its_span_by_id_and_code_point_offsets() {
    let session = rich_session();
    let json = export(&session);
    let text: Vec<char> = session.document.text.as_str().chars().collect();
    for review in json["@graph"].as_array().expect("graph") {
        let identifier = &review["itemReviewed"]["identifier"];
        let properties: Vec<&str> = identifier
            .as_array()
            .expect("identifier")
            .iter()
            .map(|property| property["propertyID"].as_str().expect("propertyID"))
            .collect();
        assert_eq!(
            properties,
            [
                "article-annotator:span",
                "article-annotator:article",
                "article-annotator:start",
                "article-annotator:end"
            ]
        );
        assert_eq!(identifier[1]["value"], "doc-hard");
        let start = identifier[2]["value"].as_u64().expect("start") as usize;
        let end = identifier[3]["value"].as_u64().expect("end") as usize;
        let quote: String = text[start..end].iter().collect();
        assert_eq!(review["claimReviewed"], quote.as_str());
    }
}

#[test]
fn a_claim_linked_to_a_person_names_them_as_the_claim_author() {
    let session = rich_session();
    let json = export(&session);
    let c2 = review_of(&json, "c2");
    assert_eq!(
        c2["itemReviewed"]["author"],
        json!({"@type": "Person", "name": "Minister Zoe\u{301} Ferna\u{301}ndez"})
    );
    assert_eq!(
        c2["itemReviewed"]["appearance"],
        json!({"@type": "CreativeWork", "url": "https://example.org/hard", "headline": "Hard text"})
    );
    // Claims without a linked source have no author to state.
    assert_eq!(review_of(&json, "c1")["itemReviewed"].get("author"), None);
}

#[test]
fn the_reviewer_fields_are_empty_stubs_to_fill_in() {
    let session = rich_session();
    let json = export(&session);
    let c1 = review_of(&json, "c1");
    assert_eq!(c1["url"], "");
    assert_eq!(c1["datePublished"], "");
    assert_eq!(c1["author"], json!({"@type": "Organization", "name": ""}));
    assert_eq!(
        c1["reviewRating"],
        json!({"@type": "Rating", "alternateName": ""})
    );
}

#[test]
fn the_author_type_follows_the_source_kind_and_the_first_link_wins() {
    let document = Document {
        layout: Default::default(),
        extra: Default::default(),
        id: "doc-kinds".to_owned(),
        title: "Kinds".to_owned(),
        source: Some("notes/kinds.txt".to_owned()),
        text: ArticleText::new(
            "The Agency said taxes fell. Ann said prices rose. Someone said rain.",
        ),
        annotator: None,
    };
    let mut session = Session::new(document, Default::default());
    tag(&mut session, "s-agency", "Source", "The Agency");
    tag(&mut session, "s-ann", "Source", "Ann");
    tag(&mut session, "s-someone", "Source", "Someone");
    tag(&mut session, "c-taxes", "Claim", "taxes fell");
    tag(&mut session, "c-prices", "Claim", "prices rose");
    tag(&mut session, "c-rain", "Claim", "rain");
    set_kind(&mut session, "s-agency", "organisation");
    set_kind(&mut session, "s-ann", "person");
    set_kind(&mut session, "s-someone", "anonymous");
    // Relations are taken in id order: "r1" before "r2" whatever the order of linking.
    link(&mut session, "r2", "c-taxes", "s-ann");
    link(&mut session, "r1", "c-taxes", "s-agency");
    link(&mut session, "r3", "c-prices", "s-ann");
    link(&mut session, "r4", "c-rain", "s-someone");
    let json = export(&session);
    let author = |span: &str| review_of(&json, span)["itemReviewed"]["author"].clone();
    assert_eq!(
        author("c-taxes"),
        json!({"@type": "Organization", "name": "The Agency"})
    );
    assert_eq!(
        author("c-prices"),
        json!({"@type": "Person", "name": "Ann"})
    );
    assert_eq!(
        author("c-rain"),
        json!({"@type": "Thing", "name": "Someone"})
    );
    // A file name is no web address: the appearance has only the headline.
    assert_eq!(
        review_of(&json, "c-rain")["itemReviewed"]["appearance"],
        json!({"@type": "CreativeWork", "headline": "Kinds"})
    );
}

#[test]
fn claim_review_export_is_deterministic_and_gathers_several_articles_in_one_graph() {
    let session = rich_session();
    let work = session.work();
    let once = claim_review::export(&[work, work]);
    assert_eq!(once, claim_review::export(&[work, work]));
    let json: Value = serde_json::from_str(&once).expect("json");
    assert_eq!(json["@graph"].as_array().expect("graph").len(), 6);
    let empty = Session::new((*session.document).clone(), Default::default());
    let none = claim_review::export(&[Work {
        annotations: &empty.annotations,
        ..work
    }]);
    assert_eq!(
        serde_json::from_str::<Value>(&none).expect("json"),
        json!({"@context": "https://schema.org", "@graph": []})
    );
}

#[test]
fn a_reviewed_claim_carries_its_summary_its_url_and_its_evidence_as_citations() {
    let mut session = rich_session();
    let now = at("2026-12-03T10:05:00.000Z");
    session.apply(Action::SetAttributes {
        id: SpanId::new("c2"),
        set: vec![
            ("verdict".to_owned(), Some("False".to_owned())),
            (
                "summary".to_owned(),
                Some("Emissions rose 3% in 2025.".to_owned()),
            ),
            (
                "review url".to_owned(),
                Some("https://checks.example/c2".to_owned()),
            ),
        ],
        now: now.clone(),
    });
    for evidence in [
        Evidence {
            url: "https://stats.example/2025".to_owned(),
            title: "Statistics office, 2025".to_owned(),
            passage: "Emissions rose 3 % — «لا»".to_owned(),
            note: "table 2".to_owned(),
        },
        Evidence {
            title: "Phone call with the ministry".to_owned(),
            ..Evidence::default()
        },
    ] {
        let id = SpanId::new("c2");
        session.apply(Action::AddEvidence {
            id,
            evidence,
            now: now.clone(),
        });
    }
    let json = export(&session);
    let review = review_of(&json, "c2");
    assert_eq!(review["url"], "https://checks.example/c2");
    assert_eq!(review["reviewBody"], "Emissions rose 3% in 2025.");
    assert_eq!(
        review["citation"],
        json!([
            {"@type": "CreativeWork", "url": "https://stats.example/2025", "name": "Statistics office, 2025",
             "text": "Emissions rose 3 % — «لا»", "description": "table 2"},
            {"@type": "CreativeWork", "name": "Phone call with the ministry"}
        ])
    );
    assert!(
        review_of(&json, "c1").get("citation").is_none(),
        "no evidence, no citation"
    );
    assert!(review_of(&json, "c1").get("reviewBody").is_none());
    check_in_python(&claim_review::export(&[session.work()]), 3);
}
