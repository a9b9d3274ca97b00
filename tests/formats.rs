//! Transcripts that are not kremlin.ru pages, read from the real samples
//! in ../shared/formats: WebVTT, SRT, the podcast namespace's JSON and
//! HTML, ParlaMint TEI.

mod common;

use std::path::PathBuf;

use verbatim::corpus::{self, Loaded};
use verbatim::model::{Block, Transcript};

fn sample(path: &str) -> PathBuf {
    common::shared("formats").join(path)
}

fn load(path: &str) -> Loaded {
    let loaded = corpus::load_paths(&[sample(path)]);
    assert!(
        loaded.problems.iter().all(|p| !p.is_error),
        "{:?}",
        loaded.problems
    );
    assert_eq!(loaded.corpus.transcripts.len(), 1);
    loaded
}

/// Each turn's speaker label and its words, white space collapsed.
fn turns(t: &Transcript) -> Vec<(String, String)> {
    t.turns()
        .map(|turn| {
            let words: Vec<&str> = turn
                .paragraphs
                .iter()
                .flat_map(|p| t.text(p).split_whitespace())
                .collect();
            (turn.label.clone(), words.join(" "))
        })
        .collect()
}

#[test]
fn the_srt_and_the_html_of_one_episode_give_the_same_turns() {
    let srt = load("podcast-namespace/example.srt");
    let html = load("podcast-namespace/example.html");
    let (srt, html) = (
        turns(&srt.corpus.transcripts[0]),
        turns(&html.corpus.transcripts[0]),
    );
    let speakers: Vec<&str> = srt.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        speakers,
        [
            "Travis", "Sarah", "Travis", "Gilon", "Travis", "Gilon", "Travis", "Sarah", "Gilon",
            "Travis"
        ]
    );
    assert_eq!(srt, html);
    assert!(
        srt[0]
            .1
            .starts_with("When you first get started in podcasting, it's almost guaranteed")
    );
}

#[test]
fn webvtt_voices_name_the_speakers_and_timings_are_kept() {
    let loaded = load("podcast-namespace/example.vtt");
    let t = &loaded.corpus.transcripts[0];
    let speakers: Vec<String> = turns(t).into_iter().map(|(s, _)| s).collect();
    assert_eq!(speakers, ["Sarah", "Gillian"]);
    // The entity is decoded; the cues of one speaker join into sentences.
    let sarah = &turns(t)[0].1;
    assert!(
        sarah.contains("Welcome to Podcasting Q&A, where you learn"),
        "{sarah}"
    );
    assert_eq!(
        t.timings.first().map(|x| (x.line, x.start_ms)),
        Some((4, 0))
    );
    assert!(t.timings.windows(2).all(|w| w[0].start_ms <= w[1].start_ms));
}

#[test]
fn podcast_json_segments_join_into_paragraphs() {
    let loaded = load("podcast-namespace/example.json");
    let t = &loaded.corpus.transcripts[0];
    assert_eq!(
        turns(t),
        [
            ("Darth Vader".to_string(), "I am your father.".to_string()),
            ("Luke".to_string(), "Nooooo".to_string())
        ]
    );
    let starts: Vec<u64> = t.timings.iter().map(|x| x.start_ms).collect();
    assert_eq!(starts, [500, 2750]);
}

#[test]
fn each_parlamint_utterance_is_a_turn_of_the_speaker_its_meta_names() {
    for (file, expected) in [
        ("parlamint-gb/ParlaMint-GB_2017-09-07-commons.xml", 4),
        ("parlamint-gb/ParlaMint-GB_2020-02-12-lords.xml", 0),
        ("parlamint-gb/ParlaMint-GB_2022-07-21-commons.xml", 0),
    ] {
        let xml = std::fs::read_to_string(sample(file)).unwrap();
        let meta = std::fs::read_to_string(sample(&file.replace(".xml", "-meta.tsv"))).unwrap();
        let utterances = xml.matches("<u ").count();
        if expected > 0 {
            assert_eq!(utterances, expected);
        }
        // The meta table's speaker of each utterance, in order.
        let names: Vec<String> = meta
            .lines()
            .skip(1)
            .map(|row| {
                let name = row.split('\t').nth(20).unwrap();
                let (surname, given) = name.split_once(", ").unwrap();
                format!("{given} {surname}")
            })
            .collect();
        let loaded = load(file);
        let t = &loaded.corpus.transcripts[0];
        let labels: Vec<String> = t
            .turns()
            .filter(|x| !x.continued)
            .map(|x| x.label.clone())
            .collect();
        assert_eq!(labels.len(), utterances, "{file}");
        assert_eq!(labels, names, "{file}");
        let roles: Vec<String> = t
            .turns()
            .filter(|x| !x.continued)
            .map(|x| x.role.clone().unwrap_or_default())
            .collect();
        assert!(
            roles
                .iter()
                .all(|r| ["chair", "regular", "guest"].contains(&r.as_str())),
            "{roles:?}"
        );
        assert!(
            t.date.as_deref().is_some_and(|d| file.contains(d)),
            "{file}: {:?}",
            t.date
        );
    }
    let loaded = load("parlamint-gb/ParlaMint-GB_2017-09-07-commons.xml");
    let t = &loaded.corpus.transcripts[0];
    let kinds: Vec<&str> = t
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading(_) => "heading",
            Block::Turn(_) => "turn",
            Block::Elision(_) => "gap",
            Block::StageDirection(_) => "note",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "heading", "turn", "turn", "gap", "turn", "turn", "note", "note"
        ]
    );
    assert_eq!(
        t.text(t.title.as_ref().unwrap()),
        "Minutes of the House of Commons, Daily Session 2017-09-07"
    );
}

#[test]
fn broken_files_are_refused_with_their_line() {
    let dir = std::env::temp_dir().join(format!("verbatim-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let cases = [
        (
            write("not.vtt", "Hello\n\n00:00:01.000 --> 00:00:02.000\nHi\n"),
            Some(1),
            "not WebVTT",
        ),
        (
            write(
                "bad.vtt",
                "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n\n00:00:00.500 --> 00:00:01.000\nBack\n",
            ),
            Some(6),
            "before the one above",
        ),
        (
            write("bad.srt", "1\n00:00:01,000 --> 00:0x:02,000\nHi\n"),
            Some(2),
            "malformed cue timing",
        ),
        (
            write(
                "laughs.xml",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>\n<TEI><text><body><u who=\"#A\"><seg>&lol2;</seg></u></body></text></TEI>\n",
            ),
            Some(2),
            "DOCTYPE is refused",
        ),
    ];
    for (path, line, message) in cases {
        let loaded = corpus::load_paths(std::slice::from_ref(&path));
        let problem = loaded
            .problems
            .iter()
            .find(|p| p.is_error)
            .unwrap_or_else(|| panic!("{}: no error", path.display()));
        assert_eq!(problem.line, line, "{}: {problem:?}", path.display());
        assert!(
            problem.message.contains(message),
            "{}: {problem:?}",
            path.display()
        );
        assert!(loaded.corpus.transcripts.is_empty());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_folder_of_every_kind_loads_as_one_corpus() {
    let dir = std::env::temp_dir().join(format!("verbatim-mixed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for file in [
        "podcast-namespace/example.vtt",
        "podcast-namespace/example.srt",
        "podcast-namespace/example.json",
        "podcast-namespace/example.html",
        "parlamint-gb/ParlaMint-GB_2017-09-07-commons.xml",
        "parlamint-gb/ParlaMint-GB_2017-09-07-commons-meta.tsv",
    ] {
        let name = file.rsplit('/').next().unwrap();
        std::fs::copy(sample(file), dir.join(name)).unwrap();
    }
    std::fs::copy(
        common::shared("corpus/kremlin-en/2020-03-19_63033.txt"),
        dir.join("2020-03-19_63033.txt"),
    )
    .unwrap();
    let loaded = corpus::load_paths(std::slice::from_ref(&dir));
    assert!(
        loaded.problems.iter().all(|p| !p.is_error),
        "{:?}",
        loaded.problems
    );
    assert_eq!(loaded.corpus.transcripts.len(), 6);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_timed_paragraph_is_cited_searched_and_exported_with_its_time() {
    let loaded = load("podcast-namespace/example.vtt");
    let corpus = &loaded.corpus;
    let t = &corpus.transcripts[0];
    // Gillian's paragraph: the second turn's first.
    let cited = verbatim::cite::cite(corpus, t, &[(1, 0)], verbatim::cite::Format::Short).unwrap();
    assert!(
        cited.text.ends_with("” — Gillian, 00:00:19"),
        "{}",
        cited.text
    );
    let vtt = sample("podcast-namespace/example.vtt");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_verbatim"))
            .args(args)
            .arg(&vtt)
            .arg("--no-cache")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let hit = run(&[
        "search",
        "do we need a podcast trailer",
        "--json",
        "--limit",
        "1",
    ]);
    let hit: serde_json::Value = serde_json::from_str(hit.lines().next().unwrap()).unwrap();
    assert_eq!(
        (hit["start"].as_f64(), hit["end"].as_f64()),
        (Some(19.08), Some(25.35))
    );
    let csv = run(&["export", "--format", "csv"]);
    assert!(
        csv.lines()
            .any(|l| l.contains(",19,19.08,25.35,\"Hi Buzzsprout")),
        "{csv}"
    );
}
