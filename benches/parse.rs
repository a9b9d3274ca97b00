//! Parsing speed on the real 300-page corpus (../shared/corpus/kremlin-en).
//! `cargo bench --bench parse`; criterion reports throughput in bytes/s on
//! one core (the parser is single-threaded).

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use verbatim::parse::parse_page;

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

criterion_group!(benches, parse_corpus);
criterion_main!(benches);
