//! Krippendorff's unitizing α (α_U): agreement on where units lie in a continuum and what
//! they are, without first cutting the text into fixed units. As Krippendorff (2004)
//! "Measuring the Reliability of Qualitative Text Analysis Data" defines it, and as DKPro
//! Statistics computes it (`KrippendorffAlphaUnitizingAgreement`, the measure INCEpTION
//! reports for spans); the published example gives α_U = 0.8591 (tests/agreement.rs).
//!
//! A coder's units of one category must not overlap: spans of one label that overlap (a
//! quote inside a quote) are taken as their union (`Study::new` does it).

/// One coder's unit: `length` positions from `begin`, of a category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit<C> {
    pub begin: u64,
    pub length: u64,
    pub coder: usize,
    pub category: C,
}

/// A study: `coders` coders' units on the continuum `[begin, begin + length)`.
#[derive(Clone, Debug)]
pub struct Study<C> {
    pub begin: u64,
    pub length: u64,
    pub coders: usize,
    /// Sorted by begin, then length, then coder (`Study::new` sorts them).
    units: Vec<Unit<C>>,
}

impl<C: Clone + PartialEq> Study<C> {
    /// A study of these units. A coder's overlapping units of one category are merged into
    /// their union first (the measure needs them apart).
    pub fn new(begin: u64, length: u64, coders: usize, units: Vec<Unit<C>>) -> Self {
        let mut categories: Vec<C> = Vec::new();
        for unit in &units {
            if !categories.contains(&unit.category) {
                categories.push(unit.category.clone());
            }
        }
        let mut merged = Vec::new();
        for coder in 0..coders {
            for category in &categories {
                let spans: Vec<(u64, u64)> = (units.iter())
                    .filter(|unit| unit.coder == coder && unit.category == *category)
                    .map(|unit| (unit.begin, unit.begin + unit.length))
                    .collect();
                merged.extend(units_of(coder, category, &spans));
            }
        }
        merged.sort_by_key(|unit| (unit.begin, unit.length, unit.coder));
        Study {
            begin,
            length,
            coders,
            units: merged,
        }
    }

    /// The categories, in order of their first unit.
    pub fn categories(&self) -> Vec<C> {
        let mut seen: Vec<C> = Vec::new();
        for unit in &self.units {
            if !seen.contains(&unit.category) {
                seen.push(unit.category.clone());
            }
        }
        seen
    }

    fn of<'a>(&'a self, coder: usize, category: &'a C) -> impl Iterator<Item = &'a Unit<C>> + 'a {
        (self.units.iter()).filter(move |unit| unit.coder == coder && unit.category == *category)
    }

    /// The observed disagreement on one category.
    pub fn observed(&self, category: &C) -> f64 {
        let (b, l, r) = (self.begin, self.length, self.coders);
        let mut sum = 0.0;
        for r1 in 0..r {
            for r2 in r1 + 1..r {
                let (mut units1, mut units2) = (self.of(r1, category), self.of(r2, category));
                let (mut next1, mut next2) = (units1.next(), units2.next());
                let (mut offset1, mut length1, mut coded1) = (b, 0, false);
                let (mut offset2, mut length2, mut coded2) = (b, 0, false);
                let mut pos = b;
                while pos < b + l && (next1.is_some() || next2.is_some()) {
                    if pos == offset1 + length1 {
                        (length1, coded1, next1) = step(pos, next1, &mut units1, b + l);
                        offset1 = pos;
                    }
                    if pos == offset2 + length2 {
                        (length2, coded2, next2) = step(pos, next2, &mut units2, b + l);
                        offset2 = pos;
                    }
                    sum += distance((offset1, length1, coded1), (offset2, length2, coded2));
                    pos = (offset1 + length1).min(offset2 + length2);
                }
            }
        }
        2.0 * sum / ((r * (r - 1)) as f64 * (l as f64) * (l as f64))
    }

    /// The expected disagreement on one category.
    pub fn expected(&self, category: &C) -> f64 {
        let (b, l, r) = (self.begin, self.length, self.coders);
        let lengths: Vec<f64> = (self.units.iter())
            .filter(|unit| unit.category == *category)
            .map(|unit| unit.length as f64)
            .collect();
        let n_c = lengths.len() as f64;
        let squared: f64 = lengths.iter().map(|l| l * (l - 1.0)).sum();
        // Every coder's gaps between their units of the category, longest first.
        let mut gaps: Vec<f64> = Vec::new();
        for coder in 0..r {
            let mut units = self.of(coder, category);
            let mut next = units.next();
            let mut pos = b;
            while pos < b + l {
                match next {
                    Some(unit) if unit.begin == pos => {
                        pos += unit.length;
                        next = units.next();
                    }
                    _ => {
                        let end = next.map_or(b + l, |unit| unit.begin);
                        gaps.push((end - pos) as f64);
                        pos = end;
                    }
                }
            }
        }
        // Longest first, with running sums: the gaps a unit fits in are a prefix.
        gaps.sort_by(|a, b| b.total_cmp(a));
        let mut running = Vec::with_capacity(gaps.len() + 1);
        running.push(0.0);
        for gap in &gaps {
            running.push(running.last().copied().unwrap_or(0.0) + gap);
        }
        let mut sum = 0.0;
        for &length in &lengths {
            let own = (n_c - 1.0) * (2.0 * length.powi(3) - 3.0 * length.powi(2) + length) / 3.0;
            // Σ over the gaps g ≥ length of (g − length + 1).
            let fitting = gaps.partition_point(|&gap| gap >= length);
            let fits = running[fitting] - fitting as f64 * (length - 1.0);
            sum += own + fits * length * length;
        }
        let (r, l) = (r as f64, l as f64);
        sum * (2.0 / l) / (r * l * (r * l - 1.0) - squared)
    }

    /// α_U of one category: 0 when observed and expected disagreement are equal.
    pub fn category_alpha(&self, category: &C) -> f64 {
        let (observed, expected) = (self.observed(category), self.expected(category));
        match observed == expected {
            true => 0.0,
            false => 1.0 - observed / expected,
        }
    }

    /// α_U over every category: the disagreements averaged over the categories. `None`
    /// when there is no unit.
    pub fn alpha(&self) -> Option<f64> {
        let categories = self.categories();
        if categories.is_empty() {
            return None;
        }
        let count = categories.len() as f64;
        let observed: f64 = categories.iter().map(|c| self.observed(c)).sum::<f64>() / count;
        let expected: f64 = categories.iter().map(|c| self.expected(c)).sum::<f64>() / count;
        Some(match (observed == expected, observed == 0.0) {
            (true, true) => 1.0,
            (true, false) => 0.0,
            _ => 1.0 - observed / expected,
        })
    }
}

/// At `pos`, where a coder's current stretch ends: the next stretch's length, whether it is
/// a unit, and the coder's unit after it.
fn step<'a, C: 'a>(
    pos: u64,
    next: Option<&'a Unit<C>>,
    units: &mut impl Iterator<Item = &'a Unit<C>>,
    end: u64,
) -> (u64, bool, Option<&'a Unit<C>>) {
    match next {
        Some(unit) if unit.begin == pos => (unit.length, true, units.next()),
        _ => (next.map_or(end, |unit| unit.begin) - pos, false, next),
    }
}

/// The distance of two coders' stretches: (offset, length, is a unit).
pub fn distance(first: (u64, u64, bool), second: (u64, u64, bool)) -> f64 {
    let (o1, l1, c1) = (first.0 as f64, first.1 as f64, first.2);
    let (o2, l2, c2) = (second.0 as f64, second.1 as f64, second.2);
    let begin = o1 - o2;
    let length = l1 - l2;
    if c1 && c2 && -l1 < begin && begin < l2 {
        return begin * begin + (begin + length) * (begin + length);
    }
    if c1 && !c2 && -length >= begin && begin >= 0.0 {
        return l1 * l1;
    }
    if !c1 && c2 && -length <= begin && begin <= 0.0 {
        return l2 * l2;
    }
    0.0
}

/// A coder's spans of one category as units: overlapping ones merged into their union.
/// `spans` are (start, end) half-open code-point ranges.
pub fn units_of<C: Clone>(coder: usize, category: &C, spans: &[(u64, u64)]) -> Vec<Unit<C>> {
    let mut sorted: Vec<(u64, u64)> = spans.iter().filter(|(s, e)| e > s).copied().collect();
    sorted.sort_unstable();
    let mut merged: Vec<(u64, u64)> = Vec::new();
    for (start, end) in sorted {
        match merged.last_mut() {
            Some(last) if start < last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    (merged.into_iter())
        .map(|(start, end)| Unit {
            begin: start,
            length: end - start,
            coder,
            category: category.clone(),
        })
        .collect()
}
