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

/// `verbatim search QUERY kremlin-en`: the speakers of every hit, and
/// what it said on standard error.
fn speakers_found(query: &str) -> (std::collections::BTreeSet<String>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .args(["search", query, "--no-cache", "--limit", "100000"])
        .arg(common::shared("corpus/kremlin-en"))
        .output()
        .unwrap();
    let names = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| line.split('\t').nth(1).unwrap().to_string())
        .collect();
    (names, String::from_utf8(out.stderr).unwrap())
}

#[test]
fn at_name_keeps_an_exact_name_and_offers_near_ones_only_when_none_is() {
    // Alexei Kapustin's 11 paragraphs are not Putin's.
    let (names, said) = speakers_found("@putin");
    assert_eq!(names.into_iter().collect::<Vec<_>>(), ["Vladimir Putin"]);
    assert_eq!(said, "");
    // No Tokayev speaks in these pages: the near name is offered, and
    // it says so.
    let (names, said) = speakers_found("@tokayev");
    assert_eq!(names.into_iter().collect::<Vec<_>>(), ["Nikolai Tokarev"]);
    assert!(
        said.contains(
            "no one named exactly as asked has a match; these are of near names: Nikolai Tokarev"
        ),
        "{said}"
    );
}

#[test]
fn the_name_of_an_exhibition_an_album_or_a_decree_is_nobody() {
    // A colon inside a name the title or lead writes too.
    let t = archive_page("2018-10-03_58713.txt");
    assert!(is_caption(&t, 8), "the slider's caption");
    for words in [
        "The two heads of state took part",
        "Speeches at the opening of the Imperial Capitals",
    ] {
        assert!(who_says(&t, words).is_none(), "{words}");
    }
    assert!(
        t.turns()
            .all(|turn| turn.speaker != Speaker::Person("imperial-capitals".into()))
    );
    assert!(is_caption(&archive_page("2018-10-10_58773.txt"), 8));
    // The one label of a news item that cannot speak alone.
    for (page, words) in [
        ("2019-12-30_62525.txt", "Putin: 20 Years (now available"),
        ("2020-01-13_62575.txt", "Putin: 20 years (20.kremlin.ru/en)"),
        ("2020-02-13_62775.txt", "Putin: 20 Years is an album"),
        (
            "2017-05-18_54515.txt",
            "Likhachov Scientific Conference Global World",
        ),
        ("2020-03-17_63003.txt", "Text of the Executive Order"),
        (
            "2020-03-17_63003.txt",
            "This Executive Order enters into force",
        ),
    ] {
        let t = archive_page(page);
        assert_eq!(t.turns().count(), 0, "{page}");
        assert!(
            t.blocks.iter().any(|b| match b {
                Block::Narration { paragraphs } =>
                    paragraphs.iter().any(|l| t.text(l).contains(words)),
                _ => false,
            }),
            "{page}: {words}"
        );
    }
}

/// The person each labelled turn of `page` goes to, by label.
fn speaker_of_label(page: &str, label: &str) -> Vec<String> {
    let t = archive_page(page);
    t.turns()
        .filter(|turn| turn.label == label)
        .map(|turn| match &turn.speaker {
            Speaker::Person(id) => id.to_string(),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn one_man_under_slips_initials_and_run_together_labels_is_one_person() {
    for (page, label, id) in [
        ("2020-04-15_63204.txt", "Vladmir Putin", "vladimir-putin"),
        ("2020-07-26_63754.txt", "Vlaidmir Putin", "vladimir-putin"),
        ("2016-03-10_51485.txt", "V.Putin", "vladimir-putin"),
        ("2017-04-17_54316.txt", "VladimirPutin", "vladimir-putin"),
        (
            "2017-05-11_54483.txt",
            "PresidentofPalestineMahmoudAbbas",
            "mahmoud-abbas",
        ),
        (
            "2017-03-16_54052.txt",
            "Minister-PresidentofBavariaHorstSeehofer",
            "horst-seehofer",
        ),
        (
            "2016-09-06_52842.txt",
            "King Hamad bin Isa Al Khalifaof Bahrain",
            "hamad-bin-isa-al-khalifa",
        ),
    ] {
        let ids = speaker_of_label(page, label);
        assert!(!ids.is_empty(), "{page}: no turn labelled {label:?}");
        assert!(
            ids.iter().all(|i| i == id),
            "{page}: {label:?} gave {ids:?}"
        );
    }
    // A role with no name is named by the role, not by its last words.
    let ids = speaker_of_label(
        "2019-11-27_62145.txt",
        "Executive Chairmanof the World Economic Forum",
    );
    assert_eq!(ids, ["executive-chairman-of-the-world-economic-forum"]);
}

#[test]
fn a_caption_met_once_between_a_speakers_paragraphs_is_a_caption() {
    for (page, line) in [
        // Who is in the photo, someone the page names.
        ("2019-02-25_59888.txt", 41),
        ("2018-03-10_57027.txt", 100),
        // Who and where.
        ("2016-03-30_51608.txt", 16),
        ("2017-10-19_55882.txt", 163),
        // Where, and with whom.
        ("2020-04-06_63157.txt", 32),
        ("2018-03-28_57143.txt", 13),
        ("2020-08-18_63904.txt", 43),
    ] {
        let t = archive_page(page);
        assert!(is_caption(&t, line), "{page}:{line}");
    }
    // Speech that opens as a caption does is still speech.
    let t = archive_page("2020-06-30_63586.txt");
    assert!(who_says(&t, "At the request of the republic’s executives").is_some());
    let t = archive_page("2020-03-17_62997.txt");
    assert!(who_says(&t, "With a past in the martial arts.").is_some());
    // A list of names read out is the reader's words.
    let t = archive_page("2018-05-18_57492.txt");
    assert!(who_says(&t, "Deputy Prime Minister Olga Golodets.").is_some());
}

#[test]
fn a_told_exchange_is_the_tellers_and_long_roles_still_label() {
    // Putin tells a question and its reply inside his own turn.
    let t = archive_page("2020-03-18_63021.txt");
    let (speaker, _) = who_says(&t, "“How much funding is required?”").unwrap();
    assert_eq!(speaker, &Speaker::Person("vladimir-putin".into()));
    // Labels with a gloss in brackets, an institution's little words, and
    // a job after a name and a comma.
    for (page, label, id) in [
        (
            "2017-07-05_54983.txt",
            "President of the All-Russia Public Organisation Delovaya Rossiya [Business Russia] Alexei Repik",
            "alexei-repik",
        ),
        (
            "2017-11-04_56002.txt",
            "Chairman of the National Council for the Coordination of Cooperation with the Russian Federation and the People's Republic of China, President of the Republic of Serbia (2012–2017) Tomislav Nikolic",
            "tomislav-nikolic",
        ),
        (
            "2018-02-14_56858.txt",
            "Alexander Duimamet, welding engineer at a branch of JSC AEM-technology ATOMMASH",
            "alexander-duimamet",
        ),
    ] {
        assert_eq!(speaker_of_label(page, label), [id], "{page}");
    }
}

#[test]
fn a_footer_tag_with_a_title_is_the_person_the_labels_name() {
    // Tag `Ruling Prince of Monaco Albert II`; label `Ruling Prince of
    // Monaco Albert II:`. One person, not a second `Prince of Monaco
    // Albert II Ruling`.
    let text = std::fs::read_to_string(common::shared(
        "corpus/kremlin-en-archive/2016-10-06_53043.txt",
    ))
    .unwrap();
    let page = parse_page("53043", &text);
    assert_eq!(page.transcript.footer.persons, ["albert-ii"]);
    assert!(
        page.transcript
            .turns()
            .any(|turn| turn.speaker == Speaker::Person("albert-ii".into()))
    );
}
