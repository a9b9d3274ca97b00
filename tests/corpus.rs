//! The parser against the real corpus in ../shared.

mod common;

use verbatim::check::{self, lossless_violations};
use verbatim::corpus::{self, json};
use verbatim::parse::parse_page;

#[test]
fn every_corpus_page_is_lossless() {
    let dir = common::shared("corpus/kremlin-en");
    let mut failures = Vec::new();
    let files = common::pages(&dir);
    assert_eq!(files.len(), 300);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let page = parse_page("x", &text);
        for (line, problem) in lossless_violations(&text, &page.transcript) {
            failures.push(format!("{}:{line}: {problem}", file.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn labels_agree_with_the_pages_markup() {
    let dir = common::shared("corpus/kremlin-en");
    let table = check::read_labels(&dir.join("LABELS.tsv")).unwrap();
    let loaded = corpus::load_paths(std::slice::from_ref(&dir));
    let report = check::check(&loaded, Some(&table));
    let labels = report.labels.unwrap();
    let (agree, total) = (labels.agree, labels.total);
    assert_eq!(total, 7904);
    // 99.5% is the target; today 7,899 agree, and the five others are
    // markup oddities listed in the closing note of the parser issue.
    assert!(
        agree * 1000 >= total * 995,
        "{agree} of {total} labels agree"
    );
    assert!(agree >= 7899, "regression: {agree} of {total} labels agree");
    assert_eq!(report.errors, 0);
    assert_eq!(report.unclassified, 0);
    // The summary counts what the report lists: every finding is a label
    // not found, a turn the table does not label, or a page element seen
    // in speech.
    assert_eq!(
        report.findings.len(),
        (total - agree) + labels.unlabelled + report.misplaced,
        "{}",
        report.summary()
    );
    // Only the nine Deputy Prime Ministers Dmitry Medvedev reads out
    // (2018-05-18_57492), as in the archive.
    assert_eq!(report.misplaced, 9, "page elements seen in speech");
}

/// The archive's see-also boxes (about 50 pages link several items) and
/// lists of instructions leave no date line in anyone's mouth.
#[test]
fn no_page_element_is_read_as_speech_in_the_archive() {
    let dir = common::shared("corpus/kremlin-en-archive");
    let loaded = corpus::load_paths(std::slice::from_ref(&dir));
    let report = check::check(&loaded, None);
    let listed: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.message.starts_with("page element in speech"))
        .map(ToString::to_string)
        .collect();
    // What check still sees: the Government's Deputy Prime Ministers, whom
    // Dmitry Medvedev names one a line, and are his words.
    assert_eq!(report.misplaced, 9, "{}", listed.join("\n"));
    assert!(
        listed.iter().all(|f| f.contains("2018-05-18_57492.txt:")
            && f.contains("(Dmitry Medvedev): a photo caption? \"Deputy Prime Minister")),
        "{}",
        listed.join("\n")
    );
}

#[test]
fn identity_holds_across_the_corpus() {
    let dir = common::shared("corpus/kremlin-en");
    let loaded = corpus::load_paths(&[dir]);
    let people = &loaded.corpus.people;
    // "VladimirPutin" and "Vladmir Putin", a typo in one page, are him.
    let putin: Vec<_> = people
        .iter()
        .filter(|p| p.name.to_lowercase().contains("putin"))
        .collect();
    assert_eq!(putin.len(), 1, "{putin:?}");
    assert_eq!(putin[0].id, "vladimir-putin");
    let arnold: Vec<_> = people
        .iter()
        .filter(|p| p.id.contains("schwarzenegger"))
        .collect();
    assert_eq!(arnold.len(), 1, "{arnold:?}");
    // Generic voices never become people.
    assert!(
        people
            .iter()
            .all(|p| p.id != "question" && p.id != "remark")
    );
}

#[test]
fn json_round_trip_gives_the_same_model() {
    let dir = common::shared("corpus/kremlin-en");
    let loaded = corpus::load_paths(&[dir]);
    let text = json::to_json(&loaded.corpus).unwrap();
    let back = json::from_json(&text).unwrap();
    assert_eq!(back, loaded.corpus);
}

#[test]
fn every_archive_page_loads() {
    let dir = common::shared("corpus/kremlin-en-archive");
    let loaded = corpus::load_paths(std::slice::from_ref(&dir));
    assert_eq!(
        loaded.corpus.transcripts.len() + loaded.problems.iter().filter(|p| p.is_error).count(),
        7185
    );
    let mut failures = Vec::new();
    for (transcript, file) in loaded.corpus.transcripts.iter().zip(&loaded.files) {
        let (text, _) = corpus::read_text(file).unwrap();
        for (line, problem) in lossless_violations(&text, transcript) {
            failures.push(format!("{}:{line}: {problem}", file.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} violations, first: {:?}",
        failures.len(),
        failures.first()
    );
}

/// People of the archive as its pages name them (issue 10): footer tags of
/// many-word names in reading order, a homonym told apart by role, and
/// no "person" made of a footer link or narration cut at a colon.
#[test]
fn archive_people_are_one_entry_each_and_nobody_else() {
    let dir = common::shared("corpus/kremlin-en-archive");
    let page = |name: &str| {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let parsed = parse_page("x", &text);
        (parsed.transcript, corpus::people_of(&parsed.sightings))
    };
    // Dmitry Peskov of the Agency for Strategic Initiatives is not the
    // Kremlin's press secretary, on every turn of his page.
    let (council, _) = page("2017-07-05_54983.txt");
    let peskovs: Vec<&str> = council
        .turns()
        .filter_map(|t| t.speaker.person_id())
        .filter(|id| id.starts_with("dmitry-peskov"))
        .collect();
    assert!(!peskovs.is_empty());
    assert!(
        peskovs.iter().all(|id| *id == "dmitry-peskov-asi"),
        "{peskovs:?}"
    );
    let (_, people) = page("2017-12-14_56378.txt");
    assert!(people.iter().any(|p| p.id == "dmitry-peskov"));

    let names = |file: &str| -> Vec<String> { page(file).1.into_iter().map(|p| p.name).collect() };
    let tagged: Vec<String> = common::pages(&dir)
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            text.contains("Al Nahyan Mohammed bin Zayed") || text.contains("\n3 more\n")
        })
        .flat_map(|f| names(f.file_name().unwrap().to_str().unwrap()))
        .collect();
    assert!(
        tagged.iter().any(|n| n == "Mohammed bin Zayed Al Nahyan"),
        "{tagged:?}"
    );
    assert!(
        !tagged
            .iter()
            .any(|n| n.starts_with("Nahyan") || n.starts_with("more ")),
        "{tagged:?}"
    );
}

#[test]
fn a_footer_tag_is_the_person_the_other_pages_name() {
    let page = |name: &str| common::shared(&format!("corpus/kremlin-en-archive/{name}"));
    // 57312 writes only "Miguel Diaz-Canel"; its tag turned the wrong way
    // is the man 57304 names in full.
    let loaded = corpus::load_paths(&[page("2018-04-19_57304.txt"), page("2018-04-20_57312.txt")]);
    let ids: Vec<&str> = loaded.corpus.people.iter().map(|p| p.id.as_str()).collect();
    assert!(ids.contains(&"miguel-diaz-canel-bermudez"), "{ids:?}");
    assert!(!ids.contains(&"bermudez-miguel-diaz-canel"), "{ids:?}");
    for t in &loaded.corpus.transcripts {
        assert!(
            t.footer
                .persons
                .iter()
                .any(|p| p == "miguel-diaz-canel-bermudez"),
            "{}",
            t.id
        );
    }
    // A tag already in reading order, as the page writes it.
    let loaded = corpus::load_paths(&[page("2013-03-22_17725.txt")]);
    let ids: Vec<&str> = loaded.corpus.people.iter().map(|p| p.id.as_str()).collect();
    assert!(
        ids.contains(&"xi-jinping") && !ids.contains(&"jinping-xi"),
        "{ids:?}"
    );
}

#[test]
fn a_page_without_a_date_line_is_dated_by_its_publication_date_and_says_so() {
    let path = common::shared("corpus/kremlin-en-archive/undated_17109.txt");
    let loaded = verbatim::corpus::load_paths(std::slice::from_ref(&path));
    let t = &loaded.corpus.transcripts[0];
    assert_eq!(t.date.as_deref(), Some("2012-12-10"));
    assert_eq!(t.date_line, None, "the page writes no date line");
    let mut app = verbatim::app::App::new(loaded.corpus.clone(), Vec::new());
    app.update(verbatim::app::Message::Resize {
        width: 120,
        height: 40,
    });
    app.update(verbatim::app::Action::ToggleInfo);
    let text = common::screen(&app);
    assert!(
        text.contains("2012-12-10 (from the publication date)"),
        "{text}"
    );
}
