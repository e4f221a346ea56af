//! The agreement report as plain data: what the worker answers a comparison of several
//! annotators' work, and what the app shows and writes. The measures themselves are
//! computed in `annotator-formats` (`agreement`); docs/agreement.md defines each figure.

use serde::{Deserialize, Serialize};

/// Mean and standard deviation over annotator pairs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeanSd {
    pub mean: f64,
    pub sd: f64,
}

/// The figures of one scope (everything, a label, an article).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// Span F1, same label and offsets.
    pub exact_f1: Option<MeanSd>,
    /// Span F1, same label and overlapping, matched one to one.
    pub overlap_f1: Option<MeanSd>,
    /// Token level: Krippendorff's α (nominal) of "inside a span of the label or not".
    pub token_alpha: Option<f64>,
    /// Token level: Fleiss' κ of the same decisions (articles every annotator has).
    pub token_fleiss: Option<f64>,
    /// Token level: Cohen's κ, mean over pairs.
    pub token_cohen: Option<MeanSd>,
    /// Krippendorff's α_U on code-point offsets (articles every annotator has).
    pub unitizing_alpha: Option<f64>,
}

/// One annotator pair's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    pub first: String,
    pub second: String,
    pub exact_f1: Option<f64>,
    pub overlap_f1: Option<f64>,
    pub token_cohen: Option<f64>,
}

/// An article's figures, with its id and title.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleFigures {
    pub id: String,
    pub title: String,
    pub annotators: usize,
    pub figures: Figures,
}

/// The whole report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub annotators: Vec<String>,
    pub labels: Vec<String>,
    pub articles: usize,
    pub overall: Figures,
    pub per_label: Vec<(String, Figures)>,
    pub pairs: Vec<Pair>,
    /// Lowest exact span F1 first.
    pub per_article: Vec<ArticleFigures>,
    /// Relations F1 (same source span, target span and type), mean over pairs.
    pub relations_f1: Option<MeanSd>,
    /// α (nominal) of each attribute's values on spans two or more annotators share.
    pub attributes: Vec<(String, Option<f64>)>,
}

/// A version left out of the comparison, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unmatched {
    pub annotator: String,
    pub title: String,
    pub reason: String,
}

/// A comparison of annotators as the app shows it: the report's figures already written
/// out as tables (the app only lays them out; the whole report travels beside as JSON and
/// CSV files).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    /// "3 annotators (ana, ben, cleo) · 12 articles compared".
    pub summary: String,
    pub annotators: Vec<String>,
    pub tables: Vec<Table>,
    /// Sentences: links and attributes' figures, and each version left out with why.
    pub notes: Vec<String>,
}

/// A table of figures: the first column names the row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub caption: String,
    pub headings: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The articles' ids, row for row, in a table of articles (else empty).
    #[serde(default)]
    pub articles: Vec<String>,
}
