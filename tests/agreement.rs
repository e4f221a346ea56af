//! Agreement measures: the published examples, then generated studies against Python's
//! reference implementations (krippendorff, scikit-learn, NLTK, bratiaa).

use annotator_formats::agreement::coding::{alpha, cohen_kappa, fleiss_kappa, Level};
use annotator_formats::agreement::spans::{counts, mean_sd, Counts, Match, Span};
use annotator_formats::agreement::unitizing::{distance, Study, Unit};

fn close(actual: Option<f64>, expected: f64, within: f64) {
    let actual = actual.expect("a value");
    assert!(
        (actual - expected).abs() <= within,
        "{actual} is not {expected} (±{within})"
    );
}

/// Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", the example with four
/// observers, twelve units and missing values (one row per unit).
fn krippendorff_2011() -> Vec<Vec<Option<f64>>> {
    let observers: [[Option<u8>; 12]; 4] = [
        [
            Some(1),
            Some(2),
            Some(3),
            Some(3),
            Some(2),
            Some(1),
            Some(4),
            Some(1),
            Some(2),
            None,
            None,
            None,
        ],
        [
            Some(1),
            Some(2),
            Some(3),
            Some(3),
            Some(2),
            Some(2),
            Some(4),
            Some(1),
            Some(2),
            Some(5),
            None,
            Some(3),
        ],
        [
            None,
            Some(3),
            Some(3),
            Some(3),
            Some(2),
            Some(3),
            Some(4),
            Some(2),
            Some(2),
            Some(5),
            Some(1),
            None,
        ],
        [
            Some(1),
            Some(2),
            Some(3),
            Some(3),
            Some(2),
            Some(4),
            Some(4),
            Some(1),
            Some(2),
            Some(5),
            Some(1),
            None,
        ],
    ];
    (0..12)
        .map(|unit| observers.iter().map(|o| o[unit].map(f64::from)).collect())
        .collect()
}

#[test]
fn alpha_gives_the_published_values_for_each_level() {
    let data = krippendorff_2011();
    close(alpha(&data, Level::Nominal), 0.743, 0.0005);
    close(alpha(&data, Level::Ordinal), 0.815, 0.0005);
    close(alpha(&data, Level::Interval), 0.849, 0.0005);
    close(alpha(&data, Level::Ratio), 0.797, 0.0005);
}

#[test]
fn alpha_is_undefined_without_variation_or_pairs() {
    let same = vec![vec![Some(1.0), Some(1.0)], vec![Some(1.0), None]];
    assert_eq!(alpha(&same, Level::Nominal), None);
    let lonely = vec![vec![Some(1.0), None], vec![None, Some(2.0)]];
    assert_eq!(alpha(&lonely, Level::Nominal), None);
    let perfect = vec![vec![Some(1.0), Some(1.0)], vec![Some(2.0), Some(2.0)]];
    close(alpha(&perfect, Level::Nominal), 1.0, 1e-12);
}

#[test]
fn cohen_and_fleiss_kappa_on_small_cases() {
    // Cohen: 20 units, 15 agreed; the marginals give chance 0.5.
    let first = [[1u32; 10], [0; 10]].concat();
    let second = [[1u32; 7].as_slice(), &[0; 3], &[1; 2], &[0; 8]].concat();
    close(cohen_kappa(&first, &second), 0.5, 1e-12);
    assert_eq!(cohen_kappa(&[1, 1], &[1, 1]), None, "no variation, no κ");
    // Fleiss (1971)-style: identical coders agree perfectly.
    let units = vec![vec![0, 0, 0], vec![1, 1, 1], vec![2, 2, 2]];
    close(fleiss_kappa(&units), 1.0, 1e-12);
}

/// Krippendorff (2004, p. 254) as DKPro Statistics' `Krippendorff2004Test` encodes it.
fn krippendorff_2004() -> Study<&'static str> {
    let unit = |begin, length, coder, category| Unit {
        begin,
        length,
        coder,
        category,
    };
    Study::new(
        150,
        300,
        2,
        vec![
            unit(225, 70, 0, "c"),
            unit(370, 30, 0, "c"),
            unit(180, 60, 0, "k"),
            unit(300, 50, 0, "k"),
            unit(220, 80, 1, "c"),
            unit(355, 20, 1, "c"),
            unit(400, 20, 1, "c"),
            unit(180, 60, 1, "k"),
            unit(300, 50, 1, "k"),
        ],
    )
}

#[test]
fn unitizing_alpha_gives_the_published_values() {
    let study = krippendorff_2004();
    close(Some(study.observed(&"c")), 0.0144, 0.0001);
    close(Some(study.expected(&"c")), 0.0532, 0.0001);
    close(Some(study.category_alpha(&"c")), 0.7286, 0.0001);
    close(Some(study.observed(&"k")), 0.0, 0.0001);
    close(Some(study.expected(&"k")), 0.0490, 0.0001);
    close(Some(study.category_alpha(&"k")), 1.0, 0.0001);
    close(study.alpha(), 0.8591, 0.0005);
}

#[test]
fn unitizing_distance_is_dkpros() {
    let d = |a: (u64, u64, bool), b: (u64, u64, bool)| distance(a, b);
    assert_eq!(
        d((2, 3, false), (2, 2, true)) + d((5, 6, true), (4, 7, false)),
        40.0
    );
    assert_eq!(d((5, 6, true), (4, 2, true)), 26.0);
    assert_eq!(d((5, 6, true), (5, 2, true)), 16.0);
    assert_eq!(d((5, 6, true), (6, 4, true)), 2.0);
    assert_eq!(d((5, 6, true), (5, 6, true)), 0.0);
    assert_eq!(d((225, 70, true), (220, 80, true)), 50.0);
    assert_eq!(d((370, 30, true), (355, 20, true)), 850.0);
    assert_eq!(d((400, 50, false), (400, 20, true)), 400.0);
}

#[test]
fn a_coders_overlapping_units_of_one_category_count_as_their_union() {
    let unit = |begin, length, coder| Unit {
        begin,
        length,
        coder,
        category: "q",
    };
    let nested = Study::new(
        0,
        100,
        2,
        vec![unit(10, 30, 0), unit(15, 5, 0), unit(10, 30, 1)],
    );
    close(nested.alpha(), 1.0, 1e-12);
}

fn span(label: &str, start: usize, end: usize) -> Span {
    Span {
        label: label.to_owned(),
        start,
        end,
    }
}

#[test]
fn exact_f1_counts_a_set_of_spans_and_overlap_f1_matches_one_to_one() {
    let a = [
        span("Claim", 0, 10),
        span("Claim", 0, 10),
        span("Quote", 20, 30),
        span("Claim", 40, 50),
    ];
    let b = [
        span("Claim", 0, 10),
        span("Quote", 22, 30),
        span("Source", 40, 50),
    ];
    // A's duplicate counts once: 3 + 3 spans, 1 exact.
    assert_eq!(
        counts(&a, &b, Match::Exact),
        Counts {
            agreed: 1,
            total: 6
        }
    );
    assert_eq!(
        counts(&a, &b, Match::Overlap),
        Counts {
            agreed: 2,
            total: 6
        }
    );
    // One long span overlapping two short ones matches only one of them; a largest
    // matching pairs the rest.
    let long = [span("Quote", 0, 20), span("Quote", 5, 8)];
    let short = [span("Quote", 5, 8), span("Quote", 12, 15)];
    assert_eq!(counts(&long, &short, Match::Overlap).agreed, 2);
    assert_eq!(
        Counts {
            agreed: 0,
            total: 0
        }
        .f1(),
        None
    );
    let (mean, sd) = mean_sd(&[0.5, 1.0]).expect("values");
    assert_eq!((mean, sd), (0.75, 0.25));
}
