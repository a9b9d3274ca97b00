//! The command line: its arguments, and which subcommand runs.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use crate::cmd;
use verbatim::text::safe;
use verbatim::typo::within_one_edit;

/// Examples, one a line: `--help` ends with them and the man pages
/// show each subcommand's own.
pub const EXAMPLES: &str =
    "  verbatim sync                              fetch new pages from en.kremlin.ru
  verbatim                                   read them (or the bundled transcript)
  verbatim ~/kremlin/                        read a folder of pages
  verbatim search 'trade turnover' ~/kremlin/ | head
  verbatim search '@peskov sanctions' ~/kremlin/ --json | jq .text
  verbatim search 'syria year:2016 topic:foreign_policy' ~/kremlin/
  verbatim search grain --since 2014 --until 2016 --with erdogan ~/kremlin/
  verbatim parse ~/kremlin/ -o corpus.json   one JSON corpus for jq or pandas
  verbatim check ~/kremlin/                  what the parser could not place
  cat page.txt | verbatim check -            a page from standard input
  verbatim export ~/kremlin/ --speaker peskov --since 2016 -o peskov.csv
  verbatim echoes ~/kremlin/ --at 2020-02-05_62734.txt:38
  verbatim trend sanctions --vs dialogue ~/kremlin/   per year, per 10,000 words
  verbatim completions bash > ~/.local/share/bash-completion/completions/verbatim
  verbatim man search | man -l -             a subcommand's man page
  verbatim config > ~/.config/verbatim/config.toml
  verbatim cache info                        what the cache holds";

/// How each command exits.
pub const EXIT_STATUS: &str = "search, export, echoes and trend: 0 when something was found, 1 \
when nothing, 2 on an error; check: 1 when a file failed; sync: 1 when stopped early \
(a 403, --max-requests); the others: 0, or 1 when nothing could be read, 2 on any \
other error.";

#[derive(Debug, Parser)]
#[command(
    name = "verbatim",
    version,
    about = "A terminal reader for political transcripts",
    after_help = format!("Examples:\n{EXAMPLES}\n\nExit status: {EXIT_STATUS}")
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Pages (.html, .txt), corpora (.json) or folders to open, `-` for
    /// standard input; none opens the library `verbatim sync` fills, or
    /// the bundled transcript while it is empty.
    paths: Vec<PathBuf>,
    /// Leave the mouse to the terminal, so text can be selected and copied
    /// (the config's `mouse = false` does the same).
    #[arg(long)]
    no_mouse: bool,
    /// Parse every file and build the index afresh, neither reading nor
    /// writing the cache in $XDG_CACHE_HOME/verbatim (VERBATIM_NO_CACHE=1
    /// does the same).
    #[arg(long)]
    no_cache: bool,
    /// How y cites a quote (the config's `citation`).
    #[arg(long, value_enum, value_name = "FORMAT")]
    citation: Option<verbatim::cite::Format>,
    /// Copy by running COMMAND with the text on its standard input
    /// (wl-copy, pbcopy, 'xclip -selection clipboard') instead of the
    /// terminal's OSC 52 (the config's `clipboard`).
    #[arg(long, value_name = "COMMAND")]
    clipboard: Option<String>,
    /// Read this config file instead of $XDG_CONFIG_HOME/verbatim/config.toml
    /// (the VERBATIM_CONFIG variable names one too).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse pages or folders of them into one JSON corpus.
    Parse {
        /// Pages (.html, .txt), corpora (.json) or folders, `-` for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write the corpus here instead of to standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print the paragraphs best matching QUERY, one per line, best first.
    Search {
        /// Words (typos welcome), `'exact`, `"a phrase"`, `@speaker`.
        #[arg(value_parser = non_empty_query)]
        query: String,
        /// Pages, corpora or folders, `-` for standard input; none searches
        /// the library `verbatim sync` fills, or the bundled transcript.
        paths: Vec<PathBuf>,
        #[command(flatten)]
        who_when: cmd::WhoWhen,
        /// Only events with a Topics or Geography tag containing TOPIC; as `topic:` in QUERY.
        #[arg(long, value_name = "TOPIC")]
        topic: Option<String>,
        /// Only events where NAME speaks or is tagged; as `with:` in QUERY.
        #[arg(long, value_name = "NAME")]
        with: Option<String>,
        /// Only what speakers say: no narration, titles, leads or captions;
        /// as `is:speech` in QUERY.
        #[arg(long)]
        speech: bool,
        /// relevance (best first), newest or oldest (by the event's date,
        /// undated events last; a day's results best first).
        #[arg(long, value_name = "ORDER", default_value = "relevance", value_parser = order())]
        sort: verbatim::search::Order,
        /// At most this many results.
        #[arg(long, default_value_t = 50, value_name = "N")]
        limit: usize,
        /// One JSON object per line instead of text.
        #[arg(long)]
        json: bool,
        /// Read the page files, not the cache in $XDG_CACHE_HOME/verbatim
        /// even when it is current (none is ever written by this command;
        /// VERBATIM_NO_CACHE=1 does the same).
        #[arg(long)]
        no_cache: bool,
    },
    /// Parse everything and report problems, one `file:line: message` each.
    Check {
        /// Pages (.html, .txt), corpora (.json) or folders, `-` for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Compare each file's turn labels with this file<TAB>turn<TAB>label table.
        #[arg(long, value_name = "FILE")]
        labels: Option<PathBuf>,
    },
    /// Write paragraphs out as CSV, JSON lines or Markdown, one record a
    /// paragraph with its event, speaker, date, URL and source line.
    Export {
        /// Pages, corpora or folders, `-` for standard input; none exports
        /// the library `verbatim sync` fills, or the bundled transcript.
        paths: Vec<PathBuf>,
        /// csv (RFC 4180, for spreadsheets and pandas), jsonl or md.
        #[arg(long, value_enum, default_value = "csv")]
        format: cmd::export::Format,
        #[command(flatten)]
        who_when: cmd::WhoWhen,
        /// Only paragraphs matching QUERY (as search reads it), best first.
        #[arg(long, value_name = "QUERY")]
        query: Option<String>,
        /// Write here instead of to standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Where else a passage was said: the paragraphs of other events that
    /// share a run of words with it, best first.
    Echoes {
        /// Pages, corpora or folders, `-` for standard input; none looks in
        /// the library `verbatim sync` fills, or the bundled transcript.
        paths: Vec<PathBuf>,
        /// The passage: the paragraph on this line of this page.
        #[arg(
            long,
            value_name = "FILE:LINE",
            conflicts_with = "text",
            required_unless_present = "text"
        )]
        at: Option<String>,
        /// The passage: this text.
        #[arg(long, value_name = "TEXT")]
        text: Option<String>,
        /// At most this many echoes.
        #[arg(long, default_value_t = 20, value_name = "N")]
        limit: usize,
        /// One JSON object per line instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Count QUERY's paragraphs by year or month, beside each period's
    /// words, so a word's rise and fall reads as a rate per 10,000 words.
    Trend {
        /// Words as `search` takes them; its paragraphs are counted.
        #[arg(value_parser = non_empty_query)]
        query: String,
        /// Pages, corpora or folders, `-` for standard input; none counts
        /// in the library `verbatim sync` fills, or the bundled transcript.
        paths: Vec<PathBuf>,
        /// Another query, counted side by side (repeatable).
        #[arg(long, value_name = "QUERY", value_parser = non_empty_query)]
        vs: Vec<String>,
        /// year or month.
        #[arg(long, value_name = "PERIOD", default_value = "year", value_parser = period())]
        by: verbatim::search::trend::By,
        #[command(flatten)]
        who_when: cmd::WhoWhen,
        /// Only what speakers say: no narration, titles, leads or captions;
        /// as `is:speech` in QUERY.
        #[arg(long)]
        speech: bool,
        /// One JSON object per query and period instead of a table.
        #[arg(long)]
        json: bool,
        /// Read the page files, not the cache in $XDG_CACHE_HOME/verbatim
        /// even when it is current (none is ever written by this command;
        /// VERBATIM_NO_CACHE=1 does the same).
        #[arg(long)]
        no_cache: bool,
    },
    /// Bring the site's new and changed event pages into a library folder,
    /// politely (robots.txt obeyed, a delay between requests, the first
    /// 403 ends the run; the next one goes on).
    Sync(cmd::sync::Args),
    /// Print a shell's completion script for verbatim.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print verbatim's man page, or a subcommand's (roff; `verbatim man |
    /// man -l -` shows it).
    Man {
        /// The subcommand whose page to print (`search`, `cache build`).
        #[arg(value_name = "SUBCOMMAND", num_args = 0.., conflicts_with = "dir")]
        command: Vec<String>,
        /// Write every page (verbatim.1, verbatim-search.1, ...) into DIR,
        /// for `man -M` or a system's man1 folder.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Print the default config file, every entry with a comment.
    Config,
    /// Show or clear the cache of parsed corpora and their index
    /// ($XDG_CACHE_HOME/verbatim, or ~/.cache/verbatim).
    Cache {
        #[command(subcommand)]
        action: cmd::cache::Action,
    },
}

/// `--at FILE:LINE` or `--text TEXT`.
fn passage(at: Option<String>, text: Option<String>) -> anyhow::Result<cmd::echoes::Passage> {
    match (at, text) {
        (Some(at), _) => {
            let (file, line) = at
                .rsplit_once(':')
                .and_then(|(file, line)| Some((file.to_string(), line.parse().ok()?)))
                .ok_or_else(|| {
                    anyhow::anyhow!("--at takes FILE:LINE, as search --json gives them, not {at:?}")
                })?;
            Ok(cmd::echoes::Passage::At { file, line })
        }
        (None, Some(text)) => Ok(cmd::echoes::Passage::Text(text)),
        (None, None) => Err(anyhow::anyhow!("give --at FILE:LINE or --text TEXT")),
    }
}

/// `--no-cache`, or `VERBATIM_NO_CACHE` set to anything but empty or 0.
fn no_cache(flag: bool) -> bool {
    flag || std::env::var_os("VERBATIM_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0")
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// An empty query would match every paragraph: a mistake, not a search.
/// `--sort`'s values, listed in `--help` and in the error for another.
fn order() -> impl clap::builder::TypedValueParser<Value = verbatim::search::Order> {
    use clap::builder::TypedValueParser;
    use verbatim::search::Order;
    clap::builder::PossibleValuesParser::new(Order::ALL.map(Order::name))
        .map(|name| Order::from_name(&name).unwrap_or_default())
}

/// `--by`'s values.
fn period() -> impl clap::builder::TypedValueParser<Value = verbatim::search::trend::By> {
    use clap::builder::TypedValueParser;
    use verbatim::search::trend::By;
    clap::builder::PossibleValuesParser::new(By::ALL.map(By::name))
        .map(|name| By::from_name(&name).unwrap_or_default())
}

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
    let config = cli.config.clone();
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
        Some(Command::Sync(args)) => cmd::sync::run(&args),
        Some(Command::Search {
            query,
            paths,
            who_when,
            topic,
            with,
            speech,
            sort,
            limit,
            json,
            no_cache: no_cache_here,
        }) => {
            let paths = cmd::or_library(paths);
            let narrow = cmd::search::Narrow {
                who_when,
                topic,
                with,
                speech,
                order: sort,
            };
            cmd::search::run(
                &query,
                &paths,
                &narrow,
                (limit, json, no_cache(cli.no_cache || no_cache_here)),
            )
        }
        Some(Command::Export {
            paths,
            format,
            who_when,
            query,
            output,
        }) => {
            let filters = cmd::export::Filters { who_when, query };
            cmd::export::run(&cmd::or_library(paths), format, &filters, output)
        }
        Some(Command::Echoes {
            paths,
            at,
            text,
            limit,
            json,
        }) => match passage(at, text) {
            Ok(passage) => cmd::echoes::run(&cmd::or_library(paths), &passage, limit, json),
            Err(error) => Err(error),
        },
        Some(Command::Trend {
            query,
            paths,
            vs,
            by,
            who_when,
            speech,
            json,
            no_cache: no_cache_here,
        }) => {
            let queries: Vec<String> = std::iter::once(query).chain(vs).collect();
            let options = cmd::trend::Options {
                narrow: cmd::search::Narrow {
                    who_when,
                    speech,
                    ..Default::default()
                },
                by,
                json,
                no_cache: no_cache(cli.no_cache || no_cache_here),
            };
            cmd::trend::run(&queries, &cmd::or_library(paths), &options)
        }
        Some(Command::Completions { shell }) => cmd::completions::run(shell),
        Some(Command::Man { command, dir }) => {
            let command = (!command.is_empty()).then(|| command.join(" "));
            cmd::man::run(command.as_deref(), dir.as_deref())
        }
        Some(Command::Config) => cmd::config::run(),
        Some(Command::Cache { action }) => cmd::cache::run(action),
        None => {
            // No PATH: the synced library, when it has pages.
            let (paths, note) = match cli.paths.is_empty().then(cmd::library_default).flatten() {
                Some((library, note)) => (vec![library], Some(note)),
                None => (cli.paths.clone(), None),
            };
            let options = cmd::read::Options {
                no_mouse: cli.no_mouse,
                no_cache: no_cache(cli.no_cache),
                citation: cli.citation,
                clipboard: cli.clipboard.clone(),
                config: config.clone(),
                note,
            };
            cmd::read::run(&paths, &options)
        }
    };
    match result {
        Ok(code) => code,
        // A reader that stopped reading (`| head`) is no error: end quietly.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("verbatim: {}", safe(&format!("{error:#}")));
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_definition_holds_together() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_argument_is_described() {
        let command = Cli::command();
        for sub in std::iter::once(&command).chain(command.get_subcommands()) {
            for arg in sub.get_arguments() {
                let id = arg.get_id().as_str();
                if matches!(id, "help" | "version") {
                    continue;
                }
                assert!(
                    arg.get_help().is_some(),
                    "{} {id} has no description",
                    sub.get_name()
                );
            }
        }
    }
}
