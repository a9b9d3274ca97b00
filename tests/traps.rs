//! Hand-written pages for each trap the parser issue lists. Each page is
//! a real-shaped header and footer around the lines under test.

use verbatim::check::lossless_violations;
use verbatim::model::{Block, Speaker, Transcript};
use verbatim::parse::parse_page;

fn page(body: &str) -> String {
    format!(
        "Events\nA meeting\nThe lead.\nAugust 19, 2022\n16:15\nSochi\n{body}\nTopics\nForeign policy\n\
         Publication status\nPublished in sections: News, Transcripts\n\
         Publication date: August 19, 2022, 16:15\nText version\n"
    )
}

fn parse(body: &str) -> Transcript {
    let text = page(body);
    let t = parse_page("trap", &text).transcript;
    assert_eq!(lossless_violations(&text, &t), [], "lossless");
    t
}

/// (speaker id or voice, label, paragraphs) of each turn.
fn turns(t: &Transcript) -> Vec<(String, String, usize)> {
    t.turns()
        .map(|turn| {
            let who = match &turn.speaker {
                Speaker::Person(id) => id.clone(),
                Speaker::Voice(v) => format!("voice:{v}"),
            };
            (who, turn.label.clone(), turn.paragraphs.len())
        })
        .collect()
}

fn kinds(t: &Transcript) -> Vec<&'static str> {
    t.blocks
        .iter()
        .map(|b| match b {
            Block::Heading(_) => "heading",
            Block::Turn(t) if t.continued => "continued",
            Block::Turn(_) => "turn",
            Block::Narration { .. } => "narration",
            Block::Elision(_) => "elision",
            Block::StageDirection(_) => "stage",
            Block::Separator(_) => "separator",
            Block::PullQuote(_) => "pull-quote",
        })
        .collect()
}

#[test]
fn label_forms_all_name_their_speaker() {
    let t = parse(
        "Vladimir Putin: One.\n\
         VladimirPutin: Two.\n\
         GOVERNOR OF CALIFORNIA ARNOLD SCHWARZENEGGER: Three.\n\
         Arnold SCHWARZENEGGER: Four.\n\
         chairman of Vnesheconombank (VEB) Vladimir Dmitriev: Five.\n\
         Question (retranslated): Six?\n\
         Vladimir Putin (speaking German): Seven.\n\
         Vladimir Putin (responding to remarks by test pilot Magomed Tolboyev): Eight.\n\
         Economic Development Minister Maxim Oreshkin:\n\
         Nine.\n\
         Remark: Ten.\n\
         Audience: Eleven.",
    );
    let who: Vec<String> = turns(&t).into_iter().map(|(who, _, _)| who).collect();
    assert_eq!(
        who,
        [
            "vladimir-putin",
            "vladimir-putin",
            "arnold-schwarzenegger",
            "arnold-schwarzenegger",
            "vladimir-dmitriev",
            "voice:Question",
            "vladimir-putin",
            "vladimir-putin",
            "maxim-oreshkin",
            "voice:Remark",
            "voice:Audience",
        ]
    );
    let remarks: Vec<Option<&str>> = t.turns().map(|t| t.remark.as_deref()).collect();
    assert_eq!(remarks[5], Some("retranslated"));
    assert_eq!(remarks[6], Some("speaking German"));
}

#[test]
fn a_colon_opening_the_next_line_completes_the_label() {
    let t = parse(
        "President of Kazakhstan Kassym-Jomart Tokayev\n: Thank you, Mr President.\nSecond paragraph.",
    );
    assert_eq!(
        turns(&t),
        [(
            "kassym-jomart-tokayev".into(),
            "President of Kazakhstan Kassym-Jomart Tokayev".into(),
            2
        )]
    );
    assert_eq!(
        t.text(&t.turns().next().unwrap().paragraphs[0]),
        "Thank you, Mr President."
    );
}

#[test]
fn text_before_the_first_turn_is_narration() {
    let t = parse(
        "The President held a meeting today.\nHe said many things.\nVladimir Putin: Good afternoon.",
    );
    assert_eq!(kinds(&t), ["narration", "turn"]);
}

#[test]
fn colons_inside_sentences_do_not_start_turns() {
    let t = parse(
        "Pavel Zarubin: Let me read some questions.\n\
         My question: What do you plan to do about roads?\n\
         Alexander Repin from the Nizhny Novgorod Region: “The trash reform has been going on for months.”\n\
         Perm Territory: “Why are single-industry towns dying?”\n\
         You have an important and serious mission: to protect the country.\n\
         So, my question is:\n\
         With the Governor. Photo: RIA Novosti\n\
         Vladimir Putin: Thank you.",
    );
    // The photo's caption, credit and all, is nobody's words.
    assert_eq!(
        turns(&t),
        [
            ("pavel-zarubin".into(), "Pavel Zarubin".into(), 6),
            ("vladimir-putin".into(), "Vladimir Putin".into(), 1)
        ]
    );
    let captions: Vec<&str> = t.captions.iter().map(|c| t.text(&c.text)).collect();
    assert_eq!(captions, ["With the Governor. Photo: RIA Novosti"]);
}

#[test]
fn a_speaker_who_reads_a_quote_keeps_the_turn_when_he_speaks_plainly_elsewhere() {
    let t = parse(
        "Pavel Zarubin: Good afternoon.\nVladimir Putin: Yes.\nPavel Zarubin: “Are you an alien?”\nVladimir Putin: No.",
    );
    assert_eq!(turns(&t).len(), 4);
}

#[test]
fn appointment_lists_are_not_turns() {
    let t = parse(
        "Vladimir Putin: The candidates are:\n\
         Minister of Transport: Yevgeny Ditrikh.\n\
         Interior Minister: Vladimir Kolokoltsev.\n\
         Minister of Energy: Alexander Novak.",
    );
    assert_eq!(
        turns(&t),
        [("vladimir-putin".into(), "Vladimir Putin".into(), 4)]
    );
}

#[test]
fn marks_in_the_body_are_their_own_blocks() {
    let t = parse(
        "Beginning of Russia-Kazakhstan talks\n\
         Vladimir Putin: Welcome.\n\
         (Applause.)\n\
         We will continue.\n\
         <…>\n\
         ‹…>\n\
         ”I am sure that our trade will grow.“\n\
         * * *\n\
         ***\n\
         Kassym-Jomart Tokayev: Thank you <…> very much.",
    );
    assert_eq!(
        kinds(&t),
        [
            "heading",
            "turn",
            "stage",
            "continued",
            "elision",
            "elision",
            "pull-quote",
            "separator",
            "separator",
            "turn"
        ]
    );
    // An elision inside a paragraph stays in it.
    assert_eq!(
        t.text(&t.turns().last().unwrap().paragraphs[0]),
        "Thank you <…> very much."
    );
    // The continued turn is still Putin's.
    let continued: Vec<_> = t.turns().filter(|t| t.continued).collect();
    assert_eq!(
        continued[0].speaker,
        Speaker::Person("vladimir-putin".into())
    );
}

#[test]
fn see_also_and_inline_captions_are_kept_apart() {
    let t = parse(
        "Vladimir Putin: One.\n\
         See also\n\
         Press Statements following Russian-Uzbekistani Talks\n\
         June 10 − 11, 2010\n\
         A meeting.\n\
         Two.",
    );
    assert_eq!(t.see_also.len(), 1);
    assert_eq!(
        t.text(t.see_also[0].links[0].date.as_ref().unwrap()),
        "June 10 − 11, 2010"
    );
    // The title with a full stop is a photo caption, not Putin's words.
    assert_eq!(t.captions.len(), 1);
    assert_eq!(t.text(&t.captions[0].text), "A meeting.");
    assert_eq!(
        turns(&t),
        [("vladimir-putin".into(), "Vladimir Putin".into(), 2)]
    );
}

#[test]
fn no_break_spaces_and_trailing_spaces_do_not_matter() {
    let t = parse(
        "President of\u{a0}Russia Vladimir\u{a0}Putin:\u{a0}Good afternoon. \nThank you.\u{a0}",
    );
    assert_eq!(turns(&t)[0].0, "vladimir-putin");
    assert_eq!(
        t.text(&t.turns().next().unwrap().paragraphs[1]),
        "Thank you."
    );
}

#[test]
fn the_footer_reads_singular_sections_and_unknown_tag_columns() {
    let text = "Events\nTitle\nAugust 19, 2022\n16:15\nVladimir Putin: Hello.\nPersons\nPutin Vladimir\n\
                Publication status\nPublished in section: News\nPublication date: August 19, 2022, 16:15\nText version";
    let t = parse_page("x", text).transcript;
    assert_eq!(lossless_violations(text, &t), []);
    assert_eq!(t.footer.sections, ["News"]);
    assert_eq!(t.footer.persons, ["vladimir-putin"]);
    assert_eq!(t.place, None);
}

#[test]
fn bare_times_and_counters_in_the_body_are_text_not_header() {
    let t = parse("Vladimir Putin: We start at\n16:15\n3 of 6\nThat is all.");
    assert_eq!(
        turns(&t),
        [("vladimir-putin".into(), "Vladimir Putin".into(), 4)]
    );
}

#[test]
fn a_page_without_a_header_is_still_lossless() {
    let text = "Just one line of text\nand another: with a colon";
    let t = parse_page("x", text).transcript;
    assert_eq!(lossless_violations(text, &t), []);
}

#[test]
fn a_bare_colon_line_is_text_not_the_end_of_a_label() {
    // Found by the property harness: `Sochi` then `: ` lost line 3.
    let text = "(\nSochi\n: ";
    let t = parse_page("x", text).transcript;
    assert_eq!(lossless_violations(text, &t), []);
    assert_eq!(t.turns().count(), 0);
}

/// 2017-12-11_56357 of kremlin-en: two linked items in one box, then an
/// `Additional` box; the second item was read as Putin's last words.
#[test]
fn every_see_also_link_is_a_link_not_speech() {
    let t = parse(
        "Vladimir Putin: I wish you success.\n\
         See also\n\
         Vladimir Putin visited Khmeimim Air Base in Syria\n\
         December 11, 2017\n\
         Meeting with President of Syria Bashar al-Assad\n\
         December 11, 2017\n\
         Additional\n\
         All news about the visit to Syria\n\
         December 11, 2017",
    );
    type Links = Vec<(String, Option<String>)>;
    let boxes: Vec<(String, Links)> = t
        .see_also
        .iter()
        .map(|see| {
            let links = see
                .links
                .iter()
                .map(|l| {
                    (
                        t.text(&l.title).to_string(),
                        l.date.map(|d| t.text(&d).to_string()),
                    )
                })
                .collect();
            (t.text(&see.heading).to_string(), links)
        })
        .collect();
    let dated = |title: &str| (title.to_string(), Some("December 11, 2017".to_string()));
    assert_eq!(
        boxes,
        [
            (
                "See also".to_string(),
                vec![
                    dated("Vladimir Putin visited Khmeimim Air Base in Syria"),
                    dated("Meeting with President of Syria Bashar al-Assad"),
                ]
            ),
            (
                "Additional".to_string(),
                vec![dated("All news about the visit to Syria")]
            ),
        ]
    );
    assert_eq!(
        turns(&t),
        [("vladimir-putin".into(), "Vladimir Putin".into(), 1)]
    );
    assert!(verbatim::check::misplaced(&t).is_empty());
}

/// A box in the middle of a page ends where the speech goes on.
#[test]
fn speech_after_a_see_also_box_is_speech() {
    let t = parse(
        "Vladimir Putin: One.\n\
         See also\n\
         Trip to Crimea and Sevastopol\n\
         August 18 − 20, 2017\n\
         Greetings to Tavrida National Youth Educational Forum\n\
         July 3, 2017\n\
         Two.\n\
         Dmitry Peskov: Three.",
    );
    assert_eq!(t.see_also[0].links.len(), 2);
    assert_eq!(
        turns(&t),
        [
            ("vladimir-putin".into(), "Vladimir Putin".into(), 2),
            ("dmitry-peskov".into(), "Dmitry Peskov".into(), 1)
        ]
    );
}
