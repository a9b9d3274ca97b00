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
/// dropped before (an error, a reader quitting). A path that is not a
/// regular file (`/dev/null`, a FIFO, a terminal) is written as it is:
/// renamed over, it would be replaced by a file. A symbolic link is
/// followed, so the file it names is the one replaced.
pub struct Whole {
    path: PathBuf,
    /// `None` when writing straight to a device or a pipe.
    temporary: Option<PathBuf>,
    out: std::io::BufWriter<std::fs::File>,
    committed: bool,
}

impl Whole {
    pub fn create(path: &Path) -> std::io::Result<Whole> {
        match std::fs::metadata(path) {
            Ok(found) if !found.is_file() && !found.is_dir() => {
                let file = std::fs::OpenOptions::new().write(true).open(path)?;
                return Ok(Whole {
                    path: path.to_path_buf(),
                    temporary: None,
                    out: std::io::BufWriter::with_capacity(1 << 16, file),
                    committed: false,
                });
            }
            Ok(_) if path.is_symlink() => return Whole::create(&std::fs::canonicalize(path)?),
            _ => {}
        }
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
            temporary: Some(temporary),
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
        if let Some(temporary) = &self.temporary {
            self.out.get_ref().sync_all()?;
            std::fs::rename(temporary, &self.path)?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Whole {
    fn drop(&mut self) {
        if !self.committed
            && let Some(temporary) = &self.temporary
        {
            let _ = std::fs::remove_file(temporary);
        }
    }
}

// Devices and symbolic links as Unix has them.
#[cfg(all(test, unix))]
mod tests {
    use super::write_whole;

    #[test]
    fn a_device_is_written_to_not_replaced() {
        let null = std::path::Path::new("/dev/null");
        write_whole(null, b"nothing").unwrap();
        let kind = std::fs::metadata(null).unwrap().file_type();
        assert!(!kind.is_file(), "/dev/null became a regular file");
    }

    #[test]
    fn a_symbolic_link_keeps_pointing_at_the_file_it_names() {
        let dir = std::env::temp_dir().join(format!("verbatim-whole-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("corpus.json");
        let link = dir.join("latest.json");
        std::fs::write(&target, "old").unwrap();
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_whole(&link, b"new").unwrap();
        assert!(link.is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
