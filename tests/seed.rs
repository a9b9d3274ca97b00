//! The seed page, parsed exactly.

mod common;

use verbatim::corpus::{self, json};
use verbatim::model::{Block, Speaker};
use verbatim::parse::parse_page;

#[test]
fn seed_page_parses_to_its_exact_structure() {
    let page = parse_page("seed", &common::seed_text());
    let t = &page.transcript;
    let text = |l: &verbatim::model::Line| t.text(l).to_string();
    assert_eq!(text(t.section.as_ref().unwrap()), "Events");
    assert_eq!(
        t.title_text(),
        "Meeting with President of Kazakhstan Kassym-Jomart Tokayev"
    );
    assert_eq!(t.lead.len(), 1);
    assert_eq!(
        text(&t.lead[0]),
        "Vladimir Putin met with President of the Republic of Kazakhstan Kassym-Jomart Tokayev in Sochi."
    );
    assert_eq!(t.date.as_deref(), Some("2022-08-19"));
    assert_eq!(text(t.time.as_ref().unwrap()), "16:15");
    assert_eq!(text(t.place.as_ref().unwrap()), "Sochi");
    assert_eq!(t.captions.len(), 1);
    assert_eq!(text(t.captions[0].counter.as_ref().unwrap()), "3 of 6");
    assert!(text(&t.captions[0].text).starts_with("With President of Kazakhstan"));

    let kinds: Vec<&str> = t
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading(_) => "heading",
            Block::Turn(_) => "turn",
            Block::Elision(_) => "elision",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        ["heading", "turn", "turn", "turn", "turn", "elision"]
    );
    let Block::Heading(heading) = &t.blocks[0] else {
        unreachable!()
    };
    assert_eq!(text(heading), "Beginning of Russia-Kazakhstan talks");

    let turns: Vec<_> = t.turns().collect();
    let summary: Vec<(&Speaker, usize)> = turns
        .iter()
        .map(|t| (&t.speaker, t.paragraphs.len()))
        .collect();
    let putin = Speaker::Person("vladimir-putin".into());
    let tokayev = Speaker::Person("kassym-jomart-tokayev".into());
    assert_eq!(
        summary,
        [(&putin, 5), (&tokayev, 5), (&putin, 2), (&tokayev, 1)]
    );
    assert_eq!(turns[0].label, "President of Russia Vladimir Putin");
    assert_eq!(turns[0].role.as_deref(), Some("President of Russia"));
    // The label stands alone; its colon opens the next line.
    assert_eq!(turns[1].label_line, 15);
    assert_eq!(turns[1].paragraphs[0].line, 16);
    assert!(text(&turns[1].paragraphs[0]).starts_with("Thank you, Mr President"));
    assert_eq!(text(&turns[3].paragraphs[0]), "Thank you.");

    let footer = &t.footer;
    let tags: Vec<(&str, Vec<&str>)> = footer
        .tags
        .iter()
        .map(|g| {
            (
                t.text(&g.heading),
                g.items.iter().map(|i| t.text(i)).collect(),
            )
        })
        .collect();
    assert_eq!(
        tags,
        [
            ("Geography", vec!["Kazakhstan"]),
            ("Topics", vec!["Foreign policy"]),
            ("Persons", vec!["Tokayev Kassym-Jomart"])
        ]
    );
    assert_eq!(footer.persons, ["kassym-jomart-tokayev"]);
    assert_eq!(footer.sections, ["News", "Transcripts"]);
    assert_eq!(footer.published.as_deref(), Some("2022-08-19T16:15"));
    assert_eq!(footer.text_version.as_ref().unwrap().line, 34);
    assert!(t.unclassified.is_empty());
}

#[test]
fn seed_people_are_two_with_their_roles() {
    let corpus = corpus::bundled::corpus();
    let people: Vec<(&str, &str, Option<&str>)> = corpus
        .people
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str(), p.role.as_deref()))
        .collect();
    assert_eq!(
        people,
        [
            (
                "vladimir-putin",
                "Vladimir Putin",
                Some("President of Russia")
            ),
            (
                "kassym-jomart-tokayev",
                "Kassym-Jomart Tokayev",
                Some("President of Kazakhstan")
            ),
        ]
    );
}

#[test]
fn seed_page_is_lossless() {
    let text = common::seed_text();
    let page = parse_page("seed", &text);
    assert_eq!(
        verbatim::check::lossless_violations(&text, &page.transcript),
        []
    );
}

#[test]
fn seed_json_matches_the_golden_file() {
    insta::assert_snapshot!(json::to_json(&corpus::bundled::corpus()).unwrap());
}
