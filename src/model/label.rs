//! The label schema: which labels exist, their colours and hotkeys.

/// One label a span can carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// The name users see and exports carry, e.g. "Claim".
    pub name: String,
    /// Highlight colour as a CSS hex colour, chosen so black text on it stays readable.
    pub color: String,
    /// The key that applies this label.
    pub hotkey: char,
}

/// The ordered set of labels of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelSet {
    labels: Vec<Label>,
}

impl Default for LabelSet {
    /// Claim, Quote and Source on keys 1, 2 and 3.
    fn default() -> Self {
        let label = |name: &str, color: &str, hotkey| Label {
            name: name.to_owned(),
            color: color.to_owned(),
            hotkey,
        };
        Self {
            labels: vec![
                label("Claim", "#fcd34d", '1'),
                label("Quote", "#93c5fd", '2'),
                label("Source", "#86efac", '3'),
            ],
        }
    }
}

impl LabelSet {
    pub fn new(labels: Vec<Label>) -> Self {
        Self { labels }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Label> {
        self.labels.iter()
    }

    pub fn get(&self, name: &str) -> Option<&Label> {
        self.labels.iter().find(|label| label.name == name)
    }

    pub fn by_hotkey(&self, key: char) -> Option<&Label> {
        self.labels.iter().find(|label| label.hotkey == key)
    }

    /// The label's colour, or a neutral grey for a name the schema does not know.
    pub fn color_of(&self, name: &str) -> &str {
        self.get(name)
            .map_or("#d1d5db", |label| label.color.as_str())
    }
}
