//! CSV export (RFC 4180): one row per span, in document order, for spreadsheets and
//! pandas.
//!
//! Columns: `article_id, span_id, label, start_codepoint, end_codepoint, text, note,
//! attributes, linked_source_id, linked_source, link_kind`. The offsets are Unicode code
//! points, half-open, so `article_text[start_codepoint:end_codepoint] == text` in Python;
//! the unit is in the column names because a CSV has no other place for it, and a reader
//! in JavaScript or a spreadsheet (which count UTF-16 units) must not take them for its own.
//! `attributes` is `name=value; name=value` (sorted by name); the three link columns
//! list the span's outgoing links (target id, target text, kind), several joined with
//! " | " in the order of the links. Lines end in CRLF; a field is quoted when it holds a
//! comma, a quote, CR or LF, with quotes doubled. The article text itself is not in the
//! file: export it beside (native JSON or brat `.txt`).
//!
//! The claims CSV (`export_claims`) is for a fact-checking desk's spreadsheet: one row per
//! span labelled "Claim", articles in order, claims in document order, with the same CSV
//! rules. Columns: `article_id, article_title, article_url, claim_id, start_codepoint,
//! end_codepoint, claim, verdict, rating_value, best_rating, worst_rating, reviewed_by,
//! reviewed_on, source, source_kind, note, summary, review_url, evidence`. `verdict` is the claim's "verdict" attribute;
//! the three rating columns are its place on the schema's scale as ClaimReview gives it
//! (empty when it has none, or is off the scale: Unproven); `reviewed_by` and `reviewed_on`
//! are who gave the verdict and the day (set with it); `source` is the claim's first linked
//! span's text and `source_kind` that span's "kind" attribute; `summary` and `review_url`
//! are the claim's review fields; `evidence` lists its evidence, one item per line as
//! `title <url> “passage” (note)` with what is given. A split claim's `claim` is its
//! pieces joined by " … ", its offsets from the first piece's start to the last's end.

use crate::model::formats::draft::Work;
use crate::model::schema::{rating, REVIEWED_BY, REVIEWED_ON, REVIEW_URL, SUMMARY, VERDICT};
use crate::model::span::Evidence;

const HEADER: [&str; 11] = [
    "article_id",
    "span_id",
    "label",
    "start_codepoint",
    "end_codepoint",
    "text",
    "note",
    "attributes",
    "linked_source_id",
    "linked_source",
    "link_kind",
];

/// The spans of `works` as a CSV table with a header row.
pub fn export(works: &[Work]) -> String {
    let mut out = String::new();
    push_row(&mut out, HEADER.iter().map(|field| (*field).to_owned()));
    for work in works {
        let annotations = work.annotations;
        for span in annotations.spans() {
            let attributes: Vec<String> = span
                .attributes
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect();
            let (mut ids, mut texts, mut kinds) = (Vec::new(), Vec::new(), Vec::new());
            for relation in annotations
                .relations()
                .iter()
                .filter(|relation| relation.from == span.id)
            {
                ids.push(relation.to.as_str());
                texts.push(
                    annotations
                        .get(&relation.to)
                        .map_or("", |target| target.text.as_str()),
                );
                kinds.push(relation.kind.as_str());
            }
            push_row(
                &mut out,
                [
                    work.document.id.clone(),
                    span.id.as_str().to_owned(),
                    span.label.clone(),
                    span.range.start.0.to_string(),
                    span.range.end.0.to_string(),
                    span.text.clone(),
                    span.note.clone(),
                    attributes.join("; "),
                    ids.join(" | "),
                    texts.join(" | "),
                    kinds.join(" | "),
                ]
                .into_iter(),
            );
        }
    }
    out
}

const CLAIMS_HEADER: [&str; 19] = [
    "article_id",
    "article_title",
    "article_url",
    "claim_id",
    "start_codepoint",
    "end_codepoint",
    "claim",
    "verdict",
    "rating_value",
    "best_rating",
    "worst_rating",
    "reviewed_by",
    "reviewed_on",
    "source",
    "source_kind",
    "note",
    "summary",
    "review_url",
    "evidence",
];

/// The claims of `works`, with their verdicts, as a CSV table with a header row.
pub fn export_claims(works: &[Work]) -> String {
    let mut out = String::new();
    push_row(
        &mut out,
        CLAIMS_HEADER.iter().map(|field| (*field).to_owned()),
    );
    for work in works {
        let (document, annotations) = (work.document, work.annotations);
        let scale = (work.schema.get("Claim"))
            .and_then(|label| label.attribute(VERDICT))
            .map_or(&[][..], |verdicts| verdicts.values.as_slice());
        for claim in (annotations.spans().iter()).filter(|span| span.label == "Claim") {
            let source = (annotations.relations().iter())
                .find(|relation| relation.from == claim.id)
                .and_then(|relation| annotations.get(&relation.to));
            let attribute = |name: &str| claim.attributes.get(name).cloned().unwrap_or_default();
            let verdict = attribute(VERDICT);
            let rated = rating(scale, &verdict);
            let number = |value: Option<usize>| value.map_or(String::new(), |n| n.to_string());
            push_row(
                &mut out,
                [
                    document.id.clone(),
                    document.title.clone(),
                    document.source.clone().unwrap_or_default(),
                    claim.id.as_str().to_owned(),
                    claim.range.start.0.to_string(),
                    claim.range.end.0.to_string(),
                    claim.text.clone(),
                    verdict,
                    number(rated.map(|(value, _)| value)),
                    number(rated.map(|(_, best)| best)),
                    number(rated.map(|_| 1)),
                    attribute(REVIEWED_BY),
                    attribute(REVIEWED_ON),
                    source.map_or(String::new(), |source| source.text.clone()),
                    (source.and_then(|source| source.attributes.get("kind")))
                        .cloned()
                        .unwrap_or_default(),
                    claim.note.clone(),
                    attribute(SUMMARY),
                    attribute(REVIEW_URL),
                    evidence_cell(&claim.evidence),
                ]
                .into_iter(),
            );
        }
    }
    out
}

/// A claim's evidence in one cell: an item per line, "title <url> “passage” (note)"
/// with what is given.
fn evidence_cell(evidence: &[Evidence]) -> String {
    let item = |evidence: &Evidence| {
        let mut parts = Vec::new();
        if !evidence.title.is_empty() {
            parts.push(evidence.title.clone());
        }
        if !evidence.url.is_empty() {
            parts.push(format!("<{}>", evidence.url));
        }
        if !evidence.passage.is_empty() {
            parts.push(format!("“{}”", evidence.passage));
        }
        if !evidence.note.is_empty() {
            parts.push(format!("({})", evidence.note));
        }
        parts.join(" ")
    };
    evidence.iter().map(item).collect::<Vec<_>>().join("\n")
}

fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (index, field) in fields.enumerate() {
        if index > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}
