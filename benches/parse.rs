//! Parsing speed on the real 300-page corpus (../shared/corpus/kremlin-en),
//! and on the site's 530 pages saved as HTML (../shared/site) beside the
//! same pages as the text verbatim reads from them.
//! `cargo bench --bench parse`; criterion reports throughput in bytes/s on
//! one core (the parser is single-threaded).

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

criterion_group!(benches, parse_corpus, parse_site);
criterion_main!(benches);
