//! Loading transcripts: page files, folders of them, JSON corpora, and the
//! pages bundled into the binary.
//!
//! A bad file never stops the others from loading: it becomes a [`Problem`]
//! that names it, and the good files open.

pub mod bundled;
pub mod json;
pub mod read;

use std::path::{Path, PathBuf};

use crate::model::Corpus;
use crate::parse::{self, ParsedPage};
use crate::people::PeopleTable;

pub use read::{LoadError, Warning, decode, read_text};

/// Something wrong with one input, reported and skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub line: Option<u32>,
    pub message: String,
    /// Warnings leave the file usable; errors mean nothing was read from it.
    pub is_error: bool,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// A corpus and what went wrong while reading it.
#[derive(Debug, Default)]
pub struct Loaded {
    pub corpus: Corpus,
    pub problems: Vec<Problem>,
    /// The files transcripts were read from, one per transcript (JSON
    /// corpora repeat their path).
    pub files: Vec<PathBuf>,
}

/// The id a page file gives its transcript: the kremlin.ru item id of
/// `2022-08-19_68871.txt`, else the file stem.
pub fn id_from_path(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match stem.rsplit_once('_') {
        Some((_, id)) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => id.to_string(),
        _ => stem,
    }
}

/// Builds a corpus from parsed pages, merging everyone they name.
pub fn assemble(pages: Vec<ParsedPage>) -> Corpus {
    merge(Vec::new(), pages.into_iter())
}

/// Reads every path: page files, JSON corpora and folders (recursively).
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let mut pages: Vec<ParsedPage> = Vec::new();
    let mut from_json: Vec<Corpus> = Vec::new();
    let mut loaded = Loaded::default();
    let mut page_files = Vec::new();
    for path in paths {
        let mut files = Vec::new();
        if let Err(problem) = read::collect_files(path, &mut files, &mut loaded.problems) {
            loaded.problems.push(problem);
            continue;
        }
        if files.is_empty() && path.is_dir() {
            loaded.problems.push(Problem {
                path: path.clone(),
                line: None,
                message: "no transcripts (.txt or .json files) in this folder".into(),
                is_error: true,
            });
        }
        let mut texts = Vec::new();
        for file in files {
            if file
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            {
                match json::read_corpus(&file) {
                    Ok(corpus) => {
                        loaded
                            .files
                            .extend(std::iter::repeat_n(file.clone(), corpus.transcripts.len()));
                        from_json.push(corpus);
                    }
                    Err(problem) => loaded.problems.push(problem),
                }
                continue;
            }
            texts.push(file);
        }
        pages.reserve(texts.len());
        for (file, result) in read_and_parse(texts) {
            match result {
                Ok((page, warnings)) => {
                    loaded
                        .problems
                        .extend(warnings.into_iter().map(|w| w.into_problem(&file)));
                    page_files.push(file);
                    pages.push(page);
                }
                Err(error) => loaded.problems.push(error.into_problem(&file)),
            }
        }
    }
    loaded.files.extend(page_files);
    loaded.corpus = merge(from_json, pages.into_iter());
    loaded
}

type PageResult = Result<(ParsedPage, Vec<Warning>), LoadError>;

/// Reads and parses page files on every core, keeping their order.
fn read_and_parse(files: Vec<PathBuf>) -> impl Iterator<Item = (PathBuf, PageResult)> {
    let parts = crate::parallel::share(
        &files,
        Vec::new,
        |done: &mut Vec<(usize, PageResult)>, at, file| {
            let result = read_text(file).map(|(text, warnings)| {
                let mut page = parse::parse_page(&id_from_path(file), &text);
                page.transcript.source = Some(file.display().to_string());
                (page, warnings)
            });
            done.push((at, result));
        },
    );
    // Put in place rather than sorted: pages are large, and every copy of
    // the list is held at once.
    let mut slots: Vec<Option<PageResult>> =
        std::iter::repeat_with(|| None).take(files.len()).collect();
    for part in parts {
        for (at, result) in part {
            slots[at] = Some(result);
        }
    }
    files
        .into_iter()
        .zip(slots)
        .filter_map(|(file, result)| Some((file, result?)))
}

/// JSON corpora first (in the order given), then the parsed pages.
fn merge(corpora: Vec<Corpus>, pages: impl ExactSizeIterator<Item = ParsedPage>) -> Corpus {
    let mut people = PeopleTable::default();
    let mut transcripts = Vec::with_capacity(
        corpora.iter().map(|c| c.transcripts.len()).sum::<usize>() + pages.len(),
    );
    for corpus in corpora {
        people.extend(&corpus.people);
        transcripts.extend(corpus.transcripts);
    }
    for page in pages {
        for sighting in &page.sightings {
            people.see(&sighting.name, sighting.role.as_deref());
        }
        transcripts.push(page.transcript);
    }
    Corpus {
        people: people.into_people(),
        transcripts,
        ..Corpus::default()
    }
}
