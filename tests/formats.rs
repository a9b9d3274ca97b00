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
fn a_cue_run_into_the_next_without_a_blank_line_is_two_cues() {
    let dir = std::env::temp_dir().join(format!("verbatim-cues-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files = [
        (
            "run-on.srt",
            [3, 6],
            "1\n00:00:01,000 --> 00:00:02,000\nPUTIN: Hello there.\n2\n00:00:03,000 --> 00:00:04,000\nBIDEN: Good morning.\n\n3\n00:00:05,000 --> 00:00:06,000\nThanks.\n",
        ),
        (
            "run-on.vtt",
            [4, 6],
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v PUTIN>Hello there.\n00:00:03.000 --> 00:00:04.000\n<v BIDEN>Good morning.\n\n00:00:05.000 --> 00:00:06.000\nThanks.\n",
        ),
        // A note run into a cue; the cue named `NOTE 2` is a cue.
        (
            "note.vtt",
            [6, 10],
            "WEBVTT\n\nNOTE before\nthe cues\n00:00:01.000 --> 00:00:02.000\n<v PUTIN>Hello there.\n\nNOTE 2\n00:00:03.000 --> 00:00:04.000\n<v BIDEN>Good morning.\n00:00:05.000 --> 00:00:06.000\nThanks.\n",
        ),
    ];
    for (name, [first, second], text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let loaded = corpus::load_paths(std::slice::from_ref(&path));
        assert!(loaded.problems.is_empty(), "{name}: {:?}", loaded.problems);
        let t = &loaded.corpus.transcripts[0];
        // The timing line and SubRip's number were once Putin's words.
        assert_eq!(
            turns(t),
            [
                ("PUTIN".to_string(), "Hello there.".to_string()),
                ("BIDEN".to_string(), "Good morning. Thanks.".to_string()),
            ],
            "{name}"
        );
        let starts: Vec<(u32, u64)> = t.timings.iter().map(|x| (x.line, x.start_ms)).collect();
        // The third cue goes on with Biden's paragraph, timed from its start.
        assert_eq!(starts, [(first, 1000), (second, 3000)], "{name}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A folder of every kind: the four podcast files, a ParlaMint sitting
/// with its meta table, and a kremlin.ru page.
fn mixed_folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("verbatim-{name}-{}", std::process::id()));
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
    dir
}

#[test]
fn a_folder_of_every_kind_loads_as_one_corpus() {
    let dir = mixed_folder("mixed");
    let loaded = corpus::load_paths(std::slice::from_ref(&dir));
    assert!(
        loaded.problems.iter().all(|p| !p.is_error),
        "{:?}",
        loaded.problems
    );
    // One transcript a file, each its own: the four `example` files are
    // told apart by their whole names.
    let mut ids: Vec<&str> = loaded
        .corpus
        .transcripts
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            "63033",
            "ParlaMint-GB_2017-09-07-commons.xml",
            "example.html",
            "example.json",
            "example.srt",
            "example.vtt"
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn search_copy_echoes_and_export_work_across_a_mixed_folder() {
    use verbatim::app::{Action, Effect, Message};
    let dir = mixed_folder("mixed-use");
    let loaded = corpus::load_paths(std::slice::from_ref(&dir));
    let mut app = reader(loaded, 100, 30);
    let index = verbatim::search::Index::build(&app.corpus);
    // A quote from the SRT, found from anywhere and copied with its time.
    app.update(Action::OpenSearch);
    for c in "be a guest on other podcasts".chars() {
        if let Effect::Search(request) = app.update(Action::PromptInput(c)) {
            let answer =
                verbatim::search::answer(&index, &app.corpus, &request, &|| false).unwrap();
            app.update(answer);
        }
    }
    let Effect::Copy { text, .. } = app.update(Action::CopyQuote) else {
        panic!("y copies the hit")
    };
    assert!(
        text.contains("” — Travis, example.") && text.ends_with(", 00:04:23"),
        "{text}"
    );
    // Its echo: the same words in the other copy of the episode.
    app.update(Action::PromptAccept);
    let t = app.transcript().unwrap();
    assert!(t.id.starts_with("example."), "{}", t.id);
    let opened = t.id.clone();
    let echo_index = verbatim::search::echoes::EchoIndex::build(&app.corpus, &index);
    let Effect::Echoes(request) = app.update(Action::ShowEchoes) else {
        panic!("e asks for echoes")
    };
    let answer = verbatim::search::answer::echoes(&index, &echo_index, &app.corpus, &request);
    app.update(Message::Echoes(answer));
    let list = app.echo_list().expect("the echoes are listed");
    let echoed: Vec<&str> = list
        .echoes
        .iter()
        .map(|e| app.corpus.transcripts[e.place.transcript].id.as_str())
        .collect();
    let other = if opened == "example.srt" {
        "example.html"
    } else {
        "example.srt"
    };
    assert!(echoed.contains(&other), "{opened}: {echoed:?}");
    // Export: a record a paragraph, a recording's with its start and end,
    // a page's without.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .args(["export", "--format", "jsonl"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let first_of = |id: &str| {
        records
            .iter()
            .find(|r| r["transcript"] == id)
            .unwrap_or_else(|| panic!("{id} is exported"))
    };
    assert!(first_of("example.vtt")["start"].is_f64());
    assert!(first_of("example.srt")["end"].is_f64());
    assert!(first_of("63033")["start"].is_null());
    assert!(first_of("ParlaMint-GB_2017-09-07-commons.xml")["speaker"].is_string());
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
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let hit = run(&[
        "search",
        "do we need a podcast trailer",
        "--no-cache",
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
            .any(|l| l.contains(",19.08,25.35,\"Hi Buzzsprout")),
        "{csv}"
    );
}

fn reader(loaded: Loaded, width: u16, height: u16) -> verbatim::app::App {
    let mut app = verbatim::app::App::new(loaded.corpus, loaded.problems);
    app.update(verbatim::app::Message::Resize { width, height });
    app
}

#[test]
fn the_dialogue_gives_each_paragraph_of_a_recording_its_time() {
    let mut app = reader(load("podcast-namespace/example.srt"), 100, 30);
    app.update(verbatim::app::Action::FocusNextPane);
    app.update(verbatim::app::Action::FocusNextPane);
    let text = common::screen(&app);
    insta::assert_snapshot!("timed_100x30", text);
    let rows: Vec<&str> = text.lines().collect();
    // Travis's first paragraph: its time on its first row, blanks under it.
    let first = rows
        .iter()
        .position(|r| r.contains("00:00   When you first get started"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        rows[first + 1].contains("│          almost guaranteed"),
        "{text}"
    );
    assert!(
        rows.iter().any(|r| r.contains("  00:40   So you'll")),
        "{text}"
    );
    // The header: no date, the recording's length.
    assert!(text.contains("│12:34 long   (i: info)"), "{text}");
    assert!(text.contains("│undated    example.srt"), "{text}");
}

#[test]
fn a_recording_over_an_hour_shows_hours_in_its_time_codes() {
    let dir = std::env::temp_dir().join(format!("verbatim-hours-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("long.vtt");
    std::fs::write(
        &file,
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ann>We begin.\n\n\
         01:02:03.500 --> 01:02:09.000\n<v Ben>And we end, an hour later.\n",
    )
    .unwrap();
    let loaded = corpus::load_paths(std::slice::from_ref(&file));
    let app = reader(loaded, 100, 30);
    let text = common::screen(&app);
    assert!(text.contains("00:00:01   We begin."), "{text}");
    assert!(text.contains("01:02:03   And we end"), "{text}");
    assert!(text.contains("01:02:09 long"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_word_of_every_sample_is_held_once() {
    for file in [
        "podcast-namespace/example.vtt",
        "podcast-namespace/example.srt",
        "podcast-namespace/example.json",
        "podcast-namespace/example.html",
        "parlamint-gb/ParlaMint-GB_2017-09-07-commons.xml",
        "parlamint-gb/ParlaMint-GB_2020-02-12-lords.xml",
        "parlamint-gb/ParlaMint-GB_2022-07-21-commons.xml",
    ] {
        let path = sample(file);
        let (text, _) = corpus::decode(&std::fs::read(&path).unwrap()).unwrap();
        let extension = path.extension().and_then(|e| e.to_str());
        let format = verbatim::parse::formats::format_of(extension, &text).unwrap();
        let page = verbatim::parse::parse_file_text("sample", extension, &text, None).unwrap();
        assert_eq!(
            verbatim::check::format_violations(format, &text, &page.transcript),
            Vec::<String>::new(),
            "{file}"
        );
        // The check sees a lost turn, and a turn held twice.
        let mut lost = page.transcript.clone();
        let last = lost.blocks.pop().unwrap();
        assert_ne!(
            verbatim::check::format_violations(format, &text, &lost),
            Vec::<String>::new(),
            "{file}"
        );
        lost.blocks.push(last.clone());
        lost.blocks.push(last);
        assert_ne!(
            verbatim::check::format_violations(format, &text, &lost),
            Vec::<String>::new(),
            "{file}"
        );
    }
}

#[test]
fn podcast_html_inside_a_page_keeps_its_title_headings_and_loose_text() {
    let text = "<html><head><title>Podcasting Q&amp;A</title></head><body><div class=\"t\">\n\
                <h2>Part one</h2>\n<cite>Sarah:</cite> <time>0:12</time>\n<p>Welcome &lt;back&gt;.</p>\n\
                A line outside any paragraph.\n</div></body></html>\n";
    let page = verbatim::parse::parse_file_text("ep", Some("html"), text, None).unwrap();
    let t = &page.transcript;
    assert_eq!(t.title_text(), "Podcasting Q&A");
    assert!(matches!(&t.blocks[0], Block::Heading(l) if t.text(l) == "Part one"));
    assert_eq!(
        turns(t),
        [("Sarah".to_string(), "Welcome <back>.".to_string())]
    );
    let unclassified: Vec<&str> = t.unclassified.iter().map(|l| t.text(l)).collect();
    assert_eq!(unclassified, ["A line outside any paragraph."]);
    let cited = verbatim::cite::cite(
        &corpus::assemble(vec![page.clone()]),
        t,
        &[(1, 0)],
        verbatim::cite::Format::Short,
    )
    .unwrap();
    assert!(cited.text.ends_with("— Sarah, 00:00:12"), "{}", cited.text);
    assert_eq!(
        verbatim::check::format_violations(verbatim::parse::formats::Format::PodcastHtml, text, t),
        Vec::<String>::new()
    );
}

#[test]
fn podcast_html_loose_text_against_a_paragraph_keeps_its_words() {
    // Found by the long fuzz run: `v` outside the paragraph and `gq`
    // inside were one word to the format check and two to the reader.
    use verbatim::parse::formats::Format;
    let html = "<cite>Host:</cite>\nm >-&v<p>gq and more</p>\n<p>Q&amp;A <b>bo</b>ld</p>\n a:#/d</p>k:p <p>x";
    let page = verbatim::parse::parse_file_text("generated", Some("html"), html, None).unwrap();
    let violations =
        verbatim::check::format_violations(Format::PodcastHtml, html, &page.transcript);
    assert!(violations.is_empty(), "{violations:?}");
    assert_eq!(
        turns(&page.transcript),
        [("Host".to_string(), "gq and more Q&A bold".to_string())]
    );
}
