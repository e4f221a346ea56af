//! Agreement measures: the published examples, then generated studies against Python's
//! reference implementations (krippendorff, scikit-learn, NLTK, bratiaa).

use annotator_formats::agreement::coding::{alpha, cohen_kappa, fleiss_kappa, Level};
use annotator_formats::agreement::report::{measure, Article as Article_, Coded, MeanSd};
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

/// A small deterministic generator (xorshift64*), so the study is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const LABELS: [&str; 3] = ["Claim", "Quote", "Source"];
const CODERS: usize = 3;

/// One generated article: its text, its words (UAX #29 segments that are not whitespace,
/// as code-point ranges) and each coder's spans.
struct Article {
    text: String,
    words: Vec<(usize, usize)>,
    spans: Vec<Vec<Span>>,
}

/// Articles of news-like words with emoji and Arabic, on several lines; a "gold" set of
/// spans (overlapping and nested ones among them) that each coder keeps, drops, moves by a
/// word, re-labels or adds to.
fn generated_study(seed: u64) -> Vec<Article> {
    const WORDS: [&str; 16] = [
        "the",
        "council",
        "said",
        "34%",
        "💧",
        "water",
        "ليلى",
        "حداد",
        "وزارة",
        "leaks",
        "fell",
        "—",
        "report",
        "“quoted”",
        "🇸🇪",
        "Lindqvist,",
    ];
    let mut rng = Rng(seed);
    (0..6)
        .map(|_| {
            let lines: Vec<String> = (0..4)
                .map(|_| {
                    let n = 20 + rng.below(15);
                    (0..n)
                        .map(|_| WORDS[rng.below(WORDS.len())])
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            let text = lines.join("\n");
            let words = annotator_formats::agreement::report::words(&text);
            // Word indices of each line, so a span stays on one line (brat's spans do).
            let line_of = |word: usize| {
                text.chars()
                    .take(words[word].0)
                    .filter(|&c| c == '\n')
                    .count()
            };
            let gold: Vec<(usize, usize, usize)> = (0..12)
                .map(|_| {
                    let first = rng.below(words.len());
                    let mut last = first;
                    for _ in 0..rng.below(6) {
                        if last + 1 < words.len() && line_of(last + 1) == line_of(first) {
                            last += 1;
                        }
                    }
                    (rng.below(LABELS.len()), first, last)
                })
                .collect();
            let spans = (0..CODERS)
                .map(|_| {
                    let mut mine = Vec::new();
                    for &(label, first, last) in &gold {
                        if rng.chance(15) {
                            continue;
                        }
                        let (mut first, mut last, mut label) = (first, last, label);
                        if rng.chance(15) && last > first {
                            first += 1;
                        }
                        if rng.chance(15)
                            && last + 1 < words.len()
                            && line_of(last + 1) == line_of(first)
                        {
                            last += 1;
                        }
                        if rng.chance(10) {
                            label = rng.below(LABELS.len());
                        }
                        mine.push(span(LABELS[label], words[first].0, words[last].1));
                    }
                    for _ in 0..rng.below(3) {
                        let word = rng.below(words.len());
                        mine.push(span(LABELS[rng.below(3)], words[word].0, words[word].1));
                    }
                    mine
                })
                .collect();
            Article { text, words, spans }
        })
        .collect()
}

/// Each coder's "inside a span of this label" decision for every word of every article.
fn inside(study: &[Article], label: &str) -> Vec<Vec<u32>> {
    (0..CODERS)
        .map(|coder| {
            (study.iter())
                .flat_map(|article| {
                    let spans = &article.spans[coder];
                    article.words.iter().map(move |&(start, end)| {
                        u32::from(
                            spans
                                .iter()
                                .any(|s| s.label == label && s.start < end && start < s.end),
                        )
                    })
                })
                .collect()
        })
        .collect()
}

fn brat_line(at: usize, span: &Span, text: &str) -> String {
    let quote: String = text
        .chars()
        .skip(span.start)
        .take(span.end - span.start)
        .collect();
    format!(
        "T{}\t{} {} {}\t{quote}\n",
        at + 1,
        span.label,
        span.start,
        span.end
    )
}

#[test]
fn agreement_equals_pythons_reference_implementations() {
    let study = generated_study(0x5eed_0017);
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("agreement-study");
    let _ = std::fs::remove_dir_all(&dir);
    // The study as a brat project, a folder per coder (bratiaa's layout).
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("annotation.conf"),
        "[entities]\nClaim\nQuote\nSource\n[relations]\n[events]\n[attributes]\n",
    )
    .expect("written");
    for coder in 0..CODERS {
        let folder = dir.join(format!("coder{coder}"));
        std::fs::create_dir_all(&folder).expect("folder");
        for (at, article) in study.iter().enumerate() {
            std::fs::write(folder.join(format!("doc{at}.txt")), &article.text).expect("written");
            let ann: String = (article.spans[coder].iter().enumerate())
                .map(|(i, span)| brat_line(i, span, &article.text))
                .collect();
            std::fs::write(folder.join(format!("doc{at}.ann")), ann).expect("written");
        }
    }

    // Token level, per label: every pair's Cohen's κ, Fleiss' κ and α over the coders.
    let mut tokens = serde_json::Map::new();
    for label in LABELS {
        let decisions = inside(&study, label);
        let units: Vec<Vec<u32>> = (0..decisions[0].len())
            .map(|unit| decisions.iter().map(|coder| coder[unit]).collect())
            .collect();
        let reliability: Vec<Vec<Option<f64>>> = (units.iter())
            .map(|unit| unit.iter().map(|&v| Some(f64::from(v))).collect())
            .collect();
        let cohen: Vec<f64> = [(0, 1), (0, 2), (1, 2)]
            .iter()
            .map(|&(a, b)| cohen_kappa(&decisions[a], &decisions[b]).expect("κ"))
            .collect();
        tokens.insert(
            label.to_owned(),
            serde_json::json!({
                "decisions": decisions,
                "cohen": cohen,
                "fleiss": fleiss_kappa(&units).expect("κ"),
                "alpha": alpha(&reliability, Level::Nominal).expect("α"),
            }),
        );
    }

    // The report: span F1 overall, per label and per article (bratiaa's report), and the
    // token figures pooled over the labels and per label.
    let articles: Vec<Article_> = (study.iter().enumerate())
        .map(|(at, article)| Article_ {
            id: format!("doc{at}"),
            title: format!("Article {at}"),
            text: article.text.clone(),
            coded: (article.spans.iter())
                .map(|spans| {
                    Some(Coded {
                        spans: spans.clone(),
                        ..Coded::default()
                    })
                })
                .collect(),
        })
        .collect();
    let names: Vec<String> = (0..CODERS).map(|coder| format!("coder{coder}")).collect();
    let labels: Vec<String> = LABELS.iter().map(|label| label.to_string()).collect();
    let report = measure(&names, &labels, &articles);
    let pair = |f1: Option<MeanSd>| f1.map(|f1| (f1.mean, f1.sd)).expect("figures");
    let spans = serde_json::json!({
        "total": pair(report.overall.exact_f1),
        "labels": report.per_label.iter().map(|(_, f)| pair(f.exact_f1)).collect::<Vec<_>>(),
        "documents": (0..study.len())
            .map(|at| {
                let id = format!("doc{at}");
                let article = report.per_article.iter().find(|a| a.id == id).expect("every article");
                pair(article.figures.exact_f1)
            })
            .collect::<Vec<_>>(),
    });
    for (label, figures) in &report.per_label {
        let token = tokens
            .get_mut(label)
            .expect("label")
            .as_object_mut()
            .expect("object");
        token.insert("report_alpha".into(), figures.token_alpha.into());
        token.insert("report_fleiss".into(), figures.token_fleiss.into());
        token.insert(
            "report_cohen_mean".into(),
            figures.token_cohen.map(|c| c.mean).into(),
        );
    }
    let overall = serde_json::json!({
        "alpha": report.overall.token_alpha,
        "fleiss": report.overall.token_fleiss,
        "cohen": report.pairs.iter().map(|p| p.token_cohen).collect::<Vec<_>>(),
    });

    // α at every level on reliability data with missing values.
    let mut rng = Rng(0x0a1f_a001);
    let coded: Vec<Vec<Option<f64>>> = (0..40)
        .map(|_| {
            (0..4)
                .map(|_| (!rng.chance(20)).then(|| (1 + rng.below(5)) as f64))
                .collect()
        })
        .collect();
    let levels = [
        Level::Nominal,
        Level::Ordinal,
        Level::Interval,
        Level::Ratio,
    ]
    .map(|level| alpha(&coded, level).expect("α"));

    let expected = serde_json::json!({
        "tokens": tokens,
        "overall": overall,
        "spans": spans,
        "coded": coded,
        "levels": levels,
    });
    std::fs::write(dir.join("expected.json"), expected.to_string()).expect("written");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = std::process::Command::new("python3")
        .arg(root.join("tests/python/check_agreement.py"))
        .arg(&dir)
        .output()
        .expect("python3 runs (make setup-test installs its packages)");
    let said = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert!(said.contains("ok:"), "{said}");
}

fn coded(spans: Vec<Span>) -> Option<Coded> {
    Some(Coded {
        spans,
        ..Coded::default()
    })
}

#[test]
fn the_report_measures_relations_attributes_and_writes_csv_and_json() {
    use annotator_formats::agreement::report::{Attribute, Relation};
    let quote = span("Quote", 0, 10);
    let source = span("Source", 20, 25);
    let other = span("Source", 30, 35);
    let link = |to: &Span| Relation {
        from: quote.clone(),
        to: to.clone(),
        kind: "said by".into(),
    };
    let attribute = |span: &Span, value: &str| Attribute {
        span: span.clone(),
        name: "kind".into(),
        value: value.into(),
    };
    let text = "a".repeat(40);
    let mut first = coded(vec![quote.clone(), source.clone(), other.clone()]).expect("work");
    first.relations = vec![link(&source)];
    first.attributes = vec![attribute(&source, "person"), attribute(&other, "document")];
    let mut second = coded(vec![quote.clone(), source.clone(), other.clone()]).expect("work");
    second.relations = vec![link(&other)];
    second.attributes = vec![attribute(&source, "person"), attribute(&other, "person")];
    let articles = vec![Article_ {
        id: "a1".into(),
        title: "One, \"quoted\"".into(),
        text,
        coded: vec![Some(first), Some(second)],
    }];
    let names = ["Ana".to_owned(), "Ben".to_owned()];
    let labels = ["Quote".to_owned(), "Source".to_owned()];
    let report = measure(&names, &labels, &articles);
    // The same spans: full span agreement; the links differ: none of 1 + 1 agree.
    assert_eq!(report.overall.exact_f1.map(|f| f.mean), Some(1.0));
    assert_eq!(report.overall.unitizing_alpha, Some(1.0));
    assert_eq!(report.relations_f1.map(|f| f.mean), Some(0.0));
    // kind: person/person agree, document/person do not; α by Krippendorff's formula:
    // 4 values (3 person, 1 document), D_o = 2/4, D_e = 2·3·1/(4·3) → α = 1 − 0.5/0.5 = 0.
    assert_eq!(report.attributes, vec![("kind".to_owned(), Some(0.0))]);
    let csv = annotator_formats::agreement::report::csv(&report);
    assert!(
        csv.starts_with("scope,label,pair,article,measure,value,sd\n"),
        "{csv}"
    );
    assert!(csv.contains("overall,,,,exact_f1,1,0\n"), "{csv}");
    assert!(csv.contains("pair,,Ana / Ben,,exact_f1,1,\n"), "{csv}");
    assert!(csv.contains("attribute,kind,,,alpha,0,\n"), "{csv}");
    let json: serde_json::Value =
        serde_json::from_str(&annotator_formats::agreement::report::json(&report)).expect("JSON");
    assert_eq!(json["per_article"][0]["title"], "One, \"quoted\"");
    assert_eq!(json["overall"]["exact_f1"]["mean"], 1.0);
}

/// 5 annotators × 500 articles × 100 spans, as the issue sizes it: `cargo test --release
/// --test agreement -- --ignored --nocapture` prints how long the whole report takes
/// (docs/agreement.md records it).
#[test]
#[ignore = "a measurement, not a check"]
fn the_report_of_a_large_study() {
    let mut rng = Rng(0xb16_57ed);
    let words: Vec<&str> = "the council said leaks fell 34% in two years according to the report"
        .split(' ')
        .collect();
    let articles: Vec<Article_> = (0..500)
        .map(|at| {
            let text: String = (0..600)
                .map(|_| words[rng.below(words.len())])
                .collect::<Vec<_>>()
                .join(" ");
            let length = text.chars().count();
            let gold: Vec<(usize, usize, usize)> = (0..100)
                .map(|_| {
                    let start = rng.below(length - 40);
                    (rng.below(3), start, start + 1 + rng.below(40))
                })
                .collect();
            let coded = (0..5)
                .map(|_| {
                    let mut spans = Vec::new();
                    for &(label, start, end) in &gold {
                        if !rng.chance(10) {
                            spans.push(span(
                                LABELS[label],
                                start + usize::from(rng.chance(10)),
                                end,
                            ));
                        }
                    }
                    coded(spans)
                })
                .collect();
            Article_ {
                id: format!("a{at}"),
                title: String::new(),
                text,
                coded,
            }
        })
        .collect();
    let names: Vec<String> = (0..5).map(|n| format!("annotator {n}")).collect();
    let labels: Vec<String> = LABELS.iter().map(|label| label.to_string()).collect();
    let started = std::time::Instant::now();
    let report = measure(&names, &labels, &articles);
    println!(
        "5 × 500 × 100: report in {:.0} ms (exact F1 {:.3})",
        started.elapsed().as_secs_f64() * 1000.0,
        report.overall.exact_f1.map_or(f64::NAN, |f| f.mean)
    );
}

#[test]
fn binary_tallies_give_what_the_general_measures_give() {
    use annotator_formats::agreement::coding::Binary;
    let mut rng = Rng(0xb1_4a21);
    for _ in 0..20 {
        let coders = 2 + rng.below(4);
        let units: Vec<Vec<Option<bool>>> = (0..200)
            .map(|_| {
                (0..coders)
                    .map(|_| (!rng.chance(15)).then(|| rng.chance(30)))
                    .collect()
            })
            .collect();
        let mut tally = Binary::new(coders);
        // In two parts, merged: a tally of parts is the tally of the whole.
        let mut part = Binary::new(coders);
        for (at, unit) in units.iter().enumerate() {
            match at % 2 {
                0 => tally.add(unit),
                _ => part.add(unit),
            }
        }
        tally.merge(&part);
        let same = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12, "{a} ≠ {b}"),
            (a, b) => assert_eq!(a, b),
        };
        let reliability: Vec<Vec<Option<f64>>> = (units.iter())
            .map(|unit| {
                unit.iter()
                    .map(|v| v.map(|v| f64::from(u8::from(v))))
                    .collect()
            })
            .collect();
        same(tally.alpha(), alpha(&reliability, Level::Nominal));
        let complete: Vec<Vec<u32>> = (units.iter())
            .filter_map(|unit| unit.iter().map(|v| v.map(u32::from)).collect())
            .collect();
        same(tally.fleiss(), fleiss_kappa(&complete));
        let mut pair = 0;
        for a in 0..coders {
            for b in a + 1..coders {
                let both: (Vec<u32>, Vec<u32>) = (units.iter())
                    .filter_map(|unit| Some((u32::from(unit[a]?), u32::from(unit[b]?))))
                    .unzip();
                same(tally.cohen()[pair], cohen_kappa(&both.0, &both.1));
                pair += 1;
            }
        }
    }
}

#[test]
fn versions_are_brought_together_by_their_text_and_a_changed_text_is_listed() {
    use annotator::model::formats::native;
    use annotator_formats::agreement::gather::gather;
    let original: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/native-v1.json"
        ))
        .expect("fixture"),
    )
    .expect("JSON");
    let variant = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut json = original.clone();
        change(&mut json);
        native::parse(&json.to_string()).expect("a native file")
    };
    let ana = variant(&|_| {});
    // Ben: one span fewer, one re-labelled, and a title of his own (the text decides).
    let ben = variant(&|json| {
        let spans = json["spans"].as_array_mut().expect("spans");
        spans.remove(4);
        spans[2]["label"] = "Quote".into();
        json["document"]["title"] = "Ben's copy".into();
    });
    // Cleo's copy has a line before the text: same id, another text. Her spans are
    // placed on Ana's text again (all moved back by the line's length).
    const NOTE: &str = "Editor’s note: corrected. ";
    let shifted = |json: &mut serde_json::Value, extra: &str| {
        let text = format!(
            "{NOTE}{}{extra}",
            json["document"]["text"].as_str().expect("text")
        );
        json["document"]["text_sha256"] = annotator::model::text::sha256_hex(&text).into();
        json["document"]["text"] = text.into();
        let by = NOTE.chars().count() as u64;
        for span in json["spans"].as_array_mut().expect("spans") {
            for (key, by) in [
                ("start", by),
                ("end", by),
                ("utf16_start", 26),
                ("utf16_end", 26),
            ] {
                span[key] = (span[key].as_u64().expect("offset") + by).into();
            }
        }
    };
    let cleo = variant(&|json| shifted(json, ""));
    // Dov's copy also has a sentence Ana's has not, which he tagged: it cannot be placed.
    let dov = variant(&|json| {
        shifted(json, " Dov’s own sentence.");
        let text = json["document"]["text"].as_str().expect("text").to_owned();
        let start = text.chars().count() - "Dov’s own sentence.".chars().count();
        let mut span = json["spans"][0].clone();
        span["id"] = "extra".into();
        span["start"] = start.into();
        span["end"] = text.chars().count().into();
        span["text"] = "Dov’s own sentence.".into();
        let utf16 = |at: usize| text.chars().take(at).map(char::len_utf16).sum::<usize>();
        span["utf16_start"] = utf16(start).into();
        span["utf16_end"] = utf16(text.chars().count()).into();
        json["spans"].as_array_mut().expect("spans").push(span);
    });
    let names = [
        "Ana".to_owned(),
        "Ben".to_owned(),
        "Cleo".to_owned(),
        "Dov".to_owned(),
    ];
    let gathered = gather(
        &names,
        &[
            vec![ana.work()],
            vec![ben.work()],
            vec![cleo.work()],
            vec![dov.work()],
        ],
    );
    assert_eq!(gathered.articles.len(), 1);
    assert_eq!(gathered.labels, ["Claim", "Quote", "Source"]);
    let coded: Vec<bool> = gathered.articles[0]
        .coded
        .iter()
        .map(Option::is_some)
        .collect();
    assert_eq!(coded, [true, true, true, false]);
    assert_eq!(
        gathered.articles[0].coded[2].as_ref().map(|c| &c.spans),
        gathered.articles[0].coded[0].as_ref().map(|c| &c.spans),
        "Cleo's spans, placed on Ana's text, are Ana's"
    );
    assert_eq!(gathered.reanchored.len(), 1);
    assert!(
        gathered.reanchored[0].reason.contains("5 moved"),
        "{:?}",
        gathered.reanchored
    );
    assert_eq!(gathered.unmatched.len(), 1);
    assert_eq!(gathered.unmatched[0].annotator, "Dov");
    assert!(
        gathered.unmatched[0].reason.contains(
            "differs from Ana's version of the same article (id doc-hard) and 1 of its spans"
        ),
        "{:?}",
        gathered.unmatched
    );
    // Ana 5 spans, Ben 4, of which 3 the same: exact F1 = 2·3 / 9.
    let report = measure(&names, &gathered.labels, &gathered.articles);
    let f1 = report
        .pairs
        .iter()
        .find(|p| p.first == "Ana" && p.second == "Ben")
        .and_then(|p| p.exact_f1);
    assert_eq!(f1, Some(6.0 / 9.0));
}
