//! Merging two versions of an article's work that grew apart from one base (offline-first
//! sync: this browser's edits and the server's copy). Three-way, by span and relation id:
//! a change made on one side only is taken; the same change on both is taken once; a span
//! changed differently on both sides — or changed on one and deleted on the other — is a
//! true conflict: both versions are kept (the other side's under a new id) and the
//! conflict is reported, so nothing either side accepted is lost.

use crate::model::formats::native::{RelationRecord, SpanRecord};
use crate::model::project::StoredWork;

/// The merged work and what could not be merged silently.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Merged {
    pub work: StoredWork,
    pub conflicts: Vec<Conflict>,
}

/// A span both sides changed (or one changed and the other deleted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The span's id (this side's version keeps it).
    pub id: String,
    /// The id the other side's version was kept under (`None`: this side deleted the span
    /// and the other side's changed version was kept under its own id).
    pub theirs: Option<String>,
    /// What happened, in words for the user.
    pub message: String,
}

/// A span's content, without when it was made or changed: two sides that made the same
/// change at different times agree.
fn same(a: &SpanRecord, b: &SpanRecord) -> bool {
    let strip = |span: &SpanRecord| SpanRecord {
        created: String::new(),
        modified: String::new(),
        ..span.clone()
    };
    strip(a) == strip(b)
}

fn find<'a>(spans: &'a [SpanRecord], id: &str) -> Option<&'a SpanRecord> {
    spans.iter().find(|span| span.id == id)
}

/// The union of the ids in the three versions, in first-seen order (ours, theirs, base).
fn ids(lists: [&[SpanRecord]; 3]) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    for span in lists.into_iter().flatten() {
        if !ids.contains(&span.id.as_str()) {
            ids.push(&span.id);
        }
    }
    ids
}

/// A free id for the other side's version of a conflicting span.
fn fresh_id(id: &str, taken: &[SpanRecord], theirs: &[SpanRecord]) -> String {
    (1..)
        .map(|n| match n {
            1 => format!("{id}-theirs"),
            n => format!("{id}-theirs{n}"),
        })
        .find(|candidate| find(taken, candidate).is_none() && find(theirs, candidate).is_none())
        .expect("some id is free")
}

/// Merges `ours` and `theirs`, both grown from `base`.
pub fn merge(base: &StoredWork, ours: &StoredWork, theirs: &StoredWork) -> Merged {
    let mut spans: Vec<SpanRecord> = Vec::new();
    let mut conflicts = Vec::new();
    // Relations of theirs that point at a span kept under a new id follow it.
    let mut renamed: Vec<(String, String)> = Vec::new();
    for id in ids([&ours.spans, &theirs.spans, &base.spans]) {
        let (b, o, t) = (
            find(&base.spans, id),
            find(&ours.spans, id),
            find(&theirs.spans, id),
        );
        match (b, o, t) {
            (_, Some(o), Some(t)) if same(o, t) => spans.push(o.clone()),
            (Some(b), Some(o), Some(t)) if same(b, o) => spans.push(t.clone()),
            (Some(b), Some(o), Some(t)) if same(b, t) => spans.push(o.clone()),
            (_, Some(o), Some(t)) => {
                // Both changed it, differently (or both made one id): keep both.
                let other = fresh_id(id, &ours.spans, &theirs.spans);
                spans.push(o.clone());
                spans.push(SpanRecord {
                    id: other.clone(),
                    ..t.clone()
                });
                renamed.push((id.to_owned(), other.clone()));
                conflicts.push(Conflict {
                    id: id.to_owned(),
                    theirs: Some(other),
                    message: format!(
                        "“{}” was changed here and elsewhere: both versions are kept",
                        o.text
                    ),
                });
            }
            // Added on one side only.
            (None, Some(o), None) => spans.push(o.clone()),
            (None, None, Some(t)) => spans.push(t.clone()),
            // Deleted here; gone there unchanged, or changed there (kept, and said).
            (Some(b), None, Some(t)) => {
                if !same(b, t) {
                    spans.push(t.clone());
                    conflicts.push(Conflict {
                        id: id.to_owned(),
                        theirs: None,
                        message: format!(
                            "“{}” was deleted here but changed elsewhere: it is kept",
                            t.text
                        ),
                    });
                }
            }
            // Deleted there; gone here unchanged, or changed here (kept, and said).
            (Some(b), Some(o), None) => {
                if !same(b, o) {
                    spans.push(o.clone());
                    conflicts.push(Conflict {
                        id: id.to_owned(),
                        theirs: None,
                        message: format!(
                            "“{}” was deleted elsewhere but changed here: it is kept",
                            o.text
                        ),
                    });
                }
            }
            // Deleted on both sides (or in no version at all).
            (_, None, None) => {}
        }
    }
    // Ids are unique: the order is total, and the unstable sort the one already linked.
    spans.sort_unstable_by(|a, b| {
        (a.start, std::cmp::Reverse(a.end), &a.label, &a.id).cmp(&(
            b.start,
            std::cmp::Reverse(b.end),
            &b.label,
            &b.id,
        ))
    });
    let relations = merge_relations(base, ours, theirs, &renamed, &spans);
    let mut decisions = ours.decisions.clone();
    for decision in &theirs.decisions {
        if !decisions.contains(decision) {
            decisions.push(decision.clone());
        }
    }
    let mut rejected = ours.rejected.clone();
    for one in &theirs.rejected {
        if !rejected.contains(one) {
            rejected.push(one.clone());
        }
    }
    Merged {
        work: StoredWork {
            spans,
            relations,
            decisions,
            rejected,
        },
        conflicts,
    }
}

/// Relations merged by id: added on either side kept, deleted by hand on one side dropped;
/// a relation whose span is gone from the merge goes with it.
fn merge_relations(
    base: &StoredWork,
    ours: &StoredWork,
    theirs: &StoredWork,
    renamed: &[(String, String)],
    spans: &[SpanRecord],
) -> Vec<RelationRecord> {
    let in_list = |list: &[RelationRecord], relation: &RelationRecord| {
        list.iter().any(|other| other.id == relation.id)
    };
    // Deleted by hand on a side: gone from it while both its spans are still there. (One
    // that went with its span comes back if the span is kept by a conflict.)
    let deleted_in = |side: &StoredWork, relation: &RelationRecord| {
        in_list(&base.relations, relation)
            && !in_list(&side.relations, relation)
            && find(&side.spans, &relation.from).is_some()
            && find(&side.spans, &relation.to).is_some()
    };
    let mut relations: Vec<RelationRecord> = Vec::new();
    for relation in &ours.relations {
        if !deleted_in(theirs, relation) {
            relations.push(relation.clone());
        }
    }
    for relation in &theirs.relations {
        let mut relation = relation.clone();
        // Theirs that point at a span kept under a new id point at that version.
        for (old, new) in renamed {
            if &relation.from == old {
                relation.from = new.clone();
            }
            if &relation.to == old {
                relation.to = new.clone();
            }
        }
        let dropped_here = deleted_in(ours, &relation);
        let known = relations.iter().any(|other| other.id == relation.id);
        if known {
            // The same id on both sides: kept once, unless theirs now links other spans.
            let same_link = (relations.iter()).any(|other| {
                other.id == relation.id && other.from == relation.from && other.to == relation.to
            });
            if !same_link {
                relation.id = format!("{}-theirs", relation.id);
                if !relations.iter().any(|other| other.id == relation.id) {
                    relations.push(relation);
                }
            }
        } else if !dropped_here {
            relations.push(relation);
        }
    }
    relations.retain(|relation| {
        find(spans, &relation.from).is_some() && find(spans, &relation.to).is_some()
    });
    relations
}
