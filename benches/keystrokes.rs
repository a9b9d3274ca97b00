//! Typing 12-character queries one key at a time into the reader, on the
//! archive repeated five times (about 800,000 paragraphs): for each key,
//! the time from the key press to a rendered frame showing the ranked
//! results (update, search, results back, draw). Prints the distribution.
//! `cargo bench --bench keystrokes`

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use verbatim::app::search::RESULT_LIMIT;
use verbatim::app::{Action, App, Effect};
use verbatim::corpus;
use verbatim::search::{Index, Query};

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
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/kremlin-en-archive");
    let started = Instant::now();
    let loaded = corpus::load_paths(&[dir]);
    let mut corpus = loaded.corpus;
    let originals = corpus.transcripts.len();
    corpus.transcripts.reserve(originals * 4);
    for copy in 1..5 {
        for i in 0..originals {
            let mut t = corpus.transcripts[i].clone();
            t.id = format!("{}-{copy}", t.id);
            corpus.transcripts.push(t);
        }
    }
    let text_bytes: usize = corpus
        .transcripts
        .iter()
        .flat_map(|t| t.pieces())
        .map(|p| p.text.len())
        .sum();
    let loaded_at = started.elapsed();
    println!("corpus loaded: peak RSS {:.0} MB", peak_rss_mb());
    let index = Index::build(&corpus);
    let indexed_at = started.elapsed() - loaded_at;
    println!(
        "corpus: {} transcripts, {} paragraphs, {} words in the vocabulary, {:.0} MB of text",
        corpus.transcripts.len(),
        index.docs().len(),
        index.vocabulary_len(),
        text_bytes as f64 / 1e6
    );
    println!(
        "load {:.2} s, index {:.2} s, peak RSS {:.0} MB",
        loaded_at.as_secs_f64(),
        indexed_at.as_secs_f64(),
        peak_rss_mb()
    );

    let mut app = App::new(corpus, Vec::new());
    app.resize(120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut times: Vec<Duration> = Vec::new();
    for query in QUERIES {
        app.update(Action::OpenSearch);
        for c in query.chars() {
            let start = Instant::now();
            if let Effect::Search(request) = app.update(Action::SearchInput(c)) {
                let results = index
                    .search(
                        &app.corpus,
                        &Query::parse(&request.query),
                        request.scope,
                        RESULT_LIMIT,
                        &|| false,
                    )
                    .unwrap();
                let hits = results.hits.iter().map(|h| index.locate(h)).collect();
                app.search_results(request.generation, hits, results.total);
            }
            terminal.draw(|f| verbatim::ui::draw(f, &app)).unwrap();
            times.push(start.elapsed());
        }
        let last = &times[times.len() - query.len()..];
        let worst = last.iter().max().unwrap();
        let total = app.search.as_ref().map_or(0, |s| s.total);
        println!(
            "{query:14} {total:>7} matches; slowest key {:6.1} ms",
            worst.as_secs_f64() * 1e3
        );
        app.update(Action::SearchCancel);
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
    println!("peak RSS {:.0} MB", peak_rss_mb());
}
