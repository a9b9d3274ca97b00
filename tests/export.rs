//! `verbatim export`: CSV a spreadsheet reads back, JSON lines, Markdown.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use verbatim::corpus;
use verbatim::model::HEADER;

fn export(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .arg("export")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        let mut input = input;
        input.write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

/// Every paragraph of a corpus, as (transcript, line, text).
fn paragraphs(corpus: &verbatim::model::Corpus) -> Vec<(String, u32, String)> {
    corpus
        .transcripts
        .iter()
        .flat_map(|t| {
            t.searchable()
                .filter(|p| p.block != HEADER)
                .map(|p| (t.id.clone(), p.line.line, t.text(p.line).to_string()))
        })
        .collect()
}

fn read_csv(bytes: &[u8]) -> Vec<(String, u32, String)> {
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.iter().collect::<Vec<_>>(), verbatim::record::FIELDS);
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[6].parse().unwrap(), r[14].to_string())
        })
        .collect()
}

#[test]
fn csv_of_the_corpus_reads_back_as_its_paragraphs() {
    let dir = common::shared("corpus/kremlin-en");
    let out = export(&[&dir.display().to_string()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let loaded = corpus::load_paths(&[dir]);
    assert_eq!(read_csv(&out.stdout), paragraphs(&loaded.corpus));
}

#[test]
fn commas_quotes_and_newlines_survive_csv() {
    let page = "Events\nA meeting\nJune 1, 2021\nVladimir Putin: One, two, “three” and \"four\".\n";
    let mut corpus = corpus::assemble(vec![verbatim::parse::parse_page("1", page)]);
    // A corpus file may hold a newline inside a paragraph.
    let json = corpus::json::to_json(&corpus)
        .unwrap()
        .replace("four\\\".", "four\\\".\\nFive.");
    corpus = corpus::json::from_json(&json).unwrap();
    let out = export(&["-"], Some(json.as_bytes()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = read_csv(&out.stdout);
    assert_eq!(read, paragraphs(&corpus));
    assert_eq!(read[0].2, "One, two, “three” and \"four\".\nFive.");
}

#[test]
fn json_lines_are_each_a_record() {
    let dir = common::shared("corpus/kremlin-en").display().to_string();
    let out = export(
        &[
            &dir,
            "--format",
            "jsonl",
            "--speaker",
            "peskov",
            "--since",
            "2017",
            "--until",
            "2017",
        ],
        None,
    );
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!lines.is_empty());
    for line in &lines {
        assert_eq!(line["speaker"], "Dmitry Peskov");
        assert!(line["date"].as_str().unwrap().starts_with("2017-"));
        assert!(
            line["url"]
                .as_str()
                .unwrap()
                .starts_with("http://en.kremlin.ru/events/president/news/")
        );
    }
}

#[test]
fn a_query_exports_its_matches_best_first_and_none_exits_1() {
    let out = export(
        &["data", "--format", "jsonl", "--query", "longest bordr"],
        None,
    );
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(first["speaker"], "Kassym-Jomart Tokayev");
    let none = export(&["data", "--query", "zzqxq"], None);
    assert_eq!(none.status.code(), Some(1));
}

#[test]
fn markdown_of_the_bundled_page() {
    let out = export(&["data", "--format", "md"], None);
    assert!(out.status.success());
    insta::assert_snapshot!("bundled_md", String::from_utf8(out.stdout).unwrap());
}
