//! A window of a paragraph around its first match, so that a hit at the
//! end of a long paragraph is visible rather than cut off.

use std::ops::Range;

/// Up to `width` characters of `text` around `ranges[0]`, with `…` where
/// text was left out, and the ranges moved into the excerpt.
pub fn excerpt(text: &str, ranges: &[Range<usize>], width: usize) -> (String, Vec<Range<usize>>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let width = width.max(8);
    if chars.len() <= width {
        return (text.to_string(), ranges.to_vec());
    }
    let first = ranges.first().map_or(0, |r| r.start);
    let at = chars.partition_point(|(i, _)| *i < first);
    // A fifth of the room before the match, the rest after it.
    let mut start = at.saturating_sub(width / 5);
    let end = (start + width).min(chars.len());
    start = end.saturating_sub(width);
    let byte_start = chars[start].0;
    let byte_end = chars.get(end).map_or(text.len(), |(i, _)| *i);
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < chars.len() { "…" } else { "" };
    let shift = lead.len() as isize - byte_start as isize;
    let moved = ranges
        .iter()
        .filter(|r| r.start >= byte_start && r.end <= byte_end)
        .map(|r| ((r.start as isize + shift) as usize)..((r.end as isize + shift) as usize))
        .collect();
    (
        format!("{lead}{}{tail}", &text[byte_start..byte_end]),
        moved,
    )
}

#[cfg(test)]
// One match range is the common case here, not a mistaken `vec![a..b]`.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    #[test]
    fn a_late_match_is_in_the_window() {
        let text = format!("{} needle end", "word ".repeat(100));
        let at = text.find("needle").unwrap();
        let (shown, ranges) = excerpt(&text, &[at..at + 6], 40);
        assert!(shown.starts_with('…'));
        assert_eq!(&shown[ranges[0].clone()], "needle");
        assert!(shown.chars().count() <= 41);
    }

    #[test]
    fn short_text_is_whole() {
        assert_eq!(
            excerpt("short", &[0..2], 40),
            ("short".to_string(), vec![0..2])
        );
    }
}
