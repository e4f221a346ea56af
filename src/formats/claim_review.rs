//! schema.org `ClaimReview` (JSON-LD), one per claim, with what the reviewer gave: export only.
//!
//! The file is `{"@context": "https://schema.org", "@graph": [...]}` with one
//! `ClaimReview` per span labelled "Claim", articles in order, claims in document order:
//! - `claimReviewed`: the claim's exact text;
//! - `itemReviewed`: a `Claim` with
//!   - `author`: the claim's source, i.e. the span at the end of the first relation (in
//!     relation order) that starts at the claim: a `Person` when the source's "kind"
//!     attribute is "person", an `Organization` for "organisation" (or "organization"),
//!     else a `Thing` for the reviewer to settle; `name` is the source's text. Left out
//!     when the claim links to nothing;
//!   - `appearance`: the article as a `CreativeWork` (`headline` its title, `url` its
//!     source when that is an http(s) URL);
//!   - `identifier`: `PropertyValue`s that keep the claim traceable to its span:
//!     `article-annotator:span` (the span id), `article-annotator:article` (the document
//!     id), and `article-annotator:start` / `article-annotator:end`, the span's
//!     half-open offsets in Unicode code points into the article text ("\n" line ends);
//! - `reviewRating`: a `Rating` whose `alternateName` is the claim's "verdict" attribute
//!   (empty when it has none); a verdict on the schema's scale (the Claim label's "verdict"
//!   values, best first) also gets `ratingValue`, `bestRating` and `worstRating` (1), by
//!   place: True 6 … Pants on fire 1 on the default scale. "Unproven" (and Unverifiable,
//!   Unverified, Not rated, No rating) is off the numeric scale: its name only;
//! - `datePublished`: the day the verdict was given (the claim's "reviewed on", set with
//!   the verdict), and `creator`: the `Person` who gave it ("reviewed by"), when known;
//! - `author`: the fact-checking organisation (Settings ▸ Your name…), an `Organization`;
//! - `url`: where the review is published (the claim's "review url", set in its Review
//!   fields; "" for the reviewer to fill in while there is none), and `reviewBody`: the
//!   claim's "summary", when it has one;
//! - `citation`: the claim's evidence, each a `CreativeWork` with `url`, `name` (its
//!   title), `text` (the quoted passage) and `description` (the note), each when given;
//! - what is left to fill in, as Google's fact-check markup asks for: the author's `name`
//!   when no organisation is set, and `datePublished` while there is no verdict.

use crate::model::formats::draft::Work;
use crate::model::schema::{rating, REVIEWED_BY, REVIEWED_ON, REVIEW_URL, SUMMARY, VERDICT};
use crate::model::span::Span;
use serde::Serialize;

#[derive(Serialize)]
struct Graph<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<ClaimReview<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimReview<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    claim_reviewed: &'a str,
    item_reviewed: Claim<'a>,
    url: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    review_body: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    citation: Vec<Citation<'a>>,
    date_published: &'a str,
    author: Named<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Named<'a>>,
    review_rating: Rating<'a>,
}

#[derive(Serialize)]
struct Claim<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Named<'a>>,
    appearance: Appearance<'a>,
    identifier: [Property<'a>; 4],
}

/// An evidence item: a `CreativeWork` the claim was checked against.
#[derive(Serialize)]
struct Citation<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    url: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    text: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
}

#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Appearance<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    headline: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Property<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "propertyID")]
    property_id: &'static str,
    value: PropertyValue<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum PropertyValue<'a> {
    Text(&'a str),
    Number(usize),
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rating<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    alternate_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating_value: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    best_rating: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    worst_rating: Option<usize>,
}

fn property<'a>(property_id: &'static str, value: PropertyValue<'a>) -> Property<'a> {
    Property {
        kind: "PropertyValue",
        property_id,
        value,
    }
}

/// A span's attribute, or "".
fn attribute<'a>(span: &'a Span, name: &str) -> &'a str {
    span.attributes.get(name).map_or("", String::as_str)
}

/// The schema.org type of a source, from its "kind" attribute.
fn author_type(source: &Span) -> &'static str {
    match source.attributes.get("kind").map(String::as_str) {
        Some("person") => "Person",
        Some("organisation" | "organization") => "Organization",
        _ => "Thing",
    }
}

/// A ClaimReview for every claim of `works`, pretty-printed with a final newline.
pub fn export(works: &[Work]) -> String {
    export_for(works, "")
}

/// `export`, with `publisher` (the fact-checking organisation; "": none yet) as each
/// review's `author`.
pub fn export_for(works: &[Work], publisher: &str) -> String {
    let mut graph = Vec::new();
    for work in works {
        let document = work.document;
        let url = document
            .source
            .as_deref()
            .filter(|url| url.starts_with("https://") || url.starts_with("http://"));
        let annotations = work.annotations;
        let scale = (work.schema.get("Claim"))
            .and_then(|label| label.attribute(VERDICT))
            .map_or(&[][..], |verdicts| verdicts.values.as_slice());
        for claim in annotations
            .spans()
            .iter()
            .filter(|span| span.label == "Claim")
        {
            let source = annotations
                .relations()
                .iter()
                .find(|relation| relation.from == claim.id)
                .and_then(|relation| annotations.get(&relation.to));
            graph.push(ClaimReview {
                kind: "ClaimReview",
                claim_reviewed: &claim.text,
                item_reviewed: Claim {
                    kind: "Claim",
                    author: source.map(|source| Named {
                        kind: author_type(source),
                        name: &source.text,
                    }),
                    appearance: Appearance {
                        kind: "CreativeWork",
                        url,
                        headline: &document.title,
                    },
                    identifier: [
                        property(
                            "article-annotator:span",
                            PropertyValue::Text(claim.id.as_str()),
                        ),
                        property(
                            "article-annotator:article",
                            PropertyValue::Text(&document.id),
                        ),
                        property(
                            "article-annotator:start",
                            PropertyValue::Number(claim.range.start.0),
                        ),
                        property(
                            "article-annotator:end",
                            PropertyValue::Number(claim.range.end.0),
                        ),
                    ],
                },
                url: attribute(claim, REVIEW_URL),
                review_body: attribute(claim, SUMMARY),
                citation: (claim.evidence.iter())
                    .map(|evidence| Citation {
                        kind: "CreativeWork",
                        url: &evidence.url,
                        name: &evidence.title,
                        text: &evidence.passage,
                        description: &evidence.note,
                    })
                    .collect(),
                date_published: attribute(claim, REVIEWED_ON),
                author: Named {
                    kind: "Organization",
                    name: publisher,
                },
                creator: (claim.attributes.get(REVIEWED_BY)).map(|name| Named {
                    kind: "Person",
                    name,
                }),
                review_rating: {
                    let verdict = attribute(claim, VERDICT);
                    let rated = rating(scale, verdict);
                    Rating {
                        kind: "Rating",
                        alternate_name: verdict,
                        rating_value: rated.map(|(value, _)| value),
                        best_rating: rated.map(|(_, best)| best),
                        worst_rating: rated.map(|_| 1),
                    }
                },
            });
        }
    }
    let file = Graph {
        context: "https://schema.org",
        graph,
    };
    // Serialising these plain structs cannot fail.
    let mut json = serde_json::to_string_pretty(&file).unwrap_or_default();
    json.push('\n');
    json
}
