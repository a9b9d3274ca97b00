//! `verbatim man`: the man page, from the command line's definition.

use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::CommandFactory;

use crate::cli::Cli;

pub fn run() -> Result<ExitCode> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .context("cannot render the man page")?;
    super::write_stdout(&out).context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}
