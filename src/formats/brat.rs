//! brat standoff (<https://brat.nlplab.org/standoff.html>): each article as a `.txt` (the
//! stored text, "\n" line endings) beside a `.ann` of annotation lines, and a zip of
//! them with brat's `annotation.conf`, `visual.conf` and `kb_shortcuts.conf`.
//!
//! Written lines, all offsets in Unicode code points of the `.txt` (brat's own unit):
//! - `T<n>\t<Label> <start> <end>[;<start> <end>…]\t<text>`, n = 1, 2, … in span order. A
//!   split span writes each of its pieces; a piece across line breaks (or tabs) is written
//!   in fragments split there, as brat does when annotating; the text column joins the
//!   fragments' texts with a space. Fragments
//!   of no length keep the span's ends when it starts or ends on a break.
//! - `E<n>\t<Label>:T<a> <kind>:T<b> …` per span of a frame label (an attribution's
//!   Content, see `Label::frame`): the event whose trigger is the span and whose roles
//!   are its links (a kind met again numbered, `source2`), in order of their ends;
//!   `annotation.conf` declares the label under `[events]` with a role per link rule
//!   (`Content\tsource*:Source, cue*:Cue`). Its links are not also written as `R` lines.
//! - `R<n>\t<kind> Arg1:T<a> Arg2:T<b>` per other link, ordered by a, b and kind.
//! - `A<n>\t<name> T<a> <value>` per attribute.
//! - `#<n>\tAnnotatorNotes T<a>\t<note>` per note; line breaks and tabs in a note become
//!   spaces, as a line cannot hold them.
//!
//! brat names (labels, link kinds, attribute names and values) cannot hold spaces or
//! punctuation: [`brat_name`] writes them with "_". `visual.conf`'s `[labels]` maps each
//! changed label, kind and attribute name back to the app's name, as brat displays it.
//! Timestamps are not written: brat has no place for them.
//!
//! Reading is liberal: any mix of `.txt`/`.ann` pairs (matched by path without the
//! extension) and zips of them, with the conf files when present. A discontinuous span
//! (`T19 Content 1775 1995;1998 2184`) is one split span of as many pieces, except that
//! fragments apart only by line breaks or tabs are one piece (brat's way of writing a
//! span across lines); its text column is not its quote, so none is given. An event
//! (`E`) is its trigger's links to its arguments, each of the kind its role names (a
//! numbered role, `source2`, of its role's kind); `annotation.conf`'s `[events]` types
//! are frame labels whose roles are link rules; an attribute or note of an event is its
//! trigger's. Normalisations (`N`), equivalences (`*`) and notes other than
//! `AnnotatorNotes` are skipped; attributes without a value
//! (and legacy `M` modifiers) read as "true". Names are taken as written, except those
//! `visual.conf` maps back. Labels come only from `annotation.conf`, with no colour ("")
//! or key (' ') when `visual.conf` or `kb_shortcuts.conf` gives none.

use crate::model::formats::draft::{Draft, DraftRelation, DraftSpan, ReadError, Work};
use crate::model::formats::native;
use crate::model::schema::{AttributeDef, Label, LinkRule};
use crate::model::span::Span;
use crate::model::text::ArticleText;
use crate::zip;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

const ANNOTATION_CONF: &str = "annotation.conf";
const VISUAL_CONF: &str = "visual.conf";
const SHORTCUTS_CONF: &str = "kb_shortcuts.conf";
/// The most link rules and attribute values the conf files may define (a guard against
/// `A|B|…` lists multiplying out).
const MAX_CONF_ITEMS: usize = 100_000;

/// A name as brat can store it: letters, digits, "-" and "_", everything else (spaces,
/// punctuation) as "_"; never empty. brat's own storage form also turns non-ASCII letters
/// into "_"; they are kept here so that names in other scripts stay distinct.
pub fn brat_name(name: &str) -> String {
    if name.is_empty() {
        return "_".to_owned();
    }
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Characters that end a line for brat or for Python's `str.splitlines`, and tabs: none
/// may appear inside an annotation line.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' | '\u{1c}'
            ..='\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// `text` on one line: breaks and tabs as spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if is_break(c) { ' ' } else { c })
        .collect()
}

/// A span's offsets column (`0 5;7 9`) and text column: each piece's fragments.
fn fragments(span: &Span, text: &ArticleText) -> (String, String) {
    let (mut offsets, mut texts) = (Vec::new(), Vec::new());
    for piece in span.ranges() {
        let words = text.slice(*piece).unwrap_or_default();
        piece_fragments(piece.start.0, words, &mut offsets, &mut texts);
    }
    (offsets.join(";"), texts.join(" "))
}

/// One piece's fragments (starting at `base`, of text `words`): split at line breaks.
fn piece_fragments<'t>(
    base: usize,
    words: &'t str,
    offsets: &mut Vec<String>,
    texts: &mut Vec<&'t str>,
) {
    // (first char, end char, first byte, end byte) of each run between breaks, relative.
    let mut runs: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut chars = 0;
    for (index, (byte, c)) in words.char_indices().enumerate() {
        chars = index + 1;
        match (is_break(c), open) {
            (true, Some((start, start_byte))) => {
                runs.push((start, index, start_byte, byte));
                open = None;
            }
            (false, None) => open = Some((index, byte)),
            _ => {}
        }
    }
    if let Some((start, start_byte)) = open {
        runs.push((start, chars, start_byte, words.len()));
    }
    // The first fragment starts and the last ends where the span does, so that reading
    // it back gives the same span.
    if runs.first().is_none_or(|run| run.0 != 0) {
        runs.insert(0, (0, 0, 0, 0));
    }
    if runs.last().is_none_or(|run| run.1 != chars) {
        runs.push((chars, chars, words.len(), words.len()));
    }
    for run in runs {
        offsets.push(format!("{} {}", base + run.0, base + run.1));
        texts.push(words.get(run.2..run.3).unwrap_or(""));
    }
}

/// The `.ann` file of one article: text-bound spans, then links, attributes and notes.
pub fn export_ann(work: &Work) -> String {
    let spans = work.annotations.spans();
    let ordinal: BTreeMap<&str, usize> = spans
        .iter()
        .enumerate()
        .map(|(index, span)| (span.id.as_str(), index + 1))
        .collect();
    let mut out = String::new();
    for (index, span) in spans.iter().enumerate() {
        let (offsets, text) = fragments(span, &work.document.text);
        let label = brat_name(&span.label);
        let _ = writeln!(out, "T{}\t{label} {offsets}\t{text}", index + 1);
    }
    // A frame's span and its links are one event: its roles are the links' kinds, a kind
    // met again numbered as brat does (`source`, `source2`).
    let frame = |label: &str| work.schema.get(label).is_some_and(|label| label.frame);
    let mut events = 0;
    for (index, span) in spans
        .iter()
        .enumerate()
        .filter(|(_, span)| frame(&span.label))
    {
        events += 1;
        let mut line = format!("E{events}\t{}:T{}", brat_name(&span.label), index + 1);
        let mut roles: Vec<String> = Vec::new();
        let mut args: Vec<(usize, String)> = (work.annotations.relations_of(&span.id))
            .filter(|relation| relation.from == span.id)
            .filter_map(|relation| {
                Some((
                    *ordinal.get(relation.to.as_str())?,
                    brat_name(&relation.kind),
                ))
            })
            .collect();
        args.sort();
        for (to, kind) in args {
            let count = roles.iter().filter(|role| **role == kind).count();
            let role = if count == 0 {
                kind.clone()
            } else {
                format!("{kind}{}", count + 1)
            };
            roles.push(kind);
            let _ = write!(line, " {role}:T{to}");
        }
        let _ = writeln!(out, "{line}");
    }
    // Ordered by their ends, not by the app's relation ids (which brat cannot carry), so
    // that a re-export after an import writes the same lines whatever ids it gave them.
    let mut links: Vec<(usize, usize, String)> = work
        .annotations
        .relations()
        .iter()
        .filter(|relation| {
            let from = work.annotations.get(&relation.from);
            !from.is_some_and(|from| frame(&from.label))
        })
        .filter_map(|relation| {
            let from = ordinal.get(relation.from.as_str())?;
            let to = ordinal.get(relation.to.as_str())?;
            Some((*from, *to, brat_name(&relation.kind)))
        })
        .collect();
    links.sort();
    for (index, (from, to, kind)) in links.iter().enumerate() {
        let _ = writeln!(out, "R{}\t{kind} Arg1:T{from} Arg2:T{to}", index + 1);
    }
    let mut count = 0;
    for (index, span) in spans.iter().enumerate() {
        for (name, value) in &span.attributes {
            count += 1;
            let (name, value) = (brat_name(name), brat_name(value));
            let _ = writeln!(out, "A{count}\t{name} T{} {value}", index + 1);
        }
    }
    let notes = spans
        .iter()
        .enumerate()
        .filter(|(_, span)| !span.note.is_empty());
    for (count, (index, span)) in notes.enumerate() {
        let note = one_line(&span.note);
        let _ = writeln!(out, "#{}\tAnnotatorNotes T{}\t{note}", count + 1, index + 1);
    }
    out
}

/// A zip of `<slug>.txt` + `<slug>.ann` per article (slugs of the titles, made unique
/// with "-2", "-3"…) and the conf files of their labels.
pub fn export_zip(works: &[Work]) -> Vec<u8> {
    let mut entries = Vec::new();
    let mut used = BTreeSet::new();
    for work in works {
        let name = native::file_name(work.document);
        let base = name.strip_suffix(".annotations.json").unwrap_or("article");
        let mut slug = base.to_owned();
        let mut count = 1;
        while !used.insert(slug.clone()) {
            count += 1;
            slug = format!("{base}-{count}");
        }
        let text = work.document.text.as_str().as_bytes().to_vec();
        entries.push((format!("{slug}.txt"), text));
        entries.push((format!("{slug}.ann"), export_ann(work).into_bytes()));
    }
    let (annotation, visual, shortcuts) = confs(works);
    entries.push((ANNOTATION_CONF.to_owned(), annotation.into_bytes()));
    entries.push((VISUAL_CONF.to_owned(), visual.into_bytes()));
    entries.push((SHORTCUTS_CONF.to_owned(), shortcuts.into_bytes()));
    zip::write(&entries)
}

/// `annotation.conf`, `visual.conf` and `kb_shortcuts.conf` for the works' schemas
/// (labels and rules merged by brat name, the first work's definition winning).
fn confs(works: &[Work]) -> (String, String, String) {
    let mut labels: Vec<&Label> = Vec::new();
    let mut rules: Vec<(String, String, String)> = Vec::new();
    // App names whose brat names differ, for visual.conf's [labels].
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    let mut rename = |name: &str| {
        let stored = brat_name(name);
        if stored != name && name.trim() == name && !name.contains('|') {
            renamed.entry(stored).or_insert_with(|| one_line(name));
        }
    };
    for work in works {
        for label in work.schema.labels() {
            if !labels
                .iter()
                .any(|seen| brat_name(&seen.name) == brat_name(&label.name))
            {
                rename(&label.name);
                for attribute in &label.attributes {
                    rename(&attribute.name);
                }
                labels.push(label);
            }
        }
        for rule in work.schema.links() {
            rename(&rule.kind);
            let rule = (
                brat_name(&rule.kind),
                brat_name(&rule.from),
                brat_name(&rule.to),
            );
            if !rules.contains(&rule) {
                rules.push(rule);
            }
        }
    }
    let mut annotation =
        "# Article Annotator: the labels, links and attributes of these articles.\n\
         # Offsets in the .ann files count Unicode code points of the .txt files.\n\
         [entities]\n"
            .to_owned();
    let frames: Vec<String> = (labels.iter())
        .filter(|label| label.frame)
        .map(|label| brat_name(&label.name))
        .collect();
    for label in labels.iter().filter(|label| !label.frame) {
        let _ = writeln!(annotation, "{}", brat_name(&label.name));
    }
    annotation.push_str("\n[relations]\n");
    for (kind, from, to) in rules.iter().filter(|(_, from, _)| !frames.contains(from)) {
        let _ = writeln!(annotation, "{kind}\tArg1:{from}, Arg2:{to}");
    }
    annotation.push_str(
        "# Spans may overlap and nest.\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n",
    );
    // A frame label is an event type: its link rules are its roles (any number of each).
    for frame in &frames {
        let roles: Vec<String> = (rules.iter())
            .filter(|(_, from, _)| from == frame)
            .map(|(kind, _, to)| format!("{kind}*:{to}"))
            .collect();
        let _ = writeln!(annotation, "{frame}\t{}", roles.join(", "));
    }
    annotation.push_str("\n[attributes]\n");
    for label in &labels {
        for attribute in &label.attributes {
            let mut values: Vec<String> = Vec::new();
            for value in attribute.values.iter().map(|value| brat_name(value)) {
                if !values.contains(&value) {
                    values.push(value);
                }
            }
            let _ = writeln!(
                annotation,
                "{}\tArg:{}, Value:{}",
                brat_name(&attribute.name),
                brat_name(&label.name),
                values.join("|")
            );
        }
    }
    let mut visual =
        "# Article Annotator: label colours, and the app's names of renamed types.\n[labels]\n"
            .to_owned();
    for (stored, name) in &renamed {
        let _ = writeln!(visual, "{stored} | {name}");
    }
    visual.push_str("\n[drawing]\n");
    let mut shortcuts = String::new();
    for label in &labels {
        let name = brat_name(&label.name);
        let _ = writeln!(visual, "{name}\tbgColor:{}", label.color);
        if label.hotkey.is_alphanumeric() {
            let _ = writeln!(shortcuts, "{}\t{name}", label.hotkey);
        }
    }
    (annotation, visual, shortcuts)
}

/// Reads brat files: `.txt` + `.ann` pairs, zips of them, and the conf files; one draft
/// per `.txt`, in the order given (a `.txt` without `.ann` is an article without spans).
pub fn import_files(files: &[(String, Vec<u8>)]) -> Result<Vec<Draft>, ReadError> {
    let mut expanded: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, bytes) in files {
        if extension(name).1 == "zip" {
            let entries = zip::read(bytes).map_err(|error| ReadError::new(name, error.message))?;
            // Zips inside zips are not opened: one level is what brat collections need.
            expanded.extend(
                entries
                    .into_iter()
                    .filter(|(entry, _)| extension(entry).1 != "zip"),
            );
        } else {
            expanded.push((name.clone(), bytes.clone()));
        }
    }
    let mut texts: Vec<(&str, &str, &[u8])> = Vec::new();
    let mut anns: BTreeMap<&str, (&str, &[u8])> = BTreeMap::new();
    let mut conf: BTreeMap<&str, (&str, &[u8])> = BTreeMap::new();
    for (name, bytes) in &expanded {
        let (stem, extension) = extension(name);
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        match extension.as_str() {
            "txt" => texts.push((stem, name, bytes)),
            "ann" => {
                anns.entry(stem).or_insert((name, bytes));
            }
            _ if [ANNOTATION_CONF, VISUAL_CONF, SHORTCUTS_CONF].contains(&base) => {
                conf.entry(base).or_insert((name, bytes));
            }
            _ => {}
        }
    }
    if texts.is_empty() && anns.is_empty() {
        return Err(ReadError::new(
            "",
            "there are no brat files here: choose .txt and .ann files, or a .zip of them",
        ));
    }
    for (stem, (name, _)) in &anns {
        if !texts.iter().any(|text| text.0 == *stem) {
            return Err(ReadError::new(
                "",
                format!("{name} has no {stem}.txt beside it"),
            ));
        }
    }
    let conf_text = |file: &str| -> Result<String, ReadError> {
        conf.get(file)
            .map_or(Ok(String::new()), |(name, bytes)| utf8(name, bytes))
    };
    let names = Names::read(&conf_text(VISUAL_CONF)?, &conf_text(SHORTCUTS_CONF)?);
    let (labels, links) = schema(&conf_text(ANNOTATION_CONF)?, &names)?;
    let mut drafts = Vec::new();
    for (stem, name, bytes) in texts {
        let mut draft = Draft {
            title: Some(stem.rsplit(['/', '\\']).next().unwrap_or(stem).to_owned()),
            source: Some(name.to_owned()),
            text: Some(utf8(name, bytes)?),
            labels: labels.clone(),
            links: links.clone(),
            ..Draft::default()
        };
        if let Some((ann_name, ann)) = anns.get(stem) {
            read_ann(ann_name, &utf8(ann_name, ann)?, &names, &mut draft)?;
        }
        drafts.push(draft);
    }
    Ok(drafts)
}

/// The path without its extension, and the extension in lower case ("" when none).
fn extension(path: &str) -> (&str, String) {
    let base = path.rfind(['/', '\\']).map_or(0, |at| at + 1);
    match path.get(base..).and_then(|name| name.rfind('.')) {
        Some(dot) => (
            path.get(..base + dot).unwrap_or(path),
            path.get(base + dot + 1..)
                .unwrap_or("")
                .to_ascii_lowercase(),
        ),
        None => (path, String::new()),
    }
}

fn utf8(name: &str, bytes: &[u8]) -> Result<String, ReadError> {
    String::from_utf8(bytes.to_vec()).map_err(|error| {
        ReadError::new(
            name,
            format!(
                "the file is not UTF-8 text (byte {} is not); save it as UTF-8",
                error.utf8_error().valid_up_to()
            ),
        )
    })
}

/// What `visual.conf` and `kb_shortcuts.conf` say about names: display names, colours
/// and keys.
#[derive(Default)]
struct Names {
    display: BTreeMap<String, String>,
    colors: BTreeMap<String, String>,
    keys: BTreeMap<String, char>,
}

impl Names {
    fn read(visual: &str, shortcuts: &str) -> Self {
        let mut names = Names::default();
        let mut claimed: BTreeMap<String, usize> = BTreeMap::new();
        let mut section = "";
        for line in conf_lines(visual) {
            if let Some(name) = section_name(line) {
                section = name;
                continue;
            }
            match section {
                "labels" => {
                    let mut terms = line.split('|').map(str::trim);
                    let (Some(stored), Some(shown)) = (terms.next(), terms.next()) else {
                        continue;
                    };
                    if !shown.is_empty() && stored != shown {
                        *claimed.entry(shown.to_owned()).or_default() += 1;
                        names
                            .display
                            .entry(stored.to_owned())
                            .or_insert_with(|| shown.to_owned());
                    }
                }
                "drawing" => {
                    let (name, args) = split_term(line);
                    let color = args
                        .split(',')
                        .filter_map(|arg| arg.trim().strip_prefix("bgColor:"))
                        .find_map(hex_color);
                    if let Some(color) = color {
                        names.colors.entry(name.to_owned()).or_insert(color);
                    }
                }
                _ => {}
            }
        }
        // A display name two types claim would merge them: keep those types as stored.
        names
            .display
            .retain(|_, shown| claimed.get(shown.as_str()).is_some_and(|count| *count == 1));
        for line in conf_lines(shortcuts) {
            let (key, name) = split_term(line);
            let mut chars = key.chars();
            if let (Some(key), None) = (chars.next(), chars.next()) {
                names.keys.entry(name.to_owned()).or_insert(key);
            }
        }
        names
    }

    /// The app's name for a stored brat name.
    fn name(&self, stored: &str) -> String {
        self.display
            .get(stored)
            .cloned()
            .unwrap_or_else(|| stored.to_owned())
    }
}

/// A brat colour as `#rrggbb`, when it is a hex colour (named colours are left out).
fn hex_color(color: &str) -> Option<String> {
    let hex = color.trim().strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        6 => Some(format!("#{}", hex.to_ascii_lowercase())),
        3 => Some(hex.chars().fold("#".to_owned(), |mut out, c| {
            out.push(c.to_ascii_lowercase());
            out.push(c.to_ascii_lowercase());
            out
        })),
        _ => None,
    }
}

/// The meaningful lines of a conf file: no comments, blank lines or separators.
fn conf_lines(conf: &str) -> impl Iterator<Item = &str> {
    conf.lines().map(str::trim).filter(|line| {
        !line.is_empty() && !line.starts_with('#') && !line.chars().all(|c| c == '-')
    })
}

fn section_name(line: &str) -> Option<&str> {
    line.strip_prefix('[')?.strip_suffix(']').map(str::trim)
}

/// A conf line's first term (before any "|" alternatives) and its arguments.
fn split_term(line: &str) -> (&str, &str) {
    let (terms, args) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let term = terms.split('|').next().unwrap_or(terms).trim();
    (term, args.trim())
}

/// The `Role:Type|Type` arguments of a conf line, as (role, types).
fn arguments(args: &str) -> impl Iterator<Item = (&str, Vec<&str>)> {
    args.split(',').filter_map(|arg| {
        let (role, types) = arg.trim().split_once(':')?;
        let types = types
            .split('|')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .collect();
        Some((role.trim_end_matches(['?', '*', '+']), types))
    })
}

/// Labels (entities, with their attributes, colours and keys) and link rules from
/// `annotation.conf`. Types written `<LIKE-THIS>` (brat's wildcards and macros) and
/// `!unused` ones are left out.
fn schema(conf: &str, names: &Names) -> Result<(Vec<Label>, Vec<LinkRule>), ReadError> {
    let mut entities: Vec<&str> = Vec::new();
    // Event types: frame labels, whose roles are their link rules.
    let mut events: Vec<&str> = Vec::new();
    let mut rules: Vec<LinkRule> = Vec::new();
    let mut attributes: Vec<(&str, AttributeDef)> = Vec::new();
    let mut items = 0usize;
    let mut section = "";
    for line in conf_lines(conf) {
        if let Some(name) = section_name(line) {
            section = name;
            continue;
        }
        let (term, args) = split_term(line);
        if !concrete(term) {
            continue;
        }
        match section {
            "entities" if !entities.contains(&term) => entities.push(term),
            "events" if !entities.contains(&term) => {
                entities.push(term);
                events.push(term);
                for (role, types) in arguments(args).filter(|(role, _)| concrete(role)) {
                    add_rules(&mut rules, &mut items, names, &[term], &types, role)?;
                }
            }
            "relations" => {
                let ends: Vec<Vec<&str>> = arguments(args)
                    .filter(|(role, _)| concrete(role))
                    .map(|(_, types)| types)
                    .take(2)
                    .collect();
                let [from, to] = ends.as_slice() else {
                    continue;
                };
                add_rules(&mut rules, &mut items, names, from, to, term)?;
            }
            "attributes" => {
                let mut targets = Vec::new();
                let mut values = Vec::new();
                for (role, types) in arguments(args) {
                    match role {
                        "Arg" => targets = types,
                        "Value" => values = types,
                        _ => {}
                    }
                }
                // An attribute without values is a flag, "true" when set.
                let values: Vec<String> = if values.is_empty() {
                    vec!["true".to_owned()]
                } else {
                    values.iter().map(|value| (*value).to_owned()).collect()
                };
                for target in targets.into_iter().filter(|name| concrete(name)) {
                    items += 1 + values.len();
                    if items > MAX_CONF_ITEMS {
                        return Err(too_many());
                    }
                    let name = names.name(term);
                    attributes.push((
                        target,
                        AttributeDef {
                            name,
                            values: values.clone(),
                        },
                    ));
                }
            }
            _ => {}
        }
    }
    let labels: Vec<Label> = entities
        .iter()
        .map(|entity| {
            let mut own: Vec<AttributeDef> = Vec::new();
            for (_, attribute) in attributes.iter().filter(|(target, _)| target == entity) {
                if !own.iter().any(|seen| seen.name == attribute.name) {
                    own.push(attribute.clone());
                }
            }
            Label {
                name: names.name(entity),
                // Unknown colour and key are left empty for review to fill.
                color: names.colors.get(*entity).cloned().unwrap_or_default(),
                hotkey: names.keys.get(*entity).copied().unwrap_or(' '),
                attributes: own,
                frame: events.contains(entity),
            }
        })
        .collect();
    // Rules between events or unknown types are not links between labels.
    let known: BTreeSet<&str> = labels.iter().map(|label| label.name.as_str()).collect();
    let mut links: Vec<LinkRule> = Vec::new();
    for rule in rules {
        if known.contains(rule.from.as_str())
            && known.contains(rule.to.as_str())
            && !links.contains(&rule)
        {
            links.push(rule);
        }
    }
    Ok((labels, links))
}

/// A link rule `kind` from each of `from` to each of `to` (concrete types only), counted
/// against [`MAX_CONF_ITEMS`].
fn add_rules(
    rules: &mut Vec<LinkRule>,
    items: &mut usize,
    names: &Names,
    from: &[&str],
    to: &[&str],
    kind: &str,
) -> Result<(), ReadError> {
    for from in from.iter().filter(|name| concrete(name)) {
        for to in to.iter().filter(|name| concrete(name)) {
            *items += 1;
            rules.push(LinkRule {
                from: names.name(from),
                to: names.name(to),
                kind: names.name(kind),
            });
        }
        if *items > MAX_CONF_ITEMS {
            return Err(too_many());
        }
    }
    Ok(())
}

/// Not one of brat's `<WILDCARDS>` or an `!unused` type.
fn concrete(name: &str) -> bool {
    !name.starts_with('<') && !name.starts_with('!')
}

fn too_many() -> ReadError {
    ReadError::new(
        ANNOTATION_CONF,
        format!("it defines more than {MAX_CONF_ITEMS} links and attribute values"),
    )
}

/// Fragments apart only by line breaks (or tabs) are one piece, as brat writes a span
/// across lines; a span left in one piece has no `pieces`.
fn join_fragments(draft: &mut Draft) {
    if draft.spans.iter().all(|span| span.pieces.len() < 2) {
        for span in &mut draft.spans {
            span.pieces.clear();
        }
        return;
    }
    let chars: Vec<char> = draft.text.as_deref().unwrap_or("").chars().collect();
    let only_breaks = |from: usize, to: usize| {
        (chars.get(from..to)).is_some_and(|gap| gap.iter().all(|c| is_break(*c)))
    };
    for span in &mut draft.spans {
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        for &(from, to) in &span.pieces {
            match pieces.last_mut() {
                Some(last) if from <= last.1 || only_breaks(last.1, from) => {
                    last.1 = last.1.max(to);
                }
                _ => pieces.push((from, to)),
            }
        }
        span.pieces = if pieces.len() > 1 { pieces } else { Vec::new() };
    }
}

/// An event's ids stand for its trigger (a relation to `E1` is one to its `T`), and a
/// numbered role (`source2`, brat's way of giving a role twice) is its role's kind when
/// the schema has that kind and not the numbered one.
fn roles_as_kinds(draft: &mut Draft, triggers: &[(String, String)]) {
    let trigger = |id: &str| {
        (triggers.iter())
            .find(|(event, _)| event == id)
            .map(|(_, t)| t.clone())
    };
    let kinds: BTreeSet<String> = (draft.links.iter()).map(|rule| rule.kind.clone()).collect();
    for relation in &mut draft.relations {
        for end in [&mut relation.from, &mut relation.to] {
            if let Some(trigger) = trigger(end) {
                *end = trigger;
            }
        }
        let base = relation.kind.trim_end_matches(|c: char| c.is_ascii_digit());
        if !kinds.contains(&relation.kind)
            && kinds.contains(base)
            && base.len() < relation.kind.len()
        {
            relation.kind = base.to_owned();
        }
    }
}

/// Reads one `.ann` file into `draft`'s spans and relations.
fn read_ann(file: &str, ann: &str, names: &Names, draft: &mut Draft) -> Result<(), ReadError> {
    let ann = ann.strip_prefix('\u{feff}').unwrap_or(ann);
    // Attributes and notes may come before the spans they describe: kept for the end.
    let mut attributes: Vec<(&str, String, String)> = Vec::new();
    let mut notes: Vec<(&str, &str)> = Vec::new();
    // Each event's id and its trigger's: what names the event names its trigger.
    let mut triggers: Vec<(String, String)> = Vec::new();
    for (index, line) in ann.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let at = || format!("{file} line {}", index + 1);
        let error = |message: &str| ReadError::new(at(), message);
        let Some((id, rest)) = line.split_once('\t').filter(|(id, _)| !id.is_empty()) else {
            return Err(error(
                "expected an id, a tab, then the annotation (brat separates them with a tab)",
            ));
        };
        let (data, tail) = rest.split_once('\t').unwrap_or((rest, ""));
        let mut words = data.split_whitespace();
        match id.chars().next() {
            Some('T') => {
                let Some((label, offsets)) = data.trim().split_once(char::is_whitespace) else {
                    return Err(error(
                        "a text-bound annotation needs a type, a start and an end",
                    ));
                };
                let mut pieces: Vec<(usize, usize)> = Vec::new();
                let fragments: Vec<&str> = offsets.split(';').collect();
                for fragment in &fragments {
                    let numbers: Vec<Option<usize>> = fragment
                        .split_whitespace()
                        .map(|number| number.parse().ok())
                        .collect();
                    let [Some(from), Some(to)] = numbers.as_slice() else {
                        return Err(error(&format!(
                            "the offsets “{}” are not a start and an end (whole numbers)",
                            fragment.trim()
                        )));
                    };
                    pieces.push((*from, *to));
                }
                pieces.sort_unstable();
                let start = pieces.first().map(|piece| piece.0);
                let end = pieces.iter().map(|piece| piece.1).max();
                draft.spans.push(DraftSpan {
                    id: id.to_owned(),
                    label: names.name(label),
                    start,
                    end,
                    pieces,
                    // The text column of fragments is not the text from start to end.
                    quote: (fragments.len() == 1 && !tail.is_empty()).then(|| tail.to_owned()),
                    ..DraftSpan::default()
                });
            }
            Some('R') => {
                let kind = words.next().unwrap_or("");
                let args: Vec<(&str, &str)> =
                    words.filter_map(|word| word.split_once(':')).collect();
                let role = |name: &str| args.iter().find(|(role, _)| *role == name);
                let ends = match (role("Arg1"), role("Arg2")) {
                    (Some(from), Some(to)) => Some((from.1, to.1)),
                    _ => args
                        .first()
                        .zip(args.get(1))
                        .map(|(from, to)| (from.1, to.1)),
                };
                let Some((from, to)) = ends.filter(|_| !kind.is_empty()) else {
                    return Err(error(
                        "a relation needs a type and two arguments, as in “said_by Arg1:T1 Arg2:T2”",
                    ));
                };
                draft.relations.push(DraftRelation {
                    id: Some(id.to_owned()),
                    kind: names.name(kind),
                    from: from.to_owned(),
                    to: to.to_owned(),
                });
            }
            Some('A' | 'M') => {
                let mut parts = data.trim().splitn(3, ' ');
                let (Some(name), Some(target)) = (parts.next(), parts.next()) else {
                    return Err(error("an attribute needs a name and the id it applies to"));
                };
                let value = parts.next().map_or("true", str::trim);
                attributes.push((target.trim(), names.name(name), value.to_owned()));
            }
            Some('#') => {
                if let (Some("AnnotatorNotes"), Some(target)) = (words.next(), words.next()) {
                    notes.push((target, tail));
                }
            }
            Some('E') => {
                // `E1 Content:T1 source:T2 cue:T3`: the trigger's links, by role.
                let mut args = words.filter_map(|word| word.split_once(':'));
                let Some((_, trigger)) = args.next() else {
                    return Err(error(
                        "an event needs a trigger, as in “Content:T1 source:T2”",
                    ));
                };
                triggers.push((id.to_owned(), trigger.to_owned()));
                for (number, (role, to)) in args.enumerate() {
                    draft.relations.push(DraftRelation {
                        id: Some(format!("{id}-{}", number + 1)),
                        kind: names.name(role),
                        from: trigger.to_owned(),
                        to: to.to_owned(),
                    });
                }
            }
            // Normalisations, equivalences: nothing the app can hold.
            _ => {}
        }
    }
    join_fragments(draft);
    roles_as_kinds(draft, &triggers);
    let index: BTreeMap<String, usize> = draft
        .spans
        .iter()
        .enumerate()
        .rev()
        .map(|(at, span)| (span.id.clone(), at))
        .collect();
    // An attribute or note of an event is its trigger's.
    let of = |target: &str| -> String {
        (triggers.iter())
            .find(|(event, _)| event == target)
            .map_or(target.to_owned(), |(_, t)| t.clone())
    };
    for (target, name, value) in attributes {
        if let Some(span) = index
            .get(&of(target))
            .and_then(|at| draft.spans.get_mut(*at))
        {
            span.attributes.insert(name, value);
        }
    }
    for (target, note) in notes {
        if let Some(span) = index
            .get(&of(target))
            .and_then(|at| draft.spans.get_mut(*at))
        {
            if !span.note.is_empty() {
                span.note.push('\n');
            }
            span.note.push_str(note);
        }
    }
    Ok(())
}
