//! Saved kremlin.ru pages (HTML) against the text copies of the same
//! pages, and against the labels their markup gives.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use verbatim::check::{self, lossless_violations};
use verbatim::corpus;
use verbatim::model::{Block, Transcript};
use verbatim::parse::{html, parse_html_page, parse_page};

fn site_page(id: &str) -> PathBuf {
    common::shared("site/en.kremlin.ru/events/president/news").join(id)
}

/// The 300 text pages of kremlin-en, each with its page's HTML.
fn pairs() -> Vec<(PathBuf, PathBuf)> {
    let files = common::pages(&common::shared("corpus/kremlin-en"));
    assert_eq!(files.len(), 300);
    files
        .into_iter()
        .map(|text| {
            let id = corpus::id_from_path(&text);
            (text, site_page(&id))
        })
        .collect()
}

fn plain(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A transcript's parts, each as the text a reader sees, by class.
fn parts(t: &Transcript) -> BTreeMap<&'static str, Vec<String>> {
    let text = |line: &verbatim::model::Line| plain(t.text(line));
    let mut parts: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut put = |class: &'static str, value: String| parts.entry(class).or_default().push(value);
    for line in t.title.iter() {
        put("title", text(line));
    }
    for line in &t.lead {
        put("lead", text(line));
    }
    put("date", t.date.clone().unwrap_or_default());
    for line in t.time.iter() {
        put("time", text(line));
    }
    for line in t.place.iter() {
        put("place", text(line));
    }
    for caption in &t.captions {
        put("captions", text(&caption.text));
    }
    for see_also in &t.see_also {
        for link in &see_also.links {
            put("see also", text(&link.title));
        }
    }
    for group in &t.footer.tags {
        for item in &group.items {
            put("tags", format!("{}: {}", text(&group.heading), text(item)));
        }
    }
    put("published", t.footer.published.clone().unwrap_or_default());
    put("sections", t.footer.sections.join(", "));
    for block in &t.blocks {
        match block {
            Block::Turn(turn) => {
                if !turn.continued {
                    put("labels", plain(&turn.label));
                }
                for p in &turn.paragraphs {
                    put("paragraphs", text(p));
                }
            }
            Block::Narration { paragraphs } => {
                for p in paragraphs {
                    put("paragraphs", text(p));
                }
            }
            Block::Heading(line) => put("headings", text(line)),
            Block::Elision(line)
            | Block::StageDirection(line)
            | Block::Separator(line)
            | Block::PullQuote(line) => put("other blocks", text(line)),
        }
    }
    parts
}

/// Which parts differ between the text copy and the HTML of each page,
/// by class: how many pages differ in each.
fn differences() -> BTreeMap<&'static str, Vec<String>> {
    let mut differ: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for (text_file, html_file) in pairs() {
        let text = std::fs::read_to_string(&text_file).unwrap();
        let html = std::fs::read_to_string(&html_file).unwrap();
        let from_text = parse_page("x", &text).transcript;
        let from_html = parse_html_page("x", &html).unwrap().transcript;
        let (a, b) = (parts(&from_text), parts(&from_html));
        // A paragraph one reading has and the other lacks is a line the
        // other placed as a caption, a heading or a label.
        let get = |m: &BTreeMap<&str, Vec<String>>, k: &str| m.get(k).cloned().unwrap_or_default();
        let elsewhere = |m: &BTreeMap<&str, Vec<String>>| -> Vec<String> {
            ["captions", "headings", "labels", "other blocks"]
                .iter()
                .flat_map(|k| get(m, k))
                .collect()
        };
        let (pa, pb) = (get(&a, "paragraphs"), get(&b, "paragraphs"));
        for (only, other, theirs) in [(&pa, &pb, elsewhere(&b)), (&pb, &pa, elsewhere(&a))] {
            for paragraph in only.iter().filter(|p| !other.contains(p)) {
                assert!(
                    theirs.contains(paragraph),
                    "{}: {paragraph:?} is lost by one reading",
                    text_file.display()
                );
            }
        }
        for class in a.keys().chain(b.keys()) {
            if a.get(class) != b.get(class) {
                let name = text_file
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                let pages = differ.entry(class).or_default();
                if !pages.contains(&name) {
                    pages.push(name);
                }
            }
        }
    }
    differ
}

#[test]
fn saved_pages_read_as_their_text_copies_do() {
    let differ = differences();
    let counts: BTreeMap<&str, usize> = differ.iter().map(|(k, v)| (*k, v.len())).collect();
    for (class, pages) in &differ {
        eprintln!("{class}: {} pages: {}", pages.len(), pages.join(" "));
    }
    // Pages that differ, by class; nothing else differs (title, lead,
    // date, time, place, see-also links, sections, publication, labels):
    // - captions: the markup names a photo's or a video's caption (an
    //   inline photo's title, a video's description, `None` where the site
    //   wrote that) that the text copy's rules took for a paragraph or a
    //   heading, or a slide caption written on two lines in its attribute,
    //   which the copy split into a caption and a paragraph;
    // - headings: those video descriptions, which text took for headings;
    // - paragraphs: the same lines, seen from the body (the loop above
    //   checks that each is placed by the other reading);
    // - tags: a Persons tag the page folds under `N more`, which a copy
    //   does not show and the HTML keeps.
    let expected = BTreeMap::from([
        ("captions", 34),
        ("headings", 7),
        ("paragraphs", 27),
        ("tags", 4),
    ]);
    assert_eq!(counts, expected);
}

#[test]
fn saved_pages_agree_with_the_labels_of_their_markup() {
    let dir = std::env::temp_dir().join(format!("verbatim-html-labels-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (text, html) in pairs() {
        let name = text.file_stem().unwrap().to_string_lossy().into_owned();
        std::fs::copy(&html, dir.join(format!("{name}.html"))).unwrap();
    }
    let table = check::read_labels(&common::shared("corpus/kremlin-en/LABELS.tsv")).unwrap();
    let loaded = corpus::load_paths(std::slice::from_ref(&dir));
    let report = check::check(&loaded, Some(&table));
    std::fs::remove_dir_all(&dir).unwrap();
    let labels = report.labels.unwrap();
    assert_eq!(labels.total, 7904);
    // The five others the table counts are not speakers: `Vladimir
    // Putin (`, bold up to the bracket of a remark (17108); `Remark` with
    // no colon, over `from the audience.` (62366); and three bold lines
    // with a colon that are sentences over a list or a heading (`Prizes
    // for young culture professionals have been awarded to`, twice in
    // 57212; `Statements following the meeting`, 62639).
    assert_eq!(labels.agree, 7899);
    assert_eq!(report.errors, 0);
}

#[test]
fn every_page_of_the_site_loads_and_nothing_is_lost() {
    let dir = common::shared("site/en.kremlin.ru/events/president/news");
    let loaded = corpus::load_paths(std::slice::from_ref(&dir));
    let errors: Vec<String> = loaded
        .problems
        .iter()
        .filter(|p| p.is_error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(loaded.corpus.transcripts.len(), 530);
    // The list pages under page/ are not event pages: passed over, said.
    let skipped = loaded
        .problems
        .iter()
        .filter(|p| p.message.contains("no kremlin.ru event"))
        .count();
    assert_eq!(skipped, 11);
    let mut failures = Vec::new();
    for transcript in &loaded.corpus.transcripts {
        let html = std::fs::read_to_string(dir.join(&transcript.id)).unwrap();
        let rendered = html::render(&html).unwrap();
        for (line, problem) in lossless_violations(&rendered.text, transcript) {
            failures.push(format!("{}:{line}: {problem}", transcript.id));
        }
        for missing in html::unrendered_text(&html) {
            failures.push(format!("{}: text not rendered: {missing:?}", transcript.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A saved event page, as small as the site's template allows.
fn page(title: &str, body: &str, persons: &[(&str, u32)]) -> String {
    let tags: String = persons
        .iter()
        .map(|(name, id)| {
            format!(r#"<li><a href="http://en.kremlin.ru/catalog/persons/{id}/events" rel="tag"><i></i>{name}</a></li>"#)
        })
        .collect();
    format!(
        r#"<!DOCTYPE html><html><body><article class="read__in hentry">
<a href="http://en.kremlin.ru/events/president/news" class="read__categ">Events</a>
<h1 class="entry-title">{title}</h1>
<div class="read__meta"><time class="read__published" datetime="2024-05-07">May 7, 2024</time>
<div class="read__time">12:00</div><div class="read__place">The Kremlin, Moscow</div></div>
<div class="entry-content">{body}</div>
<div class="read__bottommeta"><div class="read__tags">
<div class="read__tagscol"><h3>Persons</h3><ul class="read__taglist">{tags}</ul></div></div>
<div class="read__status"><h3>Publication status</h3><p>Published in sections: News, Transcripts</p>
<p>Publication date: <time datetime="2024-05-07">May 7, 2024, 12:00</time></p>
<p class="print_link_wrap">Direct link: en.kremlin.ru/d/1</p></div></div>
</article><div class="read__updated">Last updated at <time datetime="2024-05-08">May 8, 2024, 10:00</time></div></body></html>"#
    )
}

fn linked(role: &str, name: &str, id: u32) -> String {
    format!(
        r#"{role} <a href="http://en.kremlin.ru/catalog/persons/{id}/events" class="person_tag">{name}<span class="read__tooltip hidden">{name}, biography</span></a>"#
    )
}

#[test]
fn a_bold_label_is_a_speaker_and_its_link_names_the_person() {
    let body = format!(
        "<p><b>{}:</b> Good afternoon.</p>\
         <p><b>Vladimir Putin</b> (retranslated): Hello.</p>\
         <p><b>Main results</b></p>\
         <p>Question: from the floor, not in bold, still a voice.</p>\
         <p><b>Sergei Ivanov:</b> Thank you.</p>",
        linked("Minister of Transport", "Sergei Ivanov", 5)
    );
    let html = page("Meeting", &body, &[("Ivanov Sergei", 5)]);
    let page = parse_html_page("1", &html).unwrap();
    let t = &page.transcript;
    let turns: Vec<(String, Option<String>, Vec<String>)> = t
        .turns()
        .map(|turn| {
            (
                turn.label.clone(),
                turn.remark.clone(),
                turn.paragraphs
                    .iter()
                    .map(|p| t.text(p).to_string())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        turns,
        [
            (
                "Minister of Transport Sergei Ivanov".into(),
                None,
                vec!["Good afternoon.".into()]
            ),
            (
                "Vladimir Putin".into(),
                Some("retranslated".into()),
                vec!["Hello.".into()]
            ),
            (
                "Question".into(),
                None,
                vec!["from the floor, not in bold, still a voice.".into()]
            ),
            ("Sergei Ivanov".into(), None, vec!["Thank you.".into()]),
        ]
    );
    // The tooltip is hidden on the site: not a word of it is read.
    assert!(!html::render(&html).unwrap().text.contains("biography"));
    assert!(
        t.blocks
            .iter()
            .any(|b| matches!(b, Block::Heading(h) if t.text(h) == "Main results"))
    );
    assert_eq!(t.footer.updated.as_deref(), Some("2024-05-08"));
    let ivanov: Vec<Option<u32>> = page
        .sightings
        .iter()
        .filter(|s| s.id == "sergei-ivanov")
        .map(|s| s.site_id)
        .collect();
    assert_eq!(ivanov, [Some(5), Some(5), Some(5)]);
}

#[test]
fn the_sites_person_ids_decide_who_is_who_across_pages() {
    let minister = page(
        "Meeting with the Minister",
        &format!(
            "<p><b>{}:</b> Good afternoon.</p>",
            linked("Minister", "Sergei Ivanov", 5)
        ),
        &[("Ivanov Sergei", 5)],
    );
    let governor = page(
        "Meeting with the Governor",
        &format!(
            "<p><b>{}:</b> Hello.</p>",
            linked("Governor", "Sergei Ivanov", 9)
        ),
        &[("Ivanov Sergei", 9)],
    );
    let spelled = page(
        "Meeting with the Minister again",
        &format!(
            "<p><b>{}:</b> Good evening.</p>",
            linked("Minister", "Sergey Ivanov", 5)
        ),
        &[],
    );
    let corpus = corpus::assemble(
        [("1", &minister), ("2", &governor), ("3", &spelled)]
            .iter()
            .map(|(id, html)| parse_html_page(id, html).unwrap())
            .collect(),
    );
    let speaker = |i: usize| {
        corpus.transcripts[i]
            .turns()
            .next()
            .unwrap()
            .speaker
            .person_id()
            .unwrap()
            .to_string()
    };
    assert_eq!(speaker(0), "sergei-ivanov");
    assert_eq!(speaker(1), "sergei-ivanov-9");
    assert_eq!(speaker(2), "sergei-ivanov");
    assert_eq!(corpus.transcripts[1].footer.persons, ["sergei-ivanov-9"]);
    let ids: Vec<(&str, Option<u32>)> = corpus
        .people
        .iter()
        .map(|p| (p.id.as_str(), p.site_id))
        .collect();
    assert_eq!(
        ids,
        [("sergei-ivanov", Some(5)), ("sergei-ivanov-9", Some(9))]
    );
    // The JSON keeps the site's ids, and reads them back.
    let json = serde_json::to_string(&corpus).unwrap();
    assert!(json.contains(r#""site_id":9"#), "{json}");
    let back: verbatim::model::Corpus = serde_json::from_str(&json).unwrap();
    assert_eq!(back.people, corpus.people);
}
