//! The podcast namespace's transcripts: JSON (`{"version", "segments":
//! [{"speaker", "startTime", "endTime", "body"}]}`, segments of a word or
//! a phrase) and HTML (`<cite>Name:</cite> <time>m:ss</time> <p>...</p>`).

use serde::Deserialize;

use super::{FormatError, LineCounter, Timed, decode_entities, next_tag};
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
    // A name whose paragraph has not come yet.
    let mut uncited: Option<(LineNo, String)> = None;
    let unclassified = |timed: &mut Timed, line: LineNo, text: &str| {
        let text = text.trim();
        if !text.is_empty() {
            let t = timed.transcript();
            let kept = t.add_line(line, text);
            t.unclassified.push(kept);
        }
    };
    // Text outside the elements read, gathered across the tags passed
    // through (`and <b>bold</b>`) until one that is read.
    let mut loose: Option<(LineNo, String)> = None;
    let gather = |loose: &mut Option<(LineNo, String)>, lines: &mut LineCounter, piece: &str| {
        if let Some((_, text)) = loose {
            text.push_str(piece);
        } else if !piece.trim().is_empty() {
            *loose = Some((lines.line_of(piece.trim_start()), piece.to_string()));
        }
    };
    while let Some(tag) = next_tag(rest) {
        gather(&mut loose, &mut lines, &rest[..tag.start]);
        let after = &rest[tag.start..];
        let line = lines.line_of(after);
        let tag_end = tag.len() - 1;
        let name = after[1..tag_end]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let body_start = &after[tag_end + 1..];
        let read = READ_ELEMENTS.contains(&name.as_str());
        let Some(body_end) = read
            .then(|| find_ignoring_case(body_start, &format!("</{name}>")))
            .flatten()
        else {
            // A stray `</p>` (or a `<p>` never closed) still parts the
            // words either side, as in spoken_text.
            if READ_ELEMENTS.contains(&name.trim_start_matches('/')) {
                gather(&mut loose, &mut lines, " ");
            }
            rest = body_start;
            continue;
        };
        if let Some((line, text)) = loose.take() {
            unclassified(&mut timed, line, &decode_entities(&text));
        }
        let inner = spoken_text(&body_start[..body_end]);
        match name.as_str() {
            "cite" => {
                // A name with no paragraph under it is not lost.
                if let Some((line, name)) = uncited.replace((line, inner.clone())) {
                    unclassified(&mut timed, line, &name);
                }
                speaker = Some(inner.trim().trim_end_matches(':').trim().to_string());
            }
            "time" => time = minutes_seconds(inner.trim()),
            "p" => {
                uncited = None;
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
    if let Some((line, name)) = uncited {
        unclassified(&mut timed, line, &name);
    }
    gather(&mut loose, &mut lines, rest);
    if let Some((line, text)) = loose {
        unclassified(&mut timed, line, &decode_entities(&text));
    }
    Ok(timed.finish())
}

/// The elements [`parse_html`] reads, each a piece of its own.
const READ_ELEMENTS: [&str; 10] = [
    "cite", "time", "p", "title", "h1", "h2", "h3", "h4", "h5", "h6",
];

/// HTML's text without its tags and without what its `<time>` elements
/// hold (a time code is not speech), entities decoded. The tags of the
/// elements [`parse_html`] reads part words (`v<p>gq` is two), as the
/// reader parts them; others join them (`<b>bo</b>ld`).
pub fn spoken_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(tag) = next_tag(rest) {
        out.push_str(&rest[..tag.start]);
        let inside = &rest[tag.start + 1..tag.end - 1];
        let name = inside
            .trim_start_matches('/')
            .split_whitespace()
            .next()
            .unwrap_or("");
        let is_time = !inside.starts_with('/') && name.eq_ignore_ascii_case("time");
        if READ_ELEMENTS
            .iter()
            .any(|read| name.eq_ignore_ascii_case(read))
        {
            out.push(' ');
        }
        rest = &rest[tag.end..];
        if is_time && let Some(end) = find_ignoring_case(rest, "</time>") {
            rest = &rest[end + "</time>".len()..];
        }
    }
    out.push_str(rest);
    decode_entities(&out)
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
