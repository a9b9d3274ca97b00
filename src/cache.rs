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
pub const FORMAT: &str = concat!("9/", env!("CARGO_PKG_VERSION"));
/// Transcripts a chunk: enough chunks to share among cores, few enough
/// that their framing costs nothing, and small, as a chunk's mapped pages
/// are held while it is decoded (2,000 a chunk cost 13 MB of peak).
const CHUNK: usize = 500;
/// The sections, in their order in the file; the chunks follow the index.
const META: usize = 0;
const LISTING: usize = 1;
const PEOPLE: usize = 2;
const INDEX: usize = 3;
const CHUNKS: usize = 4;

/// A page file as the cache knows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct FileKey {
    path: PathBuf,
    size: u64,
    /// Modification time: seconds and nanoseconds since the epoch.
    modified: (i64, u32),
}

/// What tells one version of a file from another: its size and its
/// modification time, as stat gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    size: u64,
    modified: (i64, u32),
}

/// What a cache says of the files it was built from, read first: enough
/// to tell whether it is current without decoding a key a file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Meta {
    format: String,
    roots: Vec<PathBuf>,
    /// How many files, and the [`digest`] of their keys in order.
    file_count: usize,
    files_digest: u64,
    /// Problems met reading the files (not walking the folders), each
    /// with the number of its file.
    problems: Vec<(u32, Problem)>,
    /// For each transcript, the file it came from.
    transcript_files: Vec<u32>,
}

/// The files' keys and the people each transcript names: what a partial
/// rebuild needs, and only it, so a current cache never decodes them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Listing {
    keys: Vec<FileKey>,
    sightings: Vec<Vec<Sighting>>,
}

impl Meta {
    /// Whether this cache was built from the files `now` describes.
    fn is_of(&self, now: &Meta) -> bool {
        self.roots == now.roots
            && self.file_count == now.file_count
            && self.files_digest == now.files_digest
    }
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
    listing: Listing,
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
        files_digest: found.digest(paths),
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
                    listing,
                }),
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
    /// Each file's stamp, in the files' order.
    stamps: Vec<Stamp>,
}

impl Found {
    /// One number for the files and their stamps, each file known by the
    /// root it was found under and its path below it: equal lists, equal
    /// digests, and not a path built for it.
    fn digest(&self, paths: &[PathBuf]) -> u64 {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for (file, stamp) in self.files.iter().zip(&self.stamps) {
            let (root, rest) = place(file, paths);
            hasher.update(&(root as u64).to_le_bytes());
            hasher.update(&(rest.len() as u64).to_le_bytes());
            hasher.update(rest);
            hasher.update(&stamp.size.to_le_bytes());
            hasher.update(&stamp.modified.0.to_le_bytes());
            hasher.update(&stamp.modified.1.to_le_bytes());
        }
        hasher.digest()
    }

    /// Each file's key, under the canonical form of its root, so that
    /// `archive/` and `./archive` share one cache rather than take turns
    /// rewriting it.
    fn keys(&self, paths: &[PathBuf]) -> Vec<FileKey> {
        self.files
            .iter()
            .zip(&self.stamps)
            .map(|(file, stamp)| FileKey {
                path: canonical_path(file, paths, &self.roots),
                size: stamp.size,
                modified: stamp.modified,
            })
            .collect()
    }
}

/// Which of `paths` a file was found under (`usize::MAX` for none), and
/// its path below it, as bytes without a leading `/` (so that `archive`
/// and `archive/` agree).
fn place<'a>(file: &'a Path, paths: &[PathBuf]) -> (usize, &'a [u8]) {
    let bytes = file.as_os_str().as_encoded_bytes();
    paths
        .iter()
        .enumerate()
        .find_map(|(i, given)| {
            let rest = bytes.strip_prefix(given.as_os_str().as_encoded_bytes())?;
            Some((i, rest.strip_prefix(b"/").unwrap_or(rest)))
        })
        .unwrap_or((usize::MAX, bytes))
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
    let stamps = stamps_of(&files)?;
    Some(Found {
        roots,
        files,
        walk_problems,
        stamps,
    })
}

/// The stamps of tens of thousands of files, shared among cores and put
/// back in order; `None` if one cannot be read. Each file is stat'ed by
/// its name in its folder, held open while the files in it last: the
/// kernel then looks up one name rather than every folder of the path.
fn stamps_of(files: &[PathBuf]) -> Option<Vec<Stamp>> {
    use rustix::fs::{AtFlags, Mode, OFlags};
    type Folder = Option<(PathBuf, rustix::fd::OwnedFd)>;
    let stamped = crate::parallel::share(
        files,
        || (Folder::None, Vec::new()),
        |(folder, out), at, file| {
            let parent = match file.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            if folder.as_ref().is_none_or(|(open, _)| open != parent) {
                let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
                *folder = rustix::fs::open(parent, flags, Mode::empty())
                    .ok()
                    .map(|fd| (parent.to_path_buf(), fd));
            }
            let stat = folder
                .as_ref()
                .zip(file.file_name())
                .and_then(|((_, fd), name)| rustix::fs::statat(fd, name, AtFlags::empty()).ok());
            let stamp = stat.map(|stat| Stamp {
                size: stat.st_size as u64,
                modified: (stat.st_mtime, stat.st_mtime_nsec as u32),
            });
            out.push((at, stamp));
        },
    );
    let mut stamped: Vec<(usize, Option<Stamp>)> =
        stamped.into_iter().flat_map(|(_, out)| out).collect();
    stamped.sort_unstable_by_key(|(at, _)| *at);
    stamped.into_iter().map(|(_, stamp)| stamp).collect()
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
    file: CacheFile,
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
    // The walk and the decoding at once, as in `open_with`.
    let (found, head) = std::thread::scope(|scope| {
        let finding = scope.spawn(|| find_under(paths, roots));
        let head = CacheFile::open(file).and_then(|file| Ok((decode_head(&file)?, file)));
        let found = finding
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (found, head)
    });
    let (found, ((meta, people, index), file)) = (found?, head.ok()?);
    let now = Meta {
        file_count: found.files.len(),
        files_digest: found.digest(paths),
        roots: found.roots,
        ..Meta::default()
    };
    if !meta.is_of(&now) {
        return None;
    }
    let mut problems = found.walk_problems;
    problems.extend(meta.problems.into_iter().map(|(_, p)| p));
    Some(Current {
        transcripts: meta.transcript_files.len(),
        file,
        people,
        index,
        problems,
    })
}

impl Current {
    /// The corpus with the transcripts `wanted` (all with `None`) read
    /// from the cache and the others left empty, in their places.
    pub fn corpus(&self, wanted: Option<&[usize]>) -> Result<Corpus, String> {
        let is_wanted = |t: usize| wanted.is_none_or(|w| w.binary_search(&t).is_ok());
        let transcripts = decode_chunks(
            &self.file,
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
    let changed_files: Vec<PathBuf> = changed.iter().map(|i| files[*i].clone()).collect();
    progress.advance(files.len() - changed_files.len(), 0);
    let mut parsed = corpus::parse_files(&changed_files, paths, progress).into_iter();
    let mut pages: Vec<ParsedPage> = Vec::with_capacity(files.len());
    let mut loaded = Loaded {
        problems: walk_problems,
        ..Loaded::default()
    };
    let mut sightings = Vec::new();
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
            sightings.push(page.sightings.clone());
            loaded.files.push(file.clone());
            pages.push(page);
        }
    }
    loaded.corpus = corpus::assemble(pages);
    (loaded, meta, Listing { keys, sightings })
}

impl Pending {
    /// Writes the cache of `corpus` and its `index`. An error says why in
    /// words for the status line (a read-only or full disk).
    pub fn write(self, corpus: &Corpus, index: &Index) -> Result<(), String> {
        crate::user_files::write_whole_with(&self.path, |out| {
            encode(out, &self.meta, &self.listing, corpus, index)
        })
        .map_err(|e| format!("cannot write {}: {e}", self.path.display()))
    }
}

/// The file: magic, format, then sections, each its length, its bytes and
/// their checksum, so that a reader checks just what it reads. Written a
/// section at a time, so the whole is never held in memory beside the
/// corpus.
fn encode(
    out: &mut dyn Write,
    meta: &Meta,
    listing: &Listing,
    corpus: &Corpus,
    index: &Index,
) -> std::io::Result<()> {
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
    section(postcard::to_stdvec(listing).map_err(|e| fail(&e))?)?;
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

/// A cache file's content: all but its listing, read only when needed.
struct Stored {
    meta: Meta,
    corpus: Corpus,
    index: Index,
    file: CacheFile,
}

impl Stored {
    fn listing(&self) -> Result<Listing, String> {
        let listing: Listing = postcard::from_bytes(&self.file.section(LISTING)?)
            .map_err(|e| bad("list of files", &e))?;
        if listing.keys.len() != self.meta.file_count
            || listing.sightings.len() != self.corpus.transcripts.len()
        {
            return Err("does not add up".into());
        }
        Ok(listing)
    }
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
    decode(file, progress).map(Some).map_err(Trouble::Unusable)
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

    fn u64(&self, offset: u64) -> Result<u64, String> {
        let bytes = self.bytes(offset, 8)?;
        Ok(u64::from_le_bytes(bytes.try_into().unwrap_or_default()))
    }
}

/// Decodes a section at a time, each checked against its checksum before
/// any of it is decoded, the transcripts' chunks on every core: the file
/// is never held whole beside the corpus.
fn decode(file: std::fs::File, progress: &Progress) -> Result<Stored, String> {
    let file = CacheFile::open(file)?;
    let (meta, people, index) = decode_head(&file)?;
    // The listing is decoded only for a rebuild, but checked now: a cache
    // with any damage is rebuilt whole, never trusted in part.
    file.section(LISTING)?;
    progress.start(meta.transcript_files.len());
    let transcripts = decode_chunks(&file, meta.transcript_files.len(), &|_| true, progress)?;
    if meta
        .transcript_files
        .iter()
        .any(|f| *f as usize >= meta.file_count)
    {
        return Err("does not add up".into());
    }
    Ok(Stored {
        meta,
        corpus: Corpus::new(people, transcripts),
        index,
        file,
    })
}

/// A cache file whose magic and format are checked, and where each of its
/// sections lies.
struct CacheFile {
    file: std::fs::File,
    sections: Vec<Section>,
}

impl CacheFile {
    fn open(file: std::fs::File) -> Result<CacheFile, String> {
        let sections = sections_of(&file)?;
        Ok(CacheFile { file, sections })
    }

    /// Section `i`'s bytes, checked. They are mapped rather than read: no
    /// copy, no buffer left behind in the heap, and the pages leave memory
    /// when the map is dropped, once the section is decoded.
    fn section(&self, i: usize) -> Result<memmap2::Mmap, String> {
        let section = self.sections[i];
        let len = usize::try_from(section.len).map_err(|_| "is cut short")?;
        if len == 0 {
            return Err("does not add up".into());
        }
        let mut options = memmap2::MmapOptions::new();
        options.offset(section.offset).len(len).populate();
        // SAFETY: the bytes must not change while mapped. A cache file is
        // never written in place: writers write a new file and rename it
        // over the old (`user_files::write_whole_with`), so the file opened
        // here keeps its bytes. The section lies inside the file, as
        // `sections_of` checked against its length. Only a hand that cuts
        // the file short while it is being decoded breaks this, the same
        // risk every reader of mapped files (ripgrep, git) takes.
        let bytes =
            unsafe { options.map(&self.file) }.map_err(|e| format!("cannot be read ({e})"))?;
        if xxhash_rust::xxh3::xxh3_64(&bytes) != section.hash {
            return Err("has a bad checksum".into());
        }
        Ok(bytes)
    }
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
    if offset != len || sections.len() < CHUNKS {
        return Err("is cut short".into());
    }
    Ok(sections)
}

/// One chunk's transcripts (numbered from `first`): those `wanted`
/// decoded, the others empty.
fn decode_chunk(
    bytes: &[u8],
    first: usize,
    slots: &mut [Transcript],
    wanted: &(dyn Fn(usize) -> bool + Sync),
    progress: &Progress,
) -> Result<(), String> {
    let short = || "does not add up".to_string();
    let word = |i: usize| -> Result<usize, String> {
        let b = bytes.get(4 * i..4 * i + 4).ok_or_else(short)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    if word(0)? != slots.len() {
        return Err(short());
    }
    let blobs = bytes.get(4 + 4 * slots.len()..).ok_or_else(short)?;
    let mut start = 0;
    for (i, slot) in slots.iter_mut().enumerate() {
        let end = word(1 + i)?;
        if wanted(first + i) {
            let blob = blobs.get(start..end).ok_or_else(short)?;
            *slot = rmp_serde::from_slice(blob).map_err(|e| bad("transcript", &e))?;
            progress.advance(1, blob.len() as u64);
        }
        start = end;
    }
    Ok(())
}

fn bad(what: &str, e: &dyn std::fmt::Display) -> String {
    format!("has a bad {what} ({e})")
}

/// The list of files, the people and the index.
fn decode_head(file: &CacheFile) -> Result<(Meta, Vec<Person>, Index), String> {
    let section = |i: usize| file.section(i);
    let meta: Meta = postcard::from_bytes(&section(META)?).map_err(|e| bad("list of files", &e))?;

    let people: Vec<Person> =
        rmp_serde::from_slice(&section(PEOPLE)?).map_err(|e| bad("people", &e))?;

    let index: Index = postcard::from_bytes(&section(INDEX)?).map_err(|e| bad("index", &e))?;
    Ok((meta, people, index))
}

/// The `count` transcripts, each read from its chunk where `wanted` says
/// (chunks on every core); the others are left empty in their places.
fn decode_chunks(
    file: &CacheFile,
    count: usize,
    wanted: &(dyn Fn(usize) -> bool + Sync),
    progress: &Progress,
) -> Result<Vec<Transcript>, String> {
    if file.sections.len() - CHUNKS != count.div_ceil(CHUNK) {
        return Err("does not add up".into());
    }
    // Each chunk is decoded into its place in the one list: chunks of
    // their own, gathered after, would hold every transcript twice.
    let mut transcripts = vec![Transcript::default(); count];
    let chunks: Vec<std::sync::Mutex<&mut [Transcript]>> = transcripts
        .chunks_mut(CHUNK)
        .map(std::sync::Mutex::new)
        .collect();
    let failures = crate::parallel::share(&chunks, Vec::new, |failed, chunk, slots| {
        let first = chunk * CHUNK;
        let mut slots = slots
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if (first..first + slots.len()).any(wanted)
            && let Err(why) = file
                .section(CHUNKS + chunk)
                .and_then(|bytes| decode_chunk(&bytes, first, &mut slots, wanted, progress))
        {
            failed.push(why);
        }
    });
    drop(chunks);
    match failures.into_iter().flatten().next() {
        Some(why) => Err(why),
        None => Ok(transcripts),
    }
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
    let file = CacheFile::open(file)?;
    postcard::from_bytes(&file.section(META)?).map_err(|e| bad("list of files", &e))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `bytes` as a scratch file and decodes it.
    fn decode_bytes(name: &str, bytes: &[u8]) -> Result<Stored, String> {
        let path =
            std::env::temp_dir().join(format!("verbatim-cache-unit-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        let decoded = decode(std::fs::File::open(&path).unwrap(), &Progress::default());
        let _ = std::fs::remove_file(&path);
        decoded
    }

    #[test]
    fn a_cache_reads_back_as_written_and_damage_is_named() {
        let corpus = crate::corpus::bundled::corpus();
        let index = Index::build(&corpus);
        let listing = Listing {
            keys: vec![FileKey {
                path: "a.txt".into(),
                size: 1,
                modified: (2, 3),
            }],
            sightings: vec![Vec::new()],
        };
        let meta = Meta {
            format: FORMAT.into(),
            file_count: 1,
            files_digest: 7,
            transcript_files: vec![0],
            ..Meta::default()
        };
        let mut bytes = Vec::new();
        encode(&mut bytes, &meta, &listing, &corpus, &index).unwrap();
        let stored = decode_bytes("good", &bytes).unwrap();
        assert!(stored.corpus == corpus);
        assert!(stored.meta.is_of(&meta));
        assert_eq!(stored.listing().unwrap().keys, listing.keys);
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
