//! `verbatim parse`: pages to one JSON corpus.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use verbatim::corpus::{self, json};

pub fn run(paths: &[PathBuf], output: Option<PathBuf>) -> Result<ExitCode> {
    let loaded = corpus::load_paths(paths);
    if loaded.corpus.transcripts.is_empty() {
        return Ok(super::nothing_read(&loaded.problems));
    }
    super::report_problems(&loaded.problems);
    // A corpus file carries each page's address, for readers of the JSON.
    let mut corpus = loaded.corpus;
    for t in &mut corpus.transcripts {
        t.url = t.url().map(|u| u.into_owned());
    }
    let text = json::to_json(&corpus).context("cannot write the corpus as JSON")?;
    let text = verbatim::text::escape_json_controls(&text);
    // A corpus file over the size verbatim reads would be refused when
    // opened: a file is not written so; standard output is, with a word,
    // for tools such as jq that read any size.
    let size = text.len() as u64 + 1;
    let too_large = format!(
        "the corpus is {size} bytes, over the {} that verbatim reads in one file; \
         parse the pages in parts (a folder a year, say) into several files",
        verbatim::corpus::read::MAX_FILE_BYTES
    );
    match output {
        Some(path) if size > verbatim::corpus::read::MAX_FILE_BYTES => {
            anyhow::bail!("{}: not written: {too_large}", path.display())
        }
        // Written whole or not at all: an interrupted run leaves the old file.
        Some(path) => verbatim::user_files::write_whole(&path, (text + "\n").as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            if size > verbatim::corpus::read::MAX_FILE_BYTES {
                eprintln!("warning: {too_large}");
            }
            let mut out = std::io::stdout().lock();
            writeln!(out, "{text}").context("cannot write to standard output")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
