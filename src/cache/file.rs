//! The cache file: a header (magic and [`FORMAT`]), then sections, each
//! its length, its bytes and their xxh3 checksum: what was read from where
//! (postcard), the files' keys and sightings (postcard, decoded only for
//! a partial rebuild), the people (MessagePack), the index (postcard), and
//! the transcripts in chunks of [`CHUNK`], each transcript on its own
//! (MessagePack, which keeps the model's optional fields; a transcript's
//! text is written whole and its lines as spans of it). Chunks are decoded
//! on every core, into their places, and a search decodes only the
//! transcripts it reads. A section is checked before any of it is
//! decoded; a file that is short, foreign, of another format or whose
//! checksum differs is not used: the corpus is parsed again and the cache
//! rewritten.
//!
//! Change [`FORMAT`] whenever a cached type changes shape.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::corpus::{Problem, Progress};
use crate::model::{Corpus, Person, StoredTranscript, Transcript};
use crate::parse::Sighting;
use crate::search::{Index, StoredIndex};

const MAGIC: &[u8; 16] = b"verbatim-cache\0\0";
/// The cache format, with the version of the program that wrote it.
pub const FORMAT: &str = concat!("18/", env!("CARGO_PKG_VERSION"));
/// Transcripts a chunk: enough chunks to share among cores, few enough
/// that their framing costs nothing, and small, as a chunk's mapped pages
/// are held while it is decoded (2,000 a chunk cost 13 MB of peak).
const CHUNK: usize = 500;
/// The sections, in their order in the file; the chunks follow the index.
const META: usize = 0;
const LISTING: usize = 1;
const PEOPLE: usize = 2;
const INDEX: usize = 3;
/// The index's postings, as they are in memory: the index reads them
/// from the mapped file, where they lie.
const POSTINGS: usize = 4;
/// The postings whose paragraph uses the word more than once, with
/// their uses: what `trend` counts from.
const USES: usize = 5;
const CHUNKS: usize = 6;

/// A page file as the cache knows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(super) struct FileKey {
    pub(super) path: PathBuf,
    pub(super) size: u64,
    /// Modification time: seconds and nanoseconds since the epoch.
    pub(super) modified: (i64, u32),
}

/// What a cache says of the files it was built from, read first: enough
/// to tell whether it is current without decoding a key a file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Meta {
    pub(super) format: String,
    pub(super) roots: Vec<PathBuf>,
    /// How many files, and the [`digest`] of their keys in order.
    pub(super) file_count: usize,
    pub(super) files_digest: u64,
    /// Problems met reading the files (not walking the folders), each
    /// with the number of its file.
    pub(super) problems: Vec<(u32, Problem)>,
    /// For each transcript, the file it came from.
    pub(super) transcript_files: Vec<u32>,
}

/// The files' keys and the people each transcript names: what a partial
/// rebuild needs, and only it, so a current cache never decodes them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Listing {
    pub(super) keys: Vec<FileKey>,
    pub(super) sightings: Vec<Vec<Sighting>>,
}

/// A [`Listing`] as the cache file holds it: a third of its size in
/// memory, where it waits while the index is built on a first start.
pub(super) struct EncodedListing(Vec<u8>);

impl Listing {
    /// Fails on a path that is not UTF-8, which the cache cannot hold.
    pub(super) fn encoded(&self) -> Result<EncodedListing, String> {
        postcard::to_allocvec(self)
            .map(EncodedListing)
            .map_err(|e| e.to_string())
    }
}

impl Meta {
    /// Whether this cache was built from the files `now` describes.
    pub(super) fn is_of(&self, now: &Meta) -> bool {
        self.roots == now.roots
            && self.file_count == now.file_count
            && self.files_digest == now.files_digest
    }
}

/// The file: magic, format, then sections, each its length, its bytes and
/// their checksum, so that a reader checks just what it reads. Written a
/// section at a time, so the whole is never held in memory beside the
/// corpus, and in two steps: this one, up to the index, which a first
/// start writes before the index is built (so that the listing is not
/// held while it is), and [`encode_rest`].
pub(super) fn encode_head(
    out: &mut dyn Write,
    meta: &Meta,
    listing: &EncodedListing,
    people: &[Person],
) -> std::io::Result<()> {
    out.write_all(MAGIC)?;
    out.write_all(&(FORMAT.len() as u32).to_le_bytes())?;
    out.write_all(FORMAT.as_bytes())?;
    streamed(out, &|w| {
        postcard::to_io(meta, w).map(drop).map_err(|e| fail(&e))
    })?;
    section(out, &listing.0)?;
    streamed(out, &|w| {
        rmp_serde::encode::write_named(w, people).map_err(|e| fail(&e))
    })
}

fn fail(e: &dyn std::fmt::Display) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

/// A section of `bytes` at hand.
fn section(out: &mut dyn Write, bytes: &[u8]) -> std::io::Result<()> {
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(bytes)?;
    out.write_all(&xxhash_rust::xxh3::xxh3_64(bytes).to_le_bytes())
}

/// A section written as it is encoded, the encoding run twice (first to
/// learn its length and checksum): the index alone would be megabytes held
/// beside the corpus on a first start.
fn streamed(
    out: &mut dyn Write,
    encode: &dyn Fn(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut tally = Tally::default();
    encode(&mut tally)?;
    out.write_all(&tally.len.to_le_bytes())?;
    encode(out)?;
    out.write_all(&tally.hasher.digest().to_le_bytes())
}

/// The file from its index on: the index, its postings and the chunks.
pub(super) fn encode_rest(
    out: &mut dyn Write,
    corpus: &Corpus,
    index: &Index,
) -> std::io::Result<()> {
    streamed(out, &|w| {
        postcard::to_io(index, w).map(drop).map_err(|e| fail(&e))
    })?;
    let (postings, uses) = index.postings_bytes();
    section(out, postings)?;
    section(out, uses)?;
    // A chunk: how many transcripts, where each ends, then each encoded on
    // its own, so a search can decode just the transcripts it reads. Each
    // is encoded twice, first only to be counted: a chunk held whole
    // before it is written would be megabytes beside the corpus.
    let mut head = Vec::new();
    for chunk in corpus.transcripts.chunks(CHUNK) {
        head.clear();
        head.extend_from_slice(&(chunk.len() as u32).to_le_bytes());
        let mut counted = Tally::default();
        for transcript in chunk {
            rmp_serde::encode::write_named(&mut counted, transcript).map_err(|e| fail(&e))?;
            head.extend_from_slice(&(counted.len as u32).to_le_bytes());
        }
        let len = head.len() as u64 + counted.len;
        out.write_all(&len.to_le_bytes())?;
        let mut written = Tally {
            out: Some(&mut *out),
            ..Tally::default()
        };
        written.write_all(&head)?;
        for transcript in chunk {
            rmp_serde::encode::write_named(&mut written, transcript).map_err(|e| fail(&e))?;
        }
        if written.len != len {
            return Err(fail(&"a transcript encoded twice came out different"));
        }
        let digest = written.hasher.digest();
        out.write_all(&digest.to_le_bytes())?;
    }
    Ok(())
}

/// Counts and hashes what is written to it, and passes it on to `out`
/// when there is one.
#[derive(Default)]
struct Tally<'a> {
    len: u64,
    hasher: xxhash_rust::xxh3::Xxh3Default,
    out: Option<&'a mut dyn Write>,
}

impl Write for Tally<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Some(out) = &mut self.out {
            out.write_all(bytes)?;
        }
        self.len += bytes.len() as u64;
        self.hasher.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A cache file's content: all but its listing, read only when needed.
pub(super) struct Stored {
    pub(super) meta: Meta,
    pub(super) corpus: Corpus,
    pub(super) index: Index,
    file: CacheFile,
}

impl Stored {
    pub(super) fn listing(&self) -> Result<Listing, String> {
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

pub(super) enum Trouble {
    /// No cache yet.
    Missing,
    /// Why the file cannot be used: "is cut short", "has a bad checksum".
    Unusable(String),
}

pub(super) fn read(path: &Path, progress: &Progress) -> Result<Option<Stored>, Trouble> {
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
        crate::platform::read_exact_at(self.file, &mut buffer, offset)
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
    let total = meta.transcript_files.len();
    let transcripts = decode_chunks(&file, (total, total), &|_| true, progress)?;
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
pub(super) struct CacheFile {
    file: std::fs::File,
    sections: Vec<Section>,
}

impl CacheFile {
    pub(super) fn open(file: std::fs::File) -> Result<CacheFile, String> {
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
    // A chunk's transcripts share one string for their text, as a parsed
    // corpus's do, read straight from the mapped bytes into it.
    let mut texts = Vec::with_capacity(slots.len());
    for (i, slot) in slots.iter_mut().enumerate() {
        let end = word(1 + i)?;
        if wanted(first + i) {
            let blob = blobs.get(start..end).ok_or_else(short)?;
            let stored: StoredTranscript =
                rmp_serde::from_slice(blob).map_err(|e| bad("transcript", &e))?;
            let (transcript, text) = stored.into_parts();
            *slot = transcript;
            texts.push(text);
            progress.advance(1, blob.len() as u64);
        }
        start = end;
    }
    let read = (slots.iter_mut().enumerate())
        .filter(|(i, _)| wanted(first + i))
        .map(|(_, slot)| slot);
    Transcript::share_texts(read.zip(texts));
    Ok(())
}

fn bad(what: &str, e: &dyn std::fmt::Display) -> String {
    format!("has a bad {what} ({e})")
}

/// The list of files, the people and the index.
pub(super) fn decode_head(file: &CacheFile) -> Result<(Meta, Vec<Person>, Index), String> {
    let section = |i: usize| file.section(i);
    let meta: Meta = postcard::from_bytes(&section(META)?).map_err(|e| bad("list of files", &e))?;

    let people: Vec<Person> =
        rmp_serde::from_slice(&section(PEOPLE)?).map_err(|e| bad("people", &e))?;

    let stored: StoredIndex =
        postcard::from_bytes(&section(INDEX)?).map_err(|e| bad("index", &e))?;
    // Kept mapped for as long as the index lasts. A corpus without a
    // word has none, and nothing is mapped of nothing.
    let mapped = |i: usize| -> Result<crate::search::SharedBytes, String> {
        Ok(match file.sections.get(i) {
            Some(empty) if empty.len == 0 => std::sync::Arc::new(Vec::<u8>::new()),
            _ => std::sync::Arc::new(section(i)?),
        })
    };
    let index = stored
        .with_postings(mapped(POSTINGS)?, mapped(USES)?)
        .ok_or("has an index that does not add up")?;
    Ok((meta, people, index))
}

/// Of the `total` transcripts a file holds, the first `count` (and the
/// rest of the chunk the last is in), each read from its chunk where
/// `wanted` says (chunks on every core); the others are left empty in
/// their places.
pub(super) fn decode_chunks(
    file: &CacheFile,
    (total, count): (usize, usize),
    wanted: &(dyn Fn(usize) -> bool + Sync),
    progress: &Progress,
) -> Result<Vec<Transcript>, String> {
    if file.sections.len() - CHUNKS != total.div_ceil(CHUNK) {
        return Err("does not add up".into());
    }
    let count = count.div_ceil(CHUNK).saturating_mul(CHUNK).min(total);
    let mut transcripts = vec![Transcript::default(); count];
    // Each chunk is decoded into its place in the one list: chunks of
    // their own, gathered after, would hold every transcript twice.
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

/// What a cache file says of the files it was built from: its first
/// section alone, checked, without decoding the corpus.
pub(super) fn read_meta(path: &Path) -> Result<Meta, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot be read ({e})"))?;
    let file = CacheFile::open(file)?;
    postcard::from_bytes(&file.section(META)?).map_err(|e| bad("list of files", &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(
        out: &mut dyn Write,
        meta: &Meta,
        listing: &EncodedListing,
        corpus: &Corpus,
        index: &Index,
    ) -> std::io::Result<()> {
        encode_head(out, meta, listing, &corpus.people)?;
        encode_rest(out, corpus, index)
    }

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
    fn a_corpus_without_a_word_reads_back() {
        // Its postings are an empty section, which cannot be mapped.
        let corpus = Corpus::default();
        let index = Index::build(&corpus);
        assert!(index.postings_bytes().0.is_empty() && index.postings_bytes().1.is_empty());
        let meta = Meta {
            format: FORMAT.into(),
            ..Meta::default()
        };
        let mut bytes = Vec::new();
        encode(
            &mut bytes,
            &meta,
            &Listing::default().encoded().unwrap(),
            &corpus,
            &index,
        )
        .unwrap();
        let stored = decode_bytes("empty", &bytes).unwrap();
        assert!(stored.corpus == corpus);
        assert_eq!(stored.index.vocabulary_len(), 0);
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
        encode(
            &mut bytes,
            &meta,
            &listing.encoded().unwrap(),
            &corpus,
            &index,
        )
        .unwrap();
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
