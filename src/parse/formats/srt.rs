//! SubRip: numbered cues, each a timing line and its text. A `Name:`
//! prefix starts a turn (a cue without one goes on with the last
//! speaker); a cue of two lines that each open with `- ` holds two
//! speakers' words, one a line.

use super::vtt::{blocks, cues};
use super::{FormatError, Timed, cue_times, decode_entities, strip_tags};
use crate::model::LineNo;
use crate::parse::{ParsedPage, label};

pub fn parse(id: &str, text: &str) -> Result<ParsedPage, FormatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = text.lines().enumerate().map(|(i, l)| {
        (
            LineNo::try_from(i + 1).unwrap_or(LineNo::MAX),
            l.trim_end_matches('\r'),
        )
    });
    let mut timed = Timed::new(id, id);
    let mut last_start = 0;
    let is_number = |line: &str| line.trim().bytes().all(|b| b.is_ascii_digit());
    for block in cues(blocks(lines), is_number) {
        let (first_no, first) = block[0];
        let timing_at = usize::from(is_number(first));
        let Some(&(no, timing)) = block.get(timing_at).filter(|(_, l)| l.contains("-->")) else {
            return Err(FormatError::at(
                first_no,
                format!("not a SubRip cue (a number, then a timing line): {first:?}"),
            ));
        };
        let (start, end) = cue_times(timing)
            .ok_or_else(|| FormatError::at(no, format!("malformed cue timing: {timing:?}")))?;
        if start < last_start {
            return Err(FormatError::at(no, "cue starts before the one above it"));
        }
        last_start = start;
        let text = &block[timing_at + 1..];
        // `- Where to?` / `- Home.`: a line each.
        let dialogue =
            text.len() >= 2 && text.iter().all(|(_, l)| l.trim_start().starts_with("- "));
        for &(no, line) in text {
            let line = decode_entities(&strip_tags(line));
            let line = if dialogue {
                timed.paragraph_break();
                line.trim_start().trim_start_matches("- ").to_string()
            } else {
                line
            };
            match label::find_label(&line, None)
                .filter(|found| found.label.split_whitespace().count() <= 4)
            {
                Some(found) => {
                    timed.unit(Some(found.label), None, found.text, no, Some((start, end)))
                }
                None => timed.unit(None, None, &line, no, Some((start, end))),
            }
        }
    }
    Ok(timed.finish())
}
