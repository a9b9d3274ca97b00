//! The command line: its arguments, and which subcommand runs.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use crate::cmd;
use verbatim::search::typo::within_one_edit;
use verbatim::text::safe;

#[derive(Debug, Parser)]
#[command(
    name = "verbatim",
    version,
    about = "A terminal reader for political transcripts"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Pages (.txt), corpora (.json) or folders to open; none opens the bundled transcripts.
    paths: Vec<PathBuf>,
    /// Leave the mouse to the terminal, so text can be selected and copied.
    #[arg(long)]
    no_mouse: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse pages or folders of them into one JSON corpus.
    Parse {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write the corpus here instead of to standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print the paragraphs best matching QUERY, one per line, best first.
    Search {
        /// Words (typos welcome), `'exact`, `"a phrase"`, `@speaker`.
        #[arg(value_parser = non_empty_query)]
        query: String,
        /// Pages, corpora or folders; none searches the bundled transcripts.
        paths: Vec<PathBuf>,
        /// Only turns of speakers whose name fuzzy-matches NAME.
        #[arg(long)]
        speaker: Option<String>,
        /// At most this many results.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// One JSON object per line instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Parse everything and report problems, one `file:line: message` each.
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Compare each file's turn labels with this file<TAB>turn<TAB>label table.
        #[arg(long)]
        labels: Option<PathBuf>,
    },
}

/// An empty query would match every paragraph: a mistake, not a search.
fn non_empty_query(query: &str) -> Result<String, String> {
    if query.trim().is_empty() {
        Err("the query is empty: give words to search for".into())
    } else {
        Ok(query.to_string())
    }
}

/// `verbatim serach putin`: the reader's paths take any word, so a
/// mistyped subcommand would be reported as a missing file. A first path
/// that does not exist and is a slip away from a subcommand's name is
/// taken for that mistake.
fn mistyped_subcommand(paths: &[PathBuf]) -> Option<String> {
    let first = paths.first()?;
    if first.exists() {
        return None;
    }
    let typed = first.to_str()?;
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .find(|name| within_one_edit(typed.as_bytes(), name.as_bytes()))
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    if cli.command.is_none()
        && let Some(name) = mistyped_subcommand(&cli.paths)
    {
        let typed = cli.paths[0].display().to_string();
        eprintln!(
            "verbatim: {}: no such file or folder, and no subcommand; did you mean 'verbatim {name}'?",
            safe(&typed)
        );
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Some(Command::Parse { paths, output }) => cmd::parse::run(&paths, output),
        Some(Command::Check { paths, labels }) => cmd::check::run(&paths, labels),
        Some(Command::Search {
            query,
            paths,
            speaker,
            limit,
            json,
        }) => cmd::search::run(&query, &paths, speaker.as_deref(), limit, json),
        None => cmd::read::run(&cli.paths, !cli.no_mouse),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("verbatim: {}", safe(&format!("{error:#}")));
            ExitCode::from(2)
        }
    }
}
