//! `verbatim [PATH...]`: the reader.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

use std::sync::Arc;
use verbatim::app::App;
use verbatim::corpus::{Problem, Progress};
use verbatim::model::Corpus;
use verbatim::search::answer::AfterBuild;

use crate::tui::{Ended, Indexing, Opened, Screen};
use verbatim::config;

use crate::outside::{Clipboard, Outside};
use verbatim::bookmarks;

/// The reader's own options; each wins over the config's entry.
pub struct Options {
    pub no_mouse: bool,
    pub no_cache: bool,
    pub citation: Option<verbatim::cite::Format>,
    pub clipboard: Option<String>,
    pub config: Option<PathBuf>,
    /// What the status line first says (which library was opened).
    pub note: Option<String>,
}

pub fn run(paths: &[PathBuf], options: &Options) -> Result<ExitCode> {
    crate::return_freed_memory_at_once();
    // A bad config stops the reader before it starts, never half-applied.
    let settings = config::load(options.config.as_deref())?;
    // The reader draws on standard output and reads keys from the
    // terminal; without one it refuses in one line rather than fill a
    // file with screen codes (fzf draws on /dev/tty instead; the reader
    // has nothing to print on exit that would make that worth it). What
    // cannot be read is reported first, as by the other commands.
    if !std::io::stdout().is_terminal() || std::fs::File::open("/dev/tty").is_err() {
        let loaded = super::load(paths);
        if loaded.corpus.transcripts.is_empty() {
            return Ok(super::nothing_read(&loaded.problems));
        }
        bail!(
            "the reader needs a terminal (standard output is {}); in a script use \
             'verbatim search QUERY PATH' or 'verbatim parse PATH'",
            if std::io::stdout().is_terminal() {
                "a terminal, but there is no controlling terminal to read keys from"
            } else {
                "not a terminal"
            }
        );
    }
    let outside = Outside {
        clipboard: Clipboard {
            command: options.clipboard.clone().or(settings.clipboard.clone()),
        },
        bookmarks: bookmarks::path(),
    };
    // Read before the reader starts, so that no bookmark it writes can
    // take the place of the file's.
    let (bookmarks, bookmarks_trouble) = match outside.bookmarks.as_deref().map(bookmarks::load) {
        Some(Ok(list)) => (list, None),
        Some(Err(trouble)) => (Vec::new(), Some(trouble)),
        None => (Vec::new(), None),
    };
    let make_app = |corpus: Arc<Corpus>, problems: Vec<Problem>| {
        let mut app = App::with_keys(corpus, problems, settings.keys.clone());
        app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        app.theme = settings.theme.clone();
        app.search_scope = settings.search_scope;
        app.citation = options.citation.unwrap_or(settings.citation);
        app.bookmarks = bookmarks.clone();
        if let Some(trouble) = &bookmarks_trouble {
            // The reader starts with none and leaves the file alone.
            app.bookmarks_kept = false;
            app.status = Some(format!(
                "{trouble}; no bookmarks this time, the file is left as it is"
            ));
        }
        app
    };
    // The first frame is drawn at once; the corpus loads under a gauge,
    // and on a large one the newest pages can be read while the rest load.
    let screen = Screen::enter(settings.mouse && !options.no_mouse)?;
    let (owned, no_cache, note) = (paths.to_vec(), options.no_cache, options.note.clone());
    let ended = screen.run(
        move |progress, preview| {
            // Only pages to parse take long enough to read some first.
            let newest_first = || {
                if let Some(newest) = verbatim::corpus::newest_pages(&owned, PREVIEW) {
                    preview(newest);
                }
            };
            let mut opened = open(&owned, no_cache, progress, &newest_first);
            opened.notice = opened.notice.take().or_else(|| note.clone());
            opened
        },
        &make_app,
        &outside,
    )?;
    match ended {
        Ended::Quit => Ok(ExitCode::SUCCESS),
        Ended::NothingRead(problems) => Ok(super::nothing_read(&problems)),
    }
}

/// Pages a reader can read while a corpus of more than twice as many
/// loads: the newest by name (kremlin.ru file names start with the date).
const PREVIEW: usize = 1000;

/// The corpus, through the cache unless told not to: with its index when
/// the cache has it, or with a cache to write once the worker built it.
fn open(
    paths: &[PathBuf],
    no_cache: bool,
    progress: &Progress,
    before_parsing: &dyn Fn(),
) -> Opened {
    let dir = verbatim::cache::dir().filter(|_| !no_cache && !paths.is_empty());
    let Some(dir) = dir else {
        let indexing = Indexing {
            index: None,
            after_build: Box::new(|_, _| None),
        };
        let loaded = if paths.is_empty() {
            super::load(paths)
        } else {
            before_parsing();
            verbatim::corpus::load_paths_with(paths, progress)
        };
        return Opened {
            loaded,
            indexing,
            notice: None,
        };
    };
    let opened = verbatim::cache::open_with(paths, &dir, progress, before_parsing);
    let mut notice = opened.notice;
    // The cache is written up to its index now, the rest once the worker
    // has built the index.
    let writing = opened
        .pending
        .map(|pending| pending.begin(&opened.loaded.corpus.people))
        .transpose()
        .unwrap_or_else(|why| {
            notice = Some(format!("running without a cache: {why}"));
            None
        });
    let after_build: AfterBuild = match writing {
        Some(writing) => Box::new(move |corpus, index| {
            writing
                .finish(corpus, index)
                .err()
                .map(|why| format!("running without a cache: {why}"))
        }),
        None => Box::new(|_, _| None),
    };
    let indexing = Indexing {
        index: opened.index,
        after_build,
    };
    Opened {
        loaded: opened.loaded,
        indexing,
        notice,
    }
}
