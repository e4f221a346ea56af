//! The suggesters' word lists: data files per language (`words/*.txt`), one entry per line
//! under a `[section]`, `#` starting a comment. A language's lists add to English's, so an
//! English reporting verb in a French article still counts.

/// Word lists by section.
#[derive(Clone, Debug, Default)]
pub struct Words {
    /// Each section's name, entries, and entries in lower case (lowered once, not at every
    /// look-up).
    sections: Vec<(String, Vec<String>, Vec<String>)>,
}

/// The lists kept with the app, by language code.
const FILES: &[(&str, &str)] = &[
    ("en", include_str!("words/en.txt")),
    ("fr", include_str!("words/fr.txt")),
    ("es", include_str!("words/es.txt")),
    ("de", include_str!("words/de.txt")),
    ("ar", include_str!("words/ar.txt")),
];

impl Words {
    /// Reads lists in the data files' form.
    pub fn parse(text: &str) -> Words {
        let mut words = Words::default();
        words.add(text);
        words
    }

    /// Adds the lists of `text` to these.
    pub fn add(&mut self, text: &str) {
        let mut section: Option<usize> = None;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
            {
                let at = match self.sections.iter().position(|(known, ..)| known == name) {
                    Some(at) => at,
                    None => {
                        self.sections
                            .push((name.to_owned(), Vec::new(), Vec::new()));
                        self.sections.len() - 1
                    }
                };
                section = Some(at);
            } else if let Some(at) = section {
                let (_, entries, lowered) = &mut self.sections[at];
                if !entries.iter().any(|known| known == line) {
                    entries.push(line.to_owned());
                    lowered.push(line.to_lowercase());
                }
            }
        }
    }

    /// The lists for an article in `lang` (its language's, then English's).
    pub fn for_language(lang: &str) -> Words {
        let code = lang
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let mut words = Words::default();
        if let Some((_, text)) = FILES
            .iter()
            .find(|(known, _)| *known == code && code != "en")
        {
            words.add(text);
        }
        words.add(FILES[0].1);
        words
    }

    /// The language of the lists whose `[common words]` the start of `text` uses most:
    /// English when none is used.
    pub fn guess_language(text: &str) -> &'static str {
        let words: Vec<String> = (text.split(|c: char| !c.is_alphanumeric()))
            .filter(|word| !word.is_empty())
            .take(2000)
            .map(str::to_lowercase)
            .collect();
        let mut best = ("en", 0);
        for (code, file) in FILES {
            let common = Words::parse(file);
            let count = (words.iter())
                .filter(|word| common.has("common words", word))
                .count();
            if count > best.1 {
                best = (code, count);
            }
        }
        best.0
    }

    /// A section's entries (none for a section the lists lack).
    pub fn list(&self, section: &str) -> &[String] {
        (self.sections.iter())
            .find(|(name, ..)| name == section)
            .map_or(&[], |(_, list, _)| list.as_slice())
    }

    /// Whether `word` is in the section, ignoring case.
    pub fn has(&self, section: &str, word: &str) -> bool {
        let word = word.to_lowercase();
        (self.sections.iter())
            .find(|(name, ..)| name == section)
            .is_some_and(|(_, _, lowered)| lowered.contains(&word))
    }

    /// Whether `word` is in the section exactly (titles are capitalised: "Dr." but not "dr.").
    pub fn has_exact(&self, section: &str, word: &str) -> bool {
        self.list(section).iter().any(|known| known == word)
    }
}
