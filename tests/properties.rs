//! Properties of the page parser, the readers of the other formats
//! (WebVTT, SRT, podcast JSON and HTML, ParlaMint TEI) and the JSON loader
//! on generated input: no panic, nothing lost, the same answer twice, and
//! JSON that loads back to the same model. The quick runs are ordinary tests; the long fuzz runs
//! are `#[ignore]`d and run with
//! `VERBATIM_FUZZ_SECONDS=600 cargo test --release --test properties -- --ignored --nocapture`.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use verbatim::check::lossless_violations;
use verbatim::corpus::{self, decode, json};
use verbatim::parse::parse_page;

/// Lines that real pages have, traps among them.
const REAL: &[&str] = &[
    "Events",
    "Meeting with President of Kazakhstan Kassym-Jomart Tokayev",
    "August 19, 2022",
    "June 10 − 11, 2010",
    "16:15",
    "Sochi",
    "The Kremlin, Moscow",
    "3 of 6",
    "Beginning of Russia-Kazakhstan talks",
    "President of Russia Vladimir Putin: Mr Tokayev, I am very happy to see you.",
    "President of Kazakhstan Kassym-Jomart Tokayev",
    ": Thank you, Mr President.",
    "Vladimir Putin: Thank you.",
    "VladimirPutin: Yes.",
    "Question (retranslated): Mr President?",
    "Economic Development Minister Maxim Oreshkin:",
    "My question: What do you plan to do?",
    "Perm Territory: “Why are single-industry towns dying?”",
    "Minister of Transport: Yevgeny Ditrikh.",
    "So, my question is:",
    "<…>",
    "‹…>",
    "* * *",
    "(Applause.)",
    "”I am sure that the value of integration lies in the simple.“",
    "See also",
    "Additional",
    "Geography",
    "Topics",
    "Persons",
    "Putin Vladimir",
    "Publication status",
    "Published in sections: News, Transcripts",
    "Published in section: News",
    "Publication date: August 19, 2022, 16:15",
    "Text version",
    "Direct Line with Vladimir Putin.",
    "",
    " ",
    "\u{a0}",
];

/// One line: a real one, a mangled real one, or anything at all.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(REAL).prop_map(str::to_string),
        2 => (proptest::sample::select(REAL), any::<String>()).prop_map(|(a, b)| format!("{a}{b}")),
        2 => (any::<String>(), proptest::sample::select(REAL)).prop_map(|(a, b)| format!("{a}: {b}")),
        2 => any::<String>(),
        1 => "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}:()<>…*“”a-zA-Z ]{0,40}",
    ]
}

/// A page as bytes: lines joined by LF, CRLF or CR, sometimes behind a BOM.
fn page() -> impl Strategy<Value = Vec<u8>> {
    (
        proptest::collection::vec(line(), 0..60),
        0..3usize,
        any::<bool>(),
    )
        .prop_map(|(lines, ending, bom)| {
            let ending = ["\n", "\r\n", "\r"][ending];
            let mut bytes = if bom {
                vec![0xEF, 0xBB, 0xBF]
            } else {
                Vec::new()
            };
            bytes.extend(lines.join(ending).into_bytes());
            bytes
        })
}

/// Every property, on one page. Returns a description of what failed.
fn check_page(bytes: &[u8]) -> Result<(), String> {
    let Ok((text, _)) = decode(bytes) else {
        return Ok(()); // refused (empty or binary): a clear error, not a parse
    };
    let page = parse_page("generated", &text);
    let violations = lossless_violations(&text, &page.transcript);
    if !violations.is_empty() {
        return Err(format!("lossless: {violations:?}"));
    }
    if parse_page("generated", &text) != page {
        return Err("parsing twice gave two answers".into());
    }
    survives_json(page)
}

/// A page's corpus written as JSON and read back is the same model.
fn survives_json(page: verbatim::parse::ParsedPage) -> Result<(), String> {
    let corpus = corpus::assemble(vec![page]);
    match json::from_json(&json::to_json(&corpus).unwrap()) {
        Ok(back) if back == corpus => Ok(()),
        Ok(_) => Err("JSON round trip changed the model".into()),
        Err(e) => Err(format!("JSON round trip failed: {e}")),
    }
}

/// The JSON loader on anything: a valid corpus mangled, or raw bytes.
fn check_json(text: &str) -> Result<(), String> {
    if let Ok(corpus) = json::from_json(text) {
        let again = json::from_json(&json::to_json(&corpus).unwrap()).map_err(|e| e.to_string())?;
        if again != corpus {
            return Err("a loaded corpus does not survive a second round trip".into());
        }
    }
    Ok(())
}

fn seed_json() -> String {
    json::to_json(&corpus::bundled::corpus()).unwrap()
}

fn mangled_json() -> impl Strategy<Value = String> {
    let seed = seed_json();
    (0..seed.len(), 0..seed.len(), any::<String>(), 0..4usize).prop_map(
        move |(a, b, insert, how)| {
            let (a, b) = (a.min(b), a.max(b));
            let mut s = seed.clone();
            let boundary = |s: &String, mut i: usize| {
                while !s.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            let (a, b) = (boundary(&s, a), boundary(&s, b));
            match how {
                0 => s.truncate(a),
                1 => s.replace_range(a..b, &insert),
                2 => s.insert_str(a, &insert),
                _ => s = insert,
            }
            s
        },
    )
}

/// The seed corpus with every text field of it (dates, names, titles,
/// roles, paragraphs) replaced by generated strings, as a file would be.
fn corpus_of_any_strings() -> impl Strategy<Value = String> {
    let seed: serde_json::Value = serde_json::from_str(&seed_json()).unwrap();
    const HOSTILE: &[&str] = &[
        "２０１８年十月",
        "2018-1０-03",
        "\u{1b}[2J\u{1b}]0;title\u{7}",
        "\u{202e}droW",
        "",
        " ",
        "é\u{301}\u{301}\u{301}",
        "👩‍👩‍👧‍👦👩‍👩‍👧‍👦",
        "2018-13-45",
    ];
    let string = prop_oneof![
        any::<String>(),
        proptest::sample::select(HOSTILE).prop_map(str::to_string),
    ];
    proptest::collection::vec(string, 1..40).prop_map(move |strings| {
        fn replace(value: &mut serde_json::Value, key: &str, strings: &[String], at: &mut usize) {
            match value {
                // The format and the kinds of block are the file's shape.
                serde_json::Value::String(text) if key != "format" && key != "kind" => {
                    *text = strings[*at % strings.len()].clone();
                    *at += 1;
                }
                serde_json::Value::Array(items) => {
                    for item in items {
                        replace(item, key, strings, at);
                    }
                }
                serde_json::Value::Object(fields) => {
                    for (key, field) in fields.iter_mut() {
                        replace(field, key, strings, at);
                    }
                }
                _ => {}
            }
        }
        let mut corpus = seed.clone();
        replace(&mut corpus, "", &strings, &mut 0);
        corpus.to_string()
    })
}

/// Loads a corpus file and draws the reader on it at several sizes, with
/// its popups and views open: whatever the strings, nothing panics.
fn check_drawn(text: &str) -> Result<(), String> {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use verbatim::app::{Action, App, Message};
    let dir = std::env::temp_dir().join(format!("verbatim-any-strings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let path = dir.join("corpus.json");
    std::fs::write(&path, text).map_err(|e| e.to_string())?;
    let loaded = corpus::load_paths(std::slice::from_ref(&path));
    if loaded.corpus.transcripts.is_empty() {
        return Ok(()); // refused with a message naming the file
    }
    let mut app = App::new(loaded.corpus, loaded.problems);
    for (width, height) in [(20, 6), (80, 24), (200, 50)] {
        app.update(Message::Resize { width, height });
        for action in [
            Action::ToggleInfo,
            Action::ToggleInfo,
            Action::ShowPeople,
            Action::PromptAccept,
            Action::PromptCancel,
            Action::PromptCancel,
            Action::FocusNextPane,
            Action::HighlightCurrentSpeaker,
            Action::Bottom,
        ] {
            app.update(action);
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal
                .draw(|frame| verbatim::ui::draw(frame, &app))
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

proptest! {
    // Each case loads a file and draws twenty-seven screens.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_corpus_of_any_strings_loads_and_draws(text in corpus_of_any_strings()) {
        check_drawn(&text).map_err(TestCaseError::fail)?;
    }
}

/// Text a cue, segment or utterance says: real pieces with their traps
/// (tags, entities, labels, stray `<`), or anything on one line.
fn spoken() -> impl Strategy<Value = String> {
    const SAID: &[&str] = &[
        "Thank you, Mr Speaker.",
        "<v Sarah>In today's episode",
        "<v.loud Ann Lee>Stop!</v>",
        "<i>so</i> yes",
        "<c.yellow>colour</c> and <b>bold</b>",
        "- Where to?",
        "Travis: Be a guest on other",
        "Q&amp;A &lt;b&gt; literal &#39;quoted&#39; &bogus; & alone",
        "a < b and c > d",
        "<unclosed",
        "NOTE this is not a note",
        "00:00:01.000 --> not a timing",
        "Question: What now?",
        "1",
        "",
    ];
    prop_oneof![
        4 => proptest::sample::select(SAID).prop_map(str::to_string),
        2 => (proptest::sample::select(SAID), "[^\\n\\r]{0,20}").prop_map(|(a, b)| format!("{a}{b}")),
        1 => "[^\\n\\r]{0,40}",
        1 => "[<>&;:#a-z/ v\\-]{0,30}",
    ]
}

/// Cue starts in milliseconds: mostly in order, sometimes not.
fn starts() -> impl Strategy<Value = Vec<u64>> {
    (
        proptest::collection::vec(0u64..50_000, 0..12),
        any::<bool>(),
    )
        .prop_map(|(gaps, in_order)| {
            let mut at = 0;
            gaps.into_iter()
                .map(|gap| {
                    at += gap;
                    if in_order { at } else { gap * 7 }
                })
                .collect()
        })
}

fn stamp(ms: u64, comma: bool) -> String {
    let s = ms / 1000;
    let dot = if comma { ',' } else { '.' };
    format!(
        "{:02}:{:02}:{:02}{dot}{:03}",
        s / 3600,
        s / 60 % 60,
        s % 60,
        ms % 1000
    )
}

/// A timing line: well formed, or broken in one of the ways files are.
fn timing(start: u64, broken: u8, comma: bool) -> String {
    let end = start + 1500;
    match broken {
        0 => format!("{} --> {}", stamp(start, comma), stamp(end, comma)),
        1 => format!(
            "{} --> {} align:start position:10%",
            stamp(start, comma),
            stamp(end, comma)
        ),
        2 => format!("{} -> {}", stamp(start, comma), stamp(end, comma)),
        3 => format!("{} --> {}", stamp(end, comma), stamp(start, comma)),
        _ => format!("99:99 --> {}", stamp(end, comma)),
    }
}

/// A WebVTT or SRT file: cues of one to three lines, an id or number
/// before some, `NOTE` blocks among them, blank lines sometimes missing.
fn cue_file(vtt: bool) -> impl Strategy<Value = String> {
    let cue = (
        proptest::collection::vec(spoken(), 1..4),
        prop_oneof![8 => Just(0u8), 1 => 1u8..5],
        any::<bool>(),
        0u8..10,
    );
    (starts(), proptest::collection::vec(cue, 12), any::<bool>()).prop_map(
        move |(starts, cues, header_title)| {
            let mut out = if vtt {
                String::from(if header_title {
                    "WEBVTT - a title\n\n"
                } else {
                    "WEBVTT\n\n"
                })
            } else {
                String::new()
            };
            for (n, (start, (lines, broken, with_id, extra))) in starts.iter().zip(cues).enumerate()
            {
                if vtt && extra == 0 {
                    out.push_str("NOTE a comment\nover two lines\n\n");
                }
                if with_id || !vtt {
                    out.push_str(&format!("{}\n", n + 1));
                }
                out.push_str(&timing(*start, broken, !vtt));
                out.push('\n');
                out.push_str(&lines.join("\n"));
                // Now and then the blank line between cues is missing.
                out.push_str(if extra == 1 { "\n" } else { "\n\n" });
            }
            out
        },
    )
}

/// A podcast JSON transcript: segments with a speaker or none, times in
/// order, out of order, negative or missing.
fn podcast_json() -> impl Strategy<Value = String> {
    let segment = (
        proptest::option::of(proptest::sample::select(
            &["Darth Vader", "Luke", "", "<b>X</b>"][..],
        )),
        spoken(),
        prop_oneof![6 => (0.0f64..100.0).prop_map(Some), 1 => Just(None), 1 => Just(Some(-1.0))],
    );
    proptest::collection::vec(segment, 0..20).prop_map(|segments| {
        let mut at = 0.0;
        let segments: Vec<serde_json::Value> = segments
            .into_iter()
            .map(|(speaker, body, time)| {
                let mut value = serde_json::json!({ "body": body });
                if let Some(speaker) = speaker {
                    value["speaker"] = serde_json::json!(speaker);
                }
                if let Some(time) = time {
                    at += time.abs() / 10.0;
                    let start = if time < 0.0 { time } else { at };
                    value["startTime"] = serde_json::json!(start);
                    value["endTime"] = serde_json::json!(at + 0.5);
                }
                value
            })
            .collect();
        serde_json::json!({ "version": "1.0.0", "segments": segments }).to_string()
    })
}

/// Podcast HTML: cited speakers, times and paragraphs, sometimes inside a
/// page with a title, headings and loose text.
fn podcast_html() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        proptest::sample::select(&["Travis", "Sarah", "", "Q&amp;A"][..])
            .prop_map(|name| format!("<cite>{name}:</cite>\n")),
        (0u32..5000).prop_map(|s| format!("<time>{}:{:02}</time>\n", s / 60, s % 60)),
        Just("<time>garbage</time>\n".to_string()),
        spoken().prop_map(|text| format!("<p>{text}</p>\n")),
        spoken().prop_map(|text| format!("<h2>{text}</h2>\n")),
        spoken().prop_map(|text| format!("{text}\n")),
        Just("<div class=\"x\">\n".to_string()),
        Just("</div>\n".to_string()),
    ];
    (proptest::collection::vec(part, 0..20), any::<bool>()).prop_map(|(parts, page)| {
        let body = parts.concat();
        if page {
            format!("<html><head><title>An episode</title></head><body>\n<cite>Host:</cite>\n{body}</body></html>\n")
        } else {
            format!("<cite>Host:</cite>\n{body}")
        }
    })
}

/// ParlaMint TEI: utterances of segments, with headings, notes, gaps and
/// incidents between and inside them.
fn tei() -> impl Strategy<Value = String> {
    let escape = |text: String| text.replace('&', "&amp;").replace('<', "&lt;");
    let part = prop_oneof![
        (
            proptest::sample::select(&["#LindsayHoyle", "#A", ""][..]),
            proptest::collection::vec(spoken(), 1..3)
        )
            .prop_map(move |(who, segs)| {
                let segs: String = segs
                    .into_iter()
                    .map(|s| format!("<seg>{}</seg>", escape(s)))
                    .collect();
                format!("<u who=\"{who}\" ana=\"#chair\" xml:id=\"u1\">{segs}</u>\n")
            }),
        spoken().prop_map(move |s| format!("<head>{}</head>\n", escape(s))),
        spoken().prop_map(move |s| format!("<note>{}</note>\n", escape(s))),
        Just("<gap reason=\"inaudible\"/>\n".to_string()),
        Just("<gap><desc>a word</desc></gap>\n".to_string()),
        Just("<incident><desc>Interruption.</desc></incident>\n".to_string()),
        Just("<u who=\"#B\"><seg>Yes <note>aside</note> indeed</seg></u>\n".to_string()),
    ];
    (proptest::collection::vec(part, 0..12), any::<bool>()).prop_map(|(parts, doctype)| {
        let doctype = if doctype { "<!DOCTYPE TEI [<!ENTITY a \"aaaa\">]>\n" } else { "" };
        format!(
            "<?xml version=\"1.0\"?>\n{doctype}<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt>\
             <title type=\"sub\">A sitting</title></titleStmt></fileDesc></teiHeader>\n<text><body><div>\n{}</div></body></text></TEI>\n",
            parts.concat()
        )
    })
}

/// Every property, on a file of another format: it reads or is refused
/// with a line; what it reads keeps every word, reads the same twice and
/// survives JSON.
fn check_format(extension: &str, text: &str) -> Result<(), String> {
    use verbatim::parse::formats::format_of;
    let page = match verbatim::parse::parse_file_text("generated", Some(extension), text, None) {
        Ok(page) => page,
        Err(error) if !error.to_string().is_empty() => return Ok(()),
        Err(_) => return Err("refused without a word why".into()),
    };
    if let Some(format) = format_of(Some(extension), text) {
        let violations = verbatim::check::format_violations(format, text, &page.transcript);
        if !violations.is_empty() {
            return Err(format!("words lost or added: {violations:?}"));
        }
    }
    if verbatim::parse::parse_file_text("generated", Some(extension), text, None)
        .ok()
        .as_ref()
        != Some(&page)
    {
        return Err("parsing twice gave two answers".into());
    }
    survives_json(page)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn generated_webvtt_keeps_every_property(text in cue_file(true)) {
        check_format("vtt", &text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn generated_srt_keeps_every_property(text in cue_file(false)) {
        check_format("srt", &text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn generated_podcast_json_keeps_every_property(text in podcast_json()) {
        check_format("json", &text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn generated_podcast_html_keeps_every_property(text in podcast_html()) {
        check_format("html", &text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn generated_tei_keeps_every_property(text in tei()) {
        check_format("xml", &text).map_err(TestCaseError::fail)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn generated_pages_keep_every_property(bytes in page()) {
        check_page(&bytes).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn the_json_loader_never_panics(text in mangled_json()) {
        check_json(&text).map_err(TestCaseError::fail)?;
    }
}

/// Runs `strategy` through `property` until the time budget is spent;
/// prints the number of executions. A failure prints the input.
fn fuzz<S: Strategy>(name: &str, strategy: S, property: impl Fn(&S::Value) -> Result<(), String>)
where
    S::Value: std::fmt::Debug,
{
    let seconds: u64 = std::env::var("VERBATIM_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let mut runner = TestRunner::default();
    let start = Instant::now();
    let mut executions: u64 = 0;
    while start.elapsed() < Duration::from_secs(seconds) {
        let value = strategy
            .new_tree(&mut runner)
            .expect("a generated case")
            .current();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| property(&value)));
        executions += 1;
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(message)) => panic!("{name}: {message}\ninput: {value:?}"),
            Err(_) => panic!("{name}: panicked on input: {value:?}"),
        }
    }
    println!(
        "{name}: {executions} executions in {} s, no failure",
        start.elapsed().as_secs()
    );
}

#[test]
#[ignore = "long fuzz run; see the module docs"]
fn fuzz_the_page_parser() {
    fuzz("page parser", page(), |bytes| check_page(bytes));
}

#[test]
#[ignore = "long fuzz run; see the module docs"]
fn fuzz_the_format_readers() {
    fuzz("WebVTT reader", cue_file(true), |text| {
        check_format("vtt", text)
    });
    fuzz("SRT reader", cue_file(false), |text| {
        check_format("srt", text)
    });
    fuzz("podcast JSON reader", podcast_json(), |text| {
        check_format("json", text)
    });
    fuzz("podcast HTML reader", podcast_html(), |text| {
        check_format("html", text)
    });
    fuzz("TEI reader", tei(), |text| check_format("xml", text));
}

#[test]
#[ignore = "long fuzz run; see the module docs"]
fn fuzz_the_json_loader() {
    fuzz("JSON loader", mangled_json(), |text| check_json(text));
}
