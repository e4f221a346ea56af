//! Agreement on coded units: Krippendorff's α (any number of coders, missing values, four
//! levels of measurement), Cohen's κ (two coders) and Fleiss' κ (every coder codes every
//! unit). Definitions as in Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability",
//! Cohen (1960) and Fleiss (1971); the numbers equal Python's `krippendorff`,
//! scikit-learn's `cohen_kappa_score` and NLTK's `AnnotationTask.pi()` (tests/agreement.rs).

/// How values differ (Krippendorff's δ²).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Equal or not: labels, yes/no.
    Nominal,
    /// Ranks: the difference counts the values between.
    Ordinal,
    /// Numbers: the squared difference.
    Interval,
    /// Numbers from a true zero: the squared difference relative to the sum.
    Ratio,
}

/// Krippendorff's α of reliability data: one row per unit, one column per coder, `None`
/// where a coder gave no value. Units with fewer than two values are not pairable and
/// do not count. `None` when nothing is pairable or every pairable value is the same
/// (α is undefined: there is no variation to agree on).
pub fn alpha(units: &[Vec<Option<f64>>], level: Level) -> Option<f64> {
    // The distinct values, sorted; each unit's values as indices into them.
    let mut values: Vec<f64> = units.iter().flatten().flatten().copied().collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    let index = |value: f64| values.partition_point(|v| v.total_cmp(&value).is_lt());
    let v = values.len();
    // The coincidence matrix: each ordered pair of values within a unit, weighted 1/(m−1).
    let mut coincidences = vec![0.0; v * v];
    for unit in units {
        let coded: Vec<usize> = unit.iter().flatten().map(|value| index(*value)).collect();
        let m = coded.len();
        if m < 2 {
            continue;
        }
        let weight = 1.0 / (m - 1) as f64;
        for (i, &c) in coded.iter().enumerate() {
            for (j, &k) in coded.iter().enumerate() {
                if i != j {
                    coincidences[c * v + k] += weight;
                }
            }
        }
    }
    let totals: Vec<f64> = (0..v)
        .map(|c| coincidences[c * v..(c + 1) * v].iter().sum())
        .collect();
    let n: f64 = totals.iter().sum();
    if n <= 1.0 {
        return None;
    }
    let delta = |c: usize, k: usize| -> f64 {
        match level {
            Level::Nominal => f64::from(u8::from(c != k)),
            Level::Interval => (values[c] - values[k]).powi(2),
            Level::Ratio => {
                let sum = values[c] + values[k];
                match sum == 0.0 {
                    true => 0.0,
                    false => ((values[c] - values[k]) / sum).powi(2),
                }
            }
            Level::Ordinal => {
                let (low, high) = (c.min(k), c.max(k));
                let between: f64 = totals[low..=high].iter().sum();
                (between - (totals[c] + totals[k]) / 2.0).powi(2)
            }
        }
    };
    let mut observed = 0.0;
    let mut expected = 0.0;
    for c in 0..v {
        for k in 0..v {
            let d = delta(c, k);
            observed += coincidences[c * v + k] * d;
            expected += totals[c] * totals[k] * d;
        }
    }
    if expected == 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * observed / expected)
}

/// Cohen's κ of two coders' labels for the same units (equal lengths). `None` without
/// units, or when chance agreement is total (both coders gave one and the same label).
pub fn cohen_kappa(first: &[u32], second: &[u32]) -> Option<f64> {
    let n = first.len().min(second.len());
    if n == 0 {
        return None;
    }
    let mut labels: Vec<u32> = first.iter().chain(second).copied().collect();
    labels.sort_unstable();
    labels.dedup();
    let count = |of: &[u32], label: u32| of[..n].iter().filter(|&&l| l == label).count() as f64;
    let agreed = (0..n).filter(|&i| first[i] == second[i]).count() as f64 / n as f64;
    let chance: f64 = (labels.iter())
        .map(|&label| count(first, label) * count(second, label))
        .sum::<f64>()
        / (n as f64 * n as f64);
    match chance == 1.0 {
        true => None,
        false => Some((agreed - chance) / (1.0 - chance)),
    }
}

/// Fleiss' κ: each row holds every coder's label for one unit (all rows as long). `None`
/// with fewer than two coders or no units, or when chance agreement is total.
pub fn fleiss_kappa(units: &[Vec<u32>]) -> Option<f64> {
    let coders = units.first()?.len();
    if coders < 2 {
        return None;
    }
    let mut labels: Vec<u32> = units.iter().flatten().copied().collect();
    labels.sort_unstable();
    labels.dedup();
    let pairs = (coders * (coders - 1)) as f64;
    let mut agreement = 0.0;
    let mut counts = vec![0.0; labels.len()];
    for unit in units {
        let mut here = vec![0.0f64; labels.len()];
        for label in unit {
            let at = labels.partition_point(|l| l < label);
            here[at] += 1.0;
        }
        agreement += here.iter().map(|n| n * (n - 1.0)).sum::<f64>() / pairs;
        for (total, n) in counts.iter_mut().zip(&here) {
            *total += n;
        }
    }
    let all = (units.len() * coders) as f64;
    let observed = agreement / units.len() as f64;
    let chance: f64 = counts.iter().map(|n| (n / all).powi(2)).sum();
    match chance == 1.0 {
        true => None,
        false => Some((observed - chance) / (1.0 - chance)),
    }
}

/// Binary decisions (yes/no per unit and coder, some coders missing) tallied so that α,
/// Fleiss' κ and every pair's Cohen's κ come out without keeping the units: the same
/// numbers as `alpha`, `fleiss_kappa` and `cohen_kappa` on the units, at the cost of a few
/// additions per unit. Tallies of parts add up to the tally of the whole.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Binary {
    /// Coincidences: (no, no), (no, yes) (= (yes, no)), (yes, yes).
    none: f64,
    mixed: f64,
    both: f64,
    /// Units every coder coded: their count, Σ of their pairwise agreement, their yeses.
    complete: usize,
    agreement: f64,
    yeses: f64,
    coders: usize,
    /// Per pair of coders (in order 01, 02, …, 12, …): [no-no, no-yes, yes-no, yes-yes].
    tables: Vec<[usize; 4]>,
}

impl Binary {
    pub fn new(coders: usize) -> Self {
        Binary {
            coders,
            tables: vec![[0; 4]; coders * coders.saturating_sub(1) / 2],
            ..Binary::default()
        }
    }

    /// One unit: each coder's decision, `None` where the coder did not code it.
    pub fn add(&mut self, unit: &[Option<bool>]) {
        let m = unit.iter().flatten().count();
        let yes = unit.iter().flatten().filter(|&&yes| yes).count();
        if m >= 2 {
            let (m_, yes_, no_) = (m as f64, yes as f64, (m - yes) as f64);
            self.both += yes_ * (yes_ - 1.0) / (m_ - 1.0);
            self.none += no_ * (no_ - 1.0) / (m_ - 1.0);
            self.mixed += yes_ * no_ / (m_ - 1.0);
        }
        if m == self.coders && m >= 2 {
            let (m_, yes_, no_) = (m as f64, yes as f64, (m - yes) as f64);
            self.complete += 1;
            self.agreement += (yes_ * (yes_ - 1.0) + no_ * (no_ - 1.0)) / (m_ * (m_ - 1.0));
            self.yeses += yes_;
        }
        let mut pair = 0;
        for a in 0..unit.len() {
            for b in a + 1..unit.len() {
                if let (Some(x), Some(y)) = (unit[a], unit[b]) {
                    self.tables[pair][usize::from(x) * 2 + usize::from(y)] += 1;
                }
                pair += 1;
            }
        }
    }

    /// Adds another tally of the same coders.
    pub fn merge(&mut self, other: &Binary) {
        self.none += other.none;
        self.mixed += other.mixed;
        self.both += other.both;
        self.complete += other.complete;
        self.agreement += other.agreement;
        self.yeses += other.yeses;
        for (mine, theirs) in self.tables.iter_mut().zip(&other.tables) {
            for (m, t) in mine.iter_mut().zip(theirs) {
                *m += t;
            }
        }
    }

    /// Krippendorff's α (nominal), as `alpha` gives it.
    pub fn alpha(&self) -> Option<f64> {
        let no = self.none + self.mixed;
        let yes = self.both + self.mixed;
        let n = no + yes;
        (n > 1.0 && no > 0.0 && yes > 0.0).then(|| 1.0 - (n - 1.0) * self.mixed / (no * yes))
    }

    /// Fleiss' κ over the units every coder coded, as `fleiss_kappa` gives it.
    pub fn fleiss(&self) -> Option<f64> {
        if self.complete == 0 || self.coders < 2 {
            return None;
        }
        let yes = self.yeses / (self.complete * self.coders) as f64;
        let chance = yes * yes + (1.0 - yes) * (1.0 - yes);
        let observed = self.agreement / self.complete as f64;
        (chance != 1.0).then(|| (observed - chance) / (1.0 - chance))
    }

    /// Each pair's Cohen's κ over the units both coded, as `cohen_kappa` gives it.
    pub fn cohen(&self) -> Vec<Option<f64>> {
        (self.tables.iter())
            .map(|&[nn, ny, yn, yy]| {
                let n = (nn + ny + yn + yy) as f64;
                if n == 0.0 {
                    return None;
                }
                let agreed = (nn + yy) as f64 / n;
                let first_no = (nn + ny) as f64;
                let second_no = (nn + yn) as f64;
                let chance = (first_no * second_no + (n - first_no) * (n - second_no)) / (n * n);
                (chance != 1.0).then(|| (agreed - chance) / (1.0 - chance))
            })
            .collect()
    }
}
