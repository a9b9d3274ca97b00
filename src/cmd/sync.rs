//! `verbatim sync [DIR]`: the site's new and changed event pages into a
//! library folder, with a progress line on a terminal (plain lines when
//! piped) and a summary.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Result, anyhow};
use verbatim::sync::{self, Progress, Stopped, Summary};
use verbatim::text::{count, group_digits, safe};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The library folder (default $XDG_DATA_HOME/verbatim/kremlin-en,
    /// which `verbatim` with no PATH opens).
    pub dir: Option<PathBuf>,
    /// The site to read, or a mirror or test server standing in for it.
    #[arg(long, value_name = "URL", default_value = sync::SITE)]
    pub site: String,
    /// news: every event; transcripts: transcripts only.
    #[arg(long, value_enum, default_value = "news")]
    pub section: sync::Section,
    /// Stop at items published before DATE (2016, 2016-03 or 2016-03-09).
    #[arg(long, value_name = "DATE", value_parser = super::date_option)]
    pub since: Option<String>,
    /// Pass over items published after DATE.
    #[arg(long, value_name = "DATE", value_parser = super::date_option)]
    pub until: Option<String>,
    /// At most this many requests in this run (robots.txt and feed pages
    /// count); the next run goes on where it stopped.
    #[arg(long, default_value_t = 150, value_name = "N")]
    pub max_requests: usize,
    /// Seconds between requests (a jitter of up to half more is added).
    #[arg(long, default_value_t = 3.0, value_name = "SECONDS", value_parser = delay)]
    pub delay: f64,
    /// Read the feed and list what would be fetched; fetch no page.
    #[arg(long)]
    pub dry_run: bool,
}

fn delay(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(seconds) if seconds.is_finite() && seconds >= 0.0 => Ok(seconds),
        _ => Err("not a number of seconds (3, 0.5)".into()),
    }
}

pub fn run(args: &Args) -> Result<ExitCode> {
    let dir = match &args.dir {
        Some(dir) => dir.clone(),
        None => sync::library_dir()
            .ok_or_else(|| anyhow!("no library folder: set XDG_DATA_HOME or HOME, or give DIR"))?,
    };
    let options = sync::Options {
        site: args.site.trim_end_matches('/').to_string(),
        dir: dir.clone(),
        section: args.section,
        since: args.since.clone(),
        until: args.until.clone(),
        max_requests: args.max_requests,
        delay: Duration::from_secs_f64(args.delay),
        dry_run: args.dry_run,
        seed: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
    };
    let mut http = sync::http::Http::new(&sync::user_agent());
    let mut clock = sync::SystemClock::default();
    let mut shown = Shown::new(std::io::stderr().is_terminal());
    let mut report = |progress: Progress| shown.show(&progress);
    let summary = sync::Sync::new(&options, &mut http, &mut clock, &mut report)
        .run()
        .map_err(|e| anyhow!(e))?;
    shown.done();
    print_summary(&summary, &options, &dir)?;
    Ok(match summary.stopped {
        None => ExitCode::SUCCESS,
        Some(Stopped::Error(_)) => ExitCode::from(2),
        Some(_) => ExitCode::from(1),
    })
}

/// The progress line: redrawn in place on a terminal, one line a step
/// otherwise.
struct Shown {
    terminal: bool,
    drawn: bool,
}

impl Shown {
    fn new(terminal: bool) -> Shown {
        Shown {
            terminal,
            drawn: false,
        }
    }

    fn show(&mut self, progress: &Progress) {
        let line = match progress {
            Progress::Walking(path) => format!("reading the feed: {}", safe(path)),
            Progress::Fetching { done, total, left } if self.terminal => {
                let width = 24;
                let filled = (done * width).checked_div(*total).unwrap_or(width);
                format!(
                    "[{}{}] {done}/{total} pages, about {} left",
                    "#".repeat(filled),
                    ".".repeat(width - filled),
                    minutes(*left)
                )
            }
            Progress::Fetching { done, total, .. } if done == total => return,
            Progress::Fetching { done, total, left } => {
                format!(
                    "page {} of {total}, about {} left",
                    done + 1,
                    minutes(*left)
                )
            }
            Progress::Retrying { url, why, wait } => {
                format!("{}: {why}; trying again in {}", safe(url), minutes(*wait))
            }
            Progress::Failed { id, why } => format!("item {id}: {}", safe(why)),
        };
        let mut err = std::io::stderr().lock();
        let keep = matches!(
            progress,
            Progress::Failed { .. } | Progress::Retrying { .. }
        );
        if self.terminal {
            // Clear the line and draw over it; a failure stays on screen.
            let _ = write!(err, "\r\x1b[2K{line}");
            if keep {
                let _ = writeln!(err);
            }
            self.drawn = !keep;
        } else {
            let _ = writeln!(err, "{line}");
        }
    }

    fn done(&mut self) {
        if self.terminal && self.drawn {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }
}

fn minutes(duration: Duration) -> String {
    let seconds = duration.as_secs();
    if seconds < 60 {
        format!("{seconds} s")
    } else {
        format!("{} min {:02} s", seconds / 60, seconds % 60)
    }
}

fn print_summary(summary: &Summary, options: &sync::Options, dir: &std::path::Path) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if options.dry_run {
        for entry in &summary.found {
            writeln!(out, "would fetch {}_{}.html", entry.date(), entry.id)?;
        }
        writeln!(
            out,
            "{} to fetch; {} made",
            group_digits(summary.found.len()),
            count(summary.requests, "request")
        )?;
        return Ok(());
    }
    let mut line = format!(
        "{} new, {} updated, {} failed",
        group_digits(summary.new),
        group_digits(summary.updated),
        group_digits(summary.failed.len())
    );
    if summary.left > 0 {
        line.push_str(&format!(
            "; {} left for the next run",
            group_digits(summary.left)
        ));
    }
    if let Some(next) = &summary.next_walk {
        line.push_str(&format!("; next run from {}", safe(next)));
    }
    line.push_str(&format!(
        " ({}) in {}",
        count(summary.requests, "request"),
        safe(&dir.display().to_string())
    ));
    writeln!(out, "{line}")?;
    for (id, why) in &summary.failed {
        eprintln!("verbatim: item {id}: {}", safe(why));
    }
    match &summary.stopped {
        Some(Stopped::Forbidden { url }) => eprintln!(
            "verbatim: the site refused {} (403 Forbidden) and the run stopped; what was \
             fetched is kept. The site refuses clients that ask too much, and some networks \
             (data centres) always: wait an hour or a day and run again, it goes on where it \
             stopped; or go through a proxy (HTTPS_PROXY, HTTP_PROXY); or save pages in a \
             browser and open the folder.",
            safe(url)
        ),
        Some(Stopped::MaxRequests) => eprintln!(
            "verbatim: stopped after {} (--max-requests); run again to go on",
            count(summary.requests, "request")
        ),
        Some(Stopped::Error(why)) => eprintln!("verbatim: {}", safe(why)),
        None => {}
    }
    Ok(())
}
