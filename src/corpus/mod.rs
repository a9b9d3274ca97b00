//! Loading transcripts: page files, folders of them, JSON corpora, and the
//! pages bundled into the binary.
//!
//! A bad file never stops the others from loading: it becomes a [`Problem`]
//! that names it, and the good files open.

pub mod bundled;
pub mod json;
pub mod read;

use std::path::{Path, PathBuf};

use crate::model::{Corpus, Transcript};
use crate::parse::ParsedPage;
use crate::people::PeopleTable;

pub use read::{LoadError, Warning, decode, read_text};

/// Something wrong with one input, reported and skipped.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    pub path: PathBuf,
    pub line: Option<u32>,
    pub message: String,
    /// Warnings leave the file usable; errors mean nothing was read from it.
    pub is_error: bool,
}

impl Problem {
    /// A file nothing was read from, and why.
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            line: None,
            message: message.into(),
            is_error: true,
        }
    }

    /// Something odd about a file that still loaded.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Problem {
        Problem {
            is_error: false,
            ..Problem::error(path, message)
        }
    }
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
    merge(Vec::new(), pages, &mut drop)
}

/// [`assemble`], giving back each page's sightings, in order, rather than
/// dropping them (a cache keeps them for its next rebuild).
pub fn assemble_keeping_sightings(
    pages: Vec<ParsedPage>,
) -> (Corpus, Vec<Vec<crate::parse::Sighting>>) {
    let mut kept = Vec::with_capacity(pages.len());
    let corpus = merge(Vec::new(), pages, &mut |sightings| kept.push(sightings));
    (corpus, kept)
}

/// Reads every path: page files, JSON corpora and folders (recursively).
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    load_paths_with(paths, &Progress::default())
}

/// [`load_paths`], counting the files read in `progress`.
pub fn load_paths_with(paths: &[PathBuf], progress: &Progress) -> Loaded {
    let (files, problems) = collect_paths(paths);
    progress.start(files.len());
    load_files_with(files, problems, paths, progress)
}

/// How far a load has got, for a gauge drawn while it runs: files (or
/// transcripts from a cache) done of all, and bytes read.
#[derive(Debug, Default)]
pub struct Progress {
    pub total: std::sync::atomic::AtomicUsize,
    pub done: std::sync::atomic::AtomicUsize,
    pub bytes: std::sync::atomic::AtomicU64,
}

impl Progress {
    /// Starts counting (again) towards `total`.
    pub fn start(&self, total: usize) {
        use std::sync::atomic::Ordering::Relaxed;
        self.total.store(total, Relaxed);
        self.done.store(0, Relaxed);
        self.bytes.store(0, Relaxed);
    }

    pub fn advance(&self, items: usize, bytes: u64) {
        use std::sync::atomic::Ordering::Relaxed;
        self.done.fetch_add(items, Relaxed);
        self.bytes.fetch_add(bytes, Relaxed);
    }

    /// (done, total, bytes) as they stand.
    pub fn now(&self) -> (usize, usize, u64) {
        use std::sync::atomic::Ordering::Relaxed;
        (
            self.done.load(Relaxed),
            self.total.load(Relaxed),
            self.bytes.load(Relaxed),
        )
    }
}

/// The last `count` page files of `paths` (the newest, when names start
/// with a date, as kremlin.ru's do), loaded: a part to read while the
/// rest loads. `None` when `paths` hold no more than twice as many, or
/// anything but page files.
pub fn newest_pages(paths: &[PathBuf], count: usize) -> Option<Loaded> {
    if paths.iter().any(|p| read::is_stdin(p)) {
        return None;
    }
    let (files, _) = collect_paths(paths);
    if files.len() <= 2 * count || files.iter().any(|f| is_json(f)) {
        return None;
    }
    let newest = files[files.len() - count..].to_vec();
    Some(load_files(newest, Vec::new(), paths))
}

/// A file's place inside the folder it was found in, from the `roots`
/// given on the command line; its name when it was given itself.
pub fn source_of(file: &Path, roots: &[PathBuf]) -> String {
    roots
        .iter()
        .filter(|root| root.as_path() != file)
        .find_map(|root| file.strip_prefix(root).ok())
        .or_else(|| file.file_name().map(Path::new))
        .unwrap_or(file)
        .display()
        .to_string()
}

/// The transcript files under `paths`, in order, and what could not be
/// walked (a missing path, a folder with no transcripts).
pub fn collect_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let before = files.len();
        if let Err(problem) = read::collect_files(path, &mut files, &mut problems) {
            problems.push(problem);
            continue;
        }
        if files.len() == before && path.is_dir() {
            let (last, others) = read::EXTENSIONS.split_last().expect("extensions");
            let others: Vec<String> = others.iter().map(|e| format!(".{e}")).collect();
            problems.push(Problem::error(
                path.clone(),
                format!(
                    "no transcripts ({} or .{last} files) in this folder",
                    others.join(", ")
                ),
            ));
        }
    }
    (files, problems)
}

/// Reads files [`collect_paths`] found under `roots`, keeping the problems
/// it met.
pub fn load_files(files: Vec<PathBuf>, problems: Vec<Problem>, roots: &[PathBuf]) -> Loaded {
    load_files_with(files, problems, roots, &Progress::default())
}

fn load_files_with(
    files: Vec<PathBuf>,
    problems: Vec<Problem>,
    roots: &[PathBuf],
    progress: &Progress,
) -> Loaded {
    let mut from_json: Vec<Corpus> = Vec::new();
    let mut loaded = Loaded {
        problems,
        ..Loaded::default()
    };
    let mut texts = Vec::new();
    for file in files {
        if is_json(&file) {
            match json::read_corpus(&file) {
                Ok((corpus, warnings)) => {
                    loaded.problems.extend(warnings);
                    loaded
                        .files
                        .extend(std::iter::repeat_n(file.clone(), corpus.transcripts.len()));
                    from_json.push(corpus);
                }
                Err(problem) => loaded.problems.push(problem),
            }
        } else {
            texts.push(file);
        }
    }
    // Each list below takes over the one before it (in-place collect): a
    // list of pages weighs tens of megabytes on a large archive.
    let mut page_files = Vec::new();
    let pages: Vec<ParsedPage> = read_and_parse(&texts, roots, progress)
        .into_iter()
        .zip(&texts)
        .filter_map(|(result, file)| match result? {
            Ok((page, warnings)) => {
                loaded
                    .problems
                    .extend(warnings.into_iter().map(|w| w.into_problem(file)));
                page_files.push(file.clone());
                Some(page)
            }
            Err(error) => {
                loaded.problems.push(error.into_problem(file));
                None
            }
        })
        .collect();
    loaded.files.extend(page_files);
    loaded.corpus = merge(from_json, pages, &mut drop);
    loaded
}

/// A JSON corpus file, by its name; anything else is read as a page.
/// Standard input has no name: a corpus there starts with `{`.
pub fn is_json(file: &Path) -> bool {
    if read::is_stdin(file) {
        return read::stdin_bytes().is_ok_and(|bytes| {
            let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
        });
    }
    file.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

type PageResult = Result<(ParsedPage, Vec<Warning>), LoadError>;

/// Page files read and parsed on every core, each as a page or the
/// problems that kept it from being one (warnings with a page).
pub fn parse_files(
    files: &[PathBuf],
    roots: &[PathBuf],
    progress: &Progress,
) -> Vec<Result<(ParsedPage, Vec<Problem>), Problem>> {
    read_and_parse(files, roots, progress)
        .into_iter()
        .zip(files)
        .map(|(result, file)| match result {
            Some(Ok((page, warnings))) => Ok((
                page,
                warnings.into_iter().map(|w| w.into_problem(file)).collect(),
            )),
            Some(Err(error)) => Err(error.into_problem(file)),
            None => Err(Problem::error(file.clone(), "was not read")),
        })
        .collect()
}

/// Reads and parses page files on every core; each result is put in its
/// file's place as it comes, so no second list is ever held.
fn read_and_parse(
    files: &[PathBuf],
    roots: &[PathBuf],
    progress: &Progress,
) -> Vec<Option<PageResult>> {
    let mut slots: Vec<Option<PageResult>> =
        std::iter::repeat_with(|| None).take(files.len()).collect();
    let (sender, parsed) = std::sync::mpsc::sync_channel::<(usize, PageResult)>(64);
    std::thread::scope(|scope| {
        // A parser's panic is raised again when the scope ends; until
        // then the other parsers' pages still go in.
        scope.spawn(move || {
            crate::parallel::share(
                files,
                || sender.clone(),
                |sender, at, file| {
                    let result = read_text(file).and_then(|(text, warnings)| {
                        progress.advance(1, text.len() as u64);
                        let mut page = read::parse_file(file, &id_from_path(file), &text)?;
                        page.transcript.source = Some(source_of(file, roots));
                        Ok((page, warnings))
                    });
                    let _ = sender.send((at, result));
                },
            );
        });
        keep(parsed, &mut slots);
    });
    slots
}

/// Puts each page `parsed` sends in its slot, as a copy that this thread
/// makes, its text in a slab of about a megabyte that the pages around it
/// share, and the parser's own freed. Made on the parsing threads, what
/// is kept would lie among their short-lived allocations (the file's
/// text, the lines being classified), and that memory stays with the
/// process. On the archive x5 the copies cost about a tenth of a second
/// and keep 13 MB off the reader's peak.
fn keep(parsed: std::sync::mpsc::Receiver<(usize, PageResult)>, slots: &mut [Option<PageResult>]) {
    let mut waiting: Vec<(usize, PageResult)> = Vec::new();
    let mut bytes = 0;
    let mut put = |waiting: &mut Vec<(usize, PageResult)>| {
        Transcript::share_text(
            waiting
                .iter_mut()
                .filter_map(|(_, result)| Some(&mut result.as_mut().ok()?.0.transcript)),
        );
        // Only the transcript is copied: the sightings are dropped once
        // the people are merged, and copied they would leave holes among
        // what is kept.
        for (at, result) in waiting.drain(..) {
            slots[at] = Some(result.map(|(page, warnings)| {
                let page = ParsedPage {
                    transcript: page.transcript.clone(),
                    sightings: page.sightings,
                };
                (page, warnings)
            }));
        }
    };
    for (at, result) in parsed {
        if let Ok((page, _)) = &result {
            bytes += page.transcript.text_len();
        }
        waiting.push((at, result));
        if bytes >= SLAB {
            put(&mut waiting);
            bytes = 0;
        }
    }
    put(&mut waiting);
}

/// Bytes of text the transcripts of a load share a string of: few enough
/// strings for their rounding not to count, and each small enough to be
/// made while the pages in it are held.
const SLAB: usize = 1 << 20;

/// The people a page's sightings name, as a corpus of that page lists them.
pub fn people_of(sightings: &[crate::parse::Sighting]) -> Vec<crate::model::Person> {
    let mut people = PeopleTable::default();
    for sighting in sightings {
        people.see(
            &sighting.id,
            &sighting.name,
            sighting.role.as_deref(),
            sighting.site_id,
        );
    }
    people.into_people()
}

/// Gives a page's turns, footer persons and sightings of a merged-away
/// person the id they went to ([`PeopleTable::merge_reordered`]).
fn rename_people(
    page: &mut ParsedPage,
    merged: &[(crate::model::PersonId, crate::model::PersonId)],
) {
    let renamed =
        |id: &crate::model::PersonId| merged.iter().find(|(from, _)| from == id).map(|(_, to)| to);
    for block in &mut page.transcript.blocks {
        if let crate::model::Block::Turn(turn) = block
            && let crate::model::Speaker::Person(id) = &turn.speaker
            && let Some(to) = renamed(id)
        {
            turn.speaker = crate::model::Speaker::Person(to.clone());
        }
    }
    for id in &mut page.transcript.footer.persons {
        if let Some(to) = renamed(id) {
            *id = to.clone();
        }
    }
    for sighting in &mut page.sightings {
        if let Some(to) = renamed(&sighting.id) {
            sighting.id = to.clone();
        }
    }
}

/// Where saved pages gave the site's person ids, they decide who is who:
/// a person under another name with an id seen before is that person
/// (`President of Belarus Alexander Lukashenko` and the tag `Lukashenko
/// Alexander`, already one in a page, across pages too), and a name seen
/// before with another id is someone else, who gets an id of their own
/// (`sergei-ivanov-123`).
fn identify_by_site_id(corpora: &[Corpus], pages: &mut [ParsedPage]) {
    use std::collections::HashMap;
    let mut by_site: HashMap<u32, crate::model::PersonId> = HashMap::new();
    let mut site_of: HashMap<crate::model::PersonId, u32> = HashMap::new();
    for person in corpora.iter().flat_map(|c| &c.people) {
        if let Some(site_id) = person.site_id {
            by_site.entry(site_id).or_insert_with(|| person.id.clone());
            site_of.entry(person.id.clone()).or_insert(site_id);
        }
    }
    for page in pages.iter_mut() {
        let mut renames: Vec<(crate::model::PersonId, crate::model::PersonId)> = Vec::new();
        for sighting in &page.sightings {
            let Some(site_id) = sighting.site_id else {
                continue;
            };
            if renames.iter().any(|(from, _)| *from == sighting.id) {
                continue;
            }
            let to = match by_site.get(&site_id) {
                Some(known) => known.clone(),
                None => match site_of.get(&sighting.id) {
                    Some(other) if *other != site_id => format!("{}-{site_id}", sighting.id),
                    _ => sighting.id.clone(),
                },
            };
            by_site.entry(site_id).or_insert_with(|| to.clone());
            site_of.entry(to.clone()).or_insert(site_id);
            if to != sighting.id {
                renames.push((sighting.id.clone(), to));
            }
        }
        if !renames.is_empty() {
            rename_people(page, &renames);
        }
    }
}

/// JSON corpora first (in the order given), then the parsed pages, whose
/// sightings go to `seen` once their people are merged.
fn merge(
    corpora: Vec<Corpus>,
    pages: Vec<ParsedPage>,
    seen: &mut dyn FnMut(Vec<crate::parse::Sighting>),
) -> Corpus {
    let mut people = PeopleTable::default();
    for corpus in &corpora {
        people.extend(&corpus.people);
    }
    let mut pages = pages;
    identify_by_site_id(&corpora, &mut pages);
    for page in &pages {
        for sighting in &page.sightings {
            people.see(
                &sighting.id,
                &sighting.name,
                sighting.role.as_deref(),
                sighting.site_id,
            );
        }
    }
    let merged = people.merge_reordered();
    let from_pages: Vec<Transcript> = pages
        .into_iter()
        .map(|mut page| {
            if !merged.is_empty() {
                rename_people(&mut page, &merged);
            }
            seen(page.sightings);
            page.transcript
        })
        .collect();
    let transcripts = if corpora.is_empty() {
        // Collected in place, the list kept the larger pages' room.
        let mut from_pages = from_pages;
        from_pages.shrink_to_fit();
        from_pages
    } else {
        let mut all: Vec<Transcript> = corpora.into_iter().flat_map(|c| c.transcripts).collect();
        all.extend(from_pages);
        all
    };
    Corpus::new(people.into_people(), transcripts)
}
