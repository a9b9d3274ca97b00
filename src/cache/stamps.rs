//! Which page files a cache is of, and whether they changed since: each
//! file's size and modification time (its stamp), read by tens of
//! thousands of stats, and one digest of them all.

use std::path::{Path, PathBuf};

use super::file::FileKey;
use crate::corpus::{self, Problem};

/// What tells one version of a file from another: its size and its
/// modification time, as stat gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    size: u64,
    modified: (i64, u32),
}

/// The page files of `paths` as the cache keys them; `None` for paths it
/// cannot key (standard input, JSON corpora, the bundled page, a file
/// that vanished while being looked at).
pub(super) struct Found {
    pub(super) roots: Vec<PathBuf>,
    pub(super) files: Vec<PathBuf>,
    pub(super) walk_problems: Vec<Problem>,
    /// Each file's stamp, in the files' order.
    pub(super) stamps: Vec<Stamp>,
    /// One number for the files and their stamps, each file known by the
    /// root it was found under and its path below it: equal lists, equal
    /// digests, and not a path built for it.
    pub(super) digest: u64,
}

impl Found {
    /// Each file's key, under the canonical form of its root, so that
    /// `archive/` and `./archive` share one cache rather than take turns
    /// rewriting it.
    pub(super) fn keys(&self, paths: &[PathBuf]) -> Vec<FileKey> {
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
pub(super) fn roots_of(paths: &[PathBuf]) -> Option<Vec<PathBuf>> {
    if paths.is_empty() || paths.iter().any(|p| corpus::read::is_stdin(p)) {
        return None;
    }
    paths
        .iter()
        .map(|p| std::fs::canonicalize(p).ok())
        .collect()
}

pub(super) fn find_under(paths: &[PathBuf], roots: Vec<PathBuf>) -> Option<Found> {
    let (files, walk_problems) = corpus::collect_paths(paths);
    if files.iter().any(|f| corpus::is_json(f)) {
        return None;
    }
    let (stamps, digest) = stamps_of(&files, paths)?;
    Some(Found {
        roots,
        files,
        walk_problems,
        stamps,
        digest,
    })
}

/// The stamps of tens of thousands of files, shared among cores and put
/// back in order, with their digest; `None` if one cannot be read. Each
/// thread's [`crate::platform::Stamper`] keeps the folder it is in open
/// where it can. Each file's part of the digest is hashed where it is
/// stat'ed, and the digest is of those parts in order.
fn stamps_of(files: &[PathBuf], paths: &[PathBuf]) -> Option<(Vec<Stamp>, u64)> {
    let stamped = crate::parallel::share(
        files,
        || (crate::platform::Stamper::new(), Vec::new(), Vec::new()),
        |(stamper, out, key), at, file| {
            let stamped = stamper.stamp(file).map(|(size, modified)| {
                let stamp = Stamp { size, modified };
                (stamp, stamp.hash_at(file, paths, key))
            });
            out.push((at, stamped));
        },
    );
    let mut stamped: Vec<(usize, Option<(Stamp, u64)>)> =
        stamped.into_iter().flat_map(|(_, out, _)| out).collect();
    stamped.sort_unstable_by_key(|(at, _)| *at);
    let mut stamps = Vec::with_capacity(stamped.len());
    let mut hashes = Vec::with_capacity(8 * stamped.len());
    for (_, found) in stamped {
        let (stamp, hash) = found?;
        stamps.push(stamp);
        hashes.extend_from_slice(&hash.to_le_bytes());
    }
    Some((stamps, xxhash_rust::xxh3::xxh3_64(&hashes)))
}

impl Stamp {
    /// This stamp's part of the digest, of `file` found under `paths`,
    /// hashed in `key` (kept between files for its room).
    fn hash_at(&self, file: &Path, paths: &[PathBuf], key: &mut Vec<u8>) -> u64 {
        let (root, rest) = place(file, paths);
        key.clear();
        key.extend_from_slice(&(root as u64).to_le_bytes());
        key.extend_from_slice(&(rest.len() as u64).to_le_bytes());
        key.extend_from_slice(rest);
        key.extend_from_slice(&self.size.to_le_bytes());
        key.extend_from_slice(&self.modified.0.to_le_bytes());
        key.extend_from_slice(&self.modified.1.to_le_bytes());
        xxhash_rust::xxh3::xxh3_64(key)
    }
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
