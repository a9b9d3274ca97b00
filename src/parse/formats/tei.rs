//! ParlaMint TEI: a sitting's utterances (`<u who ana>`, a turn; each
//! `<seg>` a paragraph), headings, and what the record notes beside the
//! speech (`<note>`, `<kinesic>`, `<incident>`, `<vocal>`: stage
//! directions; `<gap>`: an elision). The title, date and place come from
//! the teiHeader; a speaker's name from the file's own person list, else
//! from the corpus's meta TSV beside it, else from the id (`#LindsayHoyle`,
//! Lindsay Hoyle). A DOCTYPE is refused, so no entity is ever expanded.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::{FormatError, Timed};
use crate::model::{Block, LineNo};
use crate::parse::ParsedPage;

pub fn parse(id: &str, text: &str) -> Result<ParsedPage, FormatError> {
    parse_with_meta(id, text, None)
}

/// `meta`: the `-meta.tsv` ParlaMint gives beside each file, whose
/// `ID` and `Speaker_name` columns name each utterance's speaker.
pub fn parse_with_meta(
    id: &str,
    text: &str,
    meta: Option<&str>,
) -> Result<ParsedPage, FormatError> {
    let names_by_utterance = meta.map(meta_names).unwrap_or_default();
    let mut reader = Reader::from_str(text);
    let mut lines = super::LineCounter::new(text);
    let mut line_at =
        |position: u64| lines.line_at(usize::try_from(position).unwrap_or(usize::MAX));
    let mut timed = Timed::new(id, id);
    let mut path: Vec<String> = Vec::new();
    let mut buffer = String::new();
    let mut buffer_line: LineNo = 0;
    let mut persons: HashMap<String, String> = HashMap::new();
    let mut person: Option<String> = None;
    let mut header = Header::default();
    let mut utterance: Option<(Option<String>, Option<String>)> = None;
    loop {
        let position = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| FormatError::at(line_at(position), format!("not well-formed XML: {e}")))?;
        match event {
            Event::DocType(_) => {
                return Err(FormatError::at(
                    line_at(position),
                    "XML with a DOCTYPE is refused (its entities are never expanded)",
                ));
            }
            Event::Eof => break,
            Event::Start(start) => {
                let name = start.local_name().into_inner().to_string();
                // Text before a child (`<seg>Yes <note>aside</note> indeed</seg>`)
                // is said before it.
                if path.iter().any(|p| p == "body") {
                    let in_seg = path.last().is_some_and(|p| p == "seg");
                    loose_text(
                        &mut timed,
                        &buffer,
                        buffer_line,
                        in_seg.then_some(&utterance),
                    );
                }
                let attribute = |key: &str| {
                    start
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().into_inner() == key)
                        .and_then(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .ok()
                                .map(|v| v.into_owned())
                        })
                };
                match name.as_str() {
                    "person" => person = attribute("id"),
                    "title" => header.title_type = attribute("type"),
                    "u" => {
                        let who = attribute("who").map(|w| w.trim_start_matches('#').to_string());
                        let speaker = attribute("id")
                            .and_then(|u| names_by_utterance.get(&u).cloned())
                            .or_else(|| who.as_ref().and_then(|w| persons.get(w).cloned()))
                            .or_else(|| who.as_deref().map(spaced_id));
                        let role = attribute("ana").map(|a| {
                            a.split_whitespace()
                                .next()
                                .unwrap_or("")
                                .trim_start_matches('#')
                                .to_string()
                        });
                        utterance = Some((speaker, role));
                    }
                    "date"
                        if path.iter().any(|p| p == "setting")
                            || path.iter().any(|p| p == "bibl") =>
                    {
                        if let Some(when) = attribute("when") {
                            header.date.get_or_insert(when);
                        }
                    }
                    _ => {}
                }
                path.push(name);
                buffer.clear();
                buffer_line = line_at(reader.buffer_position());
            }
            Event::Empty(start) => {
                let name = start.local_name().into_inner().to_string();
                let when = start
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == "when")
                    .and_then(|a| {
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .ok()
                            .map(|v| v.into_owned())
                    });
                if name == "date"
                    && path.iter().any(|p| p == "setting" || p == "bibl")
                    && let Some(when) = when
                {
                    header.date.get_or_insert(when);
                }
                if name == "gap" {
                    let line = line_at(position);
                    timed.block(|t| Block::Elision(t.add_line(line, "<…>")), false);
                }
            }
            Event::Text(t) => buffer.push_str(&t.xml10_content()),
            Event::CData(t) => buffer.push_str(&t.into_inner()),
            Event::GeneralRef(r) => {
                // One it does not know stays as written (`&amp;` is `&`).
                let name = r.xml10_content();
                buffer.push_str(&super::decode_entities(&format!("&{name};")));
            }
            Event::End(end) => {
                let name = end.local_name().into_inner().to_string();
                let inside = |tag: &str| path.iter().any(|p| p == tag);
                let text_here = buffer.split_whitespace().collect::<Vec<_>>().join(" ");
                match name.as_str() {
                    // The sub-title names the sitting; the main one the corpus.
                    "title" if inside("titleStmt") && !inside("bibl") => {
                        match header.title_type.as_deref() {
                            Some("sub") => header.title = Some(text_here.clone()),
                            _ => {
                                header.main_title.get_or_insert(text_here.clone());
                            }
                        }
                    }
                    "name" if inside("setting") && !text_here.is_empty() => {
                        header.places.push(text_here.clone());
                    }
                    "persName" if person.is_some() => {
                        if let Some(id) = &person {
                            persons.entry(id.clone()).or_insert(text_here.clone());
                        }
                    }
                    "person" => person = None,
                    "head" if inside("body") => {
                        let line = buffer_line;
                        timed.block(|t| Block::Heading(t.add_line(line, &text_here)), true);
                    }
                    "seg" if inside("u") => {
                        let (speaker, role) = utterance.clone().unwrap_or_default();
                        timed.paragraph_break();
                        timed.unit(
                            speaker.as_deref(),
                            role.as_deref(),
                            &text_here,
                            buffer_line,
                            None,
                        );
                        timed.paragraph_break();
                    }
                    "note" | "kinesic" | "incident" | "vocal"
                        if inside("body") && !text_here.is_empty() =>
                    {
                        let line = buffer_line;
                        timed.block(
                            |t| Block::StageDirection(t.add_line(line, &text_here)),
                            !inside("u"),
                        );
                    }
                    "desc" if inside("body") && !text_here.is_empty() => {
                        let line = buffer_line;
                        let parent = path.iter().rev().nth(1).cloned().unwrap_or_default();
                        if parent == "gap" {
                            timed.block(
                                |t| Block::Elision(t.add_line(line, &format!("<… {text_here} …>"))),
                                false,
                            );
                        } else {
                            timed.block(
                                |t| Block::StageDirection(t.add_line(line, &text_here)),
                                false,
                            );
                        }
                    }
                    "u" => {
                        loose_text(&mut timed, &text_here, buffer_line, Some(&utterance));
                        utterance = None;
                    }
                    _ if inside("body") => loose_text(&mut timed, &text_here, buffer_line, None),
                    _ => {}
                }
                path.pop();
                buffer.clear();
                buffer_line = line_at(reader.buffer_position());
            }
            _ => {}
        }
    }
    let mut page = timed.finish();
    let transcript = &mut page.transcript;
    if let Some(title) = header.title.or(header.main_title) {
        transcript.title = Some(transcript.add_line(0, &title));
    }
    transcript.date = header
        .date
        .filter(|d| d.len() >= 10)
        .map(|d| d[..10].to_string());
    if !header.places.is_empty() {
        let place = header.places.join(", ");
        transcript.place = Some(transcript.add_line(0, &place));
    }
    transcript.repack();
    Ok(page)
}

#[derive(Default)]
struct Header {
    title: Option<String>,
    main_title: Option<String>,
    title_type: Option<String>,
    date: Option<String>,
    places: Vec<String>,
}

/// `ID` to `Speaker_name` (`Kinnock, Stephen Nathan` read as `Stephen
/// Nathan Kinnock`).
fn meta_names(tsv: &str) -> HashMap<String, String> {
    let mut lines = tsv.lines();
    let Some(header) = lines.next() else {
        return HashMap::new();
    };
    let columns: Vec<&str> = header.split('\t').collect();
    let (Some(id), Some(name)) = (
        columns.iter().position(|c| *c == "ID"),
        columns.iter().position(|c| *c == "Speaker_name"),
    ) else {
        return HashMap::new();
    };
    lines
        .filter_map(|row| {
            let fields: Vec<&str> = row.split('\t').collect();
            let name = fields.get(name)?.trim();
            if name.is_empty() || name == "-" {
                return None;
            }
            let name = match name.split_once(", ") {
                Some((surname, given)) => format!("{given} {surname}"),
                None => name.to_string(),
            };
            Some((fields.get(id)?.to_string(), name))
        })
        .collect()
}

/// `LindsayHoyle`: Lindsay Hoyle.
fn spaced_id(id: &str) -> String {
    let mut out = String::new();
    for (i, c) in id.char_indices() {
        if i > 0 && c.is_uppercase() && !id[..i].ends_with(char::is_uppercase) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Text the elements above do not place: words of the utterance it is in
/// (`Some`), joined to its paragraph, or else unclassified; never lost.
fn loose_text(
    timed: &mut Timed,
    text: &str,
    line: LineNo,
    utterance: Option<&Option<(Option<String>, Option<String>)>>,
) {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return;
    }
    match utterance {
        Some(Some((speaker, role))) => {
            timed.unit(speaker.as_deref(), role.as_deref(), &text, line, None);
        }
        _ => {
            let t = timed.transcript();
            let kept = t.add_line(line, &text);
            t.unclassified.push(kept);
        }
    }
}
