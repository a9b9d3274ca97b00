//! `verbatim completions SHELL`: a completion script from the command line's definition.

use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::CommandFactory;

use crate::cli::Cli;

pub fn run(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "verbatim", &mut out);
    super::write_stdout(&out).context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}
