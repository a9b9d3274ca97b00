//! Words as search sees them: runs of letters and digits, folded to lower
//! case with accents removed (`Medvédev` is `medvedev`), each keeping the
//! byte range it had in the original text so hits can be highlighted.

use std::ops::Range;

/// Calls `each(folded, range)` for every word of `text`. `buffer` is reused
/// for the folded form, so tokenising allocates nothing per word.
pub fn for_each_word(text: &str, buffer: &mut String, mut each: impl FnMut(&str, Range<usize>)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Skip to the start of a word.
        let start = match next_word_start(text, i) {
            Some(start) => start,
            None => return,
        };
        buffer.clear();
        let mut end = start;
        loop {
            // ASCII letters and digits, the bulk of English text, byte by byte.
            while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                buffer.push(bytes[end].to_ascii_lowercase() as char);
                end += 1;
            }
            if end >= bytes.len() || bytes[end] < 0x80 {
                break;
            }
            match text[end..].chars().next() {
                Some(c) if c.is_alphanumeric() => {
                    fold_into(c, buffer);
                    end += c.len_utf8();
                }
                _ => break,
            }
        }
        if !buffer.is_empty() {
            each(buffer, start..end);
        }
        i = end.max(start + 1);
        while i < bytes.len() && !text.is_char_boundary(i) {
            i += 1;
        }
    }
}

fn next_word_start(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            return Some(i);
        }
        if b < 0x80 {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next()?;
        if c.is_alphanumeric() {
            return Some(i);
        }
        i += c.len_utf8();
    }
    None
}

/// Appends the folded form of one character.
fn fold_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match deunicode::deunicode_char(c) {
        Some(folded) if folded.chars().all(|f| f.is_ascii_alphanumeric()) && !folded.is_empty() => {
            out.extend(folded.chars().map(|f| f.to_ascii_lowercase()))
        }
        // Letters with no plain form (and symbols that count as letters)
        // keep their own lower case.
        _ => out.extend(c.to_lowercase()),
    }
}

/// How many words [`for_each_word`] finds in `text`, without folding
/// them: a run of letters and digits is a word, whatever it folds to.
pub fn count_words(text: &str) -> u32 {
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut inside = false;
    let mut i = 0;
    while i < bytes.len() {
        // ASCII a byte at a time, the rest a character.
        let alphanumeric = if bytes[i] < 0x80 {
            i += 1;
            bytes[i - 1].is_ascii_alphanumeric()
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            c.is_alphanumeric()
        };
        // `&`, not `&&`: no branch a byte (twice as fast on the archive,
        // every word of which `trend` counts when it streams).
        words += u32::from(alphanumeric & !inside);
        inside = alphanumeric;
    }
    words
}

/// The folded words of a text, for queries.
pub fn fold_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut buffer = String::new();
    for_each_word(text, &mut buffer, |w, _| words.push(w.to_string()));
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, Range<usize>)> {
        let mut out = Vec::new();
        let mut buffer = String::new();
        for_each_word(text, &mut buffer, |w, r| out.push((w.to_string(), r)));
        out
    }

    #[test]
    fn words_fold_case_and_accents_and_keep_their_ranges() {
        let text = "Medvédev’s US$17 — Kazakhstan!";
        let found = words(text);
        let folded: Vec<&str> = found.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(folded, ["medvedev", "s", "us", "17", "kazakhstan"]);
        assert_eq!(&text[found[0].1.clone()], "Medvédev");
        assert_eq!(&text[found[4].1.clone()], "Kazakhstan");
    }

    #[test]
    fn words_are_counted_as_they_are_found() {
        for text in [
            "Medvédev’s US$17 — Kazakhstan!",
            "of\u{a0}the <…> x",
            "",
            "  ",
            "Straße ǅemal İstanbul ﬁne ½ x²y ٣٤ 東京 e\u{301}",
            "a-b_c.d,e",
        ] {
            assert_eq!(count_words(text) as usize, words(text).len(), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_counts_as_it_tokenises(text in "[a-zA-Z0-9 ,.:@`{\\[_\u{7f}’é東½\u{a0}\u{301}-]{0,40}") {
            proptest::prop_assert_eq!(count_words(&text) as usize, words(&text).len());
        }
    }

    #[test]
    fn no_break_spaces_and_marks_split_words() {
        assert_eq!(fold_words("of\u{a0}the <…> x"), ["of", "the", "x"]);
        assert_eq!(fold_words(""), Vec::<String>::new());
    }
}
