//! Every record the server stores is checked with the core crate the app uses: a work's
//! spans against the article's text (offsets in range, quotes equal to the text), its labels
//! and links against the project's schema, and sizes within limits. A refusal lists every
//! problem; nothing is stored.

use annotator_core::model::document::Extra;
use annotator_core::model::formats::native::{
    self, DocumentRecord, FormatName, Imported, LabelRecord, LinkRuleRecord, NativeExport,
    OffsetUnit, ParseError,
};
use annotator_core::model::project::StoredWork;
use annotator_core::model::schema::Schema;

/// The most spans one work may hold.
pub const MAX_SPANS: usize = 20_000;
/// The most articles one dataset may bring.
pub const MAX_ARTICLES: usize = 10_000;

/// An article as the server keeps it.
pub struct ArticleRow {
    pub doc_id: String,
    pub title: String,
    pub source: Option<String>,
    pub text: String,
}

/// The schema a project's label and link records define, or every problem it has.
pub fn schema(labels: &[LabelRecord], links: &[LinkRuleRecord]) -> Result<Schema, Vec<String>> {
    let mut problems = Vec::new();
    let schema = native::schema_from(labels, links, &mut problems);
    problems.extend(schema.problems());
    if labels.is_empty() {
        problems.push("the schema needs at least one label".to_owned());
    }
    match problems.is_empty() {
        true => Ok(schema),
        false => Err(problems),
    }
}

/// Checks a work against its article and the project's schema; gives it as the app's model.
pub fn work(
    article: &ArticleRow,
    labels: &[LabelRecord],
    links: &[LinkRuleRecord],
    work: &StoredWork,
) -> Result<Imported, Vec<String>> {
    if work.spans.len() > MAX_SPANS {
        return Err(vec![format!(
            "{} spans are more than the {MAX_SPANS} one article may hold",
            work.spans.len()
        )]);
    }
    let file = NativeExport {
        format: FormatName::ArticleAnnotator,
        format_version: 1,
        app_version: String::new(),
        offset_unit: OffsetUnit::Codepoint,
        document: DocumentRecord {
            id: article.doc_id.clone(),
            title: article.title.clone(),
            source: article.source.clone(),
            text: article.text.clone(),
            text_sha256: String::new(),
            length: 0,
            utf16_length: 0,
            extra: Extra::default(),
            layout: Vec::new(),
            annotator: None,
        },
        labels: labels.to_vec(),
        links: links.to_vec(),
        spans: work.spans.clone(),
        relations: work.relations.clone(),
        decisions: work.decisions.clone(),
        rejected_suggestions: work.rejected.clone(),
    };
    let imported = native::check(file).map_err(|error| match error {
        ParseError::Invalid(problems) => problems,
        error => vec![error.to_string()],
    })?;
    // Links the schema allows: a relation's kind and its ends' labels must match a rule.
    let label_of = |id: &str| {
        (work.spans.iter())
            .find(|span| span.id == id)
            .map(|span| span.label.as_str())
    };
    let problems: Vec<String> = (work.relations.iter())
        .filter_map(|relation| {
            let (from, to) = (label_of(&relation.from)?, label_of(&relation.to)?);
            let allowed = (imported.schema.links().iter())
                .any(|rule| rule.from == from && rule.to == to && rule.kind == relation.kind);
            (!allowed).then(|| {
                format!(
                    "relation {}: the schema has no “{}” link from {from} to {to}",
                    relation.id, relation.kind
                )
            })
        })
        .collect();
    match problems.is_empty() {
        true => Ok(imported),
        false => Err(problems),
    }
}
