//! A paragraph as the command line writes it for other tools: one shape
//! for `search --json`, `export` (JSON lines and CSV) and `echoes --json`,
//! documented in docs/format.md under "Paragraph records".

use std::borrow::Cow;

use serde::Serialize;

use crate::model::{Corpus, Speaker, Transcript};
use crate::search::stream::PageHit;

/// The version of [`ParagraphRecord`]'s fields, as docs/format.md gives it.
pub const VERSION: &str = "verbatim-paragraph/1";

/// The field names in the order written: a CSV's header row.
pub const FIELDS: [&str; 15] = [
    "transcript",
    "file",
    "url",
    "date",
    "title",
    "place",
    "line",
    "block",
    "paragraph",
    "speaker_id",
    "speaker",
    "role",
    "start",
    "end",
    "text",
];

/// One paragraph with everything needed to find and cite it.
#[derive(Debug, Clone, Serialize)]
pub struct ParagraphRecord<'a> {
    pub transcript: &'a str,
    /// The file the transcript was read from, inside the folder given.
    pub file: Option<&'a str>,
    pub url: Option<Cow<'a, str>>,
    pub date: Option<&'a str>,
    pub title: &'a str,
    pub place: Option<&'a str>,
    /// The paragraph's source line.
    pub line: u32,
    /// Where it is in the transcript's `blocks` (a title or lead: the
    /// header's number) and which paragraph of the block.
    pub block: u32,
    pub paragraph: u32,
    pub speaker_id: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub role: Option<&'a str>,
    /// Seconds from the start of the recording, in a timed transcript.
    pub start: Option<f64>,
    pub end: Option<f64>,
    pub text: &'a str,
}

fn speaker_id(speaker: &Speaker) -> &str {
    match speaker {
        Speaker::Person(id) => id.as_str(),
        Speaker::Voice(voice) => voice.as_str(),
    }
}

impl<'a> ParagraphRecord<'a> {
    /// The paragraph at `block`, `paragraph` of a loaded transcript.
    pub fn of(
        corpus: &'a Corpus,
        t: &'a Transcript,
        block: u32,
        paragraph: u32,
    ) -> Option<ParagraphRecord<'a>> {
        let line = t.searchable_at(block, paragraph)?;
        let turn = t.blocks.get(block as usize).and_then(|b| b.as_turn());
        let timing = t.timing_of(line.line);
        Some(ParagraphRecord {
            transcript: &t.id,
            file: t.source.as_deref(),
            url: t.url(),
            date: t.date.as_deref(),
            title: t.title_text(),
            place: t.place.as_ref().map(|l| t.text(l)),
            line: line.line,
            block,
            paragraph,
            speaker_id: turn.map(|turn| speaker_id(&turn.speaker)),
            speaker: turn.map(|turn| corpus.speaker_name(&turn.speaker)),
            role: turn.and_then(|turn| t.event_role(turn)),
            start: timing.map(|x| x.seconds().0),
            end: timing.map(|x| x.seconds().1),
            text: t.text(line),
        })
    }

    /// A hit of the streaming search, whose transcript is gone.
    pub fn of_hit(hit: &'a PageHit) -> ParagraphRecord<'a> {
        ParagraphRecord {
            transcript: &hit.transcript,
            file: hit.source.as_deref(),
            url: hit.url.as_deref().map(Cow::Borrowed),
            date: hit.date.as_deref(),
            title: &hit.title,
            place: hit.place.as_deref(),
            line: hit.line,
            block: hit.block,
            paragraph: hit.paragraph,
            speaker_id: hit.speaker.as_ref().map(speaker_id),
            speaker: hit.speaker_name.as_deref(),
            role: hit.role.as_deref(),
            start: hit.timing.map(|t| t.seconds().0),
            end: hit.timing.map(|t| t.seconds().1),
            text: &hit.text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_row_names_the_fields_in_their_order() {
        let record = ParagraphRecord {
            transcript: "1",
            file: None,
            url: None,
            date: None,
            title: "t",
            place: None,
            line: 1,
            block: 0,
            paragraph: 0,
            speaker_id: None,
            speaker: None,
            role: None,
            start: None,
            end: None,
            text: "x",
        };
        let json = serde_json::to_value(&record).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        let mut fields = FIELDS.to_vec();
        fields.sort_unstable();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, fields);
        // Written in FIELDS' order (serde_json keeps a struct's order).
        let line = serde_json::to_string(&record).unwrap();
        let at: Vec<usize> = FIELDS
            .iter()
            .map(|f| line.find(&format!("\"{f}\":")).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{line}");
    }
}
