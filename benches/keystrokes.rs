//! Typing 12-character queries one key at a time into the reader, on the
//! archive repeated five times (330,385 paragraphs; its 800,000 lines):
//! for each key, the time from the key press to a rendered frame showing
//! the ranked results (update, search, results back, draw). Prints the
//! distribution, and the peak memory (as `/usr/bin/time -v` would).
//! `cargo bench --bench keystrokes`; `VERBATIM_COPIES=12` repeats the
//! archive twelve times instead (792,924 paragraphs).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use verbatim::app::{Action, App, Effect, Message};
use verbatim::corpus;
use verbatim::search::{self, Index};

/// The reader's allocator, so that the times and the peak are the reader's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const QUERIES: [&str; 8] = [
    "trade growin",
    "strategic pa",
    "kazakhstan i",
    "kazkhstan in",
    "the presiden",
    "energy secur",
    "@putin oil p",
    "'nuclear wea",
];

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb * 1024.0 / 1e6)
}

/// The archive `copies` times over, as folders of hard links (copies where
/// links fail), so every page is read and parsed on its own as the reader
/// would; returns the folder and the bytes of its files.
fn repeated(archive: &Path, copies: usize) -> (PathBuf, u64) {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("archive-x{copies}"));
    let mut bytes = 0;
    for copy in 1..=copies {
        let dir = root.join(copy.to_string());
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(archive).unwrap() {
            let from = entry.unwrap().path();
            let to = dir.join(from.file_name().unwrap());
            if !to.exists() && std::fs::hard_link(&from, &to).is_err() {
                std::fs::copy(&from, &to).unwrap();
            }
            bytes += std::fs::metadata(&to).unwrap().len();
        }
    }
    (root, bytes)
}

/// Prints how long something built on first use takes to build.
fn first_use(what: &str, build: impl FnOnce()) {
    let start = Instant::now();
    build();
    println!(
        "{what}: built in {:.0} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
}

/// Prints a distribution of times, in milliseconds.
fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
    println!(
        "{what} over {} keys: median {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        times.len(),
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0)
    );
}

fn main() {
    let archive =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/kremlin-en-archive");
    // Five copies by default, the corpus; VERBATIM_COPIES for others.
    let copies = std::env::var("VERBATIM_COPIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let (dir, file_bytes) = repeated(&archive, copies);
    let started = Instant::now();
    // As the reader does, keep the corpus and let the rest go.
    let corpus = corpus::load_paths(&[dir]).corpus;
    let loaded_at = started.elapsed();
    println!("corpus loaded: peak RSS {:.0} MB", peak_rss_mb());
    let index = std::sync::Arc::new(Index::build(&corpus));
    let indexed_at = started.elapsed() - loaded_at;
    println!(
        "corpus: {} transcripts, {} paragraphs, {} words in the vocabulary, {:.0} MB of page files",
        corpus.transcripts.len(),
        index.docs().len(),
        index.vocabulary_len(),
        file_bytes as f64 / 1e6
    );
    println!(
        "load {:.2} s, index {:.2} s, peak RSS {:.0} MB",
        loaded_at.as_secs_f64(),
        indexed_at.as_secs_f64(),
        peak_rss_mb()
    );

    let mut app = App::new(corpus, Vec::new());
    app.update(Message::Resize {
        width: 120,
        height: 40,
    });
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut times: Vec<Duration> = Vec::new();
    // Where a key's time goes: the search (update, answer, update) and the
    // frame (drawing the list, the preview and the panes under them).
    let mut searching: Vec<Duration> = Vec::new();
    let mut drawing: Vec<Duration> = Vec::new();
    // VERBATIM_PROFILE_KEYS=N types the queries N times and stops there,
    // for `perf record` of the per-key path alone.
    let rounds: usize = std::env::var("VERBATIM_PROFILE_KEYS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    for query in QUERIES.iter().cycle().take(QUERIES.len() * rounds) {
        app.update(Action::OpenSearch);
        for c in query.chars() {
            let start = Instant::now();
            if let Effect::Search(request) = app.update(Action::PromptInput(c)) {
                let answer = search::answer(&index, &app.corpus, &request, &|| false).unwrap();
                app.update(answer);
            }
            let searched = start.elapsed();
            terminal.draw(|f| verbatim::ui::draw(f, &app)).unwrap();
            times.push(start.elapsed());
            searching.push(searched);
            drawing.push(start.elapsed() - searched);
        }
        let last = &times[times.len() - query.len()..];
        let worst = last.iter().max().unwrap();
        let total = app.search().map_or(0, |s| s.total);
        println!(
            "{query:14} {total:>7} matches; slowest key {:6.1} ms",
            worst.as_secs_f64() * 1e3
        );
        app.update(Action::PromptCancel);
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
    println!(
        "per keystroke over {} keys: median {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        times.len(),
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0)
    );
    report("  of which searching", &mut searching);
    report("  of which drawing", &mut drawing);
    if rounds > 1 {
        return;
    }
    // The same queries in date order (Ctrl-s), and kept to speech.
    for (what, prefix, order) in [
        ("newest first", "", search::Order::Newest),
        (
            "oldest first, is:speech",
            "is:speech ",
            search::Order::Oldest,
        ),
    ] {
        app.search_order = order;
        let mut keys: Vec<Duration> = Vec::new();
        for query in QUERIES {
            app.update(Action::OpenSearch);
            app.update(Action::PromptClear);
            for c in prefix.chars().chain(query.chars()) {
                let start = Instant::now();
                if let Effect::Search(request) = app.update(Action::PromptInput(c)) {
                    let answer = search::answer(&index, &app.corpus, &request, &|| false).unwrap();
                    app.update(answer);
                }
                terminal.draw(|f| verbatim::ui::draw(f, &app)).unwrap();
                keys.push(start.elapsed());
            }
            app.update(Action::PromptCancel);
        }
        report(&format!("per keystroke, {what}"), &mut keys);
    }
    app.search_order = search::Order::Relevance;
    // The chart's counts (Ctrl-t): a query's every hit by year, and the
    // words said each year, on the worker.
    for query in ["sanctions", "trade growin", "the presiden", "@putin oil p"] {
        let request = search::TrendRequest {
            generation: 0,
            query: query.into(),
        };
        let start = Instant::now();
        let counted = search::answer::trend(&index, &app.corpus, &request);
        println!(
            "chart of {query:14} {:>7} paragraphs counted in {:.1} ms",
            counted.trend.paragraphs(),
            start.elapsed().as_secs_f64() * 1e3
        );
    }
    // Moving through a thousand hits with the preview beside the list:
    // each key is a move, the answer to any "more hits" it asks for, and
    // a drawn frame at 160x48.
    app.update(Message::Resize {
        width: 160,
        height: 48,
    });
    let mut wide = Terminal::new(TestBackend::new(160, 48)).unwrap();
    app.update(Action::OpenSearch);
    for c in "the presiden".chars() {
        if let Effect::Search(request) = app.update(Action::PromptInput(c)) {
            let answer = search::answer(&index, &app.corpus, &request, &|| false).unwrap();
            app.update(answer);
        }
    }
    let mut moves: Vec<Duration> = Vec::new();
    for _ in 0..1000 {
        let start = Instant::now();
        if let Effect::Search(request) = app.update(Action::Down) {
            let answer = search::answer(&index, &app.corpus, &request, &|| false).unwrap();
            app.update(answer);
        }
        wide.draw(|f| verbatim::ui::draw(f, &app)).unwrap();
        moves.push(start.elapsed());
    }
    let selected = app.search().map_or(0, |s| s.selected());
    moves.sort();
    let at = |q: f64| moves[((moves.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
    println!(
        "moving through 1,000 hits with the preview (to hit {}): median {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        selected + 1,
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0)
    );
    app.update(Action::PromptCancel);

    // The events filter, typed key by key, each key a new list of events
    // and a drawn frame.
    app.update(Message::Resize {
        width: 120,
        height: 40,
    });
    // Tags, places and sections are folded once, on the filter's first use.
    first_use("facet index (first use of the filter)", || {
        app.facet_index();
    });
    let mut filter_times: Vec<Duration> = Vec::new();
    let mut timed = |app: &mut App, action: Action, times: &mut Vec<Duration>| {
        let start = Instant::now();
        app.update(action);
        terminal.draw(|f| verbatim::ui::draw(f, app)).unwrap();
        times.push(start.elapsed());
    };
    // mentions: is judged from the search index, handed over once built.
    app.update(Message::SearchIndex {
        corpus: std::sync::Arc::clone(&app.corpus),
        index: std::sync::Arc::clone(&index),
    });
    for filter in [
        "year:2016 topic:syria",
        "with:peskov -year:2017",
        "direct line",
        "topic:foreign_policy geo:turkey -place:kremlin",
        "year:2016 mentions:syria",
        "mentions:grain -mentions:wheat has:turns",
    ] {
        app.update(Action::FilterEvents);
        for c in filter.chars() {
            timed(&mut app, Action::PromptInput(c), &mut filter_times);
        }
        app.update(Action::PromptClear);
        app.update(Action::PromptAccept);
    }
    report("events filter", &mut filter_times);
    // Tab completing facet values, and going on through them.
    let mut completion_times: Vec<Duration> = Vec::new();
    for typed in [
        "topic:f",
        "geo:s",
        "with:pe",
        "place:mo",
        "year:20",
        "section:n",
    ] {
        app.update(Action::FilterEvents);
        for c in typed.chars() {
            app.update(Action::PromptInput(c));
        }
        for _ in 0..5 {
            timed(&mut app, Action::PromptTab, &mut completion_times);
        }
        app.update(Action::PromptClear);
        app.update(Action::PromptAccept);
    }
    report("facet completion", &mut completion_times);
    // The people view: the index on first use, then typing, opening a
    // person's page, moving and opening an event.
    first_use("people index (first use of the people view)", || {
        app.appearances();
    });
    let mut people_times: Vec<Duration> = Vec::new();
    for name in ["peskov", "putin", "lavrov", "erdogan", "nazarbayev"] {
        timed(&mut app, Action::ShowPeople, &mut people_times);
        app.update(Action::PromptClear);
        for c in name.chars() {
            timed(&mut app, Action::PromptInput(c), &mut people_times);
        }
        timed(&mut app, Action::PromptAccept, &mut people_times);
        for _ in 0..3 {
            timed(&mut app, Action::Down, &mut people_times);
        }
        timed(&mut app, Action::Select, &mut people_times);
        timed(&mut app, Action::NextTurnOfSpeaker, &mut people_times);
    }
    report("people view", &mut people_times);

    // The first F, p and cross-event ] of a reader just started: the
    // indexes they need come built off its thread (as a message), so each
    // key is a frame's work. Twenty readers, the indexes built off the clock.
    let facets = std::sync::Arc::new(verbatim::search::facets::FacetIndex::new(&app.corpus));
    let appearances =
        std::sync::Arc::new(verbatim::search::appearances::Appearances::new(&app.corpus));
    let (mut first_f, mut first_p, mut first_next) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..20 {
        let mut fresh = App::new(std::sync::Arc::clone(&app.corpus), Vec::new());
        fresh.update(Message::Resize {
            width: 120,
            height: 40,
        });
        fresh.update(Message::Indexes {
            corpus: std::sync::Arc::clone(&fresh.corpus),
            facets: std::sync::Arc::clone(&facets),
            appearances: std::sync::Arc::clone(&appearances),
        });
        timed(&mut fresh, Action::FilterEvents, &mut first_f);
        timed(&mut fresh, Action::PromptInput('y'), &mut first_f);
        fresh.update(Action::PromptCancel);
        timed(&mut fresh, Action::ShowPeople, &mut first_p);
        fresh.update(Action::PromptCancel);
        // Putin's last turn in an event, then ] on to his next event.
        for _ in 0..round {
            fresh.update(Action::Down);
        }
        fresh.update(Action::FocusNextPane);
        fresh.update(Action::FocusNextPane);
        fresh.update(Action::ShowPeople);
        for c in "putin".chars() {
            fresh.update(Action::PromptInput(c));
        }
        fresh.update(Action::PromptAccept);
        fresh.update(Action::Select);
        fresh.update(Action::Bottom);
        timed(&mut fresh, Action::NextTurnOfSpeaker, &mut first_next);
        timed(&mut fresh, Action::NextTurnOfSpeaker, &mut first_next);
    }
    report("first F and a key typed, indexes delivered", &mut first_f);
    report("first p, indexes delivered", &mut first_p);
    report("] past the last turn, into the next event", &mut first_next);

    // Paging deep into a search's hits: each page past the first asks for
    // the next 200 alone.
    app.update(Action::OpenSearch);
    app.update(Action::PromptClear);
    for c in "the".chars() {
        if let Effect::Search(request) = app.update(Action::PromptInput(c)) {
            let answer = search::answer(&index, &app.corpus, &request, &|| false).unwrap();
            app.update(answer);
        }
    }
    let mut pages: Vec<(usize, Duration)> = Vec::new();
    while app.search().is_some_and(|s| s.hits.len() < 2_200) {
        if let Effect::Search(request) = app.update(Action::PageDown) {
            let start = Instant::now();
            let answer = search::answer(&index, &app.corpus, &request, &|| false).unwrap();
            app.update(answer);
            pages.push((request.offset, start.elapsed()));
        }
    }
    app.update(Action::PromptCancel);
    for (offset, time) in pages
        .iter()
        .filter(|(o, _)| [200, 1_000, 2_000].contains(o))
    {
        // As it was asked before: every hit from the first again.
        let again = search::Request {
            generation: 0,
            query: "the".into(),
            scope: None,
            limit: offset + 200,
            offset: 0,
            order: search::Order::Relevance,
        };
        let start = Instant::now();
        std::hint::black_box(search::answer(&index, &app.corpus, &again, &|| false));
        println!(
            "hits {} to {}: answered in {:.1} ms (all {} from the first: {:.1} ms)",
            offset + 1,
            offset + 200,
            time.as_secs_f64() * 1e3,
            offset + 200,
            start.elapsed().as_secs_f64() * 1e3
        );
    }

    // g in a transcript of 20,000 paragraphs, read from its bottom.
    let mut page = String::from("Events\nA long meeting\nAugust 19, 2022\n\n");
    for n in 0..20_000 {
        let who = if n % 2 == 0 {
            "Vladimir Putin"
        } else {
            "Question"
        };
        page.push_str(&format!(
            "{who}: Paragraph {n} says enough words to wrap over a few rows of the dialogue pane at this width.\n"
        ));
    }
    let long = corpus::assemble(vec![verbatim::parse::parse_page("long", &page)]);
    let mut reader = App::new(long, Vec::new());
    reader.update(Message::Resize {
        width: 120,
        height: 40,
    });
    reader.update(Action::FocusNextPane);
    reader.update(Action::FocusNextPane);
    let mut top: Vec<Duration> = Vec::new();
    for _ in 0..20 {
        reader.update(Action::Bottom);
        timed(&mut reader, Action::Top, &mut top);
    }
    report("g from the bottom of 20,000 paragraphs", &mut top);
    // As g did before: scrolling up row by row to the top.
    let mut scrolled: Vec<Duration> = Vec::new();
    let (width, rows) = reader.pane_size(verbatim::app::Pane::Dialogue);
    for _ in 0..5 {
        reader.update(Action::Bottom);
        let transcript = std::sync::Arc::clone(&reader.corpus);
        let start = Instant::now();
        reader
            .dialogue
            .scroll_by(&transcript.transcripts[0], isize::MIN / 2, width, rows);
        scrolled.push(start.elapsed());
    }
    report("  as before, scrolled up to the top", &mut scrolled);

    // Echoes: the index beside the search index, and the echoes of
    // paragraphs spread through the corpus (each has four copies in the
    // five-fold archive, so none is without echoes).
    let started = Instant::now();
    let echo_index = verbatim::search::echoes::EchoIndex::build(&app.corpus, &index);
    let built = started.elapsed();
    let docs = index.docs().len();
    let mut times: Vec<Duration> = (0..200)
        .map(|i| {
            let doc = (i * docs / 200) as u32;
            let start = Instant::now();
            let echoes = echo_index.of_doc(&app.corpus, &index, doc, 20);
            std::hint::black_box(echoes);
            start.elapsed()
        })
        .collect();
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
    println!(
        "echo index: built in {:.2} s, {:.0} MB ({:.2} times the page files); echoes of one paragraph: median {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        built.as_secs_f64(),
        echo_index.bytes() as f64 / 1e6,
        echo_index.bytes() as f64 / file_bytes as f64,
        at(0.5),
        at(0.99),
        at(1.0)
    );

    let peak = peak_rss_mb();
    println!(
        "peak RSS {peak:.0} MB, {:.2} times the page files",
        peak * 1e6 / file_bytes as f64
    );
}
