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

use crate::model::formats::draft::Work;

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
