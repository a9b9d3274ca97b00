//! Command-line parsing and the headless subcommands.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use verbatim::app::App;
use verbatim::check;
use verbatim::corpus::{self, json};
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

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Parse { paths, output }) => parse(&paths, output),
        Some(Command::Check { paths, labels }) => run_check(&paths, labels),
        Some(Command::Search {
            query,
            paths,
            speaker,
            limit,
            json,
        }) => crate::search_cmd::run(&query, &paths, speaker.as_deref(), limit, json),
        None => read(&cli.paths, !cli.no_mouse),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("verbatim: {}", safe(&format!("{error:#}")));
            ExitCode::from(2)
        }
    }
}

/// The bundled transcripts, or what the paths hold.
pub fn load(paths: &[PathBuf]) -> (verbatim::model::Corpus, Vec<corpus::Problem>) {
    if paths.is_empty() {
        (corpus::bundled::corpus(), Vec::new())
    } else {
        let loaded = corpus::load_paths(paths);
        (loaded.corpus, loaded.problems)
    }
}

fn read(paths: &[PathBuf], mouse: bool) -> Result<ExitCode> {
    let (corpus, problems) = load(paths);
    if corpus.transcripts.is_empty() {
        report_problems(&problems);
        eprintln!("verbatim: no transcript could be read");
        return Ok(ExitCode::FAILURE);
    }
    let mut app = App::new(corpus, problems);
    app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    crate::tui::run(app, mouse)?;
    Ok(ExitCode::SUCCESS)
}

fn parse(paths: &[PathBuf], output: Option<PathBuf>) -> Result<ExitCode> {
    let loaded = corpus::load_paths(paths);
    report_problems(&loaded.problems);
    if loaded.corpus.transcripts.is_empty() {
        eprintln!("verbatim: no transcript could be read");
        return Ok(ExitCode::FAILURE);
    }
    let text = verbatim::text::escape_json_controls(&json::to_json(&loaded.corpus));
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

pub fn report_problems(problems: &[corpus::Problem]) {
    for problem in problems {
        let kind = if problem.is_error { "error" } else { "warning" };
        // File names and messages can carry escape sequences too.
        eprintln!("{kind}: {}", safe(&problem.to_string()));
    }
}

fn run_check(paths: &[PathBuf], labels: Option<PathBuf>) -> Result<ExitCode> {
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
