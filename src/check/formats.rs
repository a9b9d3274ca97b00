//! The lossless rule for transcripts of other formats. Their paragraphs
//! join many cues or segments, so the rule is kept in words: every word a
//! cue, segment or TEI text node says is held by the transcript as often
//! as the source says it, and the transcript says nothing the source does
//! not. Speakers' names are the one allowance: a name is a label in the
//! transcript however the source writes it (a `<v Name>` tag, a `Name:`
//! prefix repeated in each cue, a TEI person id).
//!
//! The source's words are read here as the formats define their text,
//! with none of the parser's rules for speakers and paragraphs.

use std::collections::HashMap;

use quick_xml::events::Event;

use super::words;
use crate::model::{Block, Transcript};
use crate::parse::formats::{Format, cue_times, decode_entities, strip_tags};

/// The words one side has more of than the other, each with how many
/// more; empty when the transcript keeps every word of `source`.
pub fn format_violations(format: Format, source: &str, transcript: &Transcript) -> Vec<String> {
    let Ok(said) = source_words(format, source) else {
        return vec!["the source could not be read for its words".into()];
    };
    let mut count: HashMap<String, i64> = HashMap::new();
    for word in said {
        *count.entry(word).or_default() += 1;
    }
    let mut names: Vec<String> = Vec::new();
    for block in &transcript.blocks {
        if let Block::Turn(turn) = block {
            names.extend(words(&turn.label));
        }
        for line in block_lines(block) {
            for word in words(transcript.text(line)) {
                *count.entry(word).or_default() -= 1;
            }
        }
    }
    // A title the file gives has a line; one made from the file's name has none.
    let title = transcript.title.iter().filter(|l| l.line > 0);
    for line in title
        .chain(&transcript.lead)
        .chain(&transcript.unclassified)
    {
        for word in words(transcript.text(line)) {
            *count.entry(word).or_default() -= 1;
        }
    }
    let mut violations: Vec<String> = count
        .into_iter()
        .filter(|(word, n)| *n != 0 && !names.contains(word))
        .map(|(word, n)| match n {
            n if n > 0 => format!("{word:?}: said {n} more times than held"),
            n => format!("{word:?}: held {} more times than said", -n),
        })
        .collect();
    violations.sort();
    violations
}

fn block_lines(block: &Block) -> Vec<&crate::model::Line> {
    match block {
        Block::Heading(l)
        | Block::Elision(l)
        | Block::StageDirection(l)
        | Block::Separator(l)
        | Block::PullQuote(l) => vec![l],
        Block::Turn(turn) => turn.paragraphs.iter().collect(),
        Block::Narration { paragraphs } => paragraphs.iter().collect(),
    }
}

/// The words the source says, in its format's own terms.
fn source_words(format: Format, source: &str) -> Result<Vec<String>, String> {
    let text = match format {
        Format::WebVtt | Format::Srt => cue_text(source, format),
        Format::PodcastJson => segment_text(source)?,
        Format::PodcastHtml => crate::parse::formats::podcast::spoken_text(source),
        Format::Tei => body_text(source)?,
    };
    Ok(words(&text))
}

/// The text lines of each cue: what follows its timing line. Blocks are
/// parted by blank lines; WebVTT's header and its `NOTE`, `STYLE` and
/// `REGION` blocks have none; markup tags are not words.
fn cue_text(source: &str, format: Format) -> String {
    let mut text = String::new();
    let mut lines: Vec<&str> = Vec::new();
    let mut first = true;
    for line in source.lines().chain([""]) {
        if !line.trim().is_empty() {
            lines.push(line);
            continue;
        }
        for block in cut_at_timings(&lines, format == Format::Srt) {
            cue_block_text(&block, format, &mut first, &mut text);
        }
        lines.clear();
    }
    text
}

/// The lines between two blank lines, cut where a well-formed timing
/// line stands below a cue's own timing or below a block's second line:
/// a cue whose blank line is missing, as the WebVTT standard reads it.
/// In SubRip the number above such a line is the next cue's.
fn cut_at_timings<'a>(lines: &[&'a str], srt: bool) -> Vec<Vec<&'a str>> {
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    let mut timed_at: Option<usize> = None;
    for &line in lines {
        let timing = line.contains("-->") && cue_times(line).is_some();
        if timing && (timed_at.is_some() || block.len() >= 2) {
            let number = srt
                && block.len() > timed_at.map_or(1, |at| at + 1)
                && block
                    .last()
                    .is_some_and(|l| l.trim().bytes().all(|b| b.is_ascii_digit()));
            let carried = if number { block.pop() } else { None };
            blocks.push(std::mem::take(&mut block));
            block.extend(carried);
            timed_at = None;
        }
        if timing && timed_at.is_none() {
            timed_at = Some(block.len());
        }
        block.push(line);
    }
    blocks.push(block);
    blocks.retain(|b| !b.is_empty());
    blocks
}

/// The words of one block: a cue's text lines, nothing of the WebVTT
/// header (the file's first block) or of a `NOTE`, `STYLE` or `REGION`.
fn cue_block_text(block: &[&str], format: Format, first: &mut bool, text: &mut String) {
    let is_cue = block.iter().take(2).any(|l| l.contains("-->"));
    let skipped = format == Format::WebVtt
        && (*first
            || !is_cue
                && ["NOTE", "STYLE", "REGION"]
                    .iter()
                    .any(|k| block[0].starts_with(k)));
    *first = false;
    let Some(timing) = block
        .iter()
        .position(|l| l.contains("-->"))
        .filter(|_| !skipped)
    else {
        return;
    };
    for line in &block[timing + 1..] {
        let words = match format {
            Format::Srt => strip_tags(line),
            _ => strip_cue_tags(line),
        };
        text.push_str(&decode_entities(&words));
        text.push('\n');
    }
}

/// A WebVTT cue's text without its tags: `<` opens one up to the next `>`
/// (a literal `<` is written `&lt;`); one never closed is text.
fn strip_cue_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                rest = &rest[open..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Each segment's body and its speaker.
fn segment_text(source: &str) -> Result<String, String> {
    let value: serde_json::Value = serde_json::from_str(source).map_err(|e| e.to_string())?;
    let mut text = String::new();
    for segment in value["segments"].as_array().into_iter().flatten() {
        for field in ["speaker", "body"] {
            if let Some(s) = segment[field].as_str() {
                text.push_str(s);
                text.push('\n');
            }
        }
    }
    Ok(text)
}

/// Every text node of the TEI `<body>`, entities expanded.
fn body_text(source: &str) -> Result<String, String> {
    let mut reader = quick_xml::Reader::from_str(source);
    let mut depth_in_body = 0usize;
    let mut text = String::new();
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Eof => break,
            Event::Start(start) if depth_in_body > 0 || start.local_name().as_ref() == "body" => {
                depth_in_body += 1;
            }
            Event::End(_) => {
                depth_in_body = depth_in_body.saturating_sub(1);
                text.push(' ');
            }
            Event::Text(t) if depth_in_body > 0 => text.push_str(&t.xml10_content()),
            Event::CData(t) if depth_in_body > 0 => {
                text.push_str(&t.into_inner());
            }
            Event::GeneralRef(r) if depth_in_body > 0 => {
                text.push_str(&decode_entities(&format!("&{};", r.xml10_content())));
            }
            _ => {}
        }
    }
    Ok(text)
}
