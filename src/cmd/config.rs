//! `verbatim config`: the default config file, every entry commented.

use std::process::ExitCode;

use anyhow::{Context, Result};

pub fn run() -> Result<ExitCode> {
    super::write_stdout(verbatim::config::default_file().as_bytes())
        .context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}
