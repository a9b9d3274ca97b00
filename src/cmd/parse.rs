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
    match output {
        Some(path) => std::fs::write(&path, text + "\n")
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{text}").context("cannot write to standard output")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
