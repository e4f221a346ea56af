//! The label schema: which labels exist (colours, hotkeys, attributes) and which links
//! between labelled spans are allowed.

use serde::{Deserialize, Serialize};

/// Keys the app keeps for its own commands; a label cannot take one of them.
pub const RESERVED_KEYS: &str = "oecjklnaifswpduhyxmtgvrb?/[]{},.<>+-";

/// A property a span of some label can carry, with its allowed values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeDef {
    /// E.g. "check-worthy".
    pub name: String,
    /// E.g. ["yes", "no", "unsure"].
    pub values: Vec<String>,
}

/// One label a span can carry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// The name users see and exports carry, e.g. "Claim".
    pub name: String,
    /// Highlight colour as a CSS hex colour `#rrggbb`.
    pub color: String,
    /// The key that applies this label.
    pub hotkey: char,
    pub attributes: Vec<AttributeDef>,
    /// A frame: a span of it and the spans it links to are one whole (an attribution's
    /// content with its source and cue), written to brat as one event (`E` line).
    #[serde(default, skip_serializing_if = "is_false")]
    pub frame: bool,
}

fn is_false(value: &bool) -> bool {
    !value
}

impl Label {
    pub fn attribute(&self, name: &str) -> Option<&AttributeDef> {
        self.attributes
            .iter()
            .find(|attribute| attribute.name == name)
    }
}

/// An allowed link: a span labelled `from` may point at a span labelled `to`, as `kind`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRule {
    pub from: String,
    pub to: String,
    /// The relation's type as exported, e.g. "said_by".
    pub kind: String,
}

impl LinkRule {
    /// The kind as users read it: "said_by" → "said by".
    pub fn title(&self) -> String {
        kind_title(&self.kind)
    }
}

/// A relation kind as users read it: underscores become spaces.
pub fn kind_title(kind: &str) -> String {
    kind.replace('_', " ")
}

/// The labels of a document, in the order users see them, and the links allowed between them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    labels: Vec<Label>,
    links: Vec<LinkRule>,
}

/// The attribute holding a claim's verdict, and those signing and dating it (set with it).
pub const VERDICT: &str = "verdict";
pub const REVIEWED_BY: &str = "reviewed by";
pub const REVIEWED_ON: &str = "reviewed on";
/// A claim's review summary, and where the review is published (ClaimReview's
/// `reviewBody` and `url`): free text, set in the claim's Review fields.
pub const SUMMARY: &str = "summary";
pub const REVIEW_URL: &str = "review url";

/// The default rating scale of a claim's "verdict", best first. ClaimReview rates them by
/// place (True 6 … Pants on fire 1); "Unproven" is off the scale (see `rating`).
pub const VERDICTS: &[&str] = &[
    "True",
    "Mostly true",
    "Half true",
    "Mostly false",
    "False",
    "Pants on fire",
    "Unproven",
];

/// Verdicts that say no rating was reached: off the numeric scale.
const UNRATED: &[&str] = &[
    "unproven",
    "unverifiable",
    "unverified",
    "not rated",
    "no rating",
];

/// A verdict's place on a rating scale (`verdicts`, best first): its value and the scale's
/// best (worst is 1); `None` for a verdict off the scale (one of `UNRATED`) or not on it.
pub fn rating(verdicts: &[String], verdict: &str) -> Option<(usize, usize)> {
    let rated: Vec<&String> = (verdicts.iter())
        .filter(|value| !UNRATED.contains(&value.trim().to_lowercase().as_str()))
        .collect();
    let at = rated.iter().position(|value| *value == verdict)?;
    Some((rated.len() - at, rated.len()))
}

fn values(list: &[&str]) -> Vec<String> {
    list.iter().map(|value| (*value).to_owned()).collect()
}

impl Default for Schema {
    /// Claim, Quote and Source on keys 1, 2 and 3; quotes and claims link to sources.
    fn default() -> Self {
        let attribute = |name: &str, list: &[&str]| AttributeDef {
            name: name.to_owned(),
            values: values(list),
        };
        let label = |name: &str, color: &str, hotkey, attributes| Label {
            name: name.to_owned(),
            color: color.to_owned(),
            hotkey,
            attributes,
            frame: false,
        };
        let link = |from: &str, to: &str, kind: &str| LinkRule {
            from: from.to_owned(),
            to: to.to_owned(),
            kind: kind.to_owned(),
        };
        Self {
            labels: vec![
                label(
                    "Claim",
                    "#fcd34d",
                    '1',
                    vec![
                        attribute("check-worthy", &["yes", "no", "unsure"]),
                        attribute(
                            "claim type",
                            &[
                                "statistic",
                                "quote of fact",
                                "prediction",
                                "causal",
                                "comparison",
                                "other",
                            ],
                        ),
                        attribute(VERDICT, VERDICTS),
                    ],
                ),
                label("Quote", "#93c5fd", '2', Vec::new()),
                label(
                    "Source",
                    "#86efac",
                    '3',
                    vec![attribute(
                        "kind",
                        &["person", "organisation", "document", "anonymous"],
                    )],
                ),
            ],
            links: vec![
                link("Quote", "Source", "said_by"),
                link("Claim", "Source", "according_to"),
            ],
        }
    }
}

impl Schema {
    pub fn new(labels: Vec<Label>, links: Vec<LinkRule>) -> Self {
        Self { labels, links }
    }

    /// The "Attribution (PARC)" preset, as the PARC 3.0 and PolNeAR corpora annotate
    /// attributions: Source, Cue and Content on keys 1, 2 and 3, Content a frame that links
    /// to its source and its cue (one attribution: brat writes it as one event).
    pub fn attribution() -> Self {
        let label = |name: &str, color: &str, hotkey, attributes, frame| Label {
            name: name.to_owned(),
            color: color.to_owned(),
            hotkey,
            attributes,
            frame,
        };
        let link = |to: &str| LinkRule {
            from: "Content".to_owned(),
            to: to.to_owned(),
            kind: to.to_lowercase(),
        };
        let kinds = AttributeDef {
            name: "kind".to_owned(),
            values: values(&["person", "organisation", "document", "anonymous"]),
        };
        let types = AttributeDef {
            name: "type".to_owned(),
            values: values(&["direct", "indirect", "mixed"]),
        };
        Self {
            labels: vec![
                label("Source", "#86efac", '1', vec![kinds], false),
                label("Cue", "#fca5a5", '2', Vec::new(), false),
                label("Content", "#93c5fd", '3', vec![types], true),
            ],
            links: vec![link("Source"), link("Cue")],
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Label> {
        self.labels.iter()
    }

    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    pub fn links(&self) -> &[LinkRule] {
        &self.links
    }

    pub fn get(&self, name: &str) -> Option<&Label> {
        self.labels.iter().find(|label| label.name == name)
    }

    pub fn by_hotkey(&self, key: char) -> Option<&Label> {
        self.labels
            .iter()
            .find(|label| label.hotkey.to_lowercase().eq(key.to_lowercase()))
    }

    /// The label's colour, or a neutral grey for a name the schema does not know.
    pub fn color_of(&self, name: &str) -> &str {
        self.get(name)
            .map_or("#d1d5db", |label| label.color.as_str())
    }

    /// The rule that lets a `from` span link to a `to` span, if any.
    pub fn link_rule(&self, from: &str, to: &str) -> Option<&LinkRule> {
        self.links
            .iter()
            .find(|rule| rule.from == from && rule.to == to)
    }

    /// This schema with label `from` called `to`, in its labels and in its link rules.
    pub fn with_label_renamed(&self, from: &str, to: &str) -> Schema {
        let rename = |name: &String| {
            if name == from {
                to.to_owned()
            } else {
                name.clone()
            }
        };
        Schema {
            labels: self
                .labels
                .iter()
                .map(|label| Label {
                    name: rename(&label.name),
                    ..label.clone()
                })
                .collect(),
            links: self
                .links
                .iter()
                .map(|rule| LinkRule {
                    from: rename(&rule.from),
                    to: rename(&rule.to),
                    kind: rule.kind.clone(),
                })
                .collect(),
        }
    }

    /// The labels a `from` span may link to.
    pub fn link_targets<'a>(&'a self, from: &'a str) -> impl Iterator<Item = &'a LinkRule> {
        self.links.iter().filter(move |rule| rule.from == from)
    }

    /// Every problem that makes this schema unusable, as sentences a user can act on.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (index, label) in self.labels.iter().enumerate() {
            let name = label.name.trim();
            if name.is_empty() {
                problems.push(format!("Label {} has no name.", index + 1));
            } else if name != label.name {
                problems.push(format!(
                    "Label “{}” starts or ends with a space.",
                    label.name
                ));
            }
            if ["->", "→", ":"]
                .iter()
                .any(|mark| label.name.contains(mark))
            {
                problems.push(format!(
                    "Label “{}”: a name cannot contain “:”, “->” or “→”.",
                    label.name
                ));
            }
            if self.labels[..index]
                .iter()
                .any(|other| other.name == label.name)
            {
                problems.push(format!("Label “{}” is defined twice.", label.name));
            }
            if parse_hex_color(&label.color).is_none() {
                problems.push(format!(
                    "Label “{}”: colour “{}” is not a #rrggbb colour.",
                    label.name, label.color
                ));
            }
            if label.hotkey.is_whitespace() || label.hotkey.is_control() {
                problems.push(format!("Label “{}” needs a hotkey.", label.name));
            } else if RESERVED_KEYS.contains(label.hotkey.to_ascii_lowercase()) {
                problems.push(format!(
                    "Label “{}”: key “{}” is taken by an app command; pick a digit or another letter.",
                    label.name, label.hotkey
                ));
            } else if !label.hotkey.is_alphanumeric() {
                problems.push(format!(
                    "Label “{}”: key “{}” must be a letter or a digit.",
                    label.name, label.hotkey
                ));
            } else if let Some(other) = self.labels[..index]
                .iter()
                .find(|other| other.hotkey.to_lowercase().eq(label.hotkey.to_lowercase()))
            {
                problems.push(format!(
                    "Labels “{}” and “{}” share the key “{}”.",
                    other.name, label.name, label.hotkey
                ));
            }
            for (at, attribute) in label.attributes.iter().enumerate() {
                if attribute.name.trim().is_empty() {
                    problems.push(format!("Label “{}”: an attribute has no name.", label.name));
                } else if attribute.name.contains(':') {
                    problems.push(format!(
                        "Label “{}”: attribute “{}” cannot contain “:”.",
                        label.name, attribute.name
                    ));
                } else if label.attributes[..at]
                    .iter()
                    .any(|other| other.name == attribute.name)
                {
                    problems.push(format!(
                        "Label “{}”: attribute “{}” is defined twice.",
                        label.name, attribute.name
                    ));
                }
                if attribute.values.iter().any(|value| value.contains(',')) {
                    problems.push(format!(
                        "Label “{}”, attribute “{}”: a value cannot contain a comma.",
                        label.name, attribute.name
                    ));
                }
                if attribute.values.iter().any(|value| value.trim().is_empty()) {
                    problems.push(format!(
                        "Label “{}”, attribute “{}”: a value is empty.",
                        label.name, attribute.name
                    ));
                }
                if attribute.values.is_empty() {
                    problems.push(format!(
                        "Label “{}”, attribute “{}”: give at least one value.",
                        label.name, attribute.name
                    ));
                }
            }
        }
        for rule in &self.links {
            for end in [&rule.from, &rule.to] {
                if self.get(end).is_none() {
                    problems.push(format!(
                        "Link “{}”: there is no label “{end}”.",
                        rule.title()
                    ));
                }
            }
            if rule.kind.trim().is_empty() || rule.kind.chars().any(char::is_whitespace) {
                problems.push(format!(
                    "Link {} → {}: its kind needs a name without spaces, e.g. said_by.",
                    rule.from, rule.to
                ));
            }
        }
        problems
    }
}

/// The red, green and blue of a `#rrggbb` colour.
pub fn parse_hex_color(color: &str) -> Option<[u8; 3]> {
    let hex = color.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// WCAG relative luminance of an sRGB colour.
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let linear = |channel: u8| {
        let c = f64::from(channel) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG contrast ratio between two colours (1 to 21).
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// The text colour (black or white) that reads best on `background`, and its contrast
/// ratio: always at least 4.58, above the WCAG AA level (4.5) for body text.
pub fn ink_for(background: &str) -> (&'static str, f64) {
    const BLACK: [u8; 3] = [0, 0, 0];
    const WHITE: [u8; 3] = [0xff, 0xff, 0xff];
    let Some(rgb) = parse_hex_color(background) else {
        return ("#000000", 21.0);
    };
    let (dark, light) = (contrast_ratio(rgb, BLACK), contrast_ratio(rgb, WHITE));
    if dark >= light {
        ("#000000", dark)
    } else {
        ("#ffffff", light)
    }
}

/// Attributes as the schema editor shows them: one per line, `name: value, value, …`.
pub fn attributes_to_lines(attributes: &[AttributeDef]) -> String {
    attributes
        .iter()
        .map(|attribute| format!("{}: {}", attribute.name, attribute.values.join(", ")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads attribute lines back (blank lines ignored); a line without `:` is an error.
pub fn attributes_from_lines(lines: &str) -> Result<Vec<AttributeDef>, String> {
    lines
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let (name, values) = line.split_once(':').ok_or_else(|| {
                format!("Attribute line “{line}” needs the form “name: value, value”.")
            })?;
            Ok(AttributeDef {
                name: name.trim().to_owned(),
                values: values
                    .split(',')
                    .map(|value| value.trim().to_owned())
                    .filter(|value| !value.is_empty())
                    .collect(),
            })
        })
        .collect()
}

/// Link rules as the schema editor shows them: one per line, `From -> To: kind`.
pub fn links_to_lines(links: &[LinkRule]) -> String {
    links
        .iter()
        .map(|rule| format!("{} -> {}: {}", rule.from, rule.to, rule.kind))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads link lines back (blank lines ignored; `→` works as well as `->`).
pub fn links_from_lines(lines: &str) -> Result<Vec<LinkRule>, String> {
    lines
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let wrong = || format!("Link line “{line}” needs the form “Quote -> Source: said_by”.");
            let (ends, kind) = line.split_once(':').ok_or_else(wrong)?;
            let (from, to) = ends
                .split_once("->")
                .or_else(|| ends.split_once('→'))
                .ok_or_else(wrong)?;
            Ok(LinkRule {
                from: from.trim().to_owned(),
                to: to.trim().to_owned(),
                kind: kind.trim().to_owned(),
            })
        })
        .collect()
}
