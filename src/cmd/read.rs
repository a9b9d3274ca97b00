//! `verbatim [PATH...]`: the reader.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use verbatim::app::App;

pub fn run(paths: &[PathBuf], mouse: bool) -> Result<ExitCode> {
    let loaded = super::load(paths);
    if loaded.corpus.transcripts.is_empty() {
        return Ok(super::nothing_read(&loaded.problems));
    }
    let mut app = App::new(loaded.corpus, loaded.problems);
    app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    crate::tui::run(app, mouse)?;
    Ok(ExitCode::SUCCESS)
}
