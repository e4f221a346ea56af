//! Brings several annotators' versions of the same articles together, for the report.
//! An article is the same when its text is (by SHA-256), whatever its id or title. A
//! version with an article's id but another text is not compared: it is listed as
//! unmatched with the reason (re-anchoring it is left to the import review).

use super::report::{Article, Attribute, Coded, Relation};
use super::spans::Span;
use crate::model::formats::draft::Work;
use crate::model::span::Span as ModelSpan;
pub use annotator_core::agreement::Unmatched;

/// The study the report measures.
#[derive(Clone, Debug)]
pub struct Gathered {
    /// Every label met, in the order the schemas give them.
    pub labels: Vec<String>,
    /// In the order first met; `coded[i]` is annotator `i`'s version.
    pub articles: Vec<Article>,
    pub unmatched: Vec<Unmatched>,
}

fn agreement_span(span: &ModelSpan) -> Span {
    Span {
        label: span.label.clone(),
        start: span.range.start.0,
        end: span.range.end.0,
    }
}

/// What agreement reads of one version: its spans, links and attribute values.
fn coded(work: &Work) -> Coded {
    let annotations = work.annotations;
    let relations = (annotations.relations().iter())
        .filter_map(|relation| {
            Some(Relation {
                from: agreement_span(annotations.get(&relation.from)?),
                to: agreement_span(annotations.get(&relation.to)?),
                kind: relation.kind.clone(),
            })
        })
        .collect();
    let spans = annotations.spans();
    let attributes = (spans.iter())
        .flat_map(|span| {
            (span.attributes.iter()).map(move |(name, value)| Attribute {
                span: agreement_span(span),
                name: name.clone(),
                value: value.clone(),
            })
        })
        .collect();
    Coded {
        spans: spans.iter().map(|span| agreement_span(span)).collect(),
        relations,
        attributes,
    }
}

/// `versions[i]` are annotator `annotators[i]`'s works.
pub fn gather(annotators: &[String], versions: &[Vec<Work>]) -> Gathered {
    let mut labels: Vec<String> = Vec::new();
    let mut articles: Vec<Article> = Vec::new();
    // Each article's text hash and id, beside it.
    let mut keys: Vec<(String, String)> = Vec::new();
    let mut unmatched = Vec::new();
    for (annotator, works) in versions.iter().enumerate() {
        for work in works {
            for label in work.schema.labels() {
                if !labels.contains(&label.name) {
                    labels.push(label.name.clone());
                }
            }
            let document = work.document;
            let hash = document.text.sha256_hex();
            let mut leave = |reason: String| {
                unmatched.push(Unmatched {
                    annotator: annotators[annotator].clone(),
                    title: document.title.clone(),
                    reason,
                })
            };
            let at = match keys.iter().position(|(h, _)| *h == hash) {
                Some(at) => at,
                None => {
                    if let Some(other) = keys.iter().position(|(_, id)| *id == document.id) {
                        let first = (articles[other].coded.iter().position(Option::is_some))
                            .map_or(String::new(), |first| annotators[first].clone());
                        leave(format!(
                            "its text differs from {first}'s version of the same article (id {})",
                            document.id
                        ));
                        continue;
                    }
                    keys.push((hash, document.id.clone()));
                    articles.push(Article {
                        id: document.id.clone(),
                        title: document.title.clone(),
                        text: document.text.as_str().to_owned(),
                        coded: vec![None; annotators.len()],
                    });
                    articles.len() - 1
                }
            };
            match &articles[at].coded[annotator] {
                Some(_) => leave(
                    "the same annotator gave this article twice; the first is compared".to_owned(),
                ),
                None => articles[at].coded[annotator] = Some(coded(work)),
            }
        }
    }
    Gathered {
        labels,
        articles,
        unmatched,
    }
}
