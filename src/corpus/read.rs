//! Reading one file's text, and finding the files under a path.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::Problem;

/// Largest page file read; a page of the site is well under 1 MB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("empty file")]
    Empty,
    #[error("binary file (NUL byte at offset {offset}), not a transcript")]
    Binary { offset: usize },
    #[error("not a regular file (a FIFO, socket or device); refusing to read it")]
    NotAFile,
    #[error("too large ({size} bytes; the limit is {MAX_FILE_BYTES})")]
    TooLarge { size: u64 },
    #[error("{0}")]
    Unreadable(#[from] crate::parse::FileError),
}

impl LoadError {
    /// A HTML file that is no event page (a list page of a mirrored
    /// site) is passed over with a warning; anything else is an error.
    pub fn into_problem(self, path: &Path) -> Problem {
        match self {
            LoadError::Unreadable(crate::parse::FileError::NotAPage(_)) => {
                Problem::warning(path.to_path_buf(), self.to_string())
            }
            LoadError::Unreadable(crate::parse::FileError::Format(e)) => Problem {
                path: path.to_path_buf(),
                line: e.line,
                message: e.message,
                is_error: true,
            },
            _ => Problem::error(path.to_path_buf(), self.to_string()),
        }
    }
}

/// Something odd about a file that still loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub line: Option<u32>,
    pub message: String,
}

impl Warning {
    pub fn into_problem(self, path: &Path) -> Problem {
        Problem {
            path: path.to_path_buf(),
            line: self.line,
            message: self.message,
            is_error: false,
        }
    }
}

/// Reads a page file as text: UTF-8 (with or without a BOM), or UTF-16
/// with a BOM; invalid UTF-8 is decoded lossily with a warning naming the
/// first bad line; CRLF and lone CR become LF.
pub fn read_text(path: &Path) -> Result<(String, Vec<Warning>), LoadError> {
    if is_stdin(path) {
        return decode(stdin_bytes()?);
    }
    let file = open_without_waiting(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(LoadError::NotAFile);
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size: metadata.len(),
        });
    }
    decode(&read_all(file, metadata.len() as usize)?)
}

/// Reads a regular file of `size` bytes. Asking for one byte more makes
/// the end show as a short read, which saves the read that returns nothing
/// (a call a file, thousands in a corpus); a file that grew meanwhile is
/// read on to the end, within the limit.
fn read_all(mut file: fs::File, size: usize) -> std::io::Result<Vec<u8>> {
    let mut bytes = vec![0; size + 1];
    let mut filled = 0;
    while filled < bytes.len() {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) if filled + n < bytes.len() => {
                filled += n;
                break;
            }
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    bytes.truncate(filled);
    if filled > size {
        file.take(MAX_FILE_BYTES + 1 - filled as u64)
            .read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// Opening a FIFO for reading would wait for a writer; without blocking it
/// opens at once, and its type is then refused.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

/// The decoding rules of [`read_text`], on bytes.
pub fn decode(bytes: &[u8]) -> Result<(String, Vec<Warning>), LoadError> {
    let mut warnings = Vec::new();
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes, &mut warnings)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes, &mut warnings)
    } else {
        let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        if let Some(offset) = memchr_nul(bytes) {
            return Err(LoadError::Binary { offset });
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(error) => {
                let line = 1 + bytes[..error.valid_up_to()]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count();
                warnings.push(Warning {
                    line: u32::try_from(line).ok(),
                    message: "invalid UTF-8; bad bytes shown as U+FFFD".into(),
                });
                String::from_utf8_lossy(bytes).into_owned()
            }
        }
    };
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok((text, warnings))
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|b| *b == 0)
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, warnings: &mut Vec<Warning>) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| unit([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    let text: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if text.contains(char::REPLACEMENT_CHARACTER) {
        warnings.push(Warning {
            line: None,
            message: "invalid UTF-16; bad units shown as U+FFFD".into(),
        });
    }
    text
}

/// Parses a file's text by its name and content (see
/// [`crate::parse::parse_file_text`]); a ParlaMint TEI file's meta table
/// beside it (`NAME-meta.tsv`) names its speakers.
pub fn parse_file(
    path: &Path,
    id: &str,
    text: &str,
) -> Result<crate::parse::ParsedPage, LoadError> {
    let extension = path.extension().and_then(|e| e.to_str());
    let meta = extension
        .filter(|e| e.eq_ignore_ascii_case("xml"))
        .and_then(|_| {
            let stem = path.file_stem()?.to_str()?;
            std::fs::read_to_string(path.with_file_name(format!("{stem}-meta.tsv"))).ok()
        });
    Ok(crate::parse::parse_file_text(
        id,
        extension,
        text,
        meta.as_deref(),
    )?)
}

/// `-`: standard input, where a path is taken.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Standard input, read once (to the file size limit) and kept: a page
/// or a corpus piped in is looked at more than once (its kind, its text).
pub fn stdin_bytes() -> Result<&'static [u8], LoadError> {
    static STDIN: std::sync::OnceLock<Result<Vec<u8>, String>> = std::sync::OnceLock::new();
    let read = STDIN.get_or_init(|| {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| e.to_string())?;
        Ok(bytes)
    });
    match read {
        Ok(bytes) if bytes.len() as u64 > MAX_FILE_BYTES => Err(LoadError::TooLarge {
            size: bytes.len() as u64,
        }),
        Ok(bytes) => Ok(bytes),
        Err(e) => Err(LoadError::Io(std::io::Error::other(e.clone()))),
    }
}

/// Adds the transcript files under `path` (itself, if a file) in name order.
pub fn collect_files(
    path: &Path,
    out: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
) -> Result<(), Problem> {
    if is_stdin(path) {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let metadata = fs::metadata(path).map_err(|e| {
        let message = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or folder".into(),
            _ => format!("cannot read: {e}"),
        };
        Problem::error(path, message)
    })?;
    if !metadata.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut visited = Vec::new();
    walk(path, out, problems, &mut visited);
    Ok(())
}

/// The endings of the files a folder's walk reads, in any case.
pub const EXTENSIONS: [&str; 7] = ["txt", "html", "htm", "json", "vtt", "srt", "xml"];

/// Whether a file name is a transcript's (one of [`EXTENSIONS`], or a
/// kremlin.ru item id alone, as a wget mirror names a page): read from the
/// name's end, as `Path::extension` would after parsing every component of
/// the path, tens of thousands of times.
fn is_transcript_name(name: &std::ffi::OsStr) -> bool {
    let name = name.as_encoded_bytes();
    let ends_with = |extension: &str| {
        let end = extension.len() + 1;
        name.len() > end
            && name[name.len() - end] == b'.'
            && name[name.len() - extension.len()..].eq_ignore_ascii_case(extension.as_bytes())
    };
    EXTENSIONS.iter().any(|e| ends_with(e))
        || (!name.is_empty() && name.iter().all(u8::is_ascii_digit))
}

fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
    visited: &mut Vec<PathBuf>,
) {
    // Symlinked folders can loop back; a canonical path seen twice is skipped.
    match fs::canonicalize(dir) {
        Ok(canonical) if visited.contains(&canonical) => {
            problems.push(Problem::warning(
                dir.to_path_buf(),
                "folder already read (symbolic link loop); skipped",
            ));
            return;
        }
        Ok(canonical) => visited.push(canonical),
        Err(e) => {
            problems.push(Problem::error(
                dir.to_path_buf(),
                format!("cannot read: {e}"),
            ));
            return;
        }
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Problem::error(
                dir.to_path_buf(),
                format!("cannot read folder: {e}"),
            ));
            return;
        }
    };
    // The entry's type comes with the listing; only links need a stat.
    let mut entries: Vec<(std::ffi::OsString, bool)> = entries
        .filter_map(Result::ok)
        .map(|e| {
            let is_dir = match e.file_type() {
                Ok(t) if t.is_symlink() => e.path().is_dir(),
                Ok(t) => t.is_dir(),
                Err(_) => false,
            };
            (e.file_name(), is_dir)
        })
        .collect();
    entries.sort();
    for (name, is_dir) in entries {
        if is_dir {
            walk(&dir.join(name), out, problems, visited);
        } else if is_transcript_name(&name) {
            out.push(dir.join(name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_transcript_name;

    #[test]
    fn transcript_names_are_told_by_their_ending_as_extension_would() {
        for name in ["a.txt", "a.TXT", "b.json", "2020-01-01_1.Json", "..txt"] {
            assert!(is_transcript_name(name.as_ref()), "{name}");
        }
        for name in ["1.html", "63033", "a.HTM"] {
            assert!(is_transcript_name(name.as_ref()), "{name}");
        }
        for name in [
            ".txt",
            "a.txt.bak",
            "a.md",
            "txt",
            "json",
            "a.jsonl",
            "feed",
            "1a",
        ] {
            assert!(!is_transcript_name(name.as_ref()), "{name}");
        }
    }
}
