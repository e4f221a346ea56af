//! Suggestions as the app holds them: spans the suggesters (`annotator_formats::suggest`,
//! run in the worker) think an annotator would make, each with the cue that triggered it.
//! They are not annotations: never saved, exported or counted until accepted, and computed
//! again each time an article opens. What is kept is which ones the user rejected
//! ([`Rejected`], saved with the article's work), so they stay rejected.

use super::annotations::Annotations;
use super::offsets::CharRange;
use super::schema::Schema;
use super::span::SpanId;
use serde::{Deserialize, Serialize};

/// What a suggestion would be tagged as (the default schema's labels).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    Quote,
    Source,
    Claim,
}

impl Kind {
    /// The default schema's label.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Quote => "Quote",
            Kind::Source => "Source",
            Kind::Claim => "Claim",
        }
    }
}

/// A suggested span and why it was suggested.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// The cue, in words: "said", "after “according to”", "a percentage".
    pub reason: String,
    /// A quote's speaker: the index of its Source suggestion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<usize>,
}

impl Suggestion {
    pub fn range(&self) -> CharRange {
        CharRange::new(self.start, self.end)
    }
}

/// A suggestion the user rejected: its label and place. Saved with the article's work and
/// in native files (`rejected_suggestions`), so it is not suggested again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Rejected {
    pub label: String,
    /// Code points, half-open, like a span's.
    pub start: usize,
    pub end: usize,
}

impl Rejected {
    pub fn of(label: &str, range: CharRange) -> Self {
        Rejected {
            label: label.to_owned(),
            start: range.start.0,
            end: range.end.0,
        }
    }

    pub fn range(&self) -> CharRange {
        CharRange::new(self.start, self.end)
    }
}

/// Which suggesters are on (all, out of the box). Speakers are the Sources a quote is
/// attributed to, with its "said by" link; sources, the others (documents, institutions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Suggesters {
    pub quotes: bool,
    pub speakers: bool,
    pub sources: bool,
    pub claims: bool,
}

impl Default for Suggesters {
    fn default() -> Self {
        Suggesters {
            quotes: true,
            speakers: true,
            sources: true,
            claims: true,
        }
    }
}

/// The suggesters' names, as the settings store them.
const SUGGESTERS: [&str; 4] = ["quotes", "speakers", "sources", "claims"];

impl Suggesters {
    /// Whether suggester `at` (in the order of `SUGGESTERS`) is on.
    pub fn is_on(mut self, at: usize) -> bool {
        self.flags().get(at).is_some_and(|on| **on)
    }

    /// These, with suggester `at` switched `on` (or off).
    pub fn with(mut self, at: usize, on: bool) -> Self {
        if let Some(flag) = self.flags().into_iter().nth(at) {
            *flag = on;
        }
        self
    }

    fn flags(&mut self) -> [&mut bool; 4] {
        [
            &mut self.quotes,
            &mut self.speakers,
            &mut self.sources,
            &mut self.claims,
        ]
    }

    /// The names of those on, space-separated (as stored).
    pub fn to_stored(mut self) -> String {
        let on: Vec<&str> = (SUGGESTERS.iter().zip(self.flags()))
            .filter(|(_, on)| **on)
            .map(|(name, _)| *name)
            .collect();
        on.join(" ")
    }

    /// As stored (`None`, never set: all on).
    pub fn from_stored(stored: Option<&str>) -> Self {
        let Some(stored) = stored else {
            return Suggesters::default();
        };
        let mut suggesters = Suggesters::default();
        for (name, flag) in SUGGESTERS.iter().zip(suggesters.flags()) {
            *flag = stored.split(' ').any(|on| on == *name);
        }
        suggesters
    }

    pub fn any(self) -> bool {
        self.quotes || self.speakers || self.sources || self.claims
    }
}

/// The suggestions worth showing (their indexes, in text order): their suggester on, their
/// label in the schema, not rejected, and not annotated already (no span of their label
/// overlaps them).
pub fn shown(
    list: &[Suggestion],
    annotations: &Annotations,
    schema: &Schema,
    on: Suggesters,
) -> Vec<usize> {
    let mut speakers = vec![false; list.len()];
    for speaker in list.iter().filter_map(|suggestion| suggestion.speaker) {
        if let Some(flag) = speakers.get_mut(speaker) {
            *flag = true;
        }
    }
    // Each label's spans by start, with the furthest end so far: a range overlaps one of
    // them when the furthest end of those starting before its end lies past its start.
    let reach = |label: &str| -> (Vec<usize>, Vec<usize>) {
        let mut furthest = 0;
        (annotations.spans().iter())
            .filter(|span| span.label == label)
            .map(|span| {
                furthest = furthest.max(span.range.end.0);
                (span.range.start.0, furthest)
            })
            .unzip()
    };
    let kinds = [Kind::Quote, Kind::Source, Kind::Claim];
    let reaches: Vec<(Vec<usize>, Vec<usize>)> =
        kinds.iter().map(|kind| reach(kind.label())).collect();
    (list.iter().enumerate())
        .filter(|(at, suggestion)| {
            let kind = suggestion.kind;
            let switched_on = match kind {
                Kind::Quote => on.quotes,
                Kind::Source if speakers[*at] => on.speakers,
                Kind::Source => on.sources,
                Kind::Claim => on.claims,
            };
            let (starts, furthest) = &reaches[kind as usize];
            let before = starts.partition_point(|start| *start < suggestion.end);
            let annotated = before > 0 && furthest[before - 1] > suggestion.start;
            switched_on
                && !annotated
                && schema.get(kind.label()).is_some()
                && !annotations.is_rejected(kind.label(), suggestion.range())
        })
        .map(|(at, _)| at)
        .collect()
}

/// A suggestion accepted: the span to make (`id` unless one of its label is there
/// already), and for a quote with a speaker, the speaker's Source and the link.
#[derive(Clone, Debug, PartialEq)]
pub struct Accepted {
    pub label: String,
    pub range: CharRange,
    pub id: SpanId,
    pub speaker: Option<Speaker>,
}

/// A quote's speaker as accepted with it: its place, the id its Source takes if new, and
/// the link's id.
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    pub range: CharRange,
    pub id: SpanId,
    pub link: String,
}
