//! Label sets grown by what a file brings: the labels, attributes and link rules an
//! import or a restore needs, added to a schema under the names it already knows.

use super::schema::{parse_hex_color, AttributeDef, Label, LinkRule, Schema, RESERVED_KEYS};
use std::collections::{BTreeMap, HashSet};

/// Colours given to labels a file brings without one.
const PALETTE: [&str; 8] = [
    "#fca5a5", "#c4b5fd", "#f9a8d4", "#5eead4", "#fdba74", "#a5b4fc", "#bef264", "#d8b4fe",
];

/// A name compared loosely: "claim_type", "Claim-Type" and "claim type" are the same.
pub fn loose(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `schema` with a label added for each name it lacks (read under a near name when one
/// matches loosely, e.g. "quote" → "Quote"), and each name as the schema now knows it.
pub fn with_labels(schema: &Schema, names: &[&str]) -> (Schema, Vec<String>) {
    let mut builder = SchemaBuilder::from_open(schema);
    let known = names.iter().map(|name| builder.label(name)).collect();
    (Schema::new(builder.labels, builder.links), known)
}

/// The schema being built: the file's or the open one, plus what the file's spans need.
pub struct SchemaBuilder {
    pub labels: Vec<Label>,
    pub links: Vec<LinkRule>,
    pub added: Vec<String>,
    pub problems: Vec<String>,
    /// Names already reported as read under another name.
    pub renamed: HashSet<String>,
}

impl SchemaBuilder {
    pub fn from_open(schema: &Schema) -> Self {
        Self {
            labels: schema.labels().to_vec(),
            links: schema.links().to_vec(),
            added: Vec::new(),
            problems: Vec::new(),
            renamed: HashSet::new(),
        }
    }

    /// A file's label set, with missing or clashing colours and keys replaced.
    pub fn from_file(labels: &[Label], links: &[LinkRule], problems: &mut Vec<String>) -> Self {
        let mut builder = Self {
            labels: Vec::new(),
            links: Vec::new(),
            added: Vec::new(),
            problems: Vec::new(),
            renamed: HashSet::new(),
        };
        for label in labels {
            if label.name.trim().is_empty() || builder.exact(&label.name).is_some() {
                problems.push(format!(
                    "The file defines label “{}” twice or without a name; it is read once.",
                    label.name
                ));
                continue;
            }
            let mut label = label.clone();
            if parse_hex_color(&label.color).is_none() {
                label.color = builder.free_color();
            }
            if !builder.key_is_free(label.hotkey) {
                label.hotkey = builder.free_key();
            }
            builder.labels.push(label);
        }
        for rule in links {
            if builder.exact(&rule.from).is_some() && builder.exact(&rule.to).is_some() {
                builder.ensure_rule(&rule.from, &rule.to, &rule.kind, false);
            }
        }
        builder
    }

    pub fn exact(&self, name: &str) -> Option<usize> {
        self.labels.iter().position(|label| label.name == name)
    }

    /// The schema's name for a file's label, adding the label when it is new.
    pub fn label(&mut self, name: &str) -> String {
        if self.exact(name).is_some() {
            return name.to_owned();
        }
        let wanted = loose(name);
        let matches: Vec<&Label> = self
            .labels
            .iter()
            .filter(|label| loose(&label.name) == wanted)
            .collect();
        if let [label] = matches.as_slice() {
            let known = label.name.clone();
            if self.renamed.insert(name.to_owned()) {
                self.problems
                    .push(format!("Label “{name}” is read as “{known}”."));
            }
            return known;
        }
        let label = Label {
            name: name.to_owned(),
            color: self.free_color(),
            hotkey: self.free_key(),
            attributes: Vec::new(),
            frame: false,
        };
        self.labels.push(label);
        self.added.push(name.to_owned());
        name.to_owned()
    }

    /// The span's attributes under the label's names, adding unknown names and values
    /// to the label's definitions.
    pub fn attributes(
        &mut self,
        label: &str,
        attributes: &BTreeMap<String, String>,
    ) -> BTreeMap<String, String> {
        let Some(index) = self.exact(label) else {
            return attributes.clone();
        };
        let definitions = &mut self.labels[index].attributes;
        let mut mapped = BTreeMap::new();
        for (name, value) in attributes {
            let at = definitions
                .iter()
                .position(|def| def.name == *name)
                .or_else(|| {
                    definitions
                        .iter()
                        .position(|def| loose(&def.name) == loose(name))
                });
            let at = at.unwrap_or_else(|| {
                self.problems
                    .push(format!("Attribute “{name}” is added to label “{label}”."));
                definitions.push(AttributeDef {
                    name: name.clone(),
                    values: Vec::new(),
                });
                definitions.len() - 1
            });
            let def = &mut definitions[at];
            let value = def
                .values
                .iter()
                .find(|known| *known == value || loose(known) == loose(value))
                .cloned()
                .unwrap_or_else(|| {
                    def.values.push(value.clone());
                    value.clone()
                });
            mapped.insert(def.name.clone(), value);
        }
        mapped
    }

    /// Adds a link rule `from → to` unless the schema has one; `report` says so.
    pub fn ensure_rule(&mut self, from: &str, to: &str, kind: &str, report: bool) {
        let known = self
            .links
            .iter()
            .any(|rule| rule.from == from && rule.to == to);
        if !known {
            if report {
                self.problems.push(format!(
                    "Links from {from} to {to} ({kind}) are added to the schema."
                ));
            }
            self.links.push(LinkRule {
                from: from.to_owned(),
                to: to.to_owned(),
                kind: kind.to_owned(),
            });
        }
    }

    pub fn key_is_free(&self, key: char) -> bool {
        key.is_alphanumeric()
            && !RESERVED_KEYS.contains(key.to_ascii_lowercase())
            && !self
                .labels
                .iter()
                .any(|label| label.hotkey.eq_ignore_ascii_case(&key))
    }

    pub fn free_key(&self) -> char {
        "1234567890bghmqrtvxyz"
            .chars()
            .find(|key| self.key_is_free(*key))
            .unwrap_or('?')
    }

    pub fn free_color(&self) -> String {
        PALETTE[self.labels.len() % PALETTE.len()].to_owned()
    }
}
