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
    let mut whole = Whole::create(path)?;
    write(whole.out())?;
    whole.commit()
}

/// A file being written whole, in steps: to a file beside `path`, which
/// [`Whole::commit`] renames over it, and which is removed if it is
/// dropped before (an error, a reader quitting).
pub struct Whole {
    path: PathBuf,
    temporary: PathBuf,
    out: std::io::BufWriter<std::fs::File>,
    committed: bool,
}

impl Whole {
    pub fn create(path: &Path) -> std::io::Result<Whole> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        // Unique to this process and moment: two writers never share one.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let mut temporary = path
            .file_name()
            .map_or_else(Default::default, |n| n.to_owned());
        temporary.push(format!(".{}-{nanos}.tmp", std::process::id()));
        let temporary = path.with_file_name(temporary);
        let file = std::fs::File::create(&temporary)?;
        Ok(Whole {
            path: path.to_path_buf(),
            temporary,
            // Small writes (a field at a time) are gathered; large ones
            // (a chunk of transcripts) go straight through.
            out: std::io::BufWriter::with_capacity(1 << 16, file),
            committed: false,
        })
    }

    /// The file this one becomes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn out(&mut self) -> &mut dyn Write {
        &mut self.out
    }

    /// Makes what was written the whole of the file, on disk.
    pub fn commit(mut self) -> std::io::Result<()> {
        self.out.flush()?;
        self.out.get_ref().sync_all()?;
        std::fs::rename(&self.temporary, &self.path)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Whole {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temporary);
        }
    }
}
