//! The subcommands, one file each, and what they share: reading the
//! paths given, and reporting what could not be read.

pub mod cache;
pub mod check;
pub mod completions;
pub mod config;
pub mod echoes;
pub mod export;
pub mod man;
pub mod parse;
pub mod read;
pub mod search;
pub mod sync;
pub mod trend;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use verbatim::corpus::{self, Loaded, Problem};
use verbatim::text::safe;

/// Who spoke and when: the options `search` and `export` both narrow by.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WhoWhen {
    /// Only turns of speakers with that name or surname (near names, a
    /// typo away, only when no name is exact; stderr says so).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Only events on or after DATE (2016, 2016-03 or 2016-03-09).
    #[arg(long, value_name = "DATE", value_parser = date_option)]
    pub since: Option<String>,
    /// Only events on or before DATE (2016, 2016-03 or 2016-03-09).
    #[arg(long, value_name = "DATE", value_parser = date_option)]
    pub until: Option<String>,
}

/// `--since banana` is a mistake to say, not a filter that keeps nothing.
pub(crate) fn date_option(value: &str) -> Result<String, String> {
    if verbatim::text::is_date_prefix(value) {
        Ok(value.to_string())
    } else {
        Err("not a date: give a year (2016), a month (2016-03) or a day (2016-03-09)".into())
    }
}

impl WhoWhen {
    /// `--speaker` as the query's `@name` words.
    pub fn add_speaker(&self, query: &mut verbatim::search::Query) {
        if let Some(name) = &self.speaker {
            query
                .speakers
                .extend(verbatim::search::words::fold_words(name));
        }
    }
}

/// With no PATH: the library `verbatim sync` fills, when it holds pages,
/// and a line saying which and when it was last synced.
pub fn library_default() -> Option<(PathBuf, String)> {
    let dir = verbatim::sync::library_dir()?;
    let has_pages = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .any(|e| e.file_name().to_string_lossy().ends_with(".html"));
    if !has_pages {
        return None;
    }
    let synced = verbatim::sync::last_synced(&dir).map_or_else(
        || "never synced".to_string(),
        |when| format!("last synced {when}"),
    );
    let note = format!("library {}, {synced}", safe(&dir.display().to_string()));
    Some((dir, note))
}

/// The PATHs a subcommand was given; none: the library, when it holds
/// pages (and else none, which [`load`] reads as the bundled transcript).
/// The rule of the reader, `search`, `export` and `echoes`; `parse` and
/// `check` work on what they are shown.
pub fn or_library(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    match paths.is_empty().then(library_default).flatten() {
        Some((library, _)) => vec![library],
        None => paths,
    }
}

/// The bundled transcripts, or what the paths hold.
pub fn load(paths: &[PathBuf]) -> Loaded {
    if paths.is_empty() {
        Loaded {
            corpus: corpus::bundled::corpus(),
            ..Loaded::default()
        }
    } else {
        corpus::load_paths(paths)
    }
}

/// What the paths hold, the problems reported; when not one transcript
/// could be read, the exit status (2, as for search: an error).
pub fn load_or_exit(paths: &[PathBuf]) -> Result<Loaded, ExitCode> {
    let loaded = load(paths);
    if loaded.corpus.transcripts.is_empty() {
        nothing_read(&loaded.problems);
        return Err(ExitCode::from(2));
    }
    report_problems(&loaded.problems);
    Ok(loaded)
}

/// Each problem on standard error, one a line.
pub fn report_problems(problems: &[Problem]) {
    for problem in problems {
        let kind = if problem.is_error { "error" } else { "warning" };
        // File names and messages can carry escape sequences too.
        eprintln!("{kind}: {}", safe(&problem.to_string()));
    }
}

/// When not one transcript could be read: the problems, a line, failure.
pub fn nothing_read(problems: &[Problem]) -> ExitCode {
    report_problems(problems);
    eprintln!("verbatim: no transcript could be read");
    ExitCode::FAILURE
}

/// Bytes to standard output, flushed.
pub fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}
