//! Making untrusted transcript text safe to show on a terminal.
//!
//! A transcript may carry control characters, escape sequences or bidi
//! overrides. Drawn raw they could move the cursor, recolour the screen,
//! set the window title or reorder what the reader sees. Every string from
//! a transcript passes through [`safe`] before it reaches a screen cell or
//! a terminal stdout.

use std::borrow::Cow;

/// Replaces control characters with visible stand-ins: C0 controls as
/// their Control Pictures (`ESC` shows as `␛`), DEL as `␡`, C1 controls and
/// bidi overrides and isolates as `�`. Tabs become a space.
pub fn safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_replacing) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(replacement).collect())
}

/// `1 turn`, `3 turns`: a count with its noun, which takes an `s`.
/// A calendar date as the model keeps it: `YYYY-MM-DD`, in ASCII digits,
/// with a month that exists and a day no later than the 31st.
/// `2016`, `2016-03` or `2016-03-09`: a year, a month of a year, or a day
/// ([`is_iso_date`]), as `--since`, `--until`, `year:` and `date:` take.
pub fn is_date_prefix(date: &str) -> bool {
    let b = date.as_bytes();
    let year = b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => year,
        7 => {
            let month = &date[5..7];
            year && b[4] == b'-'
                && month.bytes().all(|c| c.is_ascii_digit())
                && (1..=12).contains(&month.parse::<u8>().unwrap_or(0))
        }
        _ => is_iso_date(date),
    }
}

pub fn is_iso_date(date: &str) -> bool {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return false;
    }
    let month = (b[5] - b'0') * 10 + (b[6] - b'0');
    let day = (b[8] - b'0') * 10 + (b[9] - b'0');
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// The first `n` characters of `text` (all of it when shorter): a cut
/// that never falls inside a character.
pub fn first_chars(text: &str, n: usize) -> &str {
    text.char_indices()
        .nth(n)
        .map_or(text, |(at, _)| &text[..at])
}

/// `1 file`, `2 files`, `7,185 files`: how every count is written.
pub fn count(n: usize, noun: &str) -> String {
    count_as(n, noun, &format!("{noun}s"))
}

/// [`count`] for a noun whose plural is not its `s` form (`person`,
/// `people`), or whose words after it are (`line held`).
pub fn count_as(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", group_digits(n))
    }
}

/// `3402` as `3,402`.
pub fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// JSON safe to print: serde_json leaves C1 controls and bidi overrides
/// raw inside strings; writing them as `\uXXXX` keeps the data exactly
/// and a terminal intact. (JSON's own syntax is ASCII, so only strings
/// hold them.)
pub fn escape_json_controls(json: &str) -> String {
    if !json.chars().any(raw_in_json) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if raw_in_json(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// What serde_json writes unescaped but a terminal would act on: DEL, C1
/// controls and bidi controls (C0 controls it already escapes).
fn raw_in_json(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}') || is_bidi_control(c)
}

fn needs_replacing(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

fn replacement(c: char) -> char {
    match c {
        '\t' => ' ',
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        c if needs_replacing(c) => '\u{fffd}',
        c => c,
    }
}

/// U+202A-U+202E (embeddings, overrides) and U+2066-U+2069 (isolates).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_written_one_way() {
        assert_eq!(count(1, "file"), "1 file");
        assert_eq!(count(0, "error"), "0 errors");
        assert_eq!(count(1347, "event"), "1,347 events");
        assert_eq!(count_as(1, "person", "people"), "1 person");
        assert_eq!(count_as(1_000_000, "person", "people"), "1,000,000 people");
    }

    #[test]
    fn json_keeps_its_data_but_not_raw_controls() {
        let json = "{\"t\": \"a\u{202e}b\u{9b}\"}";
        let escaped = escape_json_controls(json);
        assert_eq!(escaped, "{\"t\": \"a\\u202eb\\u009b\"}");
        let value: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(value["t"], "a\u{202e}b\u{9b}");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            safe("Vladimir Putin: Thank you."),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escapes_and_controls_become_visible() {
        assert_eq!(safe("a\u{1b}[31mred\u{7}"), "a␛[31mred␇");
        assert_eq!(safe("title\u{1b}]0;pwned\u{7}"), "title␛]0;pwned␇");
        assert_eq!(safe("c1\u{9b}2J"), "c1\u{fffd}2J");
        assert_eq!(safe("bidi\u{202e}txet"), "bidi\u{fffd}txet");
        assert_eq!(safe("tab\there"), "tab here");
        assert_eq!(safe("line\r\n"), "line␍␊");
    }
}
