//! What differs by platform. Each piece has a fast path where the system
//! offers one (Linux, other Unix) and a portable twin in plain `std` for
//! the rest; the `portable` feature selects the twins on Linux too, so
//! that they are built and tested here (`.ci/run` does), where no macOS
//! or Windows machine is.

use std::fs::File;
use std::io;
use std::path::Path;

/// Fills `buffer` from `file` at `offset`, never moving a cursor that
/// other threads share.
pub fn read_exact_at(file: &File, buffer: &mut [u8], offset: u64) -> io::Result<()> {
    #[cfg(all(unix, not(feature = "portable")))]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset)
    }
    #[cfg(not(all(unix, not(feature = "portable"))))]
    {
        // One seek and read at a time: the cursor is the file's, shared.
        use std::io::{Read, Seek, SeekFrom};
        static CURSOR: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _held = CURSOR.lock().unwrap_or_else(|e| e.into_inner());
        let mut file = file;
        file.seek(SeekFrom::Start(offset))?;
        file.read_exact(buffer)
    }
}

/// A file's size and modification time (seconds and nanoseconds since
/// the epoch), as the cache stamps it. `folder` is the file's folder held
/// open by the fast path, so that the kernel looks up one name rather
/// than every folder of the path; the portable twin stats the path.
pub struct Stamper {
    #[cfg(all(target_os = "linux", not(feature = "portable")))]
    folder: Option<(std::path::PathBuf, rustix::fd::OwnedFd)>,
}

impl Stamper {
    pub fn new() -> Stamper {
        Stamper {
            #[cfg(all(target_os = "linux", not(feature = "portable")))]
            folder: None,
        }
    }

    /// `(size, (seconds, nanoseconds))`, or `None` if it cannot be read.
    pub fn stamp(&mut self, file: &Path) -> Option<(u64, (i64, u32))> {
        #[cfg(all(target_os = "linux", not(feature = "portable")))]
        {
            use rustix::fs::{AtFlags, Mode, OFlags};
            let parent = match file.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            if self.folder.as_ref().is_none_or(|(open, _)| open != parent) {
                let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
                self.folder = rustix::fs::open(parent, flags, Mode::empty())
                    .ok()
                    .map(|fd| (parent.to_path_buf(), fd));
            }
            let (_, fd) = self.folder.as_ref()?;
            let stat = rustix::fs::statat(fd, file.file_name()?, AtFlags::empty()).ok()?;
            Some((
                stat.st_size as u64,
                (stat.st_mtime, stat.st_mtime_nsec as u32),
            ))
        }
        #[cfg(not(all(target_os = "linux", not(feature = "portable"))))]
        {
            let metadata = std::fs::metadata(file).ok()?;
            let modified = metadata
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            let seconds = i64::try_from(modified.as_secs()).ok()?;
            Some((metadata.len(), (seconds, modified.subsec_nanos())))
        }
    }
}

impl Default for Stamper {
    fn default() -> Self {
        Stamper::new()
    }
}

/// Lowers the calling thread's priority (and its new threads'), so that
/// loading yields to drawing and keys; where it cannot, it does nothing.
pub fn lower_priority() {
    #[cfg(all(unix, not(feature = "portable")))]
    {
        let _ = rustix::process::setpriority_process(None, 10);
    }
}

/// The signals that end the reader cleanly: a terminal hung up too,
/// where there is such a signal.
pub fn stop_signals() -> Vec<i32> {
    #[allow(unused_mut)]
    let mut signals = vec![signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT];
    #[cfg(unix)]
    signals.push(signal_hook::consts::SIGHUP);
    signals
}

/// Stops the process as a shell's Ctrl-z would, until `fg`; `Err` where
/// the platform has no job control.
pub fn stop_for_the_shell() -> io::Result<()> {
    #[cfg(unix)]
    {
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)
    }
    #[cfg(not(unix))]
    {
        Err(io::Error::other(
            "this system has no job control to suspend to",
        ))
    }
}

/// A command line run by the system's shell: `sh -c` on Unix, `cmd /C`
/// on Windows.
pub fn shell(command: &str) -> std::process::Command {
    #[cfg(windows)]
    {
        let mut shell = std::process::Command::new("cmd");
        shell.arg("/C").arg(command);
        shell
    }
    #[cfg(not(windows))]
    {
        let mut shell = std::process::Command::new("sh");
        shell.arg("-c").arg(command);
        shell
    }
}

/// The programs that open an address in the user's browser, the system's
/// own first.
pub fn url_openers() -> &'static [&'static str] {
    if cfg!(target_os = "macos") {
        &["open"]
    } else if cfg!(windows) {
        &["explorer"]
    } else {
        &["xdg-open", "open"]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path =
            std::env::temp_dir().join(format!("verbatim-platform-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn a_stamp_is_what_std_says_of_the_file() {
        // The fast path and its twin give one stamp, so a cache written
        // by either build is valid for the other.
        let path = temp_file("stamp", b"twelve bytes");
        let metadata = std::fs::metadata(&path).unwrap();
        let modified = metadata
            .modified()
            .unwrap()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap();
        let expected = (12, (modified.as_secs() as i64, modified.subsec_nanos()));
        assert_eq!(Stamper::new().stamp(&path), Some(expected));
        assert_eq!(Stamper::new().stamp(&path.with_extension("missing")), None);
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn positioned_reads_from_many_threads_each_get_their_bytes() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(64 * 1024).collect();
        let path = temp_file("read", &bytes);
        let file = File::open(&path).unwrap();
        std::thread::scope(|scope| {
            for thread in 0..4u64 {
                let (file, bytes) = (&file, &bytes);
                scope.spawn(move || {
                    for round in 0..200u64 {
                        let offset = (thread * 7919 + round * 104_729) % 60_000;
                        let mut buffer = [0u8; 100];
                        read_exact_at(file, &mut buffer, offset).unwrap();
                        let at = offset as usize;
                        assert_eq!(&buffer[..], &bytes[at..at + 100]);
                    }
                });
            }
        });
        let mut past_the_end = [0u8; 10];
        assert!(read_exact_at(&file, &mut past_the_end, 64 * 1024 - 5).is_err());
        std::fs::remove_file(path).unwrap();
    }
}
