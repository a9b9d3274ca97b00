//! Parsing speed on the real 300-page corpus (../shared/corpus/kremlin-en),
//! and on the site's 530 pages saved as HTML (../shared/site) beside the
//! same pages as the text verbatim reads from them.
//! The other formats read from ../shared/formats, each sample repeated to
//! some megabytes (times shifted on) so that cost growing faster than the
//! file shows. `cargo bench --bench parse`; criterion reports throughput
//! in bytes/s on one core (the parser is single-threaded).

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use verbatim::parse::{html, parse_html_page, parse_page};

fn corpus_pages() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/kremlin-en");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

fn parse_corpus(c: &mut Criterion) {
    let pages = corpus_pages();
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("kremlin-en (300 pages)", |b| {
        b.iter(|| {
            for page in &pages {
                std::hint::black_box(parse_page("bench", page));
            }
        })
    });
    group.finish();
}

fn site_pages() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/site/en.kremlin.ru/events/president/news");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().bytes().all(|b| b.is_ascii_digit()))
        })
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

/// The 530 pages as HTML, and as their text: what reading the markup
/// costs over reading the text alone.
fn parse_site(c: &mut Criterion) {
    let pages = site_pages();
    let texts: Vec<String> = pages
        .iter()
        .map(|page| html::render(page).unwrap().text)
        .collect();
    let mut group = c.benchmark_group("site");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(
        pages.iter().map(String::len).sum::<usize>() as u64,
    ));
    group.bench_function("530 pages as HTML", |b| {
        b.iter(|| {
            for page in &pages {
                std::hint::black_box(parse_html_page("bench", page).unwrap());
            }
        })
    });
    group.throughput(Throughput::Bytes(
        texts.iter().map(String::len).sum::<usize>() as u64,
    ));
    group.bench_function("530 pages as text", |b| {
        b.iter(|| {
            for text in &texts {
                std::hint::black_box(parse_page("bench", text));
            }
        })
    });
    group.finish();
}

/// A sample of `../shared/formats`, repeated until it is about `size`
/// bytes: cues and segments follow on in time, TEI utterances repeat
/// inside the one body.
fn scaled(path: &str, size: usize) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/formats");
    // As the loader gives it to the parsers: LF line ends.
    let text = std::fs::read_to_string(dir.join(path))
        .unwrap()
        .replace("\r\n", "\n");
    let copies = size / text.len() + 1;
    let stamp = |ms: u64, comma: bool| {
        let (s, ms) = (ms / 1000, ms % 1000);
        let dot = if comma { ',' } else { '.' };
        format!(
            "{:02}:{:02}:{:02}{dot}{ms:03}",
            s / 3600,
            s / 60 % 60,
            s % 60
        )
    };
    // Cue files: each copy's timing lines moved on by the sample's length.
    let shifted = |text: &str, offset: u64, comma: bool| -> String {
        text.lines()
            .map(|line| match verbatim::parse::formats::cue_times(line) {
                Some((a, b)) => format!(
                    "{} --> {}\n",
                    stamp(a + offset, comma),
                    stamp(b + offset, comma)
                ),
                None => format!("{line}\n"),
            })
            .collect()
    };
    let hour = 3_600_000;
    match path.rsplit('.').next() {
        Some("vtt") => {
            let (header, cues) = text.split_once("\n\n").unwrap();
            let mut out = format!("{header}\n\n");
            for copy in 0..copies as u64 {
                out.push_str(&shifted(cues, copy * hour, false));
                out.push('\n');
            }
            out
        }
        Some("srt") => (0..copies as u64)
            .map(|copy| shifted(&text, copy * hour, true) + "\n")
            .collect(),
        Some("json") => {
            let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
            let segments = value["segments"].as_array().unwrap().clone();
            let mut all = Vec::new();
            for copy in 0..copies {
                for mut segment in segments.clone() {
                    for key in ["startTime", "endTime"] {
                        let at = segment[key].as_f64().unwrap() + copy as f64 * 3600.0;
                        segment[key] = serde_json::json!(at);
                    }
                    all.push(segment);
                }
            }
            value["segments"] = serde_json::Value::Array(all);
            serde_json::to_string_pretty(&value).unwrap()
        }
        Some("xml") => {
            let open = text.find("<body>").unwrap() + "<body>".len();
            let close = text.find("</body>").unwrap();
            let body = &text[open..close];
            format!("{}{}{}", &text[..open], body.repeat(copies), &text[close..])
        }
        _ => text.repeat(copies),
    }
}

fn parse_formats(c: &mut Criterion) {
    let mut group = c.benchmark_group("formats");
    group.sample_size(10);
    let pages = corpus_pages();
    let bytes: usize = pages.iter().map(String::len).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("kremlin-en as text, for scale", |b| {
        b.iter(|| {
            for page in &pages {
                std::hint::black_box(parse_page("bench", page));
            }
        })
    });
    for (path, extension) in [
        ("podcast-namespace/example.vtt", "vtt"),
        ("podcast-namespace/example.srt", "srt"),
        ("podcast-namespace/example.json", "json"),
        ("podcast-namespace/example.html", "html"),
        ("parlamint-gb/ParlaMint-GB_2020-02-12-lords.xml", "xml"),
    ] {
        let text = scaled(path, 4 << 20);
        verbatim::parse::parse_file_text("bench", Some(extension), &text, None)
            .unwrap_or_else(|e| panic!("{path} scaled: {e}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{path}, {} MB", text.len() >> 20), |b| {
            b.iter(|| {
                std::hint::black_box(
                    verbatim::parse::parse_file_text("bench", Some(extension), &text, None)
                        .unwrap(),
                )
            })
        });
    }
    group.finish();
}

criterion_group!(benches, parse_corpus, parse_site, parse_formats);
criterion_main!(benches);
