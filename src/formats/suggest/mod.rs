//! Suggestions: spans an annotator would most likely make, from rules and word lists (no
//! model, no server): direct quotes (every common quote style, quotes split by their
//! attribution and quotes running on across paragraphs), their speakers (a name next to a
//! reporting verb, either order, a colon before the quote, or a pronoun resolved to the
//! nearest name before it), sources that are documents or institutions (after cues such as
//! "according to"), and check-worthy claim candidates (sentences with numbers, percentages,
//! money, dates, comparisons, causes or trends), each with the cue that triggered it.
//!
//! Offsets are code points, half-open, as everywhere. A quote's span is the text strictly
//! between its marks (docs/suggestions.md). The word lists are data files per language
//! (`words/*.txt`), read at start.

mod words;

pub use words::Words;

pub use annotator_core::model::suggestion::{Kind, Suggestion};

/// Quote marks: each opening mark and the marks that close it.
const MARKS: &[(char, &[char])] = &[
    ('“', &['”']),
    ('„', &['“', '”']),
    ('«', &['»']),
    ('»', &['«']),
    ('‘', &['’']),
    ('‚', &['‘', '’']),
    ('「', &['」']),
    ('『', &['』']),
    ('"', &['"']),
];

fn closers(open: char) -> Option<&'static [char]> {
    MARKS
        .iter()
        .find(|(mark, _)| *mark == open)
        .map(|(_, close)| *close)
}

fn is_mark(c: char) -> bool {
    MARKS
        .iter()
        .any(|(open, close)| *open == c || close.contains(&c))
}

/// The article as code points, with its paragraphs.
struct Text<'a> {
    chars: Vec<char>,
    words: &'a Words,
}

/// A quote found: the text between its marks, and the marks' places.
#[derive(Clone, Copy, Debug)]
struct Found {
    /// The opening mark.
    open: usize,
    start: usize,
    end: usize,
    /// After the closing mark (`end` when the quote runs to its paragraph's end).
    after: usize,
    /// It runs on: its paragraph ends inside it.
    runs_on: bool,
}

/// A name found at an attribution or as a sentence's subject: its range.
#[derive(Clone, Copy, Debug)]
struct Name {
    start: usize,
    end: usize,
}

impl<'a> Text<'a> {
    fn new(text: &str, words: &'a Words) -> Self {
        Text {
            chars: text.chars().collect(),
            words,
        }
    }

    fn slice(&self, start: usize, end: usize) -> String {
        self.chars[start..end].iter().collect()
    }

    /// Paragraphs: ranges between line breaks, without empty ones.
    fn paragraphs(&self) -> Vec<(usize, usize)> {
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for (at, c) in self
            .chars
            .iter()
            .enumerate()
            .chain([(self.chars.len(), &'\n')])
        {
            if *c == '\n' {
                if self.chars[start..at].iter().any(|c| !c.is_whitespace()) {
                    paragraphs.push((start, at));
                }
                start = at + 1;
            }
        }
        paragraphs
    }

    /// Whether `at` may open a quote: not inside a word (an apostrophe is not a quote).
    fn opens(&self, at: usize) -> bool {
        let c = self.chars[at];
        let before = at.checked_sub(1).map(|b| self.chars[b]);
        let after = self.chars.get(at + 1).copied();
        let glued_before = before.is_some_and(|b| b.is_alphanumeric());
        match c {
            '‘' | '’' | '\'' | '‚' => {
                !glued_before && after.is_some_and(|a| !a.is_whitespace())
            }
            '"' => !glued_before && after.is_some_and(|a| !a.is_whitespace()),
            // » opens only where « closes (Danish, German): after a space or at a start.
            '»' => {
                !glued_before
                    && after.is_some_and(|a| !a.is_whitespace())
                    && before.is_none_or(char::is_whitespace)
            }
            _ => true,
        }
    }

    /// Whether `at` may close a quote opened by a mark that `close` lists.
    fn closes(&self, at: usize) -> bool {
        let after = self.chars.get(at + 1).copied();
        match self.chars[at] {
            // An apostrophe inside a word ("don’t") is not a closing mark.
            '’' | '\'' => !after.is_some_and(char::is_alphanumeric),
            _ => true,
        }
    }

    /// Every quote of the paragraph `[start, end)`.
    fn quotes_in(&self, start: usize, end: usize) -> Vec<Found> {
        let mut found = Vec::new();
        let mut at = start;
        while at < end {
            let c = self.chars[at];
            let Some(close) = closers(c).filter(|_| self.opens(at)) else {
                at += 1;
                continue;
            };
            let inner = at + 1;
            let closing = (inner..end).find(|&i| close.contains(&self.chars[i]) && self.closes(i));
            match closing {
                Some(closing) => {
                    // Spaces just inside the marks (French « … ») are not quoted.
                    let first = (inner..closing).find(|&i| !self.chars[i].is_whitespace());
                    let last = (inner..closing)
                        .rev()
                        .find(|&i| !self.chars[i].is_whitespace());
                    if let (Some(first), Some(last)) = (first, last) {
                        found.push(Found {
                            open: at,
                            start: first,
                            end: last + 1,
                            after: closing + 1,
                            runs_on: false,
                        });
                    }
                    at = closing + 1;
                }
                None => {
                    // A quotation not closed in its paragraph runs on into the next.
                    let first = (inner..end).find(|&i| !self.chars[i].is_whitespace());
                    let last = (inner..end).rev().find(|&i| !self.chars[i].is_whitespace());
                    if let (Some(first), Some(last)) = (first, last) {
                        found.push(Found {
                            open: at,
                            start: first,
                            end: last + 1,
                            after: end,
                            runs_on: true,
                        });
                    }
                    return found;
                }
            }
        }
        found
    }

    /// The word starting at `at` (letters, digits, inner apostrophes, dots and hyphens).
    fn word_at(&self, at: usize) -> Option<(usize, usize)> {
        let is_word = |c: char| c.is_alphanumeric();
        if !self.chars.get(at).copied().is_some_and(is_word) {
            return None;
        }
        let mut end = at;
        while end < self.chars.len() {
            let c = self.chars[end];
            let inner = matches!(c, '-' | '\'' | '’' | '.')
                && self.chars.get(end + 1).copied().is_some_and(is_word);
            if is_word(c) || inner {
                end += 1;
            } else {
                break;
            }
        }
        // "Dr." keeps its dot when it is a title or abbreviation.
        if self.chars.get(end) == Some(&'.') {
            let with_dot = self.slice(at, end + 1);
            if self.words.has("titles", &with_dot) || self.words.has("abbreviations", &with_dot) {
                end += 1;
            }
        }
        Some((at, end))
    }

    /// Words from `at` on, up to `max` of them, stopping at punctuation other than inner
    /// marks (and at a line break).
    fn words_from(&self, mut at: usize, limit: usize, max: usize) -> Vec<(usize, usize)> {
        let mut words = Vec::new();
        while at < limit && words.len() < max {
            let c = self.chars[at];
            if c == ' ' || c == '\u{a0}' {
                at += 1;
                continue;
            }
            match self.word_at(at) {
                Some((start, end)) => {
                    words.push((start, end));
                    at = end;
                }
                None => break,
            }
        }
        words
    }

    /// Every word of `[start, end)`, across punctuation.
    fn tokens(&self, start: usize, end: usize) -> Vec<(usize, usize)> {
        let mut tokens = Vec::new();
        let mut at = start;
        while at < end {
            match self.word_at(at) {
                Some((from, to)) => {
                    tokens.push((from, to.min(end)));
                    at = to;
                }
                None => at += 1,
            }
        }
        tokens
    }

    fn text_of(&self, (start, end): (usize, usize)) -> String {
        self.slice(start, end)
    }

    /// Capitalised, or of a script without case (Arabic), where any word may be a name.
    fn capitalised(&self, (start, _): (usize, usize)) -> bool {
        let c = self.chars[start];
        c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase() && !c.is_ascii())
    }

    fn caseless(&self, (start, _): (usize, usize)) -> bool {
        let c = self.chars[start];
        c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase()
    }

    /// A name starting at word `from` of `words`: a title, then capitalised words (with
    /// particles between them). Returns its range and how many words it took.
    fn name_at(&self, words: &[(usize, usize)], from: usize) -> Option<(Name, usize)> {
        let mut at = from;
        // Titles ("Dr.", "Deputy Mayor"), up to two words.
        while at < words.len() && at < from + 2 {
            let one = self.text_of(words[at]);
            let two = words
                .get(at + 1)
                .map(|next| self.slice(words[at].0, next.1));
            if two
                .as_deref()
                .is_some_and(|two| self.words.has_exact("titles", two))
            {
                at += 2;
            } else if self.words.has_exact("titles", &one) {
                at += 1;
            } else {
                break;
            }
        }
        let titled = at > from;
        let first = at;
        while at < words.len() {
            let word = words[at];
            // Without case, a name is taken as at most two words.
            if self.caseless(word) && at >= first + 2 {
                break;
            }
            let text = self.text_of(word);
            let particle = self.words.has("name particles", &text)
                && at > first
                && words
                    .get(at + 1)
                    .is_some_and(|next| self.capitalised(*next));
            if self.capitalised(word) && !self.words.has("pronouns", &text) || particle {
                at += 1;
            } else {
                break;
            }
        }
        if at == first {
            return None;
        }
        // A capitalised reporting verb or cue word is not part of a name ("Said …").
        if !titled
            && at - first == 1
            && self
                .words
                .has("reporting verbs", &self.text_of(words[first]))
        {
            return None;
        }
        let start = words[if titled { from } else { first }].0;
        let mut end = words[at - 1].1;
        // A name does not end in an abbreviation's dot unless it is a title's.
        if self.chars[end - 1] == '.' && !titled {
            end -= 1;
        }
        Some((Name { start, end }, at - from))
    }

    /// The name whose last word is just before word `at`.
    fn name_ending(&self, words: &[(usize, usize)], at: usize) -> Option<(Name, usize)> {
        // The longest: from the earliest word a name ending there starts at.
        (0..at).find_map(|first| {
            let (name, taken) = self.name_at(words, first)?;
            (first + taken == at).then_some((name, first))
        })
    }

    /// The speaker whose name ends just before word `at`: a person "of" or "at" an
    /// institution is the person ("Yusuf Demir of the Carrow Passengers’ Forum warned").
    fn speaker_ending(&self, words: &[(usize, usize)], at: usize) -> Option<Name> {
        let (name, first) = self.name_ending(words, at)?;
        let mut before = first;
        while before > 0
            && ARTICLES.contains(&self.text_of(words[before - 1]).to_lowercase().as_str())
        {
            before -= 1;
        }
        let link = before
            .checked_sub(1)
            .map(|at| self.text_of(words[at]).to_lowercase());
        if matches!(
            link.as_deref(),
            Some("of" | "at" | "from" | "de" | "von" | "del")
        ) {
            if let Some((person, _)) = self.name_ending(words, before - 1) {
                return Some(person);
            }
        }
        Some(name)
    }

    /// A name from word `at` on, past up to three lower-case words that describe the
    /// person ("said board president Angela Moretti").
    fn name_after(&self, words: &[(usize, usize)], at: usize) -> Option<Name> {
        for skip in 0..=3 {
            let first = at + skip;
            let word = words.get(first)?;
            if let Some((name, _)) = self.name_at(words, first) {
                return Some(name);
            }
            if self.capitalised(*word) {
                return None;
            }
        }
        None
    }

    /// A reporting verb (one to three words) starting at word `at`: how many words.
    fn verb_at(&self, words: &[(usize, usize)], at: usize) -> Option<usize> {
        self.verb_in("reporting verbs", words, at)
    }

    /// A verb of the list `section` (one to three words) starting at word `at`.
    fn verb_in(&self, section: &str, words: &[(usize, usize)], at: usize) -> Option<usize> {
        (1..=3).rev().find(|len| {
            at + len <= words.len() && {
                let phrase = self.slice(words[at].0, words[at + len - 1].1);
                // French inversion: "ajoute-t-elle", "dit-il" are "ajoute", "dit".
                let base = match phrase.split_once("-t-") {
                    Some((base, _)) => base,
                    None => (phrase.rsplit_once('-'))
                        .filter(|(_, last)| self.words.has("pronouns", last))
                        .map_or(phrase.as_str(), |(base, _)| base),
                };
                self.words.has(section, base)
            }
        })
    }

    /// The attribution after a quote, up to the end of its sentence: the speaker's name, or
    /// a pronoun (`Err(verb)`), and the verb as the reason.
    fn attribution_after(&self, from: usize, limit: usize) -> Option<Attribution> {
        // Up to the sentence's end or the next quote.
        let mut stop = from;
        while stop < limit {
            let c = self.chars[stop];
            // A title's dot ("said Dr. Haddad") does not end the sentence.
            if matches!(c, '.' | '!' | '?' | ';') && !is_title_dot(self, stop) {
                break;
            }
            if closers(c).is_some() && stop > from && self.opens(stop) {
                break;
            }
            stop += 1;
        }
        // «…», dijo: the comma (or dash) after the closing mark.
        let mut from = from;
        while from < stop && matches!(self.chars[from], ',' | '—' | '–' | '-' | ' ' | '\u{a0}')
        {
            from += 1;
        }
        let mut words = self.tokens(from, stop);
        words.truncate(12);
        // "…," said Dr. Haddad / "…," Haddad said / "…," she said / "…," the mayor said.
        for (at, _) in words.iter().enumerate().take(4) {
            if let Some(len) = self.verb_at(&words, at) {
                let verb = self.slice(words[at].0, words[at + len - 1].1);
                // French inversion: "ajoute-t-elle", "a-t-il dit".
                if (verb.rsplit('-').next())
                    .is_some_and(|last| verb.contains('-') && self.words.has("pronouns", last))
                {
                    return Some(Attribution::Pronoun(verb));
                }
                if at > 0 {
                    let pronoun = self.text_of(words[at - 1]);
                    if at == 1 && self.words.has("pronouns", &pronoun) {
                        return Some(Attribution::Pronoun(verb));
                    }
                    // "…," music teacher Rob Okafor told the board.
                    if let Some(name) = self.speaker_ending(&words, at) {
                        return Some(Attribution::Name(name, verb));
                    }
                }
                // "…," said (board president) Angela Moretti.
                if let Some(name) = self.name_after(&words, at + len) {
                    return Some(Attribution::Name(name, verb));
                }
                // «…», añadió. The subject left out, as a pronoun would be.
                if at == 0 && words.len() == len {
                    return Some(Attribution::Pronoun(verb));
                }
                return None;
            }
        }
        None
    }

    /// The attribution before a quote in its paragraph: "Haddad said: “…”", "Minister Ana
    /// Ruiz: «…»", "Haddad told reporters that “…”".
    fn attribution_before(&self, paragraph: usize, open: usize) -> Option<Attribution> {
        // The clause before the mark: back to the last sentence end or quote in the paragraph.
        let mut from = open;
        while from > paragraph {
            let c = self.chars[from - 1];
            // An apostrophe after a letter ("Passengers’ Forum") is no quote mark.
            let apostrophe =
                matches!(c, '’' | '\'') && from >= 2 && self.chars[from - 2].is_alphanumeric();
            if matches!(c, '.' | '!' | '?' | ';') && !is_title_dot(self, from - 1)
                || is_mark(c) && !apostrophe
            {
                break;
            }
            from -= 1;
        }
        let mut words = self.tokens(from, open);
        if words.is_empty() {
            return None;
        }
        // The words nearest the quote.
        if words.len() > 14 {
            words.drain(..words.len() - 14);
        }
        let gap = self.slice(words[words.len() - 1].1, open);
        // A colon right before the quote: the name before it ("Minister Ana Ruiz: «…»"),
        // or a name and its description ("Karim Benali, délégué syndical : «…»"); a verb
        // before the colon names the speaker itself ("Kostas wrote on Instagram: “…”").
        let verb = (0..words.len()).any(|at| self.verb_at(&words, at).is_some());
        if gap.trim() == ":" && !verb {
            for first in 0..words.len() {
                if let Some((name, taken)) = self.name_at(&words, first) {
                    if first + taken == words.len() {
                        return Some(Attribution::Name(name, ":".to_owned()));
                    }
                }
            }
            if let Some((name, taken)) = self.name_at(&words, 0) {
                let described = words
                    .get(taken)
                    .is_some_and(|next| self.slice(words[taken - 1].1, next.0).contains(','));
                if taken >= 2 && described {
                    return Some(Attribution::Name(name, ":".to_owned()));
                }
            }
        }
        // "Jordi Pascual called the plan «…»": what a speaker called something.
        let naming = gap.trim().is_empty();
        for (at, _) in words.iter().enumerate() {
            let len = (self.verb_at(&words, at)).or_else(|| {
                naming
                    .then(|| self.verb_in("naming verbs", &words, at))
                    .flatten()
            });
            if let Some(len) = len {
                let verb = self.slice(words[at].0, words[at + len - 1].1);
                // The name just before the verb.
                if let Some(name) = self.speaker_ending(&words, at) {
                    return Some(Attribution::Name(name, verb));
                }
                if at >= 1 && self.words.has("pronouns", &self.text_of(words[at - 1])) {
                    return Some(Attribution::Pronoun(verb));
                }
                return None;
            }
        }
        None
    }
}

impl Text<'_> {
    /// The people sentences are about: a name of two or more words (or a title and a name)
    /// among the first words of a sentence ("Councillor Tom Whitcombe, who chairs …,
    /// urged caution."). A pronoun's quote may mean them.
    fn subjects(&self) -> Vec<Name> {
        let mut found = Vec::new();
        for (p_start, p_end) in self.paragraphs() {
            for (start, end) in sentences(self, p_start, p_end) {
                // A description may come first ("Student union president Arjun Mehta",
                // "According to Paul Adeyemi", "The city’s transport chief, Marcus Feld,"),
                // up to a quotation.
                let mut words = self.tokens(start, end);
                let quoted = (1..words.len())
                    .find(|&k| self.slice(words[k - 1].1, words[k].0).contains(is_mark));
                words.truncate(quoted.unwrap_or(words.len()).min(7));
                if words.first().is_some_and(|first| first.0 != start) {
                    continue;
                }
                for first in 0..words.len().min(5) {
                    if let Some((name, taken)) = self.name_at(&words, first) {
                        let titled = self.words.has_exact("titles", &self.text_of(words[first]));
                        if taken >= 2 {
                            // A job word before the name is not part of it ("Economist").
                            let drop = first == 0
                                && taken >= 3
                                && !titled
                                && !self.words.has("name particles", &self.text_of(words[1]));
                            let start = if drop { words[1].0 } else { name.start };
                            found.push(Name {
                                start,
                                end: name.end,
                            });
                            break;
                        }
                    }
                }
            }
        }
        found
    }

    /// Names before a reporting verb anywhere (reported speech too: "Owen Pritchard said
    /// the delay…", "Marta Ilić, who founded it, says…"): the speakers a pronoun may mean.
    fn mentions(&self) -> Vec<(Name, String)> {
        let mut found = Vec::new();
        for (start, end) in self.paragraphs() {
            let words = self.tokens(start, end);
            for at in 1..words.len() {
                let Some(len) = self.verb_at(&words, at) else {
                    continue;
                };
                let verb = self.slice(words[at].0, words[at + len - 1].1);
                let gap = |k: usize| self.slice(words[k - 1].1, words[k].0);
                // The name just before the verb, or before an aside between commas; but a
                // name between commas is the speaker its description comes before ("A
                // solicitor for Hale, Carla Mendes, said").
                let mut end_at = at;
                let apposition = gap(at).contains(',')
                    && self.name_ending(&words, at).is_some_and(|(_, first)| {
                        first > 0 && gap(first).contains(',') && self.capitalised(words[first])
                    });
                if gap(at).contains(',') && !apposition {
                    match (1..at).rev().find(|&k| gap(k).contains(',')) {
                        Some(k) => end_at = k,
                        None => continue,
                    }
                }
                if gap(end_at).contains(['.', '!', '?', ';', '“', '”', '"', '«', '»']) {
                    continue;
                }
                if let Some(name) = self.speaker_ending(&words, end_at) {
                    found.push((name, verb));
                }
            }
        }
        found
    }
}

/// Who said a quote.
enum Attribution {
    Name(Name, String),
    Pronoun(String),
}

/// Suggests spans in `text`, a `lang` article ("en", "fr", …; others use English lists;
/// none: the language its common words tell, see `Words::guess_language`).
pub fn suggest(text: &str, lang: Option<&str>) -> Vec<Suggestion> {
    let lang = lang.unwrap_or_else(|| Words::guess_language(text));
    let words = Words::for_language(lang);
    suggest_with(text, &words)
}

/// `suggest` with these word lists.
pub fn suggest_with(text: &str, words: &Words) -> Vec<Suggestion> {
    let text = Text::new(text, words);
    let mut out: Vec<Suggestion> = Vec::new();
    // Speaker sources by range, so a name met twice is one suggestion.
    let source_at = |out: &mut Vec<Suggestion>, name: Name, reason: &str| -> usize {
        if let Some(at) = out
            .iter()
            .position(|s| s.kind == Kind::Source && s.start == name.start && s.end == name.end)
        {
            return at;
        }
        out.push(Suggestion {
            kind: Kind::Source,
            start: name.start,
            end: name.end,
            reason: format!("named with “{reason}”"),
            speaker: None,
        });
        out.len() - 1
    };
    // Speakers of reported speech, and the names a pronoun may mean.
    for (name, verb) in text.mentions() {
        source_at(&mut out, name, &verb);
    }
    let subjects = text.subjects();
    // The speaker a pronoun before `at` means: the nearest speaker named before it, or the
    // person the nearest sentence before it is about, if nearer (made a Source then).
    let nearest = |out: &mut Vec<Suggestion>, at: usize| -> Option<usize> {
        let named = (out.iter().enumerate())
            .filter(|(_, s)| s.kind == Kind::Source && s.end <= at)
            .max_by_key(|(_, s)| s.end)
            .map(|(index, s)| (index, s.end));
        let subject = subjects
            .iter()
            .filter(|name| name.end <= at)
            .max_by_key(|name| name.end);
        match (named, subject) {
            (Some((_, end)), Some(subject)) if subject.end > end => {
                Some(source_at(out, *subject, "the sentence's subject"))
            }
            (None, Some(subject)) => Some(source_at(out, *subject, "the sentence's subject")),
            (named, _) => named.map(|(index, _)| index),
        }
    };
    let mut running_speaker: Option<usize> = None;
    for (p_start, p_end) in text.paragraphs() {
        let found = text.quotes_in(p_start, p_end);
        let mut previous: Option<(Found, Option<usize>)> = None;
        for quote in found {
            let quoted = text.slice(quote.start, quote.end);
            let length = quoted.split_whitespace().count();
            let mut reason = String::new();
            let mut speaker = None;
            let mut attributed = false;
            if !quote.runs_on {
                let after = text.attribution_after(quote.after, p_end);
                let before = || text.attribution_before(p_start, quote.open);
                if let Some(attribution) = after.or_else(before) {
                    attributed = true;
                    match attribution {
                        Attribution::Name(name, verb) => {
                            let at = source_at(&mut out, name, &verb);
                            speaker = Some(at);
                            reason = verb;
                        }
                        Attribution::Pronoun(verb) => {
                            speaker = nearest(&mut out, quote.open);
                            reason = verb;
                        }
                    }
                }
            }
            // No attribution of its own: the second piece of a quote split by its attribution
            // (or another quote of the same speaker's paragraph), or a quote running on from
            // the paragraph before.
            // Scare quotes and titles (“smart” meters, the film “Blue River”): short and
            // attributed to no one.
            // A short sentence after a speaker's quote is theirs ("«…», she said.
            // «Nobody.»").
            let sentence = quoted.ends_with(['.', '!', '?'])
                && previous.is_some_and(|(_, speaker)| speaker.is_some());
            if !attributed && !quote.runs_on && length < 4 && !sentence {
                continue;
            }
            if speaker.is_none() {
                if let Some((_, Some(before))) = previous {
                    speaker = Some(before);
                    reason = "the same speaker's paragraph".to_owned();
                } else if let Some(running) = running_speaker.filter(|_| previous.is_none()) {
                    speaker = Some(running);
                    reason = "the quotation runs on".to_owned();
                }
            }
            if reason.is_empty() {
                reason = "in quotation marks".to_owned();
            }
            out.push(Suggestion {
                kind: Kind::Quote,
                start: quote.start,
                end: quote.end,
                reason,
                speaker,
            });
            previous = Some((quote, speaker));
        }
        // A quotation open at the paragraph's end runs on into the next.
        running_speaker = match previous {
            Some((quote, speaker)) if quote.runs_on => speaker,
            _ => None,
        };
    }
    sources(&text, &mut out);
    claims(&text, &mut out);
    in_text_order(out)
}

/// The suggestions by start (longer first), their speakers re-pointed.
fn in_text_order(out: Vec<Suggestion>) -> Vec<Suggestion> {
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&at| (out[at].start, std::cmp::Reverse(out[at].end), out[at].kind));
    let mut place = vec![0; out.len()];
    for (new, old) in order.iter().enumerate() {
        place[*old] = new;
    }
    (order.iter())
        .map(|&old| Suggestion {
            speaker: out[old].speaker.map(|speaker| place[speaker]),
            ..out[old].clone()
        })
        .collect()
}

/// Documents and institutions after source cues ("according to the 2025 Annual
/// Performance Report", "data from Eurostat").
fn sources(text: &Text, out: &mut Vec<Suggestion>) {
    let lower: Vec<char> = text.chars.iter().flat_map(|c| c.to_lowercase()).collect();
    if lower.len() != text.chars.len() {
        // A letter whose lower case is longer: offsets would shift; match case-sensitively.
        return sources_in(text, &text.chars, out);
    }
    sources_in(text, &lower, out)
}

fn sources_in(text: &Text, haystack: &[char], out: &mut Vec<Suggestion>) {
    for cue in text.words.list("source cues") {
        let cue: Vec<char> = cue.chars().flat_map(|c| c.to_lowercase()).collect();
        let mut at = 0;
        while at + cue.len() <= haystack.len() {
            if haystack[at..at + cue.len()] != cue[..]
                || at
                    .checked_sub(1)
                    .is_some_and(|b| haystack[b].is_alphanumeric())
                || haystack
                    .get(at + cue.len())
                    .is_some_and(|c| c.is_alphanumeric())
            {
                at += 1;
                continue;
            }
            let from = at + cue.len();
            at = from;
            let limit = (from..text.chars.len())
                .find(|&i| {
                    matches!(text.chars[i], ',' | '.' | ';' | ':' | '\n' | '(' | ')')
                        && !is_title_dot(text, i)
                })
                .unwrap_or(text.chars.len());
            let words = text.words_from(from, limit, 8);
            let Some(phrase) = noun_phrase(text, &words) else {
                continue;
            };
            let (start, end) = phrase;
            // Already a speaker (“…,” according to Haddad): leave it.
            if out
                .iter()
                .any(|s| s.start < end && start < s.end && s.kind != Kind::Claim)
            {
                continue;
            }
            out.push(Suggestion {
                kind: Kind::Source,
                start,
                end,
                reason: format!("after “{}”", cue.iter().collect::<String>()),
                speaker: None,
            });
        }
    }
}

fn is_title_dot(text: &Text, at: usize) -> bool {
    if text.chars[at] != '.' {
        return false;
    }
    let before = text.chars[..at]
        .iter()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .count();
    before > 0 && {
        let word = text.slice(at - before, at + 1);
        text.words.has("titles", &word) || text.words.has("abbreviations", &word)
    }
}

/// Articles, which a source's span leaves out ("the Marrowby Business Association").
const ARTICLES: &[&str] = &[
    "the", "a", "an", "le", "la", "les", "l’", "l'", "un", "une", "el", "los", "las", "der", "die",
    "das", "dem", "des", "den",
];

/// Words that join a name's parts ("Institute of Statistics", "Consejería de Agricultura").
const CONNECTORS: &[&str] = &[
    "of", "for", "on", "and", "de", "du", "des", "del", "la", "von", "für",
];

/// The noun phrase naming a source, without its article: capitalised words (and numbers,
/// and the words joining them); a generic word before one ("data from Eurostat", "datos de
/// la Consejería") gives way to the institution; a lower-case phrase ("county’s 2024
/// bridge inspection report") runs to the first stop word, five words at most.
fn noun_phrase(text: &Text, words: &[(usize, usize)]) -> Option<(usize, usize)> {
    let lower = |at: usize| text.text_of(words[at]).to_lowercase();
    let capital = |at: usize| text.capitalised(words[at]) || word_is_number(text, words[at]);
    let mut from = 0;
    while from < words.len() && ARTICLES.contains(&lower(from).as_str()) {
        from += 1;
    }
    // A generic lead before a named institution: start at the name.
    if from < words.len() && !capital(from) {
        let named = (from + 1..words.len().min(from + 5)).find(|&at| capital(at));
        if let Some(named) = named {
            let joined = (from..named).any(|at| {
                CONNECTORS.contains(&lower(at).as_str()) || lower(at) == "by" || lower(at) == "from"
            });
            if joined {
                from = named;
            }
        }
    }
    let mut taken = from;
    if from < words.len() && capital(from) {
        let mut at = from;
        while at < words.len() {
            if capital(at) {
                taken = at + 1;
            } else if !(CONNECTORS.contains(&lower(at).as_str())
                || ARTICLES.contains(&lower(at).as_str()))
            {
                break;
            }
            at += 1;
        }
    } else {
        while taken < words.len()
            && taken < from + 5
            && !stop_word(&lower(taken))
            && !capital(taken)
        {
            taken += 1;
        }
        // One lower-case word alone names nothing.
        if taken < from + 2 {
            return None;
        }
    }
    (taken > from).then(|| (words[from].0, words[taken - 1].1))
}

fn word_is_number(text: &Text, (start, _): (usize, usize)) -> bool {
    text.chars[start].is_ascii_digit()
}

fn stop_word(word: &str) -> bool {
    matches!(
        word,
        "that"
            | "which"
            | "who"
            | "showed"
            | "shows"
            | "show"
            | "said"
            | "says"
            | "in"
            | "at"
            | "on"
            | "by"
            | "was"
            | "were"
            | "is"
            | "are"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "to"
            | "from"
            | "with"
            | "since"
            | "last"
            | "this"
            | "published"
    )
}

/// Sentences with a check-worthy cue, each as a Claim with the cue as its reason.
fn claims(text: &Text, out: &mut Vec<Suggestion>) {
    for (p_start, p_end) in text.paragraphs() {
        for (start, end) in sentences(text, p_start, p_end) {
            if let Some(reason) = claim_cue(text, start, end) {
                out.push(Suggestion {
                    kind: Kind::Claim,
                    start,
                    end,
                    reason,
                    speaker: None,
                });
            }
        }
    }
}

/// The sentences of a paragraph: ends at . ! ? (with closing quotes and brackets after
/// them) before a space and a capital, a digit or a quote mark; not after an abbreviation.
fn sentences(text: &Text, start: usize, end: usize) -> Vec<(usize, usize)> {
    let chars = &text.chars;
    let mut out = Vec::new();
    let mut from = start;
    let mut at = start;
    while at < end {
        let c = chars[at];
        if matches!(c, '.' | '!' | '?' | '؟' | '。') && !is_title_dot(text, at) {
            let mut stop = at + 1;
            while stop < end && (is_mark(chars[stop]) || matches!(chars[stop], ')' | ']')) {
                stop += 1;
            }
            let next = (stop..end).find(|&i| !chars[i].is_whitespace());
            let boundary = match next {
                None => true,
                Some(next) => {
                    next > stop
                        && (chars[next].is_uppercase()
                            || chars[next].is_ascii_digit()
                            || is_mark(chars[next])
                            || !chars[next].is_lowercase() && chars[next].is_alphabetic())
                }
            };
            // "34.5" is no sentence end.
            let decimal = c == '.' && chars.get(at + 1).is_some_and(char::is_ascii_digit);
            if boundary && !decimal {
                push_trimmed(chars, from, stop, &mut out);
                from = stop;
                at = stop;
                continue;
            }
        }
        at += 1;
    }
    push_trimmed(chars, from, end, &mut out);
    out
}

fn push_trimmed(chars: &[char], from: usize, to: usize, out: &mut Vec<(usize, usize)>) {
    let first = (from..to).find(|&i| !chars[i].is_whitespace());
    let last = (from..to).rev().find(|&i| !chars[i].is_whitespace());
    if let (Some(first), Some(last)) = (first, last) {
        out.push((first, last + 1));
    }
}

/// The first check-worthy cue of a sentence, as its reason.
fn claim_cue(text: &Text, start: usize, end: usize) -> Option<String> {
    let sentence = text.slice(start, end);
    let lower = sentence.to_lowercase();
    let has = |section: &str| -> Option<String> {
        text.words
            .list(section)
            .iter()
            .find(|phrase| contains_phrase(&lower, &phrase.to_lowercase()))
            .cloned()
    };
    // Numbers that are only clock times ("9 a.m.", "10:30") are not claims.
    let words = text.tokens(start, end);
    let mut number = None;
    for (at, word) in words.iter().enumerate() {
        let w = text.text_of(*word);
        if !w.chars().next().is_some_and(|c| c.is_numeric()) {
            continue;
        }
        let next = words.get(at + 1).map(|n| text.text_of(*n).to_lowercase());
        let clock = w.contains(':')
            || next
                .as_deref()
                .is_some_and(|n| text.words.has("time words", n));
        if !clock {
            number = Some(w);
            break;
        }
    }
    // The number just before a sign or a word ("34%", "€300", "4.2 million").
    let before = |at: usize| -> Option<String> {
        let mut from = at;
        while from > start
            && (text.chars[from - 1].is_ascii_digit()
                || matches!(text.chars[from - 1], '.' | ',' | ' '))
        {
            from -= 1;
        }
        let number = text
            .slice(from, at)
            .trim()
            .trim_start_matches([',', '.'])
            .to_owned();
        (!number.is_empty()).then_some(number)
    };
    let after = |at: usize| -> Option<String> {
        let mut to = at + 1;
        while to < end
            && (text.chars[to].is_ascii_digit()
                || (matches!(text.chars[to], '.' | ',')
                    && text.chars.get(to + 1).is_some_and(char::is_ascii_digit)))
        {
            to += 1;
        }
        (to > at + 1).then(|| text.slice(at, to))
    };
    if let Some(sign) = (start..end).find(|&i| text.chars[i] == '%') {
        let number = before(sign).map_or("%".to_owned(), |n| format!("{n}%"));
        return Some(format!("percentage: {number}"));
    }
    if let Some(phrase) = has("percent words") {
        return Some(format!(
            "percentage: {}",
            number.map_or(phrase.clone(), |n| format!("{n} {phrase}"))
        ));
    }
    if let Some(sign) = (start..end).find(|&i| matches!(text.chars[i], '€' | '$' | '£' | '¥')) {
        let amount =
            after(sign).or_else(|| before(sign).map(|n| format!("{n} {}", text.chars[sign])));
        return Some(format!(
            "money: {}",
            amount.unwrap_or_else(|| text.slice(sign, sign + 1))
        ));
    }
    if let (Some(number), Some(word)) = (&number, has("money words")) {
        return Some(format!("money: {number} {word}"));
    }
    if let Some(trend) = has("trend verbs") {
        return Some(format!("trend: {trend}"));
    }
    if let Some(comparison) = has("comparisons") {
        if number.is_some()
            || !matches!(
                comparison.as_str(),
                "almost" | "nearly" | "the first" | "the best" | "the worst"
            )
        {
            return Some(format!("comparison: {comparison}"));
        }
    }
    if let Some(cause) = has("causal") {
        return Some(format!("cause: {cause}"));
    }
    if let Some(number) = number {
        let year = number.len() == 4 && number.starts_with(['1', '2']);
        return Some(match year {
            true => format!("date: {number}"),
            false => format!("number: {number}"),
        });
    }
    None
}

/// Whether `phrase` occurs in `haystack` as whole words.
fn contains_phrase(haystack: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(found) = haystack[from..].find(phrase) {
        let start = from + found;
        let end = start + phrase.len();
        let before = haystack[..start].chars().next_back();
        let after = haystack[end..].chars().next();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        // A phrase ending in a letter must end a word ("cut" is not "cute").
        let ends_word = phrase
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let glued_after = ends_word && word(after);
        if !word(before) && !glued_after {
            return true;
        }
        from = start + phrase.chars().next().map_or(1, char::len_utf8);
    }
    false
}
