//! Span agreement between two annotators, as pairwise F1.
//!
//! - **Exact**: a span agrees when the other annotator has one of the same label with the
//!   same start and end. The same as `bratiaa`'s instance F1: each annotator's spans are a
//!   set (a span given twice counts once), F1 = 2·agreed / (spans of one + spans of other).
//! - **Overlap**: a span agrees with one of the same label that shares at least one code
//!   point, each span matched at most once; the matching is a largest one (augmenting
//!   paths), so the figure does not depend on the order of the spans.
//!
//! Counts add up over articles and labels before F1 is taken (micro-averaging).

/// A span as agreement sees it: a label and a half-open code-point range.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub label: String,
    pub start: usize,
    pub end: usize,
}

/// What two annotators agreed on: spans in common, and the spans of both together.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub agreed: usize,
    /// Spans of the first annotator plus spans of the second.
    pub total: usize,
}

impl Counts {
    /// 2·agreed / total; `None` when neither annotator has a span.
    pub fn f1(self) -> Option<f64> {
        (self.total > 0).then(|| 2.0 * self.agreed as f64 / self.total as f64)
    }

    pub fn add(&mut self, other: Counts) {
        self.agreed += other.agreed;
        self.total += other.total;
    }
}

/// How spans must agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Match {
    Exact,
    Overlap,
}

/// A half-open code-point range.
pub type Range = (usize, usize);

/// The counts between two annotators' spans of one article, label by label.
pub fn counts(first: &[Span], second: &[Span], how: Match) -> Counts {
    let mut labels: Vec<&str> = first
        .iter()
        .chain(second)
        .map(|s| s.label.as_str())
        .collect();
    labels.sort_unstable();
    labels.dedup();
    let ranges = |spans: &[Span], label: &str| {
        distinct(
            spans
                .iter()
                .filter(|s| s.label == label)
                .map(|s| (s.start, s.end))
                .collect(),
        )
    };
    let mut total = Counts::default();
    for label in labels {
        total.add(range_counts(
            &ranges(first, label),
            &ranges(second, label),
            how,
        ));
    }
    total
}

/// Sorted, each range once (an annotator's spans are a set).
pub fn distinct(mut ranges: Vec<Range>) -> Vec<Range> {
    ranges.sort_unstable();
    ranges.dedup();
    ranges
}

/// The counts of two annotators' ranges of one label (each `distinct`).
pub fn range_counts(first: &[Range], second: &[Range], how: Match) -> Counts {
    let agreed = match how {
        Match::Exact => {
            // Both sorted: walk them side by side.
            let (mut i, mut j, mut agreed) = (0, 0, 0);
            while i < first.len() && j < second.len() {
                match first[i].cmp(&second[j]) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        agreed += 1;
                        i += 1;
                        j += 1;
                    }
                }
            }
            agreed
        }
        Match::Overlap => largest_matching(first, second),
    };
    Counts {
        agreed,
        total: first.len() + second.len(),
    }
}

/// The size of a largest one-to-one matching of overlapping ranges (Kuhn's augmenting
/// paths; both sorted).
fn largest_matching(first: &[Range], second: &[Range]) -> usize {
    // Each range of the first: the ranges of the second it overlaps (those starting
    // before it ends, and ending after it starts).
    let candidates: Vec<Vec<usize>> = (first.iter())
        .map(|&(start, end)| {
            let before = second.partition_point(|&(s, _)| s < end);
            (0..before).filter(|&at| second[at].1 > start).collect()
        })
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; second.len()];
    let mut matched = 0;
    for a in 0..first.len() {
        let mut seen = vec![false; second.len()];
        if augment(a, &candidates, &mut owner, &mut seen) {
            matched += 1;
        }
    }
    matched
}

fn augment(
    a: usize,
    candidates: &[Vec<usize>],
    owner: &mut [Option<usize>],
    seen: &mut [bool],
) -> bool {
    for &b in &candidates[a] {
        if seen[b] {
            continue;
        }
        seen[b] = true;
        if owner[b].is_none_or(|other| augment(other, candidates, owner, seen)) {
            owner[b] = Some(a);
            return true;
        }
    }
    false
}

/// Mean and (population) standard deviation, as `bratiaa` reports pairs' F1: `None` for
/// no values.
pub fn mean_sd(values: &[f64]) -> Option<(f64, f64)> {
    if values.is_empty() {
        return None;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    Some((mean, variance.sqrt()))
}
