//! `verbatim check`: the parser's report on pages, and on a labels table.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use verbatim::check;
use verbatim::corpus;
use verbatim::text::safe;

pub fn run(paths: &[PathBuf], labels: Option<PathBuf>) -> Result<ExitCode> {
    let table = labels
        .map(|path| check::read_labels(&path))
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let loaded = corpus::load_paths(paths);
    let report = check::check(&loaded, table.as_ref());
    let mut out = std::io::stdout().lock();
    for finding in &report.findings {
        writeln!(out, "{}", safe(&finding.to_string()))?;
    }
    writeln!(out, "{}", report.summary())?;
    Ok(if report.errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
