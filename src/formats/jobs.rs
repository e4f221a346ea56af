//! The worker's work, as plain functions of plain data: a `Desk` takes a `Job` (and the
//! bytes of its files) and gives an `Answer` (and the bytes of a file). `src/worker` only
//! carries letters to and from it; the tests call it directly.

use crate::agreement::gather::Gathered;
use crate::agreement::report::Article;
use crate::import;
use crate::markdown::article_of;
use annotator_core::agreement::{Report, Unmatched};
use annotator_core::jobs::{Answer, Job, Review};
use annotator_core::model::annotations::Annotations;
use annotator_core::model::curation::pre_merge;
use annotator_core::model::document::layout_records;
use annotator_core::model::formats::draft::{Draft, Work};
use annotator_core::model::formats::native::{self, Imported};
use annotator_core::model::formats::InFile;
use annotator_core::model::offsets::CharRange;
use annotator_core::model::sample::sample_document;
use annotator_core::model::schema::Schema;
use annotator_core::model::span::{Span, SpanId, Timestamp};

/// The worker's memory between jobs: the drafts of the last read and the open work they
/// are reviewed against, for the review of another of its articles and for making a
/// project of them.
#[derive(Default)]
pub struct Desk {
    drafts: Vec<Draft>,
    open: Option<Imported>,
    /// The last comparison's annotators, their works and how they were gathered, for its
    /// gold project.
    compared: Option<(Vec<String>, Vec<Vec<Imported>>, Gathered)>,
}

impl Desk {
    /// Does a job. `bytes` are the job's files, in the order of their names; the answer's
    /// bytes are an export's file.
    pub fn work(&mut self, job: Job, bytes: Vec<Vec<u8>>) -> (Answer, Vec<Vec<u8>>) {
        let answer = match job {
            Job::Read { names, open, now } => match crate::read(&files(names, bytes)) {
                Ok((format, drafts)) => {
                    self.drafts = drafts;
                    // The open work cannot change while its import review is up: it is
                    // read once, here.
                    self.open = native::parse(&open).ok();
                    let (review, bytes) = letter(self.review(0, &now));
                    let articles = self.drafts.iter().enumerate().map(describe).collect();
                    let answer = Answer::Read {
                        format,
                        articles,
                        review,
                    };
                    return (answer, bytes);
                }
                Err(error) => {
                    self.drafts.clear();
                    Answer::Failed(error.to_string())
                }
            },
            Job::Review { chosen, now } => {
                let (review, bytes) = letter(self.review(chosen, &now));
                return (Answer::Review(review), bytes);
            }
            Job::Project { names, now } => {
                if !names.is_empty() {
                    match crate::read(&files(names, bytes)) {
                        Ok((_, drafts)) => self.drafts = drafts,
                        Err(error) => return (Answer::Failed(error.to_string()), Vec::new()),
                    }
                }
                return self.project(&now);
            }
            Job::Export { format, publisher } => match works_of(&bytes) {
                Ok(works) => {
                    let views: Vec<Work> = works.iter().map(Imported::work).collect();
                    let file = crate::export_for(format, &views, &publisher);
                    let answer = Answer::Exported { name: file.name };
                    return (answer, vec![file.bytes]);
                }
                Err(error) => {
                    Answer::Failed(format!("the work to export did not read back: {error}"))
                }
            },
            Job::Agreement { names, now } => match compare(files(names, bytes), &now) {
                Ok(compared) => {
                    use crate::agreement::report::{csv, json, view};
                    let report = &compared.report;
                    let bytes = vec![json(report).into_bytes(), csv(report).into_bytes()];
                    let agreement = view(
                        report,
                        &compared.unread,
                        &compared.gathered.reanchored,
                        compared.alone,
                    );
                    self.compared = Some((
                        compared.report.annotators,
                        compared.works,
                        compared.gathered,
                    ));
                    return (Answer::Agreement(agreement), bytes);
                }
                Err(error) => Answer::Failed(error),
            },
            Job::Gold {
                threshold,
                adjudicator,
                now,
            } => match &self.compared {
                Some((names, works, gathered)) => {
                    let works: Vec<Vec<Work>> = works
                        .iter()
                        .map(|mine| mine.iter().map(Imported::work).collect())
                        .collect();
                    return gold(names, &works, gathered, threshold, adjudicator, &now);
                }
                None => Answer::Failed(
                    "the comparison is no longer at hand: compare the files again".to_owned(),
                ),
            },
            Job::Suggest => match bytes.first().map(|text| std::str::from_utf8(text)) {
                Some(Ok(text)) => Answer::Suggested(crate::suggest::suggest(text, None)),
                _ => Answer::Failed("the article to suggest for is not UTF-8".to_owned()),
            },
            Job::Markdown { name, text } => {
                let flat = article_of(&name, text);
                Answer::Markdown {
                    layout: layout_records(&flat.layout),
                    text: flat.text,
                }
            }
        };
        (answer, Vec::new())
    }

    /// Reviews draft `chosen` of the last read against the open work it came with.
    fn review(&self, chosen: usize, now: &Timestamp) -> Result<Review, String> {
        let Some(open) = &self.open else {
            return Err("the open article did not read back; nothing was reviewed".to_owned());
        };
        match self.drafts.get(chosen) {
            Some(draft) => import::review(draft, open.work(), now),
            None => Err("the file holds no article".to_owned()),
        }
    }

    /// Reviews every draft of the last read (as the import review does) into a new
    /// project's articles, under one schema that grows with what they bring: the answer,
    /// and the articles as native JSONL beside it.
    fn project(&self, now: &Timestamp) -> (Answer, Vec<Vec<u8>>) {
        let mut articles = String::new();
        let (mut left_out, mut not_placed) = (0, 0);
        for review in review_each(&self.drafts, now) {
            match review {
                Ok(review) => {
                    not_placed += review.orphans.len();
                    articles += &native::export_jsonl(&[review.imported.work()]);
                }
                Err(_) => left_out += 1,
            }
        }
        let answer = Answer::Project {
            left_out,
            not_placed,
        };
        (answer, vec![articles.into_bytes()])
    }
}

/// Reviews each draft as a new article (onto no open article, as the import review does),
/// under one schema that grows with what they bring: each draft's review, or why it was
/// left out.
fn review_each(drafts: &[Draft], now: &Timestamp) -> Vec<Result<Review, String>> {
    let empty = sample_document();
    let mut schema = Schema::default();
    (drafts.iter())
        .map(|draft| {
            if draft.text.is_none() {
                return Err("the file has annotations but not the article's text".to_owned());
            }
            let open = Work {
                document: &empty,
                schema: &schema,
                annotations: &Annotations::default(),
            };
            let review = import::review(draft, open, now)
                .map_err(|error| format!("it could not be read: {error}"))?;
            schema = review.imported.schema.clone();
            Ok(review)
        })
        .collect()
}

/// Each annotator's files: one per file, named after it (up to its first dot), or one per
/// top-level folder of a zip that has folders.
fn annotators_of(files: Vec<InFile>) -> Result<Vec<(String, Vec<InFile>)>, String> {
    let mut annotators: Vec<(String, Vec<InFile>)> = Vec::new();
    let mut add = |name: String, file: InFile| match annotators.iter_mut().find(|(n, _)| *n == name)
    {
        Some((_, files)) => files.push(file),
        None => annotators.push((name, vec![file])),
    };
    for file in files {
        let base = file
            .name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or_default()
            .to_owned();
        let stem = base.split('.').next().unwrap_or_default().to_owned();
        if base.to_ascii_lowercase().ends_with(".zip") {
            let entries =
                crate::zip::read(&file.bytes).map_err(|error| format!("{}: {error}", file.name))?;
            let foldered = entries
                .iter()
                .any(|(path, _)| path.trim_start_matches('/').contains('/'));
            if foldered {
                for (path, bytes) in entries {
                    let path = path.trim_start_matches('/');
                    if let Some((folder, rest)) = path.split_once('/') {
                        if !rest.is_empty() && !rest.ends_with('/') {
                            add(
                                folder.to_owned(),
                                InFile {
                                    name: rest.to_owned(),
                                    bytes,
                                },
                            );
                        }
                    }
                }
                continue;
            }
        }
        add(stem, file);
    }
    Ok(annotators)
}

/// A comparison: the report, the versions it measured and what was left out.
struct Compared {
    report: Report,
    works: Vec<Vec<Imported>>,
    gathered: Gathered,
    /// Versions that could not be read or matched.
    unread: Vec<Unmatched>,
    /// Articles only one annotator had.
    alone: usize,
}

/// The gold project of a comparison: each article two or more annotators have, pre-merged
/// at `threshold` and signed by `adjudicator`, as native JSONL; beside it, each article's
/// versions (`Curation`) as JSONL, line for line, and their clusters' counts (a JSON array).
fn gold(
    names: &[String],
    works: &[Vec<Work>],
    gathered: &Gathered,
    threshold: usize,
    adjudicator: Option<String>,
    now: &Timestamp,
) -> (Answer, Vec<Vec<u8>>) {
    let (mut articles, mut curations) = (String::new(), String::new());
    let mut clusters: Vec<usize> = Vec::new();
    let mut count = 0u64;
    let mut new_id = || {
        count += 1;
        format!("gold-{count}")
    };
    let mut alone = 0;
    for (at, document) in gathered.documents.iter().enumerate() {
        if gathered.versions[at].iter().flatten().count() < 2 {
            alone += 1;
            continue;
        }
        let curation = gathered.curation(names, works, at, threshold);
        let annotations = pre_merge(&curation, now, &mut new_id);
        let mut document = document.clone();
        document.annotator = adjudicator.clone();
        let work = Work {
            document: &document,
            schema: &gathered.schema,
            annotations: &annotations,
        };
        articles += &native::export_jsonl(&[work]);
        curations += &serde_json::to_string(&curation).expect("versions serialise");
        curations.push('\n');
        clusters.push(curation.clusters().len());
    }
    let answer = Answer::Project {
        left_out: alone + gathered.unmatched.len(),
        not_placed: 0,
    };
    let clusters = serde_json::to_vec(&clusters).expect("numbers serialise");
    (
        answer,
        vec![articles.into_bytes(), curations.into_bytes(), clusters],
    )
}

/// Reads each annotator's files, reviews their articles as an import would (onto no open
/// article), brings the versions together by text (or id, re-anchored) and measures them.
fn compare(files: Vec<InFile>, now: &Timestamp) -> Result<Compared, String> {
    let annotators = annotators_of(files)?;
    if annotators.len() < 2 {
        return Err(
            "Comparing needs two or more annotators: one file per annotator, or a zip \
            with a folder per annotator."
                .to_owned(),
        );
    }
    let mut names = Vec::new();
    let mut works: Vec<Vec<Imported>> = Vec::new();
    let mut unread = Vec::new();
    for (name, files) in annotators {
        let (_, drafts) =
            crate::read(&files).map_err(|error| format!("{name}'s files: {error}"))?;
        let mut mine = Vec::new();
        for (at, review) in review_each(&drafts, now).into_iter().enumerate() {
            match review {
                Ok(review) => mine.push(review.imported),
                Err(reason) => unread.push(Unmatched {
                    annotator: name.clone(),
                    title: (drafts[at].title.clone())
                        .unwrap_or_else(|| format!("Article {}", at + 1)),
                    reason,
                }),
            }
        }
        // The files' own word for who annotated them, when they all say the same.
        let said: Vec<&String> = mine
            .iter()
            .filter_map(|work| work.document.annotator.as_ref())
            .collect();
        let name = match said.first() {
            Some(first) if said.len() == mine.len() && said.iter().all(|name| name == first) => {
                (*first).clone()
            }
            _ => name,
        };
        names.push(name);
        works.push(mine);
    }
    let views: Vec<Vec<Work>> = works
        .iter()
        .map(|mine| mine.iter().map(Imported::work).collect())
        .collect();
    let gathered = crate::agreement::gather::gather(&names, &views);
    drop(views);
    // Articles two or more annotators have (all of them, usually: then none is copied).
    let compared = |article: &Article| article.coded.iter().flatten().count() >= 2;
    let alone = gathered.articles.iter().filter(|a| !compared(a)).count();
    let measure = crate::agreement::report::measure;
    let report = match alone {
        0 => measure(&names, &gathered.labels, &gathered.articles),
        _ => {
            let some: Vec<Article> = (gathered.articles.iter())
                .filter(|a| compared(a))
                .cloned()
                .collect();
            measure(&names, &gathered.labels, &some)
        }
    };
    unread.extend(gathered.unmatched.iter().cloned());
    Ok(Compared {
        report,
        works,
        gathered,
        unread,
        alone,
    })
}

/// Reads and reviews a native file of the sample article with 100 spans, as a user's
/// import of a backup would, and forgets it. The worker does this as it starts (while the
/// user picks a file): the browser compiles each wasm function on its first call and
/// optimises the busy ones as they run, and the user's first import found all of that
/// still to do (an import of 100,000 characters took 209 ms where the next took 65 ms).
pub fn warm_up() {
    let (job, files) = warm_up_job();
    let _ = Desk::default().work(job, files);
}

/// The warm-up's job and its file.
pub fn warm_up_job() -> (Job, Vec<Vec<u8>>) {
    let document = sample_document();
    let text = &document.text;
    let labels = ["Claim", "Quote", "Source"];
    let now = Timestamp("2026-01-01T00:00:00.000Z".to_owned());
    let mut annotations = Annotations::default();
    let room = text.len_chars().saturating_sub(20);
    for (at, start) in (0..room).step_by(room / 100).take(100).enumerate() {
        let range = CharRange::new(start, start + 20);
        let quote = text.slice(range).unwrap_or_default();
        let id = SpanId::new(&format!("w{at}"));
        annotations.insert(Span::new(id, labels[at % 3], range, quote, &now));
    }
    let schema = Schema::default();
    let work = Work {
        document: &document,
        schema: &schema,
        annotations: &annotations,
    };
    let file = native::export_jsonl(&[work]).into_bytes();
    let job = Job::Read {
        names: vec!["warm-up.json".to_owned()],
        open: native::export_jsonl(&[work]),
        now: now.clone(),
    };
    (job, vec![file])
}

/// A review for an answer, with its work as the bytes beside.
fn letter(review: Result<Review, String>) -> (Result<Review<()>, String>, Vec<Vec<u8>>) {
    match review.map(Review::into_letter) {
        Ok((review, work)) => (Ok(review), vec![work]),
        Err(why) => (Err(why), Vec::new()),
    }
}

/// The works an export job carries: native JSONL in its first file.
fn works_of(bytes: &[Vec<u8>]) -> Result<Vec<Imported>, String> {
    let jsonl = bytes
        .first()
        .map_or(Ok(""), |first| std::str::from_utf8(first));
    let jsonl = jsonl.map_err(|_| "they are not UTF-8".to_owned())?;
    native::parse_jsonl(jsonl).map_err(|error| error.to_string())
}

/// A job's files: their names, and their bytes in the same order.
fn files(names: Vec<String>, bytes: Vec<Vec<u8>>) -> Vec<InFile> {
    (names.into_iter().zip(bytes))
        .map(|(name, bytes)| InFile { name, bytes })
        .collect()
}

/// A draft as the import dialog lists it: "Title (12 spans)".
fn describe((at, draft): (usize, &Draft)) -> String {
    let title = (draft.title.clone()).unwrap_or_else(|| format!("Article {}", at + 1));
    format!("{title} ({} spans)", draft.spans.len())
}
