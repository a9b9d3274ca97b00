//! Bringing the site's new and changed event pages into a library folder,
//! politely: one request at a time, a delay between them, robots.txt
//! obeyed, and the first refusal (403) taken as the site's word to stop.
//!
//! The walk reads the Atom feed newest first, page by page, to the first
//! page with an item the library holds with the same `updated` stamp (or
//! one older than `--since`); it fetches each new or changed item's page and keeps the raw HTML as
//! `YYYY-MM-DD_<id>.html`, written whole and renamed into place. The
//! network and the clock are passed in ([`Fetch`], [`Clock`]), so that
//! tests drive a run against a local server without sleeping.

pub mod feed;
pub mod http;
pub mod robots;
pub mod state;

use std::path::{Path, PathBuf};
use std::time::Duration;

use feed::Entry;
use robots::Robots;
use state::State;

/// What a library of synced pages is called inside the data folder.
pub const LIBRARY: &str = "kremlin-en";

/// The English site.
pub const SITE: &str = "http://en.kremlin.ru";

/// Largest page or feed body read; the longest event pages (a Direct
/// Line) are about a megabyte.
pub const MAX_BODY: u64 = 8 * 1024 * 1024;

/// `$XDG_DATA_HOME/verbatim/kremlin-en`.
pub fn library_dir() -> Option<PathBuf> {
    Some(crate::user_files::dir("XDG_DATA_HOME", ".local/share")?.join(LIBRARY))
}

/// The User-Agent every request sends: who we are and where we come
/// from (the crate's repository, once it has one), never a browser.
pub fn user_agent() -> String {
    let repository = env!("CARGO_PKG_REPOSITORY");
    let from = if repository.is_empty() {
        String::new()
    } else {
        format!("; +{repository}")
    };
    format!(
        "verbatim/{} (a terminal reader of kremlin.ru transcripts{from})",
        env!("CARGO_PKG_VERSION")
    )
}

/// An answer from the site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    /// `Retry-After`, in seconds.
    pub retry_after: Option<u64>,
    /// `Location`, for a redirect.
    pub location: Option<String>,
}

/// One GET at a time. An `Err` is a failure below HTTP (no connection, a
/// timeout, a body cut short or over [`MAX_BODY`]).
pub trait Fetch {
    fn get(&mut self, url: &str) -> Result<Reply, String>;
}

/// Time as the run sees it; tests pass one that only counts.
pub trait Clock {
    /// Time since some fixed moment.
    fn now(&self) -> Duration;
    fn sleep(&mut self, duration: Duration);
}

/// The real clock.
#[derive(Debug)]
pub struct SystemClock(std::time::Instant);

impl Default for SystemClock {
    fn default() -> Self {
        SystemClock(std::time::Instant::now())
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.0.elapsed()
    }
    fn sleep(&mut self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

/// Which feed the walk reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Section {
    /// Every event (news, transcripts, announcements...).
    #[default]
    News,
    /// Transcripts only.
    Transcripts,
}

impl Section {
    fn feed(self) -> &'static str {
        match self {
            Section::News => "/events/president/news/feed",
            Section::Transcripts => "/events/president/transcripts/feed",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    /// `http://en.kremlin.ru`, or a mirror or test server standing in.
    pub site: String,
    pub dir: PathBuf,
    pub section: Section,
    /// `YYYY-MM-DD`: the walk stops at items published before.
    pub since: Option<String>,
    /// `YYYY-MM-DD`: items published after are passed over.
    pub until: Option<String>,
    pub max_requests: usize,
    pub delay: Duration,
    pub dry_run: bool,
    /// Seeds the jitter of the delay (tests fix it).
    pub seed: u64,
}

/// How a run went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub new: usize,
    pub updated: usize,
    pub failed: Vec<(u64, String)>,
    pub requests: usize,
    /// Items found new or changed (what a dry run would fetch).
    pub found: Vec<Entry>,
    /// Items left for the next run.
    pub left: usize,
    /// The feed page the next run goes on from, when the walk was cut.
    pub next_walk: Option<String>,
    pub stopped: Option<Stopped>,
}

/// Why a run stopped before its work was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopped {
    /// The site answered 403: it refuses us for now.
    Forbidden { url: String },
    /// `--max-requests` reached.
    MaxRequests,
    /// The feed could not be read, or the library written.
    Error(String),
}

/// What the run is doing, for a progress display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Reading a feed page (its path).
    Walking(String),
    /// `done` of `total` pages fetched; the time left at the delay.
    Fetching {
        done: usize,
        total: usize,
        left: Duration,
    },
    /// Waiting `wait` after a refusal to retry (status or error).
    Retrying {
        url: String,
        why: String,
        wait: Duration,
    },
    /// A page that could not be fetched or kept.
    Failed { id: u64, why: String },
}

/// One run of `verbatim sync`.
pub struct Sync<'a> {
    options: &'a Options,
    fetch: &'a mut dyn Fetch,
    clock: &'a mut dyn Clock,
    progress: &'a mut dyn FnMut(Progress),
    robots: Robots,
    last_request: Option<Duration>,
    jitter: u64,
    summary: Summary,
}

/// Why one request came to nothing.
enum Failure {
    Stop(Stopped),
    Page(String),
}

const RETRIES: u32 = 3;

impl<'a> Sync<'a> {
    pub fn new(
        options: &'a Options,
        fetch: &'a mut dyn Fetch,
        clock: &'a mut dyn Clock,
        progress: &'a mut dyn FnMut(Progress),
    ) -> Sync<'a> {
        Sync {
            options,
            fetch,
            clock,
            progress,
            robots: Robots::default(),
            last_request: None,
            jitter: options.seed | 1,
            summary: Summary::default(),
        }
    }

    /// Runs to the end, or to the first reason to stop; the library's
    /// state is saved either way.
    pub fn run(mut self) -> Result<Summary, String> {
        let dir = &self.options.dir;
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
        remove_leftovers(dir);
        let mut state = State::load(dir)?;
        state.site = self.options.site.clone();
        let outcome = self.walk_and_fetch(&mut state);
        if let Err(stop) = outcome {
            self.summary.stopped = Some(stop);
        }
        self.summary.left = state.pending.len();
        self.summary.next_walk = state.walks.first().cloned();
        if !self.options.dry_run {
            state.last_sync = Some(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs()),
            );
            state
                .save(dir)
                .map_err(|e| format!("{}: cannot save: {e}", State::path(dir).display()))?;
        }
        Ok(self.summary)
    }

    fn walk_and_fetch(&mut self, state: &mut State) -> Result<(), Stopped> {
        self.robots = match self.request("/robots.txt") {
            Ok(reply) if reply.status == 200 => {
                Robots::parse(&String::from_utf8_lossy(&reply.body), "verbatim")
            }
            Ok(_) => Robots::default(),
            Err(Failure::Stop(stop)) => return Err(stop),
            Err(Failure::Page(why)) => return Err(Stopped::Error(format!("robots.txt: {why}"))),
        };
        // The items a stopped run found and did not fetch, then the new
        // ones at the top of the feed, then the walks stopped runs left.
        let pending: Vec<Entry> = state.pending.iter().map(Entry::from).collect();
        self.fetch_all(state, &pending)?;
        let mut walks = std::mem::take(&mut state.walks);
        walks.insert(0, self.options.section.feed().to_string());
        while !walks.is_empty() {
            let start = walks.remove(0);
            let outcome = self.walk(state, start);
            if let Err(stop) = outcome {
                state.walks.extend(walks);
                return Err(stop);
            }
        }
        Ok(())
    }

    /// Reads the feed from `path` on, fetching each page's new and changed
    /// items before the next page, until an item held unchanged (or
    /// `--since`, or the feed's end). A walk stopped halfway is left in
    /// the state, to go on from.
    fn walk(&mut self, state: &mut State, path: String) -> Result<(), Stopped> {
        let mut next = Some(path);
        while let Some(path) = next.take() {
            (self.progress)(Progress::Walking(path.clone()));
            let reply = match self.request(&path) {
                Ok(reply) => reply,
                Err(failure) => {
                    state.walks.insert(0, path.clone());
                    return Err(match failure {
                        Failure::Stop(stop) => stop,
                        Failure::Page(why) => Stopped::Error(format!("the feed ({path}): {why}")),
                    });
                }
            };
            let page = feed::parse(&String::from_utf8_lossy(&reply.body)).map_err(|why| {
                state.walks.insert(0, path.clone());
                Stopped::Error(format!("the feed ({path}): {why}"))
            })?;
            // A page that holds an item the library has unchanged is the
            // last one read; its other items are read whole, so that an
            // edit to one of them is seen.
            let mut found = Vec::new();
            let mut reached = false;
            for entry in page.entries {
                if self
                    .options
                    .since
                    .as_deref()
                    .is_some_and(|since| entry.date() < since)
                {
                    reached = true;
                    continue;
                }
                // `--until 2016` keeps all of 2016: compare as long a prefix.
                if self.options.until.as_deref().is_some_and(|until| {
                    entry.date().get(..until.len()).unwrap_or(entry.date()) > until
                }) {
                    continue;
                }
                match state.held.get(&entry.id) {
                    Some(held) if held.updated == entry.updated => reached = true,
                    _ if self.summary.found.iter().any(|e| e.id == entry.id) => {}
                    _ => found.push(entry),
                }
            }
            self.summary.found.extend(found.iter().cloned());
            if self.options.dry_run {
                next = if reached { None } else { page.next };
                continue;
            }
            hold_over(state, &found);
            let goes_on = page.next.as_deref().filter(|_| !reached);
            state.note_walk(&self.options.dir, goes_on).map_err(|e| {
                Stopped::Error(format!("{}: cannot write: {e}", self.options.dir.display()))
            })?;
            if let Err(stop) = self.fetch_all(state, &found) {
                if !reached && let Some(next) = page.next {
                    state.walks.insert(0, next);
                }
                return Err(stop);
            }
            next = if reached { None } else { page.next };
        }
        Ok(())
    }

    /// Fetches and keeps each item's page; a page that fails is reported
    /// and passed over, a reason to stop ends the run.
    fn fetch_all(&mut self, state: &mut State, entries: &[Entry]) -> Result<(), Stopped> {
        if self.options.dry_run {
            return Ok(());
        }
        for entry in entries {
            let done = self.summary.new + self.summary.updated + self.summary.failed.len();
            let waiting = state.pending.len().max(1);
            // No more than the requests left allow.
            let left = waiting.min(
                self.options
                    .max_requests
                    .saturating_sub(self.summary.requests),
            );
            (self.progress)(Progress::Fetching {
                done,
                total: done + waiting,
                left: self.options.delay * left as u32,
            });
            let path = format!("/events/president/news/{}", entry.id);
            match self.request(&path) {
                Ok(reply) => {
                    if let Err(why) = self.keep(state, entry, &reply.body) {
                        self.fail(entry.id, why);
                    }
                }
                Err(Failure::Page(why)) => self.fail(entry.id, why),
                Err(Failure::Stop(stop)) => return Err(stop),
            }
        }
        Ok(())
    }

    /// A page that could not be had: said, and left pending for the next
    /// run to try again.
    fn fail(&mut self, id: u64, why: String) {
        (self.progress)(Progress::Failed {
            id,
            why: why.clone(),
        });
        self.summary.failed.push((id, why));
    }

    /// Writes a page's HTML as the site sent it, once it reads as an event.
    fn keep(&mut self, state: &mut State, entry: &Entry, body: &[u8]) -> Result<(), String> {
        let text = std::str::from_utf8(body).map_err(|_| "the page is not UTF-8".to_string())?;
        crate::parse::html::render(text).map_err(|e| e.to_string())?;
        let file = format!("{}_{}.html", entry.date(), entry.id);
        let dir = &self.options.dir;
        crate::user_files::write_whole(&dir.join(&file), body)
            .map_err(|e| format!("{file}: cannot write: {e}"))?;
        let before = state.held.get(&entry.id).cloned();
        if let Some(old) = &before
            && old.file != file
        {
            let _ = std::fs::remove_file(dir.join(&old.file));
        }
        state
            .hold(dir, entry.id, &entry.updated, &file)
            .map_err(|e| format!("{}: cannot write: {e}", dir.display()))?;
        if before.is_some() {
            self.summary.updated += 1;
        } else {
            self.summary.new += 1;
        }
        Ok(())
    }

    /// One GET of a path on the site, after the delay since the last,
    /// retried on 429 and 5xx, following redirects within the site.
    fn request(&mut self, path: &str) -> Result<Reply, Failure> {
        if !self.robots.allows(path) {
            return Err(Failure::Page(format!("{path}: robots.txt disallows it")));
        }
        let mut url = format!("{}{path}", self.options.site.trim_end_matches('/'));
        let mut redirects = 0;
        let mut attempt = 0;
        loop {
            if self.summary.requests >= self.options.max_requests {
                return Err(Failure::Stop(Stopped::MaxRequests));
            }
            self.pace();
            self.summary.requests += 1;
            self.last_request = Some(self.clock.now());
            let reply = self.fetch.get(&url);
            let (wait, why) = match reply {
                Ok(reply) if reply.status == 403 => {
                    return Err(Failure::Stop(Stopped::Forbidden { url }));
                }
                Ok(reply) if (300..400).contains(&reply.status) => {
                    let Some(location) = reply.location.as_deref() else {
                        return Err(Failure::Page(format!("{url}: redirect without a Location")));
                    };
                    match self.within_site(location) {
                        Some(next) if redirects < 5 => {
                            redirects += 1;
                            url = next;
                            continue;
                        }
                        Some(_) => return Err(Failure::Page(format!("{url}: too many redirects"))),
                        None => {
                            return Err(Failure::Page(format!(
                                "{url}: redirected to another site ({location}); not followed"
                            )));
                        }
                    }
                }
                Ok(reply) if reply.status == 429 || reply.status >= 500 => {
                    let backoff = self.options.delay * 2u32.pow(attempt + 1);
                    let wait = reply
                        .retry_after
                        .map_or(backoff, |s| Duration::from_secs(s.min(600)).max(backoff));
                    (wait, format!("HTTP {}", reply.status))
                }
                Ok(reply) if reply.status == 200 => return Ok(reply),
                Ok(reply) => return Err(Failure::Page(format!("{url}: HTTP {}", reply.status))),
                Err(why) => (self.options.delay * 2u32.pow(attempt + 1), why),
            };
            attempt += 1;
            if attempt > RETRIES {
                return Err(Failure::Page(format!("{url}: {why}, {RETRIES} retries")));
            }
            (self.progress)(Progress::Retrying {
                url: url.clone(),
                why,
                wait,
            });
            self.clock.sleep(wait);
        }
    }

    /// A redirect's target, when it is on the site (or relative to it).
    fn within_site(&self, location: &str) -> Option<String> {
        let site = self.options.site.trim_end_matches('/');
        if location.starts_with('/') && !location.starts_with("//") {
            return Some(format!("{site}{location}"));
        }
        let host = |url: &str| {
            url.split_once("://")
                .map(|(_, rest)| rest.split('/').next().unwrap_or("").to_ascii_lowercase())
        };
        (host(location).is_some() && host(location) == host(site)).then(|| location.to_string())
    }

    /// Sleeps what is left of the delay since the last request, which a
    /// jitter of up to half the delay makes less regular.
    fn pace(&mut self) {
        let Some(last) = self.last_request else {
            return;
        };
        // xorshift: enough to vary a delay, and fixed by the seed in tests.
        self.jitter ^= self.jitter << 13;
        self.jitter ^= self.jitter >> 7;
        self.jitter ^= self.jitter << 17;
        let extra = self
            .options
            .delay
            .mul_f64((self.jitter % 1000) as f64 / 2000.0);
        let due = last + self.options.delay + extra;
        let now = self.clock.now();
        if due > now {
            self.clock.sleep(due - now);
        }
    }
}

/// Items found for the next run to fetch.
fn hold_over(state: &mut State, found: &[Entry]) {
    for entry in found {
        if !state.pending.iter().any(|p| p.id == entry.id) {
            state.pending.push(state::Pending::from(entry));
        }
    }
}

/// Temporary files a killed run left (written whole, never renamed).
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".tmp") && (name.contains(".html.") || name.contains(".verbatim-sync.")) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// When the library in `dir` was last synced, if it was.
pub fn last_synced(dir: &Path) -> Option<String> {
    let state = State::load(dir).ok()?;
    state.last_sync.map(state::utc)
}
