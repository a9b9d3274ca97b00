//! WebVTT: cues, each a timing line and its text; a `<v Name>` voice
//! span names the speaker, and a cue without one goes on with the last.
//! The header, `NOTE`, `STYLE` and `REGION` blocks and cue settings are
//! not text.

use super::{FormatError, Timed, cue_times, decode_entities};
use crate::model::LineNo;
use crate::parse::ParsedPage;

pub fn parse(id: &str, text: &str) -> Result<ParsedPage, FormatError> {
    let lines = text.lines().enumerate().map(|(i, l)| {
        (
            LineNo::try_from(i + 1).unwrap_or(LineNo::MAX),
            l.trim_end_matches('\r'),
        )
    });
    let first = text
        .lines()
        .next()
        .map(|l| l.trim_start_matches('\u{feff}').trim_end_matches('\r'));
    if !first
        .is_some_and(|l| l == "WEBVTT" || l.starts_with("WEBVTT ") || l.starts_with("WEBVTT\t"))
    {
        return Err(FormatError::at(
            1,
            "not WebVTT: the first line must be WEBVTT",
        ));
    }
    let mut timed = Timed::new(id, id);
    let blocks = blocks(lines);
    if let Some((no, _)) = blocks
        .first()
        .and_then(|header| header.iter().find(|(_, l)| l.contains("-->")))
    {
        return Err(FormatError::at(
            *no,
            "a cue right under the WEBVTT line: a blank line must come between",
        ));
    }
    let mut last_start = 0;
    // The first block is the header: `WEBVTT` and its own lines. A line
    // above a timing line in a cue's text stays text, as the standard
    // reads it.
    for block in cues(blocks.into_iter().skip(1).collect(), |_| false) {
        let Some(&(first_no, first)) = block.first() else {
            continue;
        };
        // `NOTE 1` over a timing line is a cue's identifier, not a note.
        let is_cue = block.iter().take(2).any(|(_, l)| l.contains("-->"));
        if !is_cue && (first.starts_with("NOTE") || first == "STYLE" || first == "REGION") {
            continue;
        }
        // An identifier may come before the timing line.
        let (timing_at, (no, timing)) = match block.iter().position(|(_, l)| l.contains("-->")) {
            Some(at) if at <= 1 => (at, block[at]),
            _ => {
                return Err(FormatError::at(
                    first_no,
                    format!("a cue without a timing line: {first:?}"),
                ));
            }
        };
        let (start, end) = cue_times(timing)
            .ok_or_else(|| FormatError::at(no, format!("malformed cue timing: {timing:?}")))?;
        if start < last_start {
            return Err(FormatError::at(no, "cue starts before the one above it"));
        }
        last_start = start;
        for &(no, line) in &block[timing_at + 1..] {
            let (voice, words) = voice_and_words(line);
            timed.unit(voice.as_deref(), None, &words, no, Some((start, end)));
        }
    }
    Ok(timed.finish())
}

/// Lines in blocks that blank lines separate.
pub(super) fn blocks<'a>(
    lines: impl Iterator<Item = (LineNo, &'a str)>,
) -> Vec<Vec<(LineNo, &'a str)>> {
    let mut blocks = vec![Vec::new()];
    for (no, line) in lines {
        if line.trim().is_empty() {
            if blocks.last().is_some_and(|b| !b.is_empty()) {
                blocks.push(Vec::new());
            }
        } else if let Some(block) = blocks.last_mut() {
            block.push((no, line));
        }
    }
    blocks.retain(|b| !b.is_empty());
    blocks
}

/// Blocks split again where a cue's text runs into the next cue's
/// timing line with no blank line between, a slip subtitle files have:
/// the words under that timing are the next cue's, not the last
/// speaker's. As the WebVTT standard reads a block, a timing line ends
/// the block it stands in unless it is the block's first line, or its
/// second under an identifier; only a well-formed timing does here, so a
/// sentence with an arrow stays text. `numbers_next` says whether the
/// line just above such a timing line is the next cue's (SubRip's
/// number) rather than text.
pub(super) fn cues(
    blocks: Vec<Vec<(LineNo, &str)>>,
    numbers_next: impl Fn(&str) -> bool,
) -> Vec<Vec<(LineNo, &str)>> {
    let mut cues = Vec::with_capacity(blocks.len());
    for block in blocks {
        let mut cue: Vec<(LineNo, &str)> = Vec::new();
        // Where the cue's text starts, once its timing line is read.
        let mut text_at = None;
        for (no, line) in block {
            let timing = line.contains("-->") && cue_times(line).is_some();
            if timing && (text_at.is_some() || cue.len() >= 2) {
                let kept = text_at.unwrap_or(1);
                let number = cue
                    .last()
                    .filter(|(_, l)| cue.len() > kept && numbers_next(l))
                    .copied();
                if number.is_some() {
                    cue.pop();
                }
                cues.push(std::mem::take(&mut cue));
                cue.extend(number);
                text_at = None;
            }
            cue.push((no, line));
            if timing && text_at.is_none() {
                text_at = Some(cue.len());
            }
        }
        cues.push(cue);
    }
    cues
}

/// The speaker a `<v Name>` span names, and the words with every tag
/// taken out and entities decoded.
fn voice_and_words(line: &str) -> (Option<String>, String) {
    let mut voice = None;
    let mut words = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('<') {
        words.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            words.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        if let Some(span) = tag
            .strip_prefix('v')
            .filter(|t| t.starts_with([' ', '.', '\t']))
        {
            // `<v.loud Name>`: classes, then the name.
            let name = span
                .split_once([' ', '\t'])
                .map_or("", |(_, name)| name)
                .trim();
            if !name.is_empty() {
                voice = Some(decode_entities(name));
            }
        }
        rest = &rest[open + close + 1..];
    }
    words.push_str(rest);
    (voice, decode_entities(&words))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voices_classes_and_entities() {
        assert_eq!(
            voice_and_words("<v.loud Mary Smith>Q&amp;A <i>now</i></v>"),
            (Some("Mary Smith".into()), "Q&A now".into())
        );
        assert_eq!(
            voice_and_words("no voice <00:00:01.000>here"),
            (None, "no voice here".into())
        );
        assert_eq!(
            cue_times("00:00:02.760 --> 00:00:06.090 align:start"),
            Some((2760, 6090))
        );
        assert_eq!(cue_times("01:02.000 --> 01:03.500"), Some((62_000, 63_500)));
        assert_eq!(cue_times("00:00:09.000 --> 00:00:08.000"), None);
        assert!(parse("x", "WEBVTT\n\n00:00:01.000 -> 00:00:02.000\nHi\n").is_err());
        let error = parse("x", "WEBVTT\n\n00:00:01.000 --> 00:00:62.000\nHi\n").unwrap_err();
        assert_eq!(error.line, Some(3));
        assert!(parse("x", "1\n00:00:01,000 --> 00:00:02,000\nHi\n").is_err());
    }
}
