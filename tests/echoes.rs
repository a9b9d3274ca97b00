//! Echoes over the archive: pairs of paragraphs of different events that
//! share a run of at least 12 words (a run at most 5 events share) are
//! found from the text here, independently of the echo index, and each
//! pair's other paragraph must be among the first echoes.

mod common;

use std::collections::{HashMap, HashSet};

use verbatim::corpus;
use verbatim::model::HEADER;
use verbatim::search::Index;
use verbatim::search::echoes::EchoIndex;

/// Runs this long make a pair.
const RUN: usize = 12;

#[test]
fn paragraphs_sharing_a_rare_run_of_twelve_words_echo_each_other() {
    let loaded = corpus::load_paths(&[common::shared("corpus/kremlin-en-archive")]);
    let corpus = &loaded.corpus;
    let index = Index::build(corpus);
    let echoes = EchoIndex::build(corpus, &index);
    // Every 12-word run of folded words, and the paragraphs that have it.
    let mut runs: HashMap<Vec<String>, Vec<u32>> = HashMap::new();
    for (doc, d) in index.docs().iter().enumerate() {
        if d.block == HEADER {
            continue;
        }
        let words = verbatim::search::words::fold_words(index.text(corpus, doc as u32));
        let mut seen = HashSet::new();
        for run in words.windows(RUN) {
            if seen.insert(run) {
                runs.entry(run.to_vec()).or_default().push(doc as u32);
            }
        }
    }
    let event = |doc: u32| index.docs()[doc as usize].transcript;
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for docs in runs.values() {
        let events: HashSet<u32> = docs.iter().map(|d| event(*d)).collect();
        if !(2..=5).contains(&events.len()) {
            continue;
        }
        for a in docs {
            for b in docs {
                if event(*a) != event(*b) {
                    pairs.push((*a, *b));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let queries: HashSet<u32> = pairs.iter().map(|p| p.0).collect();
    assert!(queries.len() > 1000, "{} paragraphs", queries.len());
    // Per pair: the other paragraph among the first five echoes. Per
    // paragraph: one it shares a rare run with first, or in the first five
    // (a speech republished in five events has more echoes than five slots).
    let mut partners: HashMap<u32, HashSet<u32>> = HashMap::new();
    for (a, b) in &pairs {
        partners.entry(*a).or_default().insert(*b);
    }
    let (mut pair_five, mut first, mut five) = (0, 0, 0);
    for (a, theirs) in &partners {
        let found: Vec<u32> = echoes
            .of_doc(corpus, &index, *a, 5)
            .iter()
            .map(|e| e.doc)
            .collect();
        pair_five += theirs.iter().filter(|b| found.contains(b)).count();
        first += usize::from(found.first().is_some_and(|d| theirs.contains(d)));
        five += usize::from(found.iter().any(|d| theirs.contains(d)));
    }
    let n = partners.len();
    eprintln!(
        "echoes: {n} paragraphs share a run of 12 words or more, said in 2 to 5 events, with paragraphs of other events ({} pairs); \
         one of those is the first echo for {first} ({:.1}%) and among the first five for {five} ({:.1}%); \
         of the {} pairs, {pair_five} ({:.1}%) are in the first five",
        pairs.len(),
        first as f64 * 100.0 / n as f64,
        five as f64 * 100.0 / n as f64,
        pairs.len(),
        pair_five as f64 * 100.0 / pairs.len() as f64,
    );
    assert!(five * 100 >= n * 95, "recall@5 {five} of {n}");
}

fn verbatim(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_command_line_gives_echoes_as_text_and_json() {
    let archive = common::shared("corpus/kremlin-en-archive")
        .display()
        .to_string();
    // The first Russia-ASEAN summit's statement, said again that day.
    let out = verbatim(&["echoes", &archive, "--at", "2005-12-13_34654.txt:8"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    let fields: Vec<&str> = first.split('\t').collect();
    assert_eq!(fields[0], "2005-12-13");
    // Where it is: its file and line, and the page's address.
    assert_eq!(
        fields[3], "2005-12-13_34661.txt:7 http://en.kremlin.ru/events/president/news/34661",
        "{first}"
    );
    assert!(
        fields[4].ends_with("words, 2 events, said first"),
        "{first}"
    );
    assert!(
        fields[5].contains("further developing multilateral interaction"),
        "{first}"
    );
    let out = verbatim(&[
        "echoes",
        &archive,
        "--at",
        "2005-12-13_34654.txt:8",
        "--json",
        "--limit",
        "1",
    ]);
    let echo: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = echo["text"].as_str().unwrap();
    let [start, end] = [
        echo["in_echo"][0].as_u64().unwrap(),
        echo["in_echo"][1].as_u64().unwrap(),
    ];
    assert!(
        text[start as usize..end as usize].contains("further developing multilateral interaction"),
        "{echo}"
    );
    assert!(echo["score"].as_f64().unwrap() > 0.0);
    assert!(
        echo["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("http://en.kremlin.ru/events/president/")),
        "{echo}"
    );
    // A passage with no echo exits 1, and a line with no paragraph is an error.
    let none = verbatim(&[
        "echoes",
        "data",
        "--text",
        "nothing like this was ever said by anyone at any meeting",
    ]);
    assert_eq!(none.status.code(), Some(1));
    let bad = verbatim(&["echoes", &archive, "--at", "2005-12-13_34654.txt:1"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .contains("2005-12-13_34654.txt:1: no paragraph is on that line")
    );
}
