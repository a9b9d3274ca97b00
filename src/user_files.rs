//! Where the reader keeps its own files, as the XDG base directories say,
//! and how it writes them: whole, to a file beside, then renamed over, so
//! a run stopped halfway or another one writing at once never leaves half
//! a file.

use std::io::Write;
use std::path::{Path, PathBuf};

/// `$VAR/verbatim`, or `~/FALLBACK/verbatim` when the variable is unset
/// or empty (as the XDG spec says); `None` without a home either.
pub fn dir(var: &str, fallback: &str) -> Option<PathBuf> {
    let base = std::env::var_os(var)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(fallback)))?;
    Some(base.join("verbatim"))
}

/// Writes `bytes` as the whole of `path`, or leaves `path` as it was.
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_whole_with(path, |out| out.write_all(bytes))
}

/// [`write_whole`] of what `write` writes, buffered.
pub fn write_whole_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Unique to this process and moment: two writers never share one.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let name = path
        .file_name()
        .map_or_else(Default::default, |n| n.to_owned());
    let mut temporary = name;
    temporary.push(format!(".{}-{nanos}.tmp", std::process::id()));
    let temporary = path.with_file_name(temporary);
    let written = std::fs::File::create(&temporary)
        .and_then(|file| {
            let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
            write(&mut out)?;
            out.into_inner()
                .map_err(std::io::IntoInnerError::into_error)?
                .sync_all()
        })
        .and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}
