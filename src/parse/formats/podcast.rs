//! The podcast namespace's transcripts: JSON (`{"version", "segments":
//! [{"speaker", "startTime", "endTime", "body"}]}`, segments of a word or
//! a phrase) and HTML (`<cite>Name:</cite> <time>m:ss</time> <p>...</p>`).

use serde::Deserialize;

use super::{FormatError, LineCounter, Timed, decode_entities};
use crate::model::{Block, LineNo};
use crate::parse::ParsedPage;

#[derive(Deserialize)]
struct File {
    segments: Vec<Segment>,
}

#[derive(Deserialize)]
struct Segment {
    #[serde(default)]
    speaker: Option<String>,
    #[serde(rename = "startTime", default)]
    start: Option<f64>,
    #[serde(rename = "endTime", default)]
    end: Option<f64>,
    body: String,
}

/// Segments join into paragraphs as cues do; a segment's number (from 1)
/// stands for its line.
pub fn parse_json(id: &str, text: &str) -> Result<ParsedPage, FormatError> {
    let file: File =
        serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| FormatError {
            line: LineNo::try_from(e.line()).ok(),
            message: format!("not a podcast transcript (JSON with segments): {e}"),
        })?;
    let mut timed = Timed::new(id, id);
    let ms = |seconds: Option<f64>| {
        seconds
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map(|s| (s * 1000.0).round() as u64)
    };
    let mut last_start = 0;
    for (i, segment) in file.segments.iter().enumerate() {
        let no = LineNo::try_from(i + 1).unwrap_or(LineNo::MAX);
        let time = match (ms(segment.start), ms(segment.end)) {
            (Some(start), Some(end)) if end >= start && start >= last_start => Some((start, end)),
            (None, None) => None,
            _ => {
                return Err(FormatError::at(
                    no,
                    format!("segment {} has its times out of order or malformed", i + 1),
                ));
            }
        };
        if let Some((start, _)) = time {
            last_start = start;
        }
        timed.unit(segment.speaker.as_deref(), None, &segment.body, no, time);
    }
    Ok(timed.finish())
}

/// `<cite>Travis:</cite>` names the speaker, `<time>0:53</time>` when
/// the turn starts, each `<p>` a paragraph; `<title>` titles it and
/// `<h1>`-`<h6>` are headings. Other tags are passed through (a `<div>`
/// around it all is read inside), and text outside these elements is
/// unclassified, not lost.
pub fn parse_html(id: &str, text: &str) -> Result<ParsedPage, FormatError> {
    let mut timed = Timed::new(id, id);
    let mut speaker: Option<String> = None;
    let mut time: Option<u64> = None;
    let mut lines = LineCounter::new(text);
    let mut rest = text;
    let loose = |timed: &mut Timed, lines: &mut LineCounter, piece: &str| {
        let words = decode_entities(piece.trim());
        if !words.is_empty() {
            let line = lines.line_of(piece.trim_start());
            let t = timed.transcript();
            let kept = t.add_line(line, &words);
            t.unclassified.push(kept);
        }
    };
    while let Some(open) = rest.find('<') {
        loose(&mut timed, &mut lines, &rest[..open]);
        let after = &rest[open..];
        let line = lines.line_of(after);
        let tag_end = after
            .find('>')
            .ok_or_else(|| FormatError::at(line, "a tag that never closes"))?;
        let name = after[1..tag_end]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let body_start = &after[tag_end + 1..];
        let read = matches!(
            name.as_str(),
            "cite" | "time" | "p" | "title" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
        );
        let Some(body_end) = read
            .then(|| find_ignoring_case(body_start, &format!("</{name}>")))
            .flatten()
        else {
            rest = body_start;
            continue;
        };
        let inner = decode_entities(&strip(&body_start[..body_end]));
        match name.as_str() {
            "cite" => speaker = Some(inner.trim().trim_end_matches(':').trim().to_string()),
            "time" => time = minutes_seconds(inner.trim()),
            "p" => {
                timed.paragraph_break();
                let at = (time.unwrap_or(0), time.unwrap_or(0));
                timed.unit(speaker.as_deref(), None, &inner, line, time.map(|_| at));
                timed.paragraph_break();
            }
            "title" if !inner.trim().is_empty() => {
                let t = timed.transcript();
                t.title = Some(t.add_line(line, inner.trim()));
            }
            _ if !inner.trim().is_empty() => {
                timed.block(|t| Block::Heading(t.add_line(line, inner.trim())), true);
            }
            _ => {}
        }
        rest = &body_start[body_end + name.len() + 3..];
    }
    loose(&mut timed, &mut lines, rest);
    Ok(timed.finish())
}

/// Where `needle` (ASCII) is in `haystack`, in any case.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// `0:53`, `1:02:03`: milliseconds.
fn minutes_seconds(text: &str) -> Option<u64> {
    let parts: Vec<u64> = text
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let seconds = match parts[..] {
        [m, s] => m * 60 + s,
        [h, m, s] => (h * 60 + m) * 60 + s,
        _ => return None,
    };
    Some(seconds * 1000)
}

fn strip(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}
