//! The parsed corpus and its search index, kept between runs in
//! `$XDG_CACHE_HOME/verbatim/` (`~/.cache/verbatim/`), one file for each
//! set of folders read. Each page file is known by its path, size and
//! modification time: a start where nothing changed reads the cache
//! alone; one where some files changed parses only those.
//!
//! [`stamps`] finds the files and tells whether they changed; [`file`]
//! is the cache file's layout, written and read.

mod file;
mod stamps;

use std::path::{Path, PathBuf};

use crate::corpus::{self, Loaded, Problem, Progress};
use crate::model::{Corpus, Person, Transcript};
use crate::parse::{ParsedPage, Sighting};
use crate::search::Index;

pub use file::FORMAT;
use file::{
    CacheFile, EncodedListing, FileKey, Listing, Meta, Stored, Trouble, decode_chunks, decode_head,
    encode_head, encode_rest, read, read_meta,
};
use stamps::{Found, find_under, roots_of};

/// A corpus opened through the cache.
pub struct Opened {
    pub loaded: Loaded,
    /// The index, when the cache had it for exactly these files.
    pub index: Option<Index>,
    /// One line for the status: why the cache was rebuilt or not used.
    pub notice: Option<String>,
    /// How to write the cache once the index is built; `None` when the
    /// cache is current (or cannot be used).
    pub pending: Option<Pending>,
}

/// A cache to write once its index exists.
pub struct Pending {
    path: PathBuf,
    meta: Meta,
    /// Why it cannot be written, when the listing could not be encoded.
    listing: Result<EncodedListing, String>,
}

/// The folder the caches live in.
pub fn dir() -> Option<PathBuf> {
    crate::user_files::dir("XDG_CACHE_HOME", ".cache")
}

/// The cache file of a set of paths, by their canonical form.
fn file_for(dir: &Path, roots: &[PathBuf]) -> PathBuf {
    let mut key = Vec::new();
    for root in roots {
        key.extend_from_slice(root.as_os_str().as_encoded_bytes());
        key.push(0);
    }
    dir.join(format!(
        "corpus-{:016x}.cache",
        xxhash_rust::xxh3::xxh3_64(&key)
    ))
}

/// Reads `paths` through the cache in `dir`. Paths the cache cannot key
/// (standard input, JSON corpora, the bundled page) are read as ever.
pub fn open(paths: &[PathBuf], dir: &Path) -> Opened {
    open_with(paths, dir, &Progress::default(), &|| {})
}

/// [`open`], counting files parsed (or transcripts read from the cache)
/// in `progress`, and calling `before_parsing` when pages are to be
/// parsed (a current cache needs none: it reads in a moment).
pub fn open_with(
    paths: &[PathBuf],
    dir: &Path,
    progress: &Progress,
    before_parsing: &dyn Fn(),
) -> Opened {
    let uncached = |notice: Option<String>| {
        before_parsing();
        Opened {
            loaded: corpus::load_paths_with(paths, progress),
            index: None,
            notice,
            pending: None,
        }
    };
    let Some(roots) = roots_of(paths) else {
        return uncached(None);
    };
    remove_abandoned(dir);
    let path = file_for(dir, &roots);
    // The walk with its tens of thousands of stats, and the cache's
    // decoding, at once: each takes tens of milliseconds, and what the
    // cache holds is used even when some files changed.
    let (found, stored) = std::thread::scope(|scope| {
        let finding = scope.spawn(|| find_under(paths, roots));
        let stored = read(&path, progress);
        let found = finding
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (found, stored)
    });
    let Some(found) = found else {
        return uncached(None);
    };
    let (stored, notice) = match stored {
        Ok(stored) => (stored, None),
        Err(Trouble::Missing) => (None, None),
        Err(Trouble::Unusable(why)) => (
            None,
            Some(format!(
                "the cache {} {why}; it is built again",
                path.display()
            )),
        ),
    };
    let meta = Meta {
        format: FORMAT.to_string(),
        file_count: found.files.len(),
        files_digest: found.digest,
        roots: found.roots.clone(),
        ..Meta::default()
    };
    match stored {
        Some(stored) if stored.meta.is_of(&meta) => {
            // Taken, not copied: each file has one transcript at most.
            let mut all = found.files;
            let files = stored
                .meta
                .transcript_files
                .iter()
                .map(|f| std::mem::take(&mut all[*f as usize]))
                .collect();
            let mut problems = found.walk_problems;
            problems.extend(stored.meta.problems.into_iter().map(|(_, p)| p));
            Opened {
                loaded: Loaded {
                    corpus: stored.corpus,
                    problems,
                    files,
                },
                index: Some(stored.index),
                notice,
                pending: None,
            }
        }
        stored => {
            before_parsing();
            progress.start(found.files.len());
            let (loaded, meta, listing) = rebuild(paths, found, meta, stored, progress);
            Opened {
                loaded,
                index: None,
                notice,
                pending: Some(Pending {
                    path,
                    meta,
                    listing: listing.encoded(),
                }),
            }
        }
    }
}

/// A current cache opened for a one-off search: its index and people
/// decoded, its transcripts decoded only where a query needs them.
pub struct Current {
    file: CacheFile,
    people: Vec<Person>,
    transcripts: usize,
    pub index: Index,
    /// The walk's problems and those met reading the files.
    pub problems: Vec<Problem>,
}

/// The cache of `paths` if it is there and current, with nothing to
/// rebuild, and what `ahead` made of it; `None` otherwise (a search then
/// reads the pages itself). `ahead` runs while the files are stat'ed, on
/// a cache not yet known to be current: a search chooses its paragraphs
/// and reads their transcripts in that time, and the work is thrown away
/// if a file changed.
pub fn open_current<T: Send>(
    paths: &[PathBuf],
    dir: &Path,
    ahead: impl FnOnce(&Current) -> T + Send,
) -> Option<(Current, T)> {
    // No cache file, no walk: a search without one pays nothing for it.
    let roots = roots_of(paths)?;
    let file = std::fs::File::open(file_for(dir, &roots)).ok()?;
    // The walk and the decoding at once, as in `open_with`.
    let (found, head) = std::thread::scope(|scope| {
        let finding = scope.spawn(|| find_under(paths, roots));
        let head = CacheFile::open(file).and_then(|file| {
            let (meta, people, index) = decode_head(&file)?;
            let current = Current {
                transcripts: meta.transcript_files.len(),
                file,
                people,
                index,
                problems: Vec::new(),
            };
            let made = ahead(&current);
            Ok((meta, current, made))
        });
        let found = finding
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (found, head)
    });
    let (found, (meta, mut current, made)) = (found?, head.ok()?);
    let now = Meta {
        file_count: found.files.len(),
        files_digest: found.digest,
        roots: found.roots,
        ..Meta::default()
    };
    if !meta.is_of(&now) {
        return None;
    }
    current.problems = found.walk_problems;
    current
        .problems
        .extend(meta.problems.into_iter().map(|(_, p)| p));
    Some((current, made))
}

impl Current {
    /// The corpus with the transcripts `wanted` (all with `None`; sorted)
    /// read from the cache, the others before the last of them left empty
    /// in their places, and none after it: tens of thousands of empty
    /// places take milliseconds to lay out.
    pub fn corpus(&self, wanted: Option<&[usize]>) -> Result<Corpus, String> {
        let is_wanted = |t: usize| wanted.is_none_or(|w| w.binary_search(&t).is_ok());
        let count = match wanted {
            None => self.transcripts,
            Some(wanted) => wanted.last().map_or(0, |last| last + 1),
        };
        let transcripts = decode_chunks(
            &self.file,
            (self.transcripts, count),
            &is_wanted,
            &Progress::default(),
        )?;
        Ok(Corpus::new(self.people.clone(), transcripts))
    }
}

/// Temporary files of writes that never ended (a reader quit while its
/// cache was being written), once they are old enough not to be one
/// still being written.
fn remove_abandoned(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(600));
        if old && path.extension().is_some_and(|e| e == "tmp") {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The corpus of `files`: each unchanged file's transcript from the cache,
/// the others parsed; the people merged again from every page's sightings.
fn rebuild(
    paths: &[PathBuf],
    found: Found,
    mut meta: Meta,
    stored: Option<Stored>,
    progress: &Progress,
) -> (Loaded, Meta, Listing) {
    let keys = found.keys(paths);
    let Found {
        files,
        walk_problems,
        ..
    } = found;
    // What the cache holds of each file it knows: its transcript (if any)
    // with its sightings, and its problems.
    type Kept = (Option<(Transcript, Vec<Sighting>)>, Vec<Problem>);
    let mut kept: rustc_hash::FxHashMap<FileKey, Kept> = rustc_hash::FxHashMap::default();
    // A listing that cannot be read leaves nothing kept: all is parsed.
    let stored = stored.and_then(|stored| {
        let listing = stored.listing().ok()?;
        Some((stored, listing))
    });
    if let Some((stored, listing)) = stored {
        let Stored {
            meta: old,
            corpus: old_corpus,
            ..
        } = stored;
        let mut problems_of: rustc_hash::FxHashMap<u32, Vec<Problem>> = Default::default();
        for (file, problem) in old.problems {
            problems_of.entry(file).or_default().push(problem);
        }
        let mut transcripts: Vec<Option<(Transcript, Vec<Sighting>)>> = old_corpus
            .transcripts
            .into_iter()
            .zip(listing.sightings)
            .map(Some)
            .collect();
        let mut by_file: Vec<Option<usize>> = vec![None; listing.keys.len()];
        for (t, f) in old.transcript_files.iter().enumerate() {
            if let Some(slot) = by_file.get_mut(*f as usize) {
                *slot = Some(t);
            }
        }
        for (f, key) in listing.keys.into_iter().enumerate() {
            let transcript = by_file[f].and_then(|t| transcripts[t].take());
            let problems = problems_of.remove(&(f as u32)).unwrap_or_default();
            kept.insert(key, (transcript, problems));
        }
    }
    let changed: Vec<usize> = (0..files.len())
        .filter(|i| !kept.contains_key(&keys[*i]))
        .collect();
    progress.advance(files.len() - changed.len(), 0);
    // Parsed a batch at a time, as the loop below takes them: every
    // page's result held at once beside the pages made of them would be
    // the corpus's headers twice over (33 MB on the archive x5).
    const BATCH: usize = 1000;
    let mut parsed = changed.chunks(BATCH).flat_map(|batch| {
        let batch: Vec<PathBuf> = batch.iter().map(|i| files[*i].clone()).collect();
        corpus::parse_files(&batch, paths, progress)
    });
    let mut pages: Vec<ParsedPage> = Vec::with_capacity(files.len());
    let mut loaded = Loaded {
        problems: walk_problems,
        ..Loaded::default()
    };
    let mut changed = changed.iter().copied().peekable();
    for (i, file) in files.iter().enumerate() {
        let (page, problems) = if changed.peek() == Some(&i) {
            changed.next();
            match parsed.next() {
                Some(Ok((page, warnings))) => (Some(page), warnings),
                Some(Err(problem)) => (None, vec![problem]),
                None => (None, Vec::new()),
            }
        } else {
            match kept.remove(&keys[i]) {
                Some((transcript, problems)) => (
                    transcript.map(|(transcript, sightings)| ParsedPage {
                        transcript,
                        sightings,
                    }),
                    problems,
                ),
                None => (None, Vec::new()),
            }
        };
        meta.problems
            .extend(problems.iter().map(|p| (i as u32, p.clone())));
        loaded.problems.extend(problems);
        if let Some(page) = page {
            meta.transcript_files.push(i as u32);
            loaded.files.push(file.clone());
            pages.push(page);
        }
    }
    let (corpus, sightings) = corpus::assemble_keeping_sightings(pages);
    loaded.corpus = corpus;
    (loaded, meta, Listing { keys, sightings })
}

impl Pending {
    /// Writes the cache of `corpus` and its `index`. An error says why in
    /// words for the status line (a read-only or full disk).
    pub fn write(self, corpus: &Corpus, index: &Index) -> Result<(), String> {
        self.begin(&corpus.people)?.finish(corpus, index)
    }

    /// Writes the cache up to its index, so that the listing is not held
    /// while the index is built; [`Writing::finish`] writes the rest.
    pub fn begin(self, people: &[Person]) -> Result<Writing, String> {
        let cannot = |e: &dyn std::fmt::Display| cannot_write(&self.path, e);
        let listing = self.listing.as_ref().map_err(|e| cannot(e))?;
        let mut whole = crate::user_files::Whole::create(&self.path).map_err(|e| cannot(&e))?;
        encode_head(whole.out(), &self.meta, listing, people).map_err(|e| cannot(&e))?;
        Ok(Writing { whole })
    }
}

/// A cache written up to its index, to be finished once the index is
/// built; dropped unfinished, it leaves no file.
pub struct Writing {
    whole: crate::user_files::Whole,
}

impl Writing {
    /// Writes the index and the transcripts, and makes the file the cache.
    pub fn finish(mut self, corpus: &Corpus, index: &Index) -> Result<(), String> {
        let path = self.whole.path().to_path_buf();
        encode_rest(self.whole.out(), corpus, index)
            .and_then(|()| self.whole.commit())
            .map_err(|e| cannot_write(&path, &e))
    }
}

fn cannot_write(path: &Path, e: &dyn std::fmt::Display) -> String {
    format!("cannot write {}: {e}", path.display())
}

/// What `verbatim cache info` shows of one cache file.
pub struct Info {
    pub path: PathBuf,
    pub bytes: u64,
    /// The folders it is of and how many files, or why it cannot be used.
    pub state: Result<(Vec<PathBuf>, usize), String>,
}

/// Every cache file in `dir`, read to say what it holds.
pub fn list(dir: &Path) -> Vec<Info> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut infos: Vec<Info> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "cache"))
        .map(|path| {
            let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
            let state = read_meta(&path).map(|meta| (meta.roots, meta.file_count));
            Info { path, bytes, state }
        })
        .collect();
    infos.sort_by(|a, b| a.path.cmp(&b.path));
    infos
}
