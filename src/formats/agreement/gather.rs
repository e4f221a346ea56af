//! Brings several annotators' versions of the same articles together, for the report and
//! for adjudication. An article is the same when its text is (by SHA-256), whatever its id
//! or title; a version with an article's id but another text is **re-anchored** onto the
//! first version's text (each span found again by its quote and context, `anchor`), or
//! listed as unmatched with the reason when a span cannot be found.

use super::report::{Article, Attribute, Coded, Relation};
use super::spans::Span;
use crate::anchor::{Anchorer, Found, Selector};
use crate::model::curation::Curation;
use crate::model::document::Document;
use crate::model::formats::draft::Work;
use crate::model::formats::native::SpanRecord;
use crate::model::offsets::CharRange;
use crate::model::project::StoredWork;
use crate::model::schema::Schema;
use crate::model::schema_builder;
use crate::model::text::ArticleText;
pub use annotator_core::agreement::Unmatched;
use std::collections::BTreeMap;

/// Context compared on each side of a quote when re-anchoring.
const CONTEXT_CHARS: usize = 32;

/// The study the report measures, and what adjudication starts from.
#[derive(Clone, Debug, Default)]
pub struct Gathered {
    /// Every label met, in the order the schemas give them.
    pub labels: Vec<String>,
    /// The first schema met, with every other label met added.
    pub schema: Schema,
    /// In the order first met; `coded[i]` is annotator `i`'s version.
    pub articles: Vec<Article>,
    /// `documents[i]` is `articles[i]`'s document (as its first version has it).
    pub documents: Vec<Document>,
    /// `versions[i][a]` is annotator `a`'s work on `articles[i]`, on its text.
    pub versions: Vec<Vec<Option<Version>>>,
    /// Versions left out, and why.
    pub unmatched: Vec<Unmatched>,
    /// Versions whose text differed, placed on the article's text: what became of them.
    pub reanchored: Vec<Unmatched>,
}

/// An annotator's version of an article: one of their works as it is (its index among
/// theirs), or placed on the article's text (its text differed).
#[derive(Clone, Debug)]
pub enum Version {
    Own(usize),
    Placed(StoredWork),
}

impl Gathered {
    /// Article `at` as a gold article's versions, pre-merged at `threshold`; `works` are
    /// what was gathered (`works[a]` annotator `a`'s).
    pub fn curation(
        &self,
        annotators: &[String],
        works: &[Vec<Work>],
        at: usize,
        threshold: usize,
    ) -> Curation {
        let versions = (self.versions[at].iter().enumerate())
            .map(|(annotator, version)| match version.as_ref()? {
                Version::Own(index) => {
                    let work = &works[annotator][*index];
                    Some(StoredWork::of(&work.document.text, work.annotations))
                }
                Version::Placed(stored) => Some(stored.clone()),
            })
            .collect();
        Curation {
            annotators: annotators.to_vec(),
            threshold,
            versions,
        }
    }
}

fn agreement_span(record: &SpanRecord) -> Span {
    Span {
        label: record.label.clone(),
        start: record.start,
        end: record.end,
    }
}

/// What agreement reads of one work: its spans, links and attribute values.
fn coded_work(work: &Work) -> Coded {
    let annotations = work.annotations;
    let span = |span: &crate::model::span::Span| Span {
        label: span.label.clone(),
        start: span.range.start.0,
        end: span.range.end.0,
    };
    let relations = (annotations.relations().iter())
        .filter_map(|relation| {
            Some(Relation {
                from: span(annotations.get(&relation.from)?),
                to: span(annotations.get(&relation.to)?),
                kind: relation.kind.clone(),
            })
        })
        .collect();
    let spans = annotations.spans();
    let attributes = (spans.iter())
        .flat_map(|one| {
            (one.attributes.iter()).map(move |(name, value)| Attribute {
                span: span(one),
                name: name.clone(),
                value: value.clone(),
            })
        })
        .collect();
    Coded {
        spans: spans.iter().map(|one| span(one)).collect(),
        relations,
        attributes,
    }
}

/// What agreement reads of a version placed on another text: the same as `coded_work`.
pub fn coded(work: &StoredWork) -> Coded {
    let by_id: BTreeMap<&str, &SpanRecord> = (work.spans.iter())
        .map(|span| (span.id.as_str(), span))
        .collect();
    let relations = (work.relations.iter())
        .filter_map(|relation| {
            Some(Relation {
                from: agreement_span(by_id.get(relation.from.as_str())?),
                to: agreement_span(by_id.get(relation.to.as_str())?),
                kind: relation.kind.clone(),
            })
        })
        .collect();
    let attributes = (work.spans.iter())
        .flat_map(|span| {
            (span.attributes.iter()).map(move |(name, value)| Attribute {
                span: agreement_span(span),
                name: name.clone(),
                value: value.clone(),
            })
        })
        .collect();
    Coded {
        spans: work.spans.iter().map(agreement_span).collect(),
        relations,
        attributes,
    }
}

/// `work`'s spans placed on `target` (another text of the same article): each found again
/// by its quote, the text around it and its old place. How many moved and changed, or how
/// many could not be found.
fn reanchor(work: &Work, target: &ArticleText) -> Result<(StoredWork, usize, usize), usize> {
    let own = &work.document.text;
    let anchorer = Anchorer::new(target);
    let mut stored = StoredWork::of(own, work.annotations);
    let (mut moved, mut changed, mut lost) = (0, 0, 0);
    for record in &mut stored.spans {
        let before = own
            .slice(CharRange::new(
                record.start.saturating_sub(CONTEXT_CHARS),
                record.start,
            ))
            .unwrap_or_default();
        let end = (record.end + CONTEXT_CHARS).min(own.len_chars());
        let after = own
            .slice(CharRange::new(record.end, end))
            .unwrap_or_default();
        let selector = Selector {
            quote: &record.text,
            prefix: before,
            suffix: after,
            hint: Some(CharRange::new(record.start, record.end)),
        };
        match anchorer.find(&selector) {
            Some((range, found)) => {
                match found {
                    Found::InPlace => {}
                    Found::Moved => moved += 1,
                    Found::Fuzzy { .. } => changed += 1,
                }
                record.start = range.start.0;
                record.end = range.end.0;
                record.text = target.slice(range).unwrap_or_default().to_owned();
                record.utf16_start = target.to_utf16(range.start).0;
                record.utf16_end = target.to_utf16(range.end).0;
            }
            None => lost += 1,
        }
    }
    // Back in document order (start, longer first, label, id), as every version is.
    stored.spans.sort_by(|a, b| {
        (a.start, std::cmp::Reverse(a.end), &a.label, &a.id).cmp(&(
            b.start,
            std::cmp::Reverse(b.end),
            &b.label,
            &b.id,
        ))
    });
    match lost {
        0 => Ok((stored, moved, changed)),
        lost => Err(lost),
    }
}

/// `versions[i]` are annotator `annotators[i]`'s works.
pub fn gather(annotators: &[String], versions: &[Vec<Work>]) -> Gathered {
    let mut gathered = Gathered::default();
    // Each article's text hash and id, beside it.
    let mut keys: Vec<(String, String)> = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    for (annotator, works) in versions.iter().enumerate() {
        for (index, work) in works.iter().enumerate() {
            if gathered.documents.is_empty() && gathered.labels.is_empty() {
                gathered.schema = work.schema.clone();
            }
            for label in work.schema.labels() {
                if !gathered.labels.contains(&label.name) {
                    gathered.labels.push(label.name.clone());
                    if gathered.schema.get(&label.name).is_none() {
                        missing.push(label.name.clone());
                    }
                }
            }
            let document = work.document;
            let hash = document.text.sha256_hex();
            let who = &annotators[annotator];
            let note = |reason: String| Unmatched {
                annotator: who.clone(),
                title: document.title.clone(),
                reason,
            };
            let (at, version) = match keys.iter().position(|(h, _)| *h == hash) {
                Some(at) => (at, Version::Own(index)),
                None => match keys.iter().position(|(_, id)| *id == document.id) {
                    // The same article with another text: placed on the first one's.
                    Some(at) => {
                        let first = (gathered.versions[at].iter().position(Option::is_some))
                            .map_or(String::new(), |first| annotators[first].clone());
                        match reanchor(work, &gathered.documents[at].text) {
                            Ok((stored, moved, changed)) => {
                                gathered.reanchored.push(note(format!(
                                    "its text differs from {first}'s (id {}); its {} spans \
                                     were placed on {first}'s text ({moved} moved, {changed} \
                                     found with small differences)",
                                    document.id,
                                    stored.spans.len()
                                )));
                                (at, Version::Placed(stored))
                            }
                            Err(lost) => {
                                gathered.unmatched.push(note(format!(
                                    "its text differs from {first}'s version of the same \
                                     article (id {}) and {lost} of its spans are not in \
                                     {first}'s text",
                                    document.id
                                )));
                                continue;
                            }
                        }
                    }
                    None => {
                        keys.push((hash, document.id.clone()));
                        gathered.articles.push(Article {
                            id: document.id.clone(),
                            title: document.title.clone(),
                            text: document.text.as_str().to_owned(),
                            coded: vec![None; annotators.len()],
                        });
                        gathered.documents.push(document.clone());
                        gathered.versions.push(vec![None; annotators.len()]);
                        (gathered.articles.len() - 1, Version::Own(index))
                    }
                },
            };
            if gathered.versions[at][annotator].is_some() {
                gathered.unmatched.push(note(
                    "the same annotator gave this article twice; the first is compared".to_owned(),
                ));
                continue;
            }
            gathered.articles[at].coded[annotator] = Some(match &version {
                Version::Own(_) => coded_work(work),
                Version::Placed(stored) => coded(stored),
            });
            gathered.versions[at][annotator] = Some(version);
        }
    }
    let missing: Vec<&str> = missing.iter().map(String::as_str).collect();
    gathered.schema = schema_builder::with_labels(&gathered.schema, &missing).0;
    gathered
}
