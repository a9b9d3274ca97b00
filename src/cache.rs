//! The parsed corpus and its search index, kept between runs in
//! `$XDG_CACHE_HOME/verbatim/` (`~/.cache/verbatim/`), one file for each
//! set of folders read. Each page file is known by its path, size and
//! modification time: a start where nothing changed reads the cache
//! alone; one where some files changed parses only those.
//!
//! The file: a header (magic and [`FORMAT`]), then sections, each its
//! length, its bytes and their xxh3 checksum: what was read from where
//! (postcard), the people (MessagePack), the index (postcard), and the
//! transcripts in chunks of [`CHUNK`], each transcript on its own
//! (MessagePack, which keeps the model's optional fields; blocks and lines
//! take a compact binary shape). Chunks are decoded on every core, and a
//! search decodes only the transcripts it reads. A section is checked
//! before any of it is decoded; a file that is short, foreign, of another
//! format or whose checksum differs is not used: the corpus is parsed
//! again and the cache rewritten.
//!
//! Change [`FORMAT`] whenever a cached type changes shape.

use std::path::{Path, PathBuf};

use std::io::Write;
use std::os::unix::fs::FileExt;

use serde::{Deserialize, Serialize};

use crate::corpus::{self, Loaded, Problem, Progress};
use crate::model::{Corpus, Person, Transcript};
use crate::parse::{ParsedPage, Sighting};
use crate::search::Index;

const MAGIC: &[u8; 16] = b"verbatim-cache\0\0";
/// The cache format, with the version of the program that wrote it.
pub const FORMAT: &str = concat!("6/", env!("CARGO_PKG_VERSION"));
/// Transcripts a chunk: enough chunks to share among cores, few enough
/// that their framing costs nothing.
const CHUNK: usize = 2000;

/// A page file as the cache knows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct FileKey {
    path: PathBuf,
    size: u64,
    /// Modification time: seconds and nanoseconds since the epoch.
    modified: (i64, u32),
}

impl FileKey {
    fn of(path: &Path) -> Option<FileKey> {
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta.modified().ok()?;
        let (secs, nanos) = match modified.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => (d.as_secs() as i64, d.subsec_nanos()),
            Err(e) => (
                -(e.duration().as_secs() as i64),
                e.duration().subsec_nanos(),
            ),
        };
        Some(FileKey {
            path: path.to_path_buf(),
            size: meta.len(),
            modified: (secs, nanos),
        })
    }
}

/// What a cache says of the files it was built from.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Meta {
    format: String,
    roots: Vec<PathBuf>,
    files: Vec<FileKey>,
    /// Problems met reading the files (not walking the folders), each
    /// with the number of its file.
    problems: Vec<(u32, Problem)>,
    /// For each transcript, the file it came from and the people it names.
    transcript_files: Vec<u32>,
    sightings: Vec<Vec<Sighting>>,
}

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
    let Some(Found {
        roots,
        files,
        walk_problems,
        keys,
    }) = find(paths)
    else {
        return uncached(None);
    };
    progress.start(files.len());
    remove_abandoned(dir);
    let path = file_for(dir, &roots);
    let (stored, notice) = match read(&path, progress) {
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
        roots,
        files: keys,
        ..Meta::default()
    };
    match stored {
        Some(stored) if stored.meta.files == meta.files && stored.meta.roots == meta.roots => {
            let files = stored
                .meta
                .transcript_files
                .iter()
                .map(|f| files[*f as usize].clone())
                .collect();
            let mut problems = walk_problems;
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
            let (loaded, meta) = rebuild(paths, &files, walk_problems, meta, stored, progress);
            Opened {
                loaded,
                index: None,
                notice,
                pending: Some(Pending { path, meta }),
            }
        }
    }
}

/// The page files of `paths` as the cache keys them; `None` for paths it
/// cannot key (standard input, JSON corpora, the bundled page, a file
/// that vanished while being looked at).
struct Found {
    roots: Vec<PathBuf>,
    files: Vec<PathBuf>,
    walk_problems: Vec<Problem>,
    keys: Vec<FileKey>,
}

fn find(paths: &[PathBuf]) -> Option<Found> {
    find_under(paths, roots_of(paths)?)
}

/// The canonical forms of `paths`; `None` for standard input, nothing or
/// a path that is not there.
fn roots_of(paths: &[PathBuf]) -> Option<Vec<PathBuf>> {
    if paths.is_empty() || paths.iter().any(|p| corpus::read::is_stdin(p)) {
        return None;
    }
    paths
        .iter()
        .map(|p| std::fs::canonicalize(p).ok())
        .collect()
}

fn find_under(paths: &[PathBuf], roots: Vec<PathBuf>) -> Option<Found> {
    let (files, walk_problems) = corpus::collect_paths(paths);
    if files.iter().any(|f| corpus::is_json(f)) {
        return None;
    }
    // Tens of thousands of stats: shared among cores, then put in order.
    // Each is keyed under its canonical root, so that `archive/` and
    // `./archive` share one cache rather than take turns rewriting it.
    let stats = crate::parallel::share(&files, Vec::new, |out, at, file| {
        let key = FileKey::of(file).map(|mut key| {
            key.path = canonical_path(file, paths, &roots);
            key
        });
        out.push((at, key));
    });
    let mut stats: Vec<(usize, Option<FileKey>)> = stats.into_iter().flatten().collect();
    stats.sort_unstable_by_key(|(at, _)| *at);
    let keys = stats
        .into_iter()
        .map(|(_, key)| key)
        .collect::<Option<Vec<FileKey>>>()?;
    Some(Found {
        roots,
        files,
        walk_problems,
        keys,
    })
}

/// `file` under the canonical form of the root it was found in.
fn canonical_path(file: &Path, paths: &[PathBuf], roots: &[PathBuf]) -> PathBuf {
    paths
        .iter()
        .zip(roots)
        .find_map(|(given, root)| {
            let rest = file.strip_prefix(given).ok()?;
            Some(if rest.as_os_str().is_empty() {
                root.clone()
            } else {
                root.join(rest)
            })
        })
        .unwrap_or_else(|| file.to_path_buf())
}

/// A current cache opened for a one-off search: its index and people
/// decoded, its transcripts decoded only where a query needs them.
pub struct Current {
    file: std::fs::File,
    sections: Vec<Section>,
    people: Vec<Person>,
    transcripts: usize,
    pub index: Index,
    /// The walk's problems and those met reading the files.
    pub problems: Vec<Problem>,
}

/// The cache of `paths` if it is there and current, with nothing to
/// rebuild; `None` otherwise (a search then reads the pages itself).
pub fn open_current(paths: &[PathBuf], dir: &Path) -> Option<Current> {
    // No cache file, no walk: a search without one pays nothing for it.
    let roots = roots_of(paths)?;
    let file = std::fs::File::open(file_for(dir, &roots)).ok()?;
    let found = find_under(paths, roots)?;
    let sections = sections_of(&file).ok()?;
    let at = At {
        file: &file,
        end: u64::MAX,
    };
    let (meta, people, index) = decode_head(&at, &sections).ok()?;
    if meta.files != found.keys || meta.roots != found.roots {
        return None;
    }
    let mut problems = found.walk_problems;
    problems.extend(meta.problems.into_iter().map(|(_, p)| p));
    Some(Current {
        transcripts: meta.transcript_files.len(),
        file,
        sections,
        people,
        index,
        problems,
    })
}

impl Current {
    /// The corpus with the transcripts `wanted` (all with `None`) read
    /// from the cache and the others left empty, in their places.
    pub fn corpus(&self, wanted: Option<&[usize]>) -> Result<Corpus, String> {
        let at = At {
            file: &self.file,
            end: u64::MAX,
        };
        let is_wanted = |t: usize| wanted.is_none_or(|w| w.binary_search(&t).is_ok());
        let transcripts = decode_chunks(
            &at,
            &self.sections,
            self.transcripts,
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
    files: &[PathBuf],
    walk_problems: Vec<Problem>,
    mut meta: Meta,
    stored: Option<Stored>,
    progress: &Progress,
) -> (Loaded, Meta) {
    // What the cache holds of each file it knows: its transcript (if any)
    // with its sightings, and its problems.
    type Kept = (Option<(Transcript, Vec<Sighting>)>, Vec<Problem>);
    let mut kept: rustc_hash::FxHashMap<FileKey, Kept> = rustc_hash::FxHashMap::default();
    if let Some(stored) = stored {
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
            .zip(old.sightings)
            .map(Some)
            .collect();
        let mut by_file: Vec<Option<usize>> = vec![None; old.files.len()];
        for (t, f) in old.transcript_files.iter().enumerate() {
            if let Some(slot) = by_file.get_mut(*f as usize) {
                *slot = Some(t);
            }
        }
        for (f, key) in old.files.into_iter().enumerate() {
            let transcript = by_file[f].and_then(|t| transcripts[t].take());
            let problems = problems_of.remove(&(f as u32)).unwrap_or_default();
            kept.insert(key, (transcript, problems));
        }
    }
    let changed: Vec<usize> = (0..files.len())
        .filter(|i| !kept.contains_key(&meta.files[*i]))
        .collect();
    let changed_files: Vec<PathBuf> = changed.iter().map(|i| files[*i].clone()).collect();
    progress.advance(files.len() - changed_files.len(), 0);
    let mut parsed = corpus::parse_files(&changed_files, paths, progress).into_iter();
    let mut pages: Vec<ParsedPage> = Vec::with_capacity(files.len());
    let mut loaded = Loaded {
        problems: walk_problems,
        ..Loaded::default()
    };
    let mut changed = changed.into_iter().peekable();
    for (i, file) in files.iter().enumerate() {
        let (page, problems) = if changed.peek() == Some(&i) {
            changed.next();
            match parsed.next() {
                Some(Ok((page, warnings))) => (Some(page), warnings),
                Some(Err(problem)) => (None, vec![problem]),
                None => (None, Vec::new()),
            }
        } else {
            match kept.remove(&meta.files[i]) {
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
            meta.sightings.push(page.sightings.clone());
            loaded.files.push(file.clone());
            pages.push(page);
        }
    }
    loaded.corpus = corpus::assemble(pages);
    (loaded, meta)
}

impl Pending {
    /// Writes the cache of `corpus` and its `index`. An error says why in
    /// words for the status line (a read-only or full disk).
    pub fn write(self, corpus: &Corpus, index: &Index) -> Result<(), String> {
        crate::user_files::write_whole_with(&self.path, |out| {
            encode(out, &self.meta, corpus, index)
        })
        .map_err(|e| format!("cannot write {}: {e}", self.path.display()))
    }
}

/// The file: magic, format, then sections, each its length, its bytes and
/// their checksum, so that a reader checks just what it reads. Written a
/// section at a time, so the whole is never held in memory beside the
/// corpus.
fn encode(out: &mut dyn Write, meta: &Meta, corpus: &Corpus, index: &Index) -> std::io::Result<()> {
    let fail = |e: &dyn std::fmt::Display| std::io::Error::other(e.to_string());
    out.write_all(MAGIC)?;
    out.write_all(&(FORMAT.len() as u32).to_le_bytes())?;
    out.write_all(FORMAT.as_bytes())?;
    let mut section = |bytes: Vec<u8>| -> std::io::Result<()> {
        out.write_all(&(bytes.len() as u64).to_le_bytes())?;
        out.write_all(&bytes)?;
        out.write_all(&xxhash_rust::xxh3::xxh3_64(&bytes).to_le_bytes())
    };
    section(postcard::to_stdvec(meta).map_err(|e| fail(&e))?)?;
    section(rmp_serde::to_vec_named(&corpus.people).map_err(|e| fail(&e))?)?;
    section(postcard::to_stdvec(index).map_err(|e| fail(&e))?)?;
    // A chunk: how many transcripts, where each ends, then each encoded on
    // its own, so a search can decode just the transcripts it reads.
    for chunk in corpus.transcripts.chunks(CHUNK) {
        let mut ends = Vec::with_capacity(chunk.len());
        let mut blobs = Vec::new();
        for transcript in chunk {
            rmp_serde::encode::write_named(&mut blobs, transcript).map_err(|e| fail(&e))?;
            ends.push(blobs.len() as u32);
        }
        let mut bytes = Vec::with_capacity(4 + 4 * ends.len() + blobs.len());
        bytes.extend_from_slice(&(chunk.len() as u32).to_le_bytes());
        for end in ends {
            bytes.extend_from_slice(&end.to_le_bytes());
        }
        bytes.extend_from_slice(&blobs);
        section(bytes)?;
    }
    Ok(())
}

/// A cache file's content.
struct Stored {
    meta: Meta,
    corpus: Corpus,
    index: Index,
}

enum Trouble {
    /// No cache yet.
    Missing,
    /// Why the file cannot be used: "is cut short", "has a bad checksum".
    Unusable(String),
}

fn read(path: &Path, progress: &Progress) -> Result<Option<Stored>, Trouble> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Trouble::Missing),
        Err(e) => return Err(Trouble::Unusable(format!("cannot be read ({e})"))),
    };
    let stored = decode(&file, progress).map(Some).map_err(Trouble::Unusable);
    // A cache that cannot be used counts for nothing: parsing starts over.
    if stored.is_err() {
        progress.done.store(0, std::sync::atomic::Ordering::Relaxed);
    }
    stored
}

/// A section of a cache file: where its bytes are, and their checksum.
#[derive(Debug, Clone, Copy)]
struct Section {
    offset: u64,
    len: u64,
    hash: u64,
}

/// Reads bytes at an offset, never past the end it was given.
struct At<'a> {
    file: &'a std::fs::File,
    end: u64,
}

impl At<'_> {
    fn bytes(&self, offset: u64, len: u64) -> Result<Vec<u8>, String> {
        if offset.checked_add(len).is_none_or(|e| e > self.end) {
            return Err("is cut short".into());
        }
        let mut buffer = vec![0; usize::try_from(len).map_err(|_| "is cut short")?];
        self.file
            .read_exact_at(&mut buffer, offset)
            .map_err(|e| format!("cannot be read ({e})"))?;
        Ok(buffer)
    }

    /// A section's bytes, checked.
    fn section(&self, section: Section) -> Result<Vec<u8>, String> {
        let bytes = self.bytes(section.offset, section.len)?;
        if xxhash_rust::xxh3::xxh3_64(&bytes) != section.hash {
            return Err("has a bad checksum".into());
        }
        Ok(bytes)
    }

    fn u64(&self, offset: u64) -> Result<u64, String> {
        let bytes = self.bytes(offset, 8)?;
        Ok(u64::from_le_bytes(bytes.try_into().unwrap_or_default()))
    }
}

/// Decodes a section at a time, each checked against its checksum before
/// any of it is decoded, the transcripts' chunks on every core: the file
/// is never held whole beside the corpus.
fn decode(file: &std::fs::File, progress: &Progress) -> Result<Stored, String> {
    let sections = sections_of(file)?;
    let at = At {
        file,
        end: u64::MAX,
    };
    let (meta, people, index) = decode_head(&at, &sections)?;
    let transcripts = decode_chunks(
        &at,
        &sections,
        meta.transcript_files.len(),
        &|_| true,
        progress,
    )?;
    if meta.sightings.len() != transcripts.len()
        || meta
            .transcript_files
            .iter()
            .any(|f| *f as usize >= meta.files.len())
    {
        return Err("does not add up".into());
    }
    Ok(Stored {
        meta,
        corpus: Corpus::new(people, transcripts),
        index,
    })
}

/// Where each section of a file starts, its length and checksum, after
/// the magic and the format are checked.
fn sections_of(file: &std::fs::File) -> Result<Vec<Section>, String> {
    let len = file
        .metadata()
        .map_err(|e| format!("cannot be read ({e})"))?
        .len();
    let at = At { file, end: len };
    let head = at
        .bytes(0, (MAGIC.len() + 4) as u64)
        .map_err(|_| "is not a verbatim cache".to_string())?;
    if head[..MAGIC.len()] != MAGIC[..] {
        return Err("is not a verbatim cache".into());
    }
    let format_len = u32::from_le_bytes(head[MAGIC.len()..].try_into().unwrap_or_default());
    let format = at.bytes(head.len() as u64, u64::from(format_len.min(256)))?;
    if format != FORMAT.as_bytes() {
        return Err(format!(
            "is of another format ({}, this is {FORMAT})",
            crate::text::safe(&String::from_utf8_lossy(&format))
        ));
    }
    // Each section: its length, its bytes, their checksum, to the end.
    let mut sections = Vec::new();
    let mut offset = (head.len() + format.len()) as u64;
    while offset < len {
        let size = at.u64(offset)?;
        let hash_at = (offset + 8).checked_add(size).ok_or("is cut short")?;
        sections.push(Section {
            offset: offset + 8,
            len: size,
            hash: at.u64(hash_at)?,
        });
        offset = hash_at + 8;
    }
    if offset != len || sections.len() < 3 {
        return Err("is cut short".into());
    }
    Ok(sections)
}

/// One chunk's transcripts (numbered from `first`): those `wanted`
/// decoded, the others empty.
fn decode_chunk(
    bytes: &[u8],
    first: usize,
    size: usize,
    wanted: &(dyn Fn(usize) -> bool + Sync),
    progress: &Progress,
) -> Result<Vec<Transcript>, String> {
    let short = || "does not add up".to_string();
    let word = |i: usize| -> Result<usize, String> {
        let b = bytes.get(4 * i..4 * i + 4).ok_or_else(short)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    if word(0)? != size {
        return Err(short());
    }
    let blobs = bytes.get(4 + 4 * size..).ok_or_else(short)?;
    let mut transcripts = Vec::with_capacity(size);
    let mut start = 0;
    for i in 0..size {
        let end = word(1 + i)?;
        if wanted(first + i) {
            let blob = blobs.get(start..end).ok_or_else(short)?;
            let transcript: Transcript =
                rmp_serde::from_slice(blob).map_err(|e| bad("transcript", &e))?;
            progress.advance(1, blob.len() as u64);
            transcripts.push(transcript);
        } else {
            transcripts.push(Transcript::default());
        }
        start = end;
    }
    Ok(transcripts)
}

fn bad(what: &str, e: &dyn std::fmt::Display) -> String {
    format!("has a bad {what} ({e})")
}

/// The list of files, the people and the index.
fn decode_head(at: &At, sections: &[Section]) -> Result<(Meta, Vec<Person>, Index), String> {
    let section = |i: usize| at.section(sections[i]);
    let meta: Meta = postcard::from_bytes(&section(0)?).map_err(|e| bad("list of files", &e))?;
    let people: Vec<Person> = rmp_serde::from_slice(&section(1)?).map_err(|e| bad("people", &e))?;
    let index: Index = postcard::from_bytes(&section(2)?).map_err(|e| bad("index", &e))?;
    Ok((meta, people, index))
}

/// The `count` transcripts, each read from its chunk where `wanted` says
/// (chunks on every core); the others are left empty in their places.
fn decode_chunks(
    at: &At,
    sections: &[Section],
    count: usize,
    wanted: &(dyn Fn(usize) -> bool + Sync),
    progress: &Progress,
) -> Result<Vec<Transcript>, String> {
    let chunks: Vec<usize> = (0..sections.len() - 3).collect();
    if chunks.len() != count.div_ceil(CHUNK) {
        return Err("does not add up".into());
    }
    let decoded = crate::parallel::share(&chunks, Vec::new, |out, _, chunk| {
        let first = chunk * CHUNK;
        let size = CHUNK.min(count - first);
        let transcripts = if (first..first + size).any(wanted) {
            at.section(sections[3 + chunk])
                .and_then(|bytes| decode_chunk(&bytes, first, size, wanted, progress))
        } else {
            Ok(vec![Transcript::default(); size])
        };
        out.push((*chunk, transcripts));
    });
    let mut decoded: Vec<_> = decoded.into_iter().flatten().collect();
    decoded.sort_by_key(|(at, _)| *at);
    let mut transcripts = Vec::with_capacity(count);
    for (_, chunk) in decoded {
        transcripts.extend(chunk?);
    }
    Ok(transcripts)
}

/// What `verbatim cache info` shows of one cache file.
pub struct Info {
    pub path: PathBuf,
    pub bytes: u64,
    /// The folders it is of and how many files, or why it cannot be used.
    pub state: Result<(Vec<PathBuf>, usize), String>,
}

/// What a cache file says of the files it was built from: its first
/// section alone, checked, without decoding the corpus.
fn read_meta(path: &Path) -> Result<Meta, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot be read ({e})"))?;
    let sections = sections_of(&file)?;
    let at = At {
        file: &file,
        end: u64::MAX,
    };
    postcard::from_bytes(&at.section(sections[0])?).map_err(|e| bad("list of files", &e))
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
            let state = read_meta(&path).map(|meta| (meta.roots, meta.files.len()));
            Info { path, bytes, state }
        })
        .collect();
    infos.sort_by(|a, b| a.path.cmp(&b.path));
    infos
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `bytes` as a scratch file and decodes it.
    fn decode_bytes(name: &str, bytes: &[u8]) -> Result<Stored, String> {
        let path =
            std::env::temp_dir().join(format!("verbatim-cache-unit-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        let decoded = decode(&std::fs::File::open(&path).unwrap(), &Progress::default());
        let _ = std::fs::remove_file(&path);
        decoded
    }

    #[test]
    fn a_cache_reads_back_as_written_and_damage_is_named() {
        let corpus = crate::corpus::bundled::corpus();
        let index = Index::build(&corpus);
        let meta = Meta {
            format: FORMAT.into(),
            files: vec![FileKey {
                path: "a.txt".into(),
                size: 1,
                modified: (2, 3),
            }],
            transcript_files: vec![0],
            sightings: vec![Vec::new()],
            ..Meta::default()
        };
        let mut bytes = Vec::new();
        encode(&mut bytes, &meta, &corpus, &index).unwrap();
        let stored = decode_bytes("good", &bytes).unwrap();
        assert!(stored.corpus == corpus);
        assert_eq!(stored.meta.files, meta.files);
        assert_eq!(
            decode_bytes("short", &bytes[..bytes.len() - 1])
                .err()
                .unwrap(),
            "is cut short"
        );
        assert_eq!(
            decode_bytes("tiny", &bytes[..10]).err().unwrap(),
            "is not a verbatim cache"
        );
        let mut flipped = bytes.clone();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x40;
        assert_eq!(
            decode_bytes("flipped", &flipped).err().unwrap(),
            "has a bad checksum"
        );
        let mut other = bytes.clone();
        other[MAGIC.len() + 4] = b'0';
        assert!(
            decode_bytes("other", &other)
                .err()
                .unwrap()
                .starts_with("is of another format")
        );
    }
}
