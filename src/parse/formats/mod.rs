//! Transcripts that are not kremlin.ru pages: subtitles (WebVTT, SRT),
//! the podcast namespace's JSON and HTML, and parliaments' ParlaMint TEI.
//! Each reader gives the units its format has (a cue, a segment, an
//! utterance's paragraph) to [`Timed`], which makes the turns: a new
//! speaker starts one, and a speaker's units join into paragraphs, a new
//! one after a sentence's end that comes at a pause of two seconds or
//! more, or once the paragraph is 400 characters long.

pub mod podcast;
pub mod srt;
pub mod tei;
pub mod vtt;

use crate::model::{Block, Line, LineNo, Speaker, Timing, Transcript, Turn};
use crate::parse::{ParsedPage, Sighting};
use crate::people;

/// Which reader a file goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    WebVtt,
    Srt,
    PodcastJson,
    PodcastHtml,
    Tei,
}

/// A file's format, by its extension and then its first bytes: `None`
/// for a kremlin.ru page (text or HTML) or a corpus.
pub fn format_of(extension: Option<&str>, text: &str) -> Option<Format> {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let extension = extension.map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("vtt") => return Some(Format::WebVtt),
        Some("srt") => return Some(Format::Srt),
        _ => {}
    }
    if head.starts_with("WEBVTT") {
        return Some(Format::WebVtt);
    }
    if head.starts_with("<?xml") || head.starts_with("<TEI") {
        let start = &head[..head.len().min(2000)];
        if start.contains("<TEI") {
            return Some(Format::Tei);
        }
    }
    // Speakers cited, in a bare fragment or a page of its own; a kremlin.ru
    // page keeps its event in an `<article>`.
    if head.starts_with("<cite>")
        || (head.starts_with('<') && head.contains("<cite>") && !head.contains("<article"))
    {
        return Some(Format::PodcastHtml);
    }
    if head.starts_with('{') && head.contains("\"segments\"") && !head.contains("\"transcripts\"") {
        return Some(Format::PodcastJson);
    }
    // `1` then `00:00:00,179 --> ...`: a SubRip file without its name.
    let mut lines = head.lines();
    if lines
        .next()
        .is_some_and(|l| l.trim().bytes().all(|b| b.is_ascii_digit()))
        && lines
            .next()
            .is_some_and(|l| l.contains("-->") && l.contains(','))
    {
        return Some(Format::Srt);
    }
    None
}

/// Reads a file of `format`; an error names the line.
pub fn parse(format: Format, id: &str, text: &str) -> Result<ParsedPage, FormatError> {
    match format {
        Format::WebVtt => vtt::parse(id, text),
        Format::Srt => srt::parse(id, text),
        Format::PodcastJson => podcast::parse_json(id, text),
        Format::PodcastHtml => podcast::parse_html(id, text),
        Format::Tei => tei::parse(id, text),
    }
}

/// Why a file of one of these formats could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
pub struct FormatError {
    pub line: Option<LineNo>,
    pub message: String,
}

impl FormatError {
    pub fn at(line: LineNo, message: impl Into<String>) -> FormatError {
        FormatError {
            line: Some(line),
            message: message.into(),
        }
    }
}

/// `00:01:02.500` or `00:01:02,500` or `01:02.500`: milliseconds.
pub fn timestamp(text: &str) -> Option<u64> {
    let text = text.trim();
    let (clock, fraction) = text.rsplit_once(['.', ','])?;
    if fraction.len() != 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let numbers: Vec<u64> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    let (h, m, s) = match numbers[..] {
        [m, s] => (0, m, s),
        [h, m, s] => (h, m, s),
        _ => return None,
    };
    if m > 59 || s > 59 {
        return None;
    }
    Some(((h * 60 + m) * 60 + s) * 1000 + fraction.parse::<u64>().ok()?)
}

/// A cue's timing line, `00:00:02.760 --> 00:00:06.090 align:start`
/// (WebVTT) or `00:00:00,179 --> 00:00:02,399` (SRT): start and end, the
/// end not before the start.
pub fn cue_times(line: &str) -> Option<(u64, u64)> {
    let (start, rest) = line.split_once("-->")?;
    let end = rest.split_whitespace().next()?;
    let (start, end) = (timestamp(start)?, timestamp(end)?);
    (end >= start).then_some((start, end))
}

/// Builds a transcript from the units of a timed or spoken format.
pub struct Timed {
    transcript: Transcript,
    sightings: Vec<Sighting>,
    speaker: Option<String>,
    /// The turn speech goes on in after an interruption (a note).
    resume: Option<Turn>,
    /// The paragraph being joined.
    open: Option<Joining>,
}

/// A paragraph being joined: its first line, its text, and its start
/// and end when the format times it.
type Joining = (LineNo, String, Option<(u64, u64)>);

/// A paragraph this long ends at the next sentence's end.
const PARAGRAPH: usize = 400;
/// A pause this long after a sentence's end starts a paragraph.
const PAUSE_MS: u64 = 2000;

impl Timed {
    pub fn new(id: &str, title: &str) -> Timed {
        let mut transcript = Transcript::default();
        transcript.id = id.to_string();
        transcript.title = Some(transcript.add_line(0, title));
        Timed {
            transcript,
            sightings: Vec::new(),
            speaker: None,
            resume: None,
            open: None,
        }
    }

    pub fn transcript(&mut self) -> &mut Transcript {
        &mut self.transcript
    }

    /// A unit of speech: `speaker` when it names one (else the current
    /// speaker goes on), its text, its line and its time.
    pub fn unit(
        &mut self,
        speaker: Option<&str>,
        role: Option<&str>,
        text: &str,
        line: LineNo,
        time: Option<(u64, u64)>,
    ) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(name) = speaker.map(str::trim).filter(|n| !n.is_empty())
            && self.speaker.as_deref() != Some(name)
        {
            self.close_paragraph();
            self.start_turn(name, role, line);
        }
        if text.is_empty() {
            return;
        }
        let breaks = match &self.open {
            Some((_, joined, joined_time)) => {
                let sentence_ended = joined
                    .trim_end_matches(['"', '”', '’', '\'', ')'])
                    .ends_with(['.', '?', '!', '…']);
                let paused = match (joined_time, time) {
                    (Some((_, end)), Some((start, _))) => start.saturating_sub(*end) >= PAUSE_MS,
                    _ => false,
                };
                sentence_ended && (paused || joined.len() >= PARAGRAPH)
            }
            None => false,
        };
        if breaks {
            self.close_paragraph();
        }
        match &mut self.open {
            Some((_, joined, joined_time)) => {
                joined.push(' ');
                joined.push_str(&text);
                if let (Some((_, end)), Some((_, new_end))) = (joined_time.as_mut(), time) {
                    *end = (*end).max(new_end);
                }
            }
            None => self.open = Some((line, text, time)),
        }
    }

    /// Ends the paragraph being joined: the next unit starts one.
    pub fn paragraph_break(&mut self) {
        self.close_paragraph();
    }

    /// A block that is not speech (a heading, a note), in its place.
    pub fn block(&mut self, block: impl FnOnce(&mut Transcript) -> Block, ends_turn: bool) {
        self.close_paragraph();
        let block = block(&mut self.transcript);
        self.transcript.blocks.push(block);
        if ends_turn {
            self.speaker = None;
            self.resume = None;
        }
    }

    fn start_turn(&mut self, name: &str, role: Option<&str>, line: LineNo) {
        let (speaker, label_role) = match people::voice(name) {
            Some(voice) => (Speaker::Voice(voice), None),
            None => {
                let id = people::slug(name);
                self.sightings.push(Sighting {
                    id: id.clone(),
                    name: name.to_string(),
                    role: role.map(String::from),
                    site_id: None,
                });
                (Speaker::Person(id), role.map(String::from))
            }
        };
        let turn = Turn {
            speaker,
            label: name.to_string(),
            role: label_role,
            remark: None,
            label_line: line,
            continued: false,
            paragraphs: Vec::new(),
        };
        self.resume = Some(Turn {
            label_line: 0,
            continued: true,
            ..turn.clone()
        });
        self.transcript.blocks.push(Block::Turn(Box::new(turn)));
        self.speaker = Some(name.to_string());
    }

    fn close_paragraph(&mut self) {
        let Some((line, text, time)) = self.open.take() else {
            return;
        };
        let paragraph: Line = self.transcript.add_line(line, &text);
        if let Some((start_ms, end_ms)) = time {
            self.transcript.timings.push(Timing {
                line,
                start_ms,
                end_ms,
            });
        }
        match (self.transcript.blocks.last_mut(), &self.resume) {
            (Some(Block::Turn(turn)), Some(_)) => turn.paragraphs.push(paragraph),
            // Speech after a note goes on in its speaker's turn.
            (_, Some(resume)) => {
                let mut turn = resume.clone();
                turn.paragraphs.push(paragraph);
                self.transcript.blocks.push(Block::Turn(Box::new(turn)));
            }
            (Some(Block::Narration { paragraphs }), None) => paragraphs.push(paragraph),
            (_, None) => self.transcript.blocks.push(Block::Narration {
                paragraphs: vec![paragraph],
            }),
        }
    }

    pub fn finish(mut self) -> ParsedPage {
        self.close_paragraph();
        self.transcript.timings.sort_by_key(|t| t.line);
        self.transcript.shrink_to_fit();
        self.transcript.repack();
        ParsedPage {
            transcript: self.transcript,
            sightings: self.sightings,
        }
    }
}

/// Line numbers of places in a text, counted on from the last place
/// asked for, so that reading a file front to back counts each line once.
pub struct LineCounter<'a> {
    text: &'a str,
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter {
            text,
            at: 0,
            line: 1,
        }
    }

    /// The line of byte `offset` of the text.
    pub fn line_at(&mut self, offset: usize) -> LineNo {
        let offset = offset.min(self.text.len());
        if offset < self.at {
            (self.at, self.line) = (0, 1);
        }
        self.line += newlines(&self.text.as_bytes()[self.at..offset]);
        self.at = offset;
        LineNo::try_from(self.line).unwrap_or(LineNo::MAX)
    }

    /// The line where `piece`, a slice of the text, starts.
    pub fn line_of(&mut self, piece: &str) -> LineNo {
        let offset = (piece.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        self.line_at(offset)
    }
}

fn newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b == b'\n').count()
}

/// Where the first markup tag in `text` is: a `<` that opens one (a
/// letter, `/` or `!` after it) up to its `>`, with no other `<` between.
/// Any other `<` is a character (`a < b`).
pub fn next_tag(text: &str) -> Option<std::ops::Range<usize>> {
    let mut from = 0;
    while let Some(open) = text[from..].find('<').map(|at| at + from) {
        let after = &text[open + 1..];
        let opens = after.starts_with(|c: char| c == '/' || c == '!' || c.is_ascii_alphabetic());
        if opens
            && let Some(close) = after.find(['<', '>'])
            && after[close..].starts_with('>')
        {
            return Some(open..open + 1 + close + 1);
        }
        from = open + 1;
    }
    None
}

/// `text` without its markup tags (see [`next_tag`]).
pub fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(tag) = next_tag(rest) {
        out.push_str(&rest[..tag.start]);
        rest = &rest[tag.end..];
    }
    out.push_str(rest);
    out
}

/// Decodes the five XML entities and numeric ones (`&amp;`, `&#39;`),
/// as WebVTT and the podcast HTML write them; anything else stays.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // A name is short; `;` far on ends something else.
        let Some(end) = rest.bytes().take(12).position(|b| b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "lrm" | "rlm" => Some('\u{200b}'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
