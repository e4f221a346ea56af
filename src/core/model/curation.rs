//! Adjudication: several annotators' versions of one article made into one gold version.
//!
//! A gold article keeps every annotator's version (`Curation`, fixed once made). Their
//! spans are grouped into **clusters**: spans of any label that overlap, chained (a span
//! overlapping either of two others joins them). A cluster where every annotator marked
//! exactly the same spans is agreed; any other is a disagreement, which the curator
//! **decides**: they take one annotator's version, take nothing, or edit the gold and mark
//! it decided. Each decision is a [`Decision`] in the gold's annotations (so it is undone,
//! saved and exported with the spans it adopted); pre-merging decides, without anyone,
//! every cluster whose spans at least `threshold` annotators marked alike.

use super::annotations::Annotations;
use super::formats::native::{span_of, RelationRecord, SpanRecord};
use super::history::Edit;
use super::offsets::CharRange;
use super::project::StoredWork;
use super::span::{Relation, Span, SpanId, Timestamp};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Every annotator's version of a gold article, as gathered (fixed once made).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Curation {
    pub annotators: Vec<String>,
    /// Pre-merged: what at least this many annotators marked alike went in the gold.
    pub threshold: usize,
    /// `versions[i]` is annotator `i`'s work (`None`: they did not have this article),
    /// on the gold article's text.
    pub versions: Vec<Option<StoredWork>>,
}

/// A gold article's annotators' versions and their clusters (see `curation`), for the
/// article stored under `key` (what the app shows while it is open).
#[derive(Clone, Debug, PartialEq)]
pub struct Curating {
    pub key: String,
    pub curation: Curation,
    pub clusters: Vec<Cluster>,
}

impl Curating {
    pub fn new(key: String, curation: Curation) -> Self {
        let clusters = curation.clusters();
        Curating {
            key,
            curation,
            clusters,
        }
    }
}

/// How a span is compared across versions: its label and place.
pub type Key = (String, usize, usize);

fn key_of(span: &SpanRecord) -> Key {
    (span.label.clone(), span.start, span.end)
}

/// How far the annotators agree in a cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Every annotator who has the article marked exactly these spans.
    All,
    /// The largest group of annotators marking alike has `agree` of them (two or more).
    Some { agree: usize },
    /// No two annotators marked it alike.
    One,
}

impl Level {
    /// Its name, as the view and the class names say it.
    pub fn name(self) -> &'static str {
        match self {
            Level::All => "all",
            Level::Some { .. } => "some",
            Level::One => "one",
        }
    }
}

/// Overlapping spans of the versions, as one place to decide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// From the first start to the last end of its spans.
    pub range: CharRange,
    /// `spans[i]`: annotator `i`'s spans in it (indices into their version's spans).
    pub spans: Vec<Vec<usize>>,
    pub level: Level,
}

impl Curation {
    /// The annotators who have the article.
    fn present(&self) -> impl Iterator<Item = (usize, &StoredWork)> {
        (self.versions.iter().enumerate()).filter_map(|(at, work)| Some((at, work.as_ref()?)))
    }

    /// Annotator `who`'s spans of `cluster`, as records.
    pub fn spans_of<'a>(&'a self, cluster: &'a Cluster, who: usize) -> Vec<&'a SpanRecord> {
        let Some(Some(work)) = self.versions.get(who) else {
            return Vec::new();
        };
        (cluster.spans[who].iter())
            .filter_map(|at| work.spans.get(*at))
            .collect()
    }

    /// What annotator `who` marked in `cluster`, compared by label and place, in document
    /// order (a version's spans are stored in it, and no two have the same label and place),
    /// so equal sets are equal vectors. (Vectors, not B-trees or sorts: this runs in the
    /// app, where each such type costs kilobytes of download.)
    fn keys(&self, cluster: &Cluster, who: usize) -> Vec<Key> {
        (self.spans_of(cluster, who).into_iter())
            .map(key_of)
            .collect()
    }

    /// The annotators who marked `key` (in `cluster`).
    pub fn who_marked(&self, cluster: &Cluster, key: &Key) -> Vec<String> {
        (self.present())
            .filter(|(who, _)| self.keys(cluster, *who).contains(key))
            .map(|(who, _)| self.annotators[who].clone())
            .collect()
    }

    /// The clusters of every version's spans, in text order.
    pub fn clusters(&self) -> Vec<Cluster> {
        let mut all: Vec<(usize, usize, usize, usize)> = Vec::new();
        for (who, work) in self.present() {
            for (at, span) in work.spans.iter().enumerate() {
                all.push((span.start, span.end, who, at));
            }
        }
        all.sort_unstable();
        let mut clusters: Vec<Cluster> = Vec::new();
        for (start, end, who, at) in all {
            match clusters.last_mut() {
                Some(last) if start < last.range.end.0 => {
                    last.range.end.0 = last.range.end.0.max(end);
                    last.spans[who].push(at);
                }
                _ => {
                    let mut spans = vec![Vec::new(); self.versions.len()];
                    spans[who].push(at);
                    clusters.push(Cluster {
                        range: CharRange::new(start, end),
                        spans,
                        level: Level::One,
                    });
                }
            }
        }
        for cluster in &mut clusters {
            cluster.level = self.level(cluster);
        }
        clusters
    }

    fn level(&self, cluster: &Cluster) -> Level {
        // Each distinct set of spans, and how many annotators marked it.
        let mut groups: Vec<(Vec<Key>, usize)> = Vec::new();
        let mut present = 0;
        for (who, _) in self.present() {
            present += 1;
            let keys = self.keys(cluster, who);
            match groups.iter_mut().find(|(known, _)| *known == keys) {
                Some((_, count)) => *count += 1,
                None => groups.push((keys, 1)),
            }
        }
        let agree = (groups.iter())
            .filter(|(keys, _)| !keys.is_empty())
            .map(|(_, count)| *count)
            .max()
            .unwrap_or(0);
        match agree {
            _ if agree == present => Level::All,
            0 | 1 => Level::One,
            agree => Level::Some { agree },
        }
    }
}

/// How a disagreement was decided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Pre-merged: enough annotators marked every span of it alike.
    Merged,
    /// The curator took this annotator's version.
    Took(String),
    /// The curator took no span.
    Nothing,
    /// The curator edited the gold and marked it decided.
    Edited,
}

/// A span a decision put in the gold, and the annotators who had marked it alike.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Adopted {
    pub span: String,
    pub annotators: Vec<String>,
}

/// A cluster decided: what went in the gold, by whom and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Decision {
    /// The cluster's range, in code points `[start, end)`.
    pub start: usize,
    pub end: usize,
    pub outcome: Outcome,
    /// Who decided (`None`: pre-merged, or an unsigned curator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjudicator: Option<String>,
    /// When (RFC 3339, UTC).
    pub decided: String,
    /// The gold spans it adopted.
    #[serde(default)]
    pub adopted: Vec<Adopted>,
}

impl Decision {
    pub fn range(&self) -> CharRange {
        CharRange::new(self.start, self.end)
    }
}

/// A span's provenance, as exports write it beside the span: who had it, how it came in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Provenance {
    /// The annotators who marked this span (same label and offsets).
    pub annotators: Vec<String>,
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjudicator: Option<String>,
    pub decided: String,
}

/// The provenance of the span `id`: from the decision that adopted it.
pub fn provenance(annotations: &Annotations, id: &str) -> Option<Provenance> {
    (annotations.decisions().iter()).find_map(|decision| {
        let adopted = decision.adopted.iter().find(|adopted| adopted.span == id)?;
        Some(Provenance {
            annotators: adopted.annotators.clone(),
            outcome: decision.outcome.clone(),
            adjudicator: decision.adjudicator.clone(),
            decided: decision.decided.clone(),
        })
    })
}

/// A span of a version as a gold span with a new id.
fn gold_span(record: &SpanRecord, id: SpanId, now: &Timestamp) -> Span {
    let mut span = span_of(record, now);
    span.id = id;
    span
}

/// What the curator chose for a cluster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Annotator `i`'s version.
    Take(usize),
    /// No span.
    Nothing,
    /// The gold as it is now.
    AsIs,
}

/// Who decides, when, and where new spans and links get their ids.
pub struct Deciding<'a> {
    pub adjudicator: Option<String>,
    pub now: Timestamp,
    pub new_id: &'a mut dyn FnMut() -> String,
}

/// The edit that decides `cluster` as `choice` in the gold `annotations` (one undo step):
/// for a version taken or nothing, the gold spans overlapping the cluster go (with their
/// links) and the version's spans come in, with the version's links among spans the gold
/// has; then the decision is recorded (replacing an earlier one for the cluster).
pub fn decide(
    curation: &Curation,
    cluster: &Cluster,
    annotations: &Annotations,
    choice: Choice,
    deciding: &mut Deciding,
) -> Edit {
    let mut edits = Vec::new();
    let mut adopted = Vec::new();
    let overlapping: Vec<&Span> = (annotations.spans().iter())
        .filter(|span| span.range.start < cluster.range.end && cluster.range.start < span.range.end)
        .map(|span| &**span)
        .collect();
    let outcome = match choice {
        Choice::AsIs => {
            for span in &overlapping {
                let key = (span.label.clone(), span.range.start.0, span.range.end.0);
                adopted.push(Adopted {
                    span: span.id.as_str().to_owned(),
                    annotators: curation.who_marked(cluster, &key),
                });
            }
            Outcome::Edited
        }
        Choice::Nothing | Choice::Take(_) => {
            for span in &overlapping {
                let relations = annotations.relations_of(&span.id).cloned().collect();
                edits.push(Edit::RemoveSpan {
                    span: (*span).clone(),
                    relations,
                });
            }
            match choice {
                Choice::Take(who) => {
                    let added = take(curation, cluster, who, annotations, deciding);
                    for span in &added.0 {
                        let key = (span.label.clone(), span.range.start.0, span.range.end.0);
                        adopted.push(Adopted {
                            span: span.id.as_str().to_owned(),
                            annotators: curation.who_marked(cluster, &key),
                        });
                    }
                    edits.extend(added.0.into_iter().map(Edit::AddSpan));
                    edits.extend(added.1.into_iter().map(Edit::AddRelation));
                    Outcome::Took(curation.annotators[who].clone())
                }
                _ => Outcome::Nothing,
            }
        }
    };
    let decision = Decision {
        start: cluster.range.start.0,
        end: cluster.range.end.0,
        outcome,
        adjudicator: deciding.adjudicator.clone(),
        decided: deciding.now.0.clone(),
        adopted,
    };
    edits.push(Edit::Decide {
        before: annotations.decision(cluster.range).cloned(),
        after: Some(decision),
    });
    Edit::Batch(edits)
}

/// Annotator `who`'s spans of `cluster` as new gold spans, and their links whose other end
/// is one of them or a gold span with the same label and place.
fn take(
    curation: &Curation,
    cluster: &Cluster,
    who: usize,
    annotations: &Annotations,
    deciding: &mut Deciding,
) -> (Vec<Span>, Vec<Relation>) {
    let Some(Some(work)) = curation.versions.get(who) else {
        return (Vec::new(), Vec::new());
    };
    // Each of the version's spans taken: its id there, and its gold span.
    let mut ids: Vec<(&str, SpanId)> = Vec::new();
    let mut spans = Vec::new();
    for at in &cluster.spans[who] {
        let record = &work.spans[*at];
        let span = gold_span(record, SpanId::new(&(deciding.new_id)()), &deciding.now);
        ids.push((&record.id, span.id.clone()));
        spans.push(span);
    }
    let taken = |id: &str| {
        (ids.iter())
            .find(|(known, _)| *known == id)
            .map(|(_, gold)| gold.clone())
    };
    // The other ends of links: gold spans outside the cluster marked alike.
    let outside = |id: &str| -> Option<SpanId> {
        let record = work.spans.iter().find(|span| span.id == id)?;
        let range = CharRange::new(record.start, record.end);
        let inside = range.start < cluster.range.end && cluster.range.start < range.end;
        (!inside)
            .then(|| {
                annotations
                    .at(range)
                    .find(|span| span.label == record.label)
            })
            .flatten()
            .map(|span| span.id.clone())
    };
    let relations = (work.relations.iter())
        .filter(|relation| taken(&relation.from).is_some() || taken(&relation.to).is_some())
        .filter_map(|relation: &RelationRecord| {
            let end = |id: &str| taken(id).or_else(|| outside(id));
            Some(Relation {
                id: (deciding.new_id)(),
                kind: relation.kind.clone(),
                from: end(&relation.from)?,
                to: end(&relation.to)?,
            })
        })
        .collect();
    (spans, relations)
}

/// The gold work of a new adjudication: every span at least `curation.threshold`
/// annotators marked alike, their links that as many annotators made, and a `Merged`
/// decision for each cluster where that took every span marked.
pub fn pre_merge(
    curation: &Curation,
    now: &Timestamp,
    new_id: &mut dyn FnMut() -> String,
) -> Annotations {
    let mut gold = Annotations::default();
    // Each adopted key's gold span id.
    let mut adopted_ids: BTreeMap<Key, SpanId> = BTreeMap::new();
    let threshold = curation.threshold.max(1);
    for cluster in curation.clusters() {
        let mut support: BTreeMap<Key, (Vec<String>, &SpanRecord)> = BTreeMap::new();
        for (who, _) in curation.present() {
            for record in curation.spans_of(&cluster, who) {
                let entry = support
                    .entry(key_of(record))
                    .or_insert_with(|| (Vec::new(), record));
                if !entry.0.contains(&curation.annotators[who]) {
                    entry.0.push(curation.annotators[who].clone());
                }
            }
        }
        let mut adopted = Vec::new();
        let all_taken = support.values().all(|(who, _)| who.len() >= threshold);
        for (key, (who, record)) in &support {
            if who.len() >= threshold {
                let span = gold_span(record, SpanId::new(&new_id()), now);
                adopted_ids.insert(key.clone(), span.id.clone());
                adopted.push(Adopted {
                    span: span.id.as_str().to_owned(),
                    annotators: who.clone(),
                });
                gold.insert(span);
            }
        }
        if all_taken {
            gold.set_decision(Decision {
                start: cluster.range.start.0,
                end: cluster.range.end.0,
                outcome: Outcome::Merged,
                adjudicator: None,
                decided: now.0.clone(),
                adopted,
            });
        }
    }
    // Links: (from, to, kind) by label and place, made by enough annotators.
    let mut links: BTreeMap<(Key, Key, String), usize> = BTreeMap::new();
    for (_, work) in curation.present() {
        let by_id: BTreeMap<&str, &SpanRecord> = work
            .spans
            .iter()
            .map(|span| (span.id.as_str(), span))
            .collect();
        let mut mine = BTreeSet::new();
        for relation in &work.relations {
            if let (Some(from), Some(to)) = (
                by_id.get(relation.from.as_str()),
                by_id.get(relation.to.as_str()),
            ) {
                mine.insert((key_of(from), key_of(to), relation.kind.clone()));
            }
        }
        for link in mine {
            *links.entry(link).or_default() += 1;
        }
    }
    for ((from, to, kind), count) in links {
        if let (true, Some(from), Some(to)) = (
            count >= threshold,
            adopted_ids.get(&from),
            adopted_ids.get(&to),
        ) {
            gold.insert_relation(Relation {
                id: new_id(),
                kind,
                from: from.clone(),
                to: to.clone(),
            });
        }
    }
    gold
}

/// How far the curation of an article is: clusters decided, of all that need it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decided {
    pub decided: usize,
    pub clusters: usize,
}

/// Which of `clusters` the gold has decided.
pub fn decided(clusters: &[Cluster], annotations: &Annotations) -> Vec<bool> {
    (clusters.iter())
        .map(|cluster| annotations.decision(cluster.range).is_some())
        .collect()
}
