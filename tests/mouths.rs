//! No words in the wrong mouth: real pages of the archive whose words a
//! rule once gave to the wrong speaker, read from ../shared at test time.

mod common;

use verbatim::model::{Block, Speaker, Transcript};
use verbatim::parse::parse_page;

fn archive_page(name: &str) -> Transcript {
    let path = common::shared(&format!("corpus/kremlin-en-archive/{name}"));
    let text = std::fs::read_to_string(&path).unwrap();
    let page = parse_page(name, &text);
    let violations = verbatim::check::lossless_violations(&text, &page.transcript);
    assert_eq!(violations, [], "lossless");
    page.transcript
}

/// The speaker of the paragraph holding `words`, and the paragraph.
fn who_says<'t>(t: &'t Transcript, words: &str) -> Option<(&'t Speaker, &'t str)> {
    t.blocks.iter().find_map(|block| {
        let Block::Turn(turn) = block else {
            return None;
        };
        turn.paragraphs
            .iter()
            .map(|line| t.text(line))
            .find(|text| text.contains(words))
            .map(|text| (&turn.speaker, text))
    })
}

#[test]
fn a_rhetorical_question_in_the_2018_address_is_putins_own() {
    let t = archive_page("2018-03-01_56957.txt");
    // One speaker, his turn taken up again after each caption.
    let labelled: Vec<&Speaker> = t
        .turns()
        .filter(|turn| !turn.continued)
        .map(|turn| &turn.speaker)
        .collect();
    assert_eq!(labelled, [&Speaker::Person("vladimir-putin".into())]);
    assert!(
        t.turns()
            .all(|turn| turn.speaker == Speaker::Person("vladimir-putin".into()))
    );
    for words in [
        "Question: at what expense?",
        "We are not threatening anyone, not going to attack anyone",
        "Thank you.",
    ] {
        let (speaker, _) = who_says(&t, words).unwrap_or_else(|| panic!("{words:?} is nobody's"));
        assert_eq!(
            speaker,
            &Speaker::Person("vladimir-putin".into()),
            "{words}"
        );
    }
}

#[test]
fn a_voice_that_asks_nothing_is_still_a_voice() {
    let path = common::shared("corpus/kremlin-en/2017-06-15_54794.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let t = parse_page("54794", &text).transcript;
    let (speaker, said) = who_says(&t, "without microphone").unwrap();
    assert_eq!(speaker, &Speaker::Voice("Question".into()));
    assert_eq!(said, "without microphone.");
}

/// Whether a line of the page is one of its captions.
fn is_caption(t: &Transcript, line: u32) -> bool {
    t.captions.iter().any(|c| c.text.line == line)
}

#[test]
fn a_caption_that_credits_its_photo_is_a_caption_not_a_person_or_words() {
    // After the slider's counter, where its colon made "War. Photo" a person.
    for (page, line) in [("2020-06-24_63560.txt", 8), ("2019-06-04_60657.txt", 8)] {
        let t = archive_page(page);
        assert!(is_caption(&t, line), "{page}:{line}");
        assert!(
            t.turns().all(|turn| !turn.label.contains("Photo")),
            "{page}: a caption is nobody's label"
        );
    }
    // Between a speaker's paragraphs, where it was read as his words.
    let t = archive_page("2018-04-26_57367.txt");
    assert!(is_caption(&t, 60));
    assert!(who_says(&t, "Photo by Mikhail Metzel").is_none());
}

#[test]
fn speaker_keeps_an_exact_name_and_tells_namesakes_apart() {
    let archive = common::shared("corpus/kremlin-en-archive");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .args(["export", "--speaker", "peskov", "--format", "jsonl"])
        .arg(&archive)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut ids = std::collections::BTreeMap::<String, usize>::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        *ids.entry(record["speaker_id"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    // The press secretary and his namesake, each by his id; not Yury Beskov.
    assert_eq!(
        ids.keys().map(String::as_str).collect::<Vec<_>>(),
        ["dmitry-peskov", "dmitry-peskov-asi"]
    );
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
}

#[test]
fn an_editors_note_is_a_stage_direction_not_the_speakers_words() {
    let t = archive_page("2016-03-16_51521.txt");
    let note = t.blocks.iter().find_map(|b| match b {
        Block::StageDirection(line) if line.line == 20 => Some(t.text(line)),
        _ => None,
    });
    assert!(
        note.is_some_and(|n| n.starts_with("(Mr Belozerov went on to give")),
        "{note:?}"
    );
    assert!(who_says(&t, "Mr Belozerov went on to give").is_none());
}

#[test]
fn a_caption_met_under_several_photos_is_nobodys_words() {
    // "Press conference following the Russian-Hungarian talks." four
    // times between Putin's and Orban's paragraphs, with no credit.
    let t = archive_page("2018-09-18_58586.txt");
    for line in [24, 46, 57, 70] {
        assert!(is_caption(&t, line), "58586:{line}");
    }
    assert!(who_says(&t, "Press conference following the Russian-Hungarian talks").is_none());
}
