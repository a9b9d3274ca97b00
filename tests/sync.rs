//! `verbatim sync` against a local server that serves the recorded slice
//! of en.kremlin.ru in ../shared/site, with the faults the site is known
//! for scripted on top. No test sleeps: the clock only counts.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::site::{Answer, Script, Site};
use verbatim::sync::{self, Clock, Options, Progress, Section, Stopped, Summary};

/// A clock that sleeps by adding up, and keeps each sleep.
#[derive(Default)]
struct Counted {
    now: Duration,
    sleeps: Vec<Duration>,
}

impl Clock for Counted {
    fn now(&self) -> Duration {
        self.now
    }
    fn sleep(&mut self, duration: Duration) {
        self.sleeps.push(duration);
        self.now += duration;
    }
}

fn library(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("verbatim-sync-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn options(site: &Site, dir: &Path) -> Options {
    Options {
        site: site.url.clone(),
        dir: dir.to_path_buf(),
        section: Section::News,
        since: None,
        until: None,
        max_requests: 150,
        delay: Duration::from_secs(3),
        dry_run: false,
        seed: 7,
    }
}

fn run(options: &Options, clock: &mut Counted) -> Summary {
    let mut http = sync::http::Http::new(&sync::user_agent());
    let mut progress = |_: Progress| {};
    sync::Sync::new(options, &mut http, clock, &mut progress)
        .run()
        .unwrap()
}

fn recorded_feed() -> String {
    std::fs::read_to_string(common::shared(
        "site/en.kremlin.ru/events/president/news/feed",
    ))
    .unwrap()
}

/// A feed page the recording lacks, of real items, the last page.
fn feed_page(entries: &[(u64, &str)]) -> String {
    let entries: String = entries
        .iter()
        .map(|(id, day)| {
            format!(
                "<entry><title>Item {id}</title><id>http://en.kremlin.ru/events/president/news/{id}</id>\
                 <updated>{day}T12:00:00+04:00</updated><published>{day}T10:00:00+04:00</published>\
                 <link href=\"http://en.kremlin.ru/events/president/news/{id}\" rel=\"alternate\" /></entry>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
         <link href=\"http://en.kremlin.ru/events/president/news/feed/page/2\" rel=\"self\" />{entries}</feed>"
    )
}

const PAGE_2: &[(u64, &str)] = &[
    (63911, "2020-08-19"),
    (63908, "2020-08-18"),
    (63907, "2020-08-18"),
    (63906, "2020-08-18"),
    (63905, "2020-08-18"),
];

fn pages_with_feed_page_2() -> Vec<(String, Vec<u8>)> {
    vec![(
        "/events/president/news/feed/page/2".into(),
        feed_page(PAGE_2).into_bytes(),
    )]
}

fn no_faults() -> Script {
    Box::new(|_, _| None)
}

fn html_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_first_sync_fills_the_library_and_it_loads_as_the_pages_do() {
    let site = Site::start(pages_with_feed_page_2(), no_faults());
    let dir = library("first");
    let mut clock = Counted::default();
    let summary = run(&options(&site, &dir), &mut clock);
    assert_eq!(summary.stopped, None);
    assert_eq!(
        (summary.new, summary.updated, summary.failed.len()),
        (25, 0, 0)
    );
    let paths = site.paths();
    assert_eq!(paths[0], "/robots.txt");
    assert_eq!(paths[1], "/events/president/news/feed");
    assert_eq!(paths[2], "/events/president/news/63953");
    assert_eq!(paths[22], "/events/president/news/feed/page/2");
    assert_eq!(paths.len(), 2 + 20 + 1 + 5);
    // Every request says who sends it.
    let agent = sync::user_agent();
    assert!(agent.starts_with(&format!("verbatim/{} (", env!("CARGO_PKG_VERSION"))));
    assert!(
        site.requests()
            .iter()
            .all(|r| r.user_agent.as_deref() == Some(agent.as_str()))
    );
    // The delay between requests, never less, with at most half more.
    assert_eq!(clock.sleeps.len(), paths.len() - 1);
    assert!(
        clock
            .sleeps
            .iter()
            .all(|s| (3.0..=4.5).contains(&s.as_secs_f64())),
        "{:?}",
        clock.sleeps
    );
    assert!(clock.sleeps.windows(2).any(|w| w[0] != w[1]), "no jitter");
    let files = html_files(&dir);
    assert_eq!(files.len(), 25);
    assert!(
        files.contains(&"2020-08-27_63953.html".to_string()),
        "{files:?}"
    );
    // The raw HTML as sent, which reads as the recorded page reads.
    let kept = std::fs::read(dir.join("2020-08-27_63953.html")).unwrap();
    let recorded = std::fs::read(common::shared(
        "site/en.kremlin.ru/events/president/news/63953",
    ))
    .unwrap();
    assert_eq!(kept, recorded);
    let loaded = verbatim::corpus::load_paths(std::slice::from_ref(&dir));
    assert!(
        loaded.problems.iter().all(|p| !p.is_error),
        "{:?}",
        loaded.problems
    );
    assert_eq!(loaded.corpus.transcripts.len(), 25);
    let recorded = verbatim::corpus::load_paths(&[common::shared(
        "site/en.kremlin.ru/events/president/news/63953",
    )]);
    let synced = loaded
        .corpus
        .transcripts
        .iter()
        .find(|t| t.id == "63953")
        .unwrap();
    assert_eq!(synced.blocks, recorded.corpus.transcripts[0].blocks);
    assert!(verbatim::sync::last_synced(&dir).is_some());

    // A second run with nothing new reads robots.txt and the feed's first page.
    let before = site.paths().len();
    let again = run(&options(&site, &dir), &mut Counted::default());
    assert_eq!((again.new, again.updated, again.requests), (0, 0, 2));
    assert_eq!(
        site.paths()[before..],
        ["/robots.txt", "/events/president/news/feed"]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_changed_entry_fetches_that_page_alone() {
    let dir = library("changed");
    {
        let site = Site::start(pages_with_feed_page_2(), no_faults());
        run(&options(&site, &dir), &mut Counted::default());
    }
    let edited = recorded_feed().replacen(
        "<updated>2020-08-27T18:36:20+04:00</updated>",
        "<updated>2020-08-29T09:00:00+04:00</updated>",
        1,
    );
    assert_ne!(edited, recorded_feed());
    let mut pages = pages_with_feed_page_2();
    pages.push(("/events/president/news/feed".into(), edited.into_bytes()));
    let site = Site::start(pages, no_faults());
    let summary = run(&options(&site, &dir), &mut Counted::default());
    assert_eq!((summary.new, summary.updated), (0, 1));
    assert_eq!(
        site.paths(),
        [
            "/robots.txt",
            "/events/president/news/feed",
            "/events/president/news/63951"
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_403_stops_the_run_and_the_next_goes_on_where_it_stopped() {
    let dir = library("forbidden");
    let summary = {
        let site = Site::start(
            pages_with_feed_page_2(),
            Box::new(|number, _| (number == 9).then(|| Answer::status(403))),
        );
        let summary = run(&options(&site, &dir), &mut Counted::default());
        assert_eq!(site.paths().len(), 10);
        summary
    };
    assert_eq!(
        summary.stopped,
        Some(Stopped::Forbidden {
            url: format!("{}/events/president/news/63940", "SITE")
                .replace("SITE", &summary_site(&summary)),
        })
    );
    assert_eq!(summary.new, 7);
    assert_eq!(summary.left, 13);
    assert_eq!(
        summary.next_walk.as_deref(),
        Some("/events/president/news/feed/page/2")
    );
    assert_eq!(html_files(&dir).len(), 7);
    // No half file: only whole pages and the state.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| n.ends_with(".html") || n == ".verbatim-sync"),
        "{names:?}"
    );

    let site = Site::start(pages_with_feed_page_2(), no_faults());
    let resumed = run(&options(&site, &dir), &mut Counted::default());
    assert_eq!(resumed.stopped, None);
    assert_eq!(resumed.new, 18);
    let paths = site.paths();
    // The 13 left, the feed's top (met held at once), then page 2 and its 5.
    assert_eq!(paths[1], "/events/president/news/63940");
    assert_eq!(paths[14], "/events/president/news/feed");
    assert_eq!(paths[15], "/events/president/news/feed/page/2");
    assert_eq!(paths.len(), 1 + 13 + 1 + 1 + 5);
    assert_eq!(html_files(&dir).len(), 25);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The site part of a summary's stopped URL (the test server's address).
fn summary_site(summary: &Summary) -> String {
    match &summary.stopped {
        Some(Stopped::Forbidden { url }) => url.split("/events").next().unwrap().to_string(),
        _ => String::new(),
    }
}

#[test]
fn busy_answers_are_retried_after_the_time_they_ask() {
    let dir = library("busy");
    let site = Site::start(
        pages_with_feed_page_2(),
        Box::new(|number, path| match (number, path) {
            (2, _) => Some(Answer::status(503).header("Retry-After", "20")),
            (3, _) => Some(Answer::status(429)),
            _ => None,
        }),
    );
    let mut clock = Counted::default();
    let summary = run(&options(&site, &dir), &mut clock);
    assert_eq!(summary.stopped, None);
    assert_eq!(summary.new, 25);
    let paths = site.paths();
    assert_eq!(
        paths[2..5],
        [
            "/events/president/news/63953",
            "/events/president/news/63953",
            "/events/president/news/63953"
        ]
    );
    // Retry-After honoured, then a back-off of twice the delay, doubled.
    assert_eq!(clock.sleeps[2], Duration::from_secs(20));
    assert_eq!(clock.sleeps[3], Duration::from_secs(12));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn faults_of_one_page_fail_that_page_only() {
    let dir = library("faults");
    let mut pages = pages_with_feed_page_2();
    pages.push((
        "/robots.txt".into(),
        b"User-agent: *\nDisallow: /events/president/news/copy\nDisallow: /events/president/news/63945\n".to_vec(),
    ));
    let moved = std::fs::read(common::shared(
        "site/en.kremlin.ru/events/president/news/63949",
    ))
    .unwrap();
    pages.push(("/moved/63949".into(), moved));
    let site = Site::start(
        pages,
        Box::new(|_, path| match path {
            "/events/president/news/63951" => Some(
                Answer::status(301)
                    .header("Location", "http://example.org/events/president/news/63951"),
            ),
            "/events/president/news/63949" => {
                Some(Answer::status(302).header("Location", "/moved/63949"))
            }
            "/events/president/news/63950" => Some(Answer {
                status: 200,
                body: b"<html><body><article><h1>cut".to_vec(),
                cut_short: true,
                ..Answer::default()
            }),
            "/events/president/news/63952" => Some(Answer {
                status: 200,
                body: vec![b' '; (sync::MAX_BODY + 1) as usize],
                ..Answer::default()
            }),
            "/events/president/news/63944" => Some(Answer {
                status: 200,
                body: b"<html><body>Access denied</body></html>".to_vec(),
                ..Answer::default()
            }),
            _ => None,
        }),
    );
    let summary = run(&options(&site, &dir), &mut Counted::default());
    assert_eq!(summary.stopped, None);
    let failed: Vec<(u64, &str)> = summary
        .failed
        .iter()
        .map(|(id, why)| (*id, why.as_str()))
        .collect();
    let why = |id: u64| {
        failed
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, why)| *why)
            .unwrap_or("")
    };
    assert!(
        why(63951).contains("redirected to another site"),
        "{failed:?}"
    );
    assert!(why(63950).contains("cut short"), "{failed:?}");
    assert!(why(63952).contains("larger than 8 MB"), "{failed:?}");
    assert!(why(63945).contains("robots.txt disallows"), "{failed:?}");
    assert!(why(63944).contains("no kremlin.ru event"), "{failed:?}");
    assert_eq!(failed.len(), 5);
    assert_eq!(summary.new, 20);
    // Disallowed, so never asked for; the redirect within the site followed.
    assert!(
        !site
            .paths()
            .contains(&"/events/president/news/63945".to_string())
    );
    assert!(site.paths().contains(&"/moved/63949".to_string()));
    assert!(
        dir.join("2020-08-26_63949.html").exists()
            || html_files(&dir).iter().any(|f| f.ends_with("_63949.html"))
    );
    // The failed ones wait for the next run.
    assert_eq!(summary.left, 5);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn max_requests_stops_a_run_and_a_dry_run_fetches_no_page() {
    let dir = library("budget");
    let site = Site::start(pages_with_feed_page_2(), no_faults());
    let dry = Options {
        dry_run: true,
        ..options(&site, &dir)
    };
    let listed = run(&dry, &mut Counted::default());
    assert_eq!(listed.found.len(), 25);
    assert_eq!(listed.requests, 3);
    assert!(html_files(&dir).is_empty());
    let budget = Options {
        max_requests: 5,
        ..options(&site, &dir)
    };
    let summary = run(&budget, &mut Counted::default());
    assert_eq!(summary.stopped, Some(Stopped::MaxRequests));
    assert_eq!(summary.requests, 5);
    assert_eq!(summary.new, 3);
    let until = Options {
        until: Some("2020-08-19".into()),
        since: Some("2020-08-19".into()),
        ..options(&site, &dir)
    };
    let narrowed = run(
        &Options {
            dry_run: true,
            ..until
        },
        &mut Counted::default(),
    );
    assert!(
        narrowed.found.iter().all(|e| e.date() == "2020-08-19"),
        "{:?}",
        narrowed.found
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

fn verbatim_sync(site: &Site, dir: &Path, extra: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .arg("sync")
        .arg(dir)
        .args(["--site", &site.url, "--delay", "0"])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn the_command_says_what_it_did_and_exits_as_documented() {
    let dir = library("command");
    let site = Site::start(
        pages_with_feed_page_2(),
        Box::new(|number, _| (number == 9).then(|| Answer::status(403))),
    );
    let stopped = verbatim_sync(&site, &dir, &[]);
    let (out, err) = (
        String::from_utf8_lossy(&stopped.stdout),
        String::from_utf8_lossy(&stopped.stderr),
    );
    assert_eq!(stopped.status.code(), Some(1), "{out}{err}");
    assert!(
        out.starts_with("7 new, 0 updated, 0 failed; 13 left for the next run; next run from /events/president/news/feed/page/2 (10 requests)"),
        "{out}"
    );
    assert!(err.contains("(403 Forbidden) and the run stopped"), "{err}");
    assert!(err.contains("HTTPS_PROXY"), "{err}");
    // Piped, progress is plain lines, never a redrawn one.
    assert!(
        err.contains("reading the feed: /events/president/news/feed\n"),
        "{err}"
    );
    assert!(!err.contains('\r'), "{err:?}");

    let site = Site::start(pages_with_feed_page_2(), no_faults());
    let resumed = verbatim_sync(&site, &dir, &[]);
    let out = String::from_utf8_lossy(&resumed.stdout);
    assert_eq!(resumed.status.code(), Some(0), "{out}");
    assert!(
        out.starts_with("18 new, 0 updated, 0 failed (21 requests)"),
        "{out}"
    );

    let dry = verbatim_sync(&site, &dir, &["--dry-run"]);
    assert_eq!(
        String::from_utf8_lossy(&dry.stdout),
        "0 to fetch; 2 requests made\n"
    );
    let budget = verbatim_sync(&site, &library("command-budget"), &["--max-requests", "3"]);
    assert_eq!(budget.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&budget.stderr).contains("--max-requests"));
    let bad = verbatim_sync(&site, &dir, &["--delay", "soon"]);
    assert_eq!(bad.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
    let _ = std::fs::remove_dir_all(library("command-budget"));
}

#[test]
fn a_killed_run_leaves_no_half_file_and_what_it_fetched_counts() {
    let dir = library("killed");
    std::fs::create_dir_all(&dir).unwrap();
    // What a run killed while writing a page leaves: a temporary file, and
    // a journal (the walk's next feed page, one page kept) whose last line
    // was cut.
    std::fs::write(dir.join("2020-08-27_63953.html.123-456.tmp"), "<html><bo").unwrap();
    let page = std::fs::read(common::shared(
        "site/en.kremlin.ru/events/president/news/63951",
    ))
    .unwrap();
    std::fs::write(dir.join("2020-08-27_63951.html"), page).unwrap();
    std::fs::write(
        dir.join(".verbatim-sync.journal"),
        "next\t/events/president/news/feed/page/2\n\
         63951\t2020-08-27T18:36:20+04:00\t2020-08-27_63951.html\n63950\t2020",
    )
    .unwrap();
    let site = Site::start(pages_with_feed_page_2(), no_faults());
    let summary = run(&options(&site, &dir), &mut Counted::default());
    assert_eq!(summary.new, 24);
    assert!(
        !site
            .paths()
            .contains(&"/events/president/news/63951".to_string())
    );
    assert_eq!(html_files(&dir).len(), 25);
    assert!(!dir.join("2020-08-27_63953.html.123-456.tmp").exists());
    assert!(!dir.join(".verbatim-sync.journal").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
