//! The agreement of a whole study: several annotators' work on the same articles, measured
//! overall, per label, per annotator pair and per article (the articles with the lowest
//! agreement first), and written as JSON or CSV. docs/agreement.md defines every figure.

use super::coding::{alpha, Binary, Level};
use super::spans::{distinct, mean_sd, range_counts, Counts, Match, Range, Span};
use super::unitizing::{Study as Continuum, Unit};
pub use annotator_core::agreement::{
    Agreement, ArticleFigures, Figures, MeanSd, Pair, Report, Table, Unmatched,
};
use unicode_segmentation::UnicodeSegmentation;

/// A link between two spans, by their label and offsets.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Relation {
    pub from: Span,
    pub to: Span,
    pub kind: String,
}

/// An attribute's value on a span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    pub span: Span,
    pub name: String,
    pub value: String,
}

/// One annotator's work on one article.
#[derive(Clone, Debug, Default)]
pub struct Coded {
    pub spans: Vec<Span>,
    pub relations: Vec<Relation>,
    pub attributes: Vec<Attribute>,
}

/// An article and each annotator's work on it (`None`: that annotator has not got it).
#[derive(Clone, Debug)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub text: String,
    pub coded: Vec<Option<Coded>>,
}

/// The words of a text (UAX #29 segments that are not whitespace) as code-point ranges:
/// the units of token-level agreement.
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut at = 0;
    for segment in text.split_word_bounds() {
        let length = segment.chars().count();
        if !segment.chars().all(char::is_whitespace) {
            words.push((at, at + length));
        }
        at += length;
    }
    words
}

fn of<'a>(coded: &'a Coded, label: &'a str) -> impl Iterator<Item = &'a Span> + 'a {
    (coded.spans.iter()).filter(move |span| span.label == label)
}

/// What one article's spans of one label contribute: every pair's span counts (exact and
/// overlapping), and every word's decisions ("inside a span of the label or not") tallied.
struct Cell {
    exact: Vec<Counts>,
    overlap: Vec<Counts>,
    tally: Binary,
}

/// The study, read once into cells (`[article][label]`) that every scope sums.
struct Prepared<'a> {
    articles: &'a [Article],
    coders: usize,
    pairs: Vec<(usize, usize)>,
    /// `[article][coder]`: the coder's ranges of each label (`distinct`), if they have it.
    ranges: Vec<Vec<Option<Vec<Vec<Range>>>>>,
    cells: Vec<Vec<Cell>>,
}

impl<'a> Prepared<'a> {
    fn new(coders: usize, labels: &[String], articles: &'a [Article]) -> Self {
        let pairs: Vec<(usize, usize)> = (0..coders)
            .flat_map(|a| (a + 1..coders).map(move |b| (a, b)))
            .collect();
        let ranges: Vec<Vec<Option<Vec<Vec<Range>>>>> = (articles.iter())
            .map(|article| {
                (article.coded.iter())
                    .map(|coded| {
                        let coded = coded.as_ref()?;
                        Some(
                            (labels.iter())
                                .map(|label| {
                                    distinct(of(coded, label).map(|s| (s.start, s.end)).collect())
                                })
                                .collect(),
                        )
                    })
                    .collect()
            })
            .collect();
        let cells = (articles.iter().zip(&ranges))
            .map(|(article, ranges)| {
                let words = words(&article.text);
                (0..labels.len())
                    .map(|label| {
                        let count = |how| {
                            (pairs.iter())
                                .map(|&(a, b)| match (&ranges[a], &ranges[b]) {
                                    (Some(first), Some(second)) => {
                                        range_counts(&first[label], &second[label], how)
                                    }
                                    _ => Counts::default(),
                                })
                                .collect()
                        };
                        let decided: Vec<Option<Vec<bool>>> = (ranges.iter())
                            .map(|ranges| {
                                ranges.as_ref().map(|ranges| inside(&words, &ranges[label]))
                            })
                            .collect();
                        let mut tally = Binary::new(coders);
                        let mut unit = vec![None; coders];
                        for word in 0..words.len() {
                            for (decision, coder) in unit.iter_mut().zip(&decided) {
                                *decision = coder.as_ref().map(|inside| inside[word]);
                            }
                            tally.add(&unit);
                        }
                        Cell {
                            exact: count(Match::Exact),
                            overlap: count(Match::Overlap),
                            tally,
                        }
                    })
                    .collect()
            })
            .collect();
        Prepared {
            articles,
            coders,
            pairs,
            ranges,
            cells,
        }
    }

    /// The figures of these articles and labels (`all`: every label, so α_U is the
    /// categories' average).
    fn figures(&self, which: &[usize], labels: &[usize], all: bool) -> Figures {
        let mut exact = vec![Counts::default(); self.pairs.len()];
        let mut overlap = exact.clone();
        let mut tally = Binary::new(self.coders);
        for &at in which {
            for &label in labels {
                let cell = &self.cells[at][label];
                for (sum, counts) in exact.iter_mut().zip(&cell.exact) {
                    sum.add(*counts);
                }
                for (sum, counts) in overlap.iter_mut().zip(&cell.overlap) {
                    sum.add(*counts);
                }
                tally.merge(&cell.tally);
            }
        }
        let spread = |values: Vec<f64>| mean_sd(&values).map(|(mean, sd)| MeanSd { mean, sd });
        Figures {
            exact_f1: spread(exact.iter().filter_map(|c| c.f1()).collect()),
            overlap_f1: spread(overlap.iter().filter_map(|c| c.f1()).collect()),
            token_alpha: tally.alpha(),
            token_fleiss: tally.fleiss(),
            token_cohen: spread(tally.cohen().into_iter().flatten().collect()),
            unitizing_alpha: self.unitizing(which, labels, all),
        }
    }

    /// α_U on the articles every annotator has, one after the other as one continuum.
    fn unitizing(&self, which: &[usize], labels: &[usize], all: bool) -> Option<f64> {
        let mut units = Vec::new();
        let mut offset = 0u64;
        for &at in which {
            let Some(coded) = self.ranges[at]
                .iter()
                .map(Option::as_ref)
                .collect::<Option<Vec<_>>>()
            else {
                continue;
            };
            for (coder, ranges) in coded.into_iter().enumerate() {
                for &label in labels {
                    units.extend(ranges[label].iter().map(|&(start, end)| Unit {
                        begin: offset + start as u64,
                        length: (end - start) as u64,
                        coder,
                        category: label,
                    }));
                }
            }
            offset += self.articles[at].text.chars().count() as u64;
        }
        let continuum = Continuum::new(0, offset, self.coders, units);
        match (all, labels) {
            (true, _) => continuum.alpha(),
            (false, [label]) => continuum
                .categories()
                .contains(label)
                .then(|| continuum.category_alpha(label)),
            (false, _) => None,
        }
    }
}

/// For each word (sorted ranges), whether a span overlaps it: each span marks the run of
/// words it touches (found by binary search), and a running count reads the marks.
fn inside(words: &[(usize, usize)], spans: &[(usize, usize)]) -> Vec<bool> {
    let mut marks = vec![0i32; words.len() + 1];
    for &(start, end) in spans {
        let first = words.partition_point(|&(_, e)| e <= start);
        let past = words.partition_point(|&(s, _)| s < end);
        if first < past {
            marks[first] += 1;
            marks[past] -= 1;
        }
    }
    let mut open = 0;
    (marks[..words.len()].iter())
        .map(|mark| {
            open += mark;
            open > 0
        })
        .collect()
}

/// Measures the study. `labels` are the schema's, in its order; `articles[i].coded[j]` is
/// `annotators[j]`'s work.
pub fn measure(annotators: &[String], labels: &[String], articles: &[Article]) -> Report {
    let prepared = Prepared::new(annotators.len(), labels, articles);
    let all: Vec<usize> = (0..articles.len()).collect();
    let every: Vec<usize> = (0..labels.len()).collect();
    let overall = prepared.figures(&all, &every, true);
    // Each pair's own figures: its counts and its κ, summed over everything.
    let mut exact = vec![Counts::default(); prepared.pairs.len()];
    let mut overlap = exact.clone();
    let mut tally = Binary::new(annotators.len());
    for row in &prepared.cells {
        for cell in row {
            for (sum, counts) in exact.iter_mut().zip(&cell.exact) {
                sum.add(*counts);
            }
            for (sum, counts) in overlap.iter_mut().zip(&cell.overlap) {
                sum.add(*counts);
            }
            tally.merge(&cell.tally);
        }
    }
    let cohen = tally.cohen();
    let pairs = (prepared.pairs.iter().enumerate())
        .map(|(at, &(a, b))| Pair {
            first: annotators[a].clone(),
            second: annotators[b].clone(),
            exact_f1: exact[at].f1(),
            overlap_f1: overlap[at].f1(),
            token_cohen: cohen[at],
        })
        .collect();
    let mut per_article: Vec<ArticleFigures> = (articles.iter().enumerate())
        .map(|(at, article)| ArticleFigures {
            id: article.id.clone(),
            title: article.title.clone(),
            annotators: article.coded.iter().flatten().count(),
            figures: prepared.figures(&[at], &every, true),
        })
        .collect();
    let lowest =
        |figures: &ArticleFigures| figures.figures.exact_f1.map_or(f64::INFINITY, |f1| f1.mean);
    per_article.sort_by(|a, b| lowest(a).total_cmp(&lowest(b)));
    Report {
        annotators: annotators.to_vec(),
        labels: labels.to_vec(),
        articles: articles.len(),
        overall,
        per_label: (labels.iter().enumerate())
            .map(|(at, label)| (label.clone(), prepared.figures(&all, &[at], false)))
            .collect(),
        pairs,
        per_article,
        relations_f1: relations_f1(&prepared),
        attributes: attributes_alpha(articles),
    }
}

fn relations_f1(prepared: &Prepared) -> Option<MeanSd> {
    let values: Vec<f64> = (prepared.pairs.iter())
        .filter_map(|&(a, b)| {
            let mut total = Counts::default();
            for article in prepared.articles {
                let (Some(first), Some(second)) = (&article.coded[a], &article.coded[b]) else {
                    continue;
                };
                let set = |coded: &Coded| {
                    let mut relations = coded.relations.clone();
                    relations.sort();
                    relations.dedup();
                    relations
                };
                let (mine, theirs) = (set(first), set(second));
                total.add(Counts {
                    agreed: mine
                        .iter()
                        .filter(|r| theirs.binary_search(r).is_ok())
                        .count(),
                    total: mine.len() + theirs.len(),
                });
            }
            total.f1()
        })
        .collect();
    mean_sd(&values).map(|(mean, sd)| MeanSd { mean, sd })
}

/// For each attribute: α (nominal) over the spans (same label and offsets) that two or
/// more annotators have, each annotator's value of it (missing when not set).
fn attributes_alpha(articles: &[Article]) -> Vec<(String, Option<f64>)> {
    let mut names: Vec<String> = (articles.iter())
        .flat_map(|article| article.coded.iter().flatten())
        .flat_map(|coded| coded.attributes.iter().map(|a| a.name.clone()))
        .collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            let mut values: Vec<String> = Vec::new();
            let mut units: Vec<Vec<Option<f64>>> = Vec::new();
            for article in articles {
                let mut shared: Vec<&Span> = (article.coded.iter().flatten())
                    .flat_map(|coded| coded.spans.iter())
                    .collect();
                shared.sort();
                shared.dedup();
                for span in shared {
                    let unit: Vec<Option<f64>> = (article.coded.iter())
                        .map(|coded| {
                            let coded = coded.as_ref()?;
                            coded.spans.contains(span).then_some(())?;
                            let value = (coded.attributes.iter())
                                .find(|a| a.name == name && a.span == *span)?
                                .value
                                .clone();
                            let at = match values.iter().position(|v| *v == value) {
                                Some(at) => at,
                                None => {
                                    values.push(value);
                                    values.len() - 1
                                }
                            };
                            Some(at as f64)
                        })
                        .collect();
                    units.push(unit);
                }
            }
            (name, alpha(&units, Level::Nominal))
        })
        .collect()
}

/// The report as JSON (pretty, for people and for pandas' `json_normalize`).
pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default()
}

/// The report as CSV: one row per figure, `scope,label,pair,article,measure,value,sd`.
pub fn csv(report: &Report) -> String {
    // (scope, label, pair, article, measure, value, sd)
    type Row = (
        &'static str,
        String,
        String,
        String,
        &'static str,
        Option<f64>,
        Option<f64>,
    );
    let mut rows: Vec<Row> = Vec::new();
    let mut figures = |scope, label: &str, article: &str, f: &Figures| {
        let mut add = |measure, value: Option<f64>, sd: Option<f64>| {
            rows.push((
                scope,
                label.to_owned(),
                String::new(),
                article.to_owned(),
                measure,
                value,
                sd,
            ));
        };
        for (measure, value) in [
            ("exact_f1", f.exact_f1),
            ("overlap_f1", f.overlap_f1),
            ("token_cohen", f.token_cohen),
        ] {
            add(measure, value.map(|v| v.mean), value.map(|v| v.sd));
        }
        add("token_alpha", f.token_alpha, None);
        add("token_fleiss", f.token_fleiss, None);
        add("unitizing_alpha", f.unitizing_alpha, None);
    };
    figures("overall", "", "", &report.overall);
    for (label, f) in &report.per_label {
        figures("label", label, "", f);
    }
    for article in &report.per_article {
        figures("article", "", &article.id, &article.figures);
    }
    for pair in &report.pairs {
        let name = format!("{} / {}", pair.first, pair.second);
        for (measure, value) in [
            ("exact_f1", pair.exact_f1),
            ("overlap_f1", pair.overlap_f1),
            ("token_cohen", pair.token_cohen),
        ] {
            rows.push((
                "pair",
                String::new(),
                name.clone(),
                String::new(),
                measure,
                value,
                None,
            ));
        }
    }
    if let Some(f1) = report.relations_f1 {
        rows.push((
            "relations",
            String::new(),
            String::new(),
            String::new(),
            "exact_f1",
            Some(f1.mean),
            Some(f1.sd),
        ));
    }
    for (name, value) in &report.attributes {
        rows.push((
            "attribute",
            name.clone(),
            String::new(),
            String::new(),
            "alpha",
            *value,
            None,
        ));
    }
    let number = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v}"));
    let mut out = String::from("scope,label,pair,article,measure,value,sd\n");
    for (scope, label, pair, article, measure, value, sd) in rows {
        out.push_str(&format!(
            "{scope},{},{},{},{measure},{},{}\n",
            csv_field(&label),
            csv_field(&pair),
            csv_field(&article),
            number(value),
            number(sd)
        ));
    }
    out
}

/// A CSV field, quoted when it must be.
fn csv_field(text: &str) -> String {
    match text.contains([',', '"', '\n', '\r']) {
        true => format!("\"{}\"", text.replace('"', "\"\"")),
        false => text.to_owned(),
    }
}

/// Articles listed in the app's view of a report (the files hold them all).
const LISTED: usize = 100;

/// A figure to three decimals, "—" when there is none.
fn figure(value: Option<f64>) -> String {
    value.map_or("—".to_owned(), |value| format!("{value:.3}"))
}

/// Mean ± SD over the pairs.
fn spread(value: Option<MeanSd>) -> String {
    value.map_or("—".to_owned(), |v| format!("{:.3} ± {:.3}", v.mean, v.sd))
}

fn figures_row(name: &str, f: &Figures) -> Vec<String> {
    vec![
        name.to_owned(),
        spread(f.exact_f1),
        spread(f.overlap_f1),
        figure(f.unitizing_alpha),
        figure(f.token_alpha),
        figure(f.token_fleiss),
        spread(f.token_cohen),
    ]
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| item.to_string()).collect()
}

/// The report as the app shows it: its figures written out as tables, and notes on links,
/// attributes and what was left out (`unmatched`; `alone` articles had one annotator).
pub fn view(
    report: &Report,
    unmatched: &[Unmatched],
    reanchored: &[Unmatched],
    alone: usize,
) -> Agreement {
    let articles = |n: usize| match n {
        1 => "1 article".to_owned(),
        n => format!("{n} articles"),
    };
    let mut summary = format!(
        "{} annotators ({}) · {} compared",
        report.annotators.len(),
        report.annotators.join(", "),
        articles(report.articles)
    );
    if alone > 0 {
        summary += &format!(
            " · {} with only one annotator, not compared",
            articles(alone)
        );
    }
    let scopes = Table {
        caption: "Agreement overall and per label".to_owned(),
        headings: strings(&[
            "Scope",
            "Span F1, exact",
            "Span F1, overlap",
            "α_U",
            "Token α",
            "Token Fleiss' κ",
            "Token Cohen's κ",
        ]),
        rows: std::iter::once(figures_row("All labels", &report.overall))
            .chain(
                report
                    .per_label
                    .iter()
                    .map(|(label, f)| figures_row(label, f)),
            )
            .collect(),
        articles: Vec::new(),
    };
    let pairs = Table {
        caption: "Each pair of annotators".to_owned(),
        headings: strings(&[
            "Pair",
            "Span F1, exact",
            "Span F1, overlap",
            "Token Cohen's κ",
        ]),
        rows: (report.pairs.iter())
            .map(|pair| {
                vec![
                    format!("{} · {}", pair.first, pair.second),
                    figure(pair.exact_f1),
                    figure(pair.overlap_f1),
                    figure(pair.token_cohen),
                ]
            })
            .collect(),
        articles: Vec::new(),
    };
    let more = match report.per_article.len() > LISTED {
        true => format!(" (the first {LISTED}; the report files hold all)"),
        false => String::new(),
    };
    let articles = Table {
        caption: format!("Articles, lowest agreement first{more}"),
        headings: strings(&["Article", "Annotators", "Span F1, exact", "α_U", "Token α"]),
        rows: (report.per_article.iter().take(LISTED))
            .map(|article| {
                vec![
                    article.title.clone(),
                    article.annotators.to_string(),
                    spread(article.figures.exact_f1),
                    figure(article.figures.unitizing_alpha),
                    figure(article.figures.token_alpha),
                ]
            })
            .collect(),
        articles: (report.per_article.iter().take(LISTED))
            .map(|article| article.id.clone())
            .collect(),
    };
    let notes = std::iter::once(format!(
        "Links (same spans and type): F1 {}",
        spread(report.relations_f1)
    ))
    .chain(
        (report.attributes.iter())
            .map(|(name, alpha)| format!("Attribute “{name}”: α {}", figure(*alpha))),
    )
    .chain((reanchored.iter()).map(|placed| {
        format!(
            "Re-anchored: {}'s “{}”: {}.",
            placed.annotator, placed.title, placed.reason
        )
    }))
    .chain((unmatched.iter()).map(|left| {
        format!(
            "Left out: {}'s “{}”: {}.",
            left.annotator, left.title, left.reason
        )
    }))
    .collect();
    Agreement {
        summary,
        annotators: report.annotators.clone(),
        tables: vec![scopes, pairs, articles],
        notes,
    }
}
