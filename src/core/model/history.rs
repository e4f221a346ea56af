//! Undo and redo: every change to the work is an [`Edit`] that knows its inverse.

use super::annotations::Annotations;
use super::curation::{Decision, Outcome};
use super::schema::Schema;
use super::span::{Relation, Span};
use super::suggestion::Rejected;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// One reversible change to the work (spans, relations and schema).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Edit {
    AddSpan(Span),
    /// Removes a span; `relations` are the links that went with it.
    RemoveSpan {
        span: Span,
        relations: Vec<Relation>,
    },
    /// Re-label, boundary change, note or attributes: the span before and after.
    ChangeSpan {
        before: Span,
        after: Span,
    },
    AddRelation(Relation),
    RemoveRelation(Relation),
    ChangeSchema {
        before: Rc<Schema>,
        after: Rc<Schema>,
        /// Labels renamed by the change (old name, new name), so work stored elsewhere
        /// (other articles of the project) can follow.
        renames: Vec<(String, String)>,
    },
    /// A gold article's decision on a cluster: recorded (`after`), replaced or forgotten.
    Decide {
        before: Option<Decision>,
        after: Option<Decision>,
    },
    /// Suggestions rejected (or, undone, rejected no more).
    Reject(Vec<Rejected>),
    Unreject(Vec<Rejected>),
    /// Several edits that undo as one, applied in order.
    Batch(Vec<Edit>),
}

/// What an edit works on.
pub struct EditTarget<'a> {
    pub schema: &'a mut Rc<Schema>,
    pub annotations: &'a mut Rc<Annotations>,
}

impl Edit {
    /// The edit that takes the work back to where it was before this one.
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::AddSpan(span) => Edit::RemoveSpan {
                span: span.clone(),
                relations: Vec::new(),
            },
            Edit::RemoveSpan { span, relations } => Edit::Batch(
                std::iter::once(Edit::AddSpan(span.clone()))
                    .chain(relations.iter().cloned().map(Edit::AddRelation))
                    .collect(),
            ),
            Edit::ChangeSpan { before, after } => Edit::ChangeSpan {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::AddRelation(relation) => Edit::RemoveRelation(relation.clone()),
            Edit::RemoveRelation(relation) => Edit::AddRelation(relation.clone()),
            Edit::ChangeSchema {
                before,
                after,
                renames,
            } => Edit::ChangeSchema {
                before: after.clone(),
                after: before.clone(),
                renames: renames
                    .iter()
                    .rev()
                    .map(|(old, new)| (new.clone(), old.clone()))
                    .collect(),
            },
            Edit::Decide { before, after } => Edit::Decide {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::Reject(rejected) => Edit::Unreject(rejected.clone()),
            Edit::Unreject(rejected) => Edit::Reject(rejected.clone()),
            Edit::Batch(edits) => Edit::Batch(edits.iter().rev().map(Edit::inverse).collect()),
        }
    }

    /// Applies the edit. Edits are built against the current work, so each step applies;
    /// false means the work did not match (a bug), and what could be applied was.
    pub fn apply(&self, work: &mut EditTarget<'_>) -> bool {
        // Only span and relation edits take (and, if shared, copy) the annotations.
        fn annotations<'a>(work: &'a mut EditTarget<'_>) -> &'a mut Annotations {
            Rc::make_mut(work.annotations)
        }
        match self {
            Edit::AddSpan(span) => annotations(work).insert(span.clone()),
            Edit::RemoveSpan { span, .. } => annotations(work).remove(&span.id).is_some(),
            Edit::ChangeSpan { before, after } => annotations(work).update(&before.id, |span| {
                *span = after.clone();
            }),
            Edit::AddRelation(relation) => annotations(work).insert_relation(relation.clone()),
            Edit::RemoveRelation(relation) => {
                annotations(work).remove_relation(&relation.id).is_some()
            }
            Edit::ChangeSchema { after, .. } => {
                *work.schema = after.clone();
                true
            }
            Edit::Decide { before, after } => {
                let annotations = annotations(work);
                match (before, after) {
                    (_, Some(after)) => {
                        annotations.set_decision(after.clone());
                        true
                    }
                    (Some(before), None) => annotations.remove_decision(before.range()),
                    (None, None) => true,
                }
            }
            Edit::Reject(rejected) => {
                let annotations = annotations(work);
                (rejected.iter())
                    .filter(|one| !annotations.reject(Rejected::clone(one)))
                    .count()
                    == 0
            }
            Edit::Unreject(rejected) => {
                let annotations = annotations(work);
                (rejected.iter())
                    .filter(|one| !annotations.unreject(one))
                    .count()
                    == 0
            }
            // Every step runs, even after one that did not apply.
            Edit::Batch(edits) => edits.iter().filter(|edit| !edit.apply(work)).count() == 0,
        }
    }

    /// The label renames this edit makes, in order.
    pub fn renames(&self) -> Vec<(String, String)> {
        match self {
            Edit::ChangeSchema { renames, .. } => renames.clone(),
            Edit::Batch(edits) => edits.iter().flat_map(Edit::renames).collect(),
            _ => Vec::new(),
        }
    }

    /// True when the edit changes the label schema (alone or in a batch).
    pub fn changes_schema(&self) -> bool {
        match self {
            Edit::ChangeSchema { .. } => true,
            Edit::Batch(edits) => edits.iter().any(Edit::changes_schema),
            _ => false,
        }
    }

    /// The span the user would want to see after this edit is applied, if any.
    pub fn focus(&self) -> Option<&Span> {
        match self {
            Edit::AddSpan(span) => Some(span),
            Edit::ChangeSpan { after, .. } => Some(after),
            Edit::Batch(edits) => edits.iter().find_map(Edit::focus),
            _ => None,
        }
    }

    /// A few words on what the edit did, for "Undid …" messages.
    pub fn describe(&self) -> String {
        match self {
            Edit::AddSpan(span) => format!("adding a {}", span.label),
            Edit::RemoveSpan { span, .. } => format!("deleting a {}", span.label),
            Edit::ChangeSpan { before, after } => {
                if before.label != after.label {
                    format!("re-labelling {} as {}", before.label, after.label)
                } else if before.range != after.range {
                    format!("moving a {}'s boundary", after.label)
                } else if before.pieces != after.pieces {
                    format!("a piece of a {}", after.label)
                } else if before.evidence != after.evidence {
                    "evidence".to_owned()
                } else if before.note != after.note {
                    "a note".to_owned()
                } else {
                    "an attribute".to_owned()
                }
            }
            Edit::AddRelation(_) => "a link".to_owned(),
            Edit::RemoveRelation(_) => "removing a link".to_owned(),
            Edit::ChangeSchema { .. } => "a schema change".to_owned(),
            Edit::Decide { after, .. } => match after.as_ref().map(|after| &after.outcome) {
                Some(Outcome::Took(name)) => format!("taking {name}'s version"),
                Some(Outcome::Nothing) => "taking no span".to_owned(),
                Some(Outcome::Edited) => "marking a disagreement decided".to_owned(),
                Some(Outcome::Merged) => "a pre-merge".to_owned(),
                None => "a decision".to_owned(),
            },
            Edit::Reject(rejected) => match rejected.len() {
                1 => "rejecting a suggestion".to_owned(),
                count => format!("rejecting {count} suggestions"),
            },
            Edit::Unreject(_) => "restoring suggestions".to_owned(),
            // A decision names the batch it ends (the spans it swapped are its means).
            Edit::Batch(edits) => (edits.iter())
                .find(|edit| matches!(edit, Edit::Decide { .. }))
                .or(edits.first())
                .map_or_else(|| "nothing".to_owned(), Edit::describe),
        }
    }
}

/// A stack of edits shared between session snapshots: the app keeps the previous session
/// while it builds the next, so pushing and popping must not copy the whole history.
#[derive(Clone, Default)]
struct Stack(Option<Rc<Frame>>);

struct Frame {
    edit: Edit,
    below: Stack,
}

impl Stack {
    fn push(&mut self, edit: Edit) {
        let below = Stack(self.0.take());
        self.0 = Some(Rc::new(Frame { edit, below }));
    }

    fn pop(&mut self) -> Option<Edit> {
        let frame = self.0.take()?;
        self.0 = frame.below.0.clone();
        Some(frame.edit.clone())
    }

    fn top(&self) -> Option<&Edit> {
        self.0.as_ref().map(|frame| &frame.edit)
    }
}

impl Stack {
    fn frames(&self) -> impl Iterator<Item = &Frame> {
        std::iter::successors(self.0.as_deref(), |frame| frame.below.0.as_deref())
    }

    /// The edits, bottom of the stack first.
    fn bottom_up(&self) -> Vec<Edit> {
        let mut edits: Vec<Edit> = self.frames().map(|frame| frame.edit.clone()).collect();
        edits.reverse();
        edits
    }
}

impl PartialEq for Stack {
    /// Frame by frame (a long history must not be compared by recursion), shared tails at once.
    fn eq(&self, other: &Self) -> bool {
        let (mut mine, mut theirs) = (self.0.as_ref(), other.0.as_ref());
        loop {
            match (mine, theirs) {
                (None, None) => return true,
                (Some(a), Some(b)) if Rc::ptr_eq(a, b) => return true,
                (Some(a), Some(b)) if a.edit == b.edit => {
                    mine = a.below.0.as_ref();
                    theirs = b.below.0.as_ref();
                }
                _ => return false,
            }
        }
    }
}

impl std::fmt::Debug for Stack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Stack({} edits)", self.frames().count())
    }
}

impl Drop for Stack {
    /// Drops a long history frame by frame, not by recursion that could overflow the stack.
    fn drop(&mut self) {
        let mut next = self.0.take();
        while let Some(frame) = next {
            next = match Rc::try_unwrap(frame) {
                Ok(mut frame) => frame.below.0.take(),
                Err(_) => None, // still shared with another snapshot
            };
        }
    }
}

/// The undo and redo stacks. No limit: edits are small (a span or two each).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    undo: Stack,
    redo: Stack,
}

impl History {
    /// Remembers an edit that was just applied; a new edit forgets what could be redone.
    pub fn record(&mut self, edit: Edit) {
        self.undo.push(edit);
        self.redo = Stack::default();
    }

    /// The edit that undoes the last one (to apply), moving it to the redo stack.
    pub fn undo(&mut self) -> Option<Edit> {
        let edit = self.undo.pop()?;
        let inverse = edit.inverse();
        self.redo.push(edit);
        Some(inverse)
    }

    /// The edit that redoes the last undone one (to apply).
    pub fn redo(&mut self) -> Option<Edit> {
        let edit = self.redo.pop()?;
        self.undo.push(edit.clone());
        Some(edit)
    }

    /// The edit the next undo would take back.
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.top()
    }

    /// The edit the next redo would apply again.
    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.top()
    }

    pub fn can_undo(&self) -> bool {
        self.undo.0.is_some()
    }

    pub fn can_redo(&self) -> bool {
        self.redo.0.is_some()
    }

    /// The history as it may be resumed in a later visit: without the schema changes and
    /// what lies beyond them (undo stops above the newest, redo before the next). The
    /// schema is the project's: undoing an old change of it would pull it from under the
    /// other articles, which have been annotated with it since.
    pub fn without_schema_changes(&self) -> History {
        let changes = |stack: &Stack| stack.frames().any(|frame| frame.edit.changes_schema());
        if !changes(&self.undo) && !changes(&self.redo) {
            return self.clone();
        }
        let rebuild = |stack: &Stack| {
            let edits = stack.bottom_up();
            let keep = edits
                .iter()
                .rposition(Edit::changes_schema)
                .map_or(0, |at| at + 1);
            let mut kept = Stack::default();
            for edit in edits.into_iter().skip(keep) {
                kept.push(edit);
            }
            kept
        };
        History {
            undo: rebuild(&self.undo),
            redo: rebuild(&self.redo),
        }
    }

    /// The history as stored with an article's work: both stacks, bottom first.
    pub fn to_json(&self) -> Vec<u8> {
        let record = HistoryRecord {
            undo: self.undo.bottom_up(),
            redo: self.redo.bottom_up(),
        };
        serde_json::to_vec(&record).expect("edits serialise")
    }

    /// A stored history, if it fits `annotations`: undoing its last edit must apply (a
    /// history stored with other work than this is not used).
    pub fn from_json(json: &str, annotations: &Annotations) -> Result<History, String> {
        let record: HistoryRecord =
            serde_json::from_str(json).map_err(|error| error.to_string())?;
        let mut history = History::default();
        for edit in record.undo {
            history.undo.push(edit);
        }
        for edit in record.redo {
            history.redo.push(edit);
        }
        if let Some(last) = history.next_undo() {
            let mut schema = Rc::new(Schema::default());
            let mut work = Rc::new(annotations.clone());
            let fits = last.inverse().apply(&mut EditTarget {
                schema: &mut schema,
                annotations: &mut work,
            });
            if !fits {
                return Err("the stored history does not fit the stored work".to_owned());
            }
        }
        Ok(history)
    }
}

/// The undo history as stored.
#[derive(Serialize, Deserialize)]
struct HistoryRecord {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}
