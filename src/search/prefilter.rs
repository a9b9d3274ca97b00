//! Whether every term of a query matches some word of a page, found
//! without folding and looking up every word.
//!
//! First a key: a word matching a term holds all of its letters but at
//! most one (a typo), so it holds one of two of them, or a letter the term
//! has twice. The rarest such pair is looked for eight bytes at a time,
//! and only the words around it are checked: a page without the key's term
//! ends there. Then counts: a word can only match a term when it holds at
//! least as many of the term's letters as the loosest tier needs, which is
//! a table lookup a byte; only the words that pass are checked properly.

use super::query::Term;
use super::rank::{Tiers, tier_at};
use super::words::for_each_word;

/// Terms the byte counts can follow (one byte of counter each; the top
/// byte holds the flags below).
const MAX_COUNTED: usize = 7;
/// A letter, digit or byte of a non-ASCII character: a run of them splits
/// into the same words as [`for_each_word`] finds.
const WORD: u64 = 1 << 63;
/// A byte of a non-ASCII character: it folds to letters of its own.
const NON_ASCII: u64 = 1 << 62;
const COUNTERS: u64 = (1 << 56) - 1;

pub struct PageFilter {
    /// For each byte, its flags, and a 1 in counter `k` when it is a
    /// letter of term `k` (either case).
    letters: [u64; 256],
    /// Letters of term `k` a matching word holds at least.
    needed: Vec<u8>,
    key: Key,
}

/// A term, and two letters (lower case, perhaps the same) one of which
/// every word matching it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    term: usize,
    letters: [u8; 2],
}

impl PageFilter {
    /// `None` when the terms are beyond counting (too many, or letters
    /// outside ASCII).
    pub fn new(terms: &[Term]) -> Option<PageFilter> {
        if terms.is_empty()
            || terms.len() > MAX_COUNTED
            || terms.iter().any(|t| !t.folded.is_ascii())
        {
            return None;
        }
        let mut letters = [0u64; 256];
        for (b, entry) in letters.iter_mut().enumerate() {
            if b >= 0x80 {
                *entry = WORD | NON_ASCII;
            } else if (b as u8).is_ascii_alphanumeric() {
                *entry = WORD;
            }
        }
        let mut needed = Vec::new();
        for (k, term) in terms.iter().enumerate() {
            let mut distinct = term.folded.as_bytes().to_vec();
            distinct.sort_unstable();
            distinct.dedup();
            for b in distinct {
                letters[b as usize] |= 1 << (8 * k);
                letters[b.to_ascii_uppercase() as usize] |= 1 << (8 * k);
            }
            let typo_allowed = !term.exact && term.folded.len() >= 4;
            let len = term.folded.len().min(255) as u8;
            needed.push(len - u8::from(typo_allowed));
        }
        let key = terms
            .iter()
            .enumerate()
            .map(|(term, t)| Key {
                term,
                letters: rarest_pair(t),
            })
            .min_by_key(|key| key.letters.map(frequency).iter().sum::<u32>())?;
        Some(PageFilter {
            letters,
            needed,
            key,
        })
    }

    /// Whether every term matches some word of `text`, by `tiers_of`
    /// (given the folded word).
    pub fn all_terms_match(
        &self,
        text: &str,
        buffer: &mut String,
        mut tiers_of: impl FnMut(&str) -> Tiers,
    ) -> bool {
        let all = (1u32 << self.needed.len()) - 1;
        self.key_term_matches(text, buffer, &mut tiers_of)
            && self.terms_matched(text, buffer, &mut tiers_of) == all
    }

    fn key_term_matches(
        &self,
        text: &str,
        buffer: &mut String,
        tiers_of: &mut impl FnMut(&str) -> Tiers,
    ) -> bool {
        let bytes = text.as_bytes();
        let is_word = |b: u8| self.letters[b as usize] & WORD != 0;
        let mut found = false;
        let mut i = 0;
        while let Some(hit) = next_key_or_non_ascii(bytes, i, self.key.letters) {
            if bytes[hit] >= 0x80 {
                // Curly quotes and dashes are most of these; they hold no letter.
                let c = text[hit..].chars().next().unwrap_or(' ');
                if !c.is_alphanumeric() {
                    i = hit + c.len_utf8();
                    continue;
                }
            }
            let start = bytes[..hit]
                .iter()
                .rposition(|&b| !is_word(b))
                .map_or(0, |p| p + 1);
            let end = bytes[hit..]
                .iter()
                .position(|&b| !is_word(b))
                .map_or(bytes.len(), |p| hit + p);
            for_each_word(&text[start..end], buffer, |folded, _| {
                found |= tier_at(tiers_of(folded), self.key.term).is_some();
            });
            if found {
                return true;
            }
            i = end;
        }
        false
    }

    /// A bit for each term that some word of `text` matches, by `tiers_of`
    /// (given the folded word), asked only of the words that pass the count.
    fn terms_matched(
        &self,
        text: &str,
        buffer: &mut String,
        tiers_of: &mut impl FnMut(&str) -> Tiers,
    ) -> u32 {
        let n = self.needed.len();
        let all = (1u32 << n) - 1;
        let mut seen = 0u32;
        let bytes = text.as_bytes();
        let mut i = 0;
        let note = |tiers: Tiers, seen: &mut u32| {
            for k in 0..n {
                if tier_at(tiers, k).is_some() {
                    *seen |= 1 << k;
                }
            }
        };
        while i < bytes.len() && seen != all {
            if self.letters[bytes[i] as usize] & WORD == 0 {
                i += 1;
                continue;
            }
            let start = i;
            let mut counts = 0u64;
            let mut flags = 0u64;
            while let Some(&b) = bytes.get(i) {
                let entry = self.letters[b as usize];
                if entry & WORD == 0 {
                    break;
                }
                counts += entry & COUNTERS;
                flags |= entry;
                i += 1;
            }
            // A counter could overflow in a long run.
            if flags & NON_ASCII != 0 || i - start > 255 {
                for_each_word(&text[start..i], buffer, |folded, _| {
                    note(tiers_of(folded), &mut seen)
                });
                continue;
            }
            let candidate =
                (0..n).any(|k| (counts >> (8 * k)) as u8 >= self.needed[k] && seen & (1 << k) == 0);
            if candidate {
                buffer.clear();
                buffer.extend(
                    bytes[start..i]
                        .iter()
                        .map(|b| b.to_ascii_lowercase() as char),
                );
                note(tiers_of(buffer), &mut seen);
            }
        }
        seen
    }
}

/// The pair of a term's letters, one of which survives any one typo, that
/// English text has fewest of.
fn rarest_pair(term: &Term) -> [u8; 2] {
    let t = term.folded.as_bytes();
    if term.exact || t.len() < 4 {
        let rarest = *t.iter().min_by_key(|&&b| frequency(b)).unwrap_or(&b'e');
        return [rarest, rarest];
    }
    let mut best = [t[0], t[1]];
    for i in 0..t.len() {
        for j in i + 1..t.len() {
            let pair = if t[i] == t[j] {
                [t[i], t[i]]
            } else {
                [t[i], t[j]]
            };
            let cost = |p: [u8; 2]| {
                if p[0] == p[1] {
                    frequency(p[0])
                } else {
                    frequency(p[0]) + frequency(p[1])
                }
            };
            if cost(pair) < cost(best) {
                best = pair;
            }
        }
    }
    best
}

/// How common a letter is in English text, per ten thousand letters.
fn frequency(b: u8) -> u32 {
    const LETTERS: [u32; 26] = [
        820, 150, 280, 430, 1270, 220, 200, 610, 700, 15, 77, 400, 240, 670, 750, 190, 10, 600,
        630, 910, 280, 98, 240, 15, 200, 7,
    ];
    match b {
        b'a'..=b'z' => LETTERS[(b - b'a') as usize],
        b'0'..=b'9' => 50,
        _ => 0,
    }
}

/// The first byte at or after `from` that is one of `key` in either case,
/// or starts a non-ASCII character (it may fold to one of them), looked
/// for eight bytes at a time.
fn next_key_or_non_ascii(bytes: &[u8], from: usize, key: [u8; 2]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    // Bytes that are zero, exactly at the first one (a borrow only
    // spreads to later bytes).
    let zero = |y: u64| y.wrapping_sub(ONES) & !y & HIGH;
    // Setting 0x20 lower-cases letters and leaves digits as they are.
    let (a, b) = (ONES * u64::from(key[0]), ONES * u64::from(key[1]));
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let lower = x | (ONES * 0x20);
        let found = zero(lower ^ a) | zero(lower ^ b) | (x & HIGH);
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    let tail = bytes.get(i..)?;
    tail.iter()
        .position(|&c| c >= 0x80 || (c | 0x20) == key[0] || (c | 0x20) == key[1])
        .map(|p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Query;
    use crate::search::rank::Matcher;

    /// Whether the filter lets `text` through, next to asking every word.
    fn both(query: &str, text: &str) -> (bool, bool) {
        let q = Query::parse(query);
        let matcher = Matcher::new(&q);
        let filter = PageFilter::new(&matcher.terms).expect("countable");
        let mut buffer = String::new();
        let fast = filter.all_terms_match(text, &mut buffer, |w| matcher.tiers(w));
        let mut seen = 0;
        for_each_word(text, &mut buffer, |w, _| {
            let tiers = matcher.tiers(w);
            for k in 0..matcher.terms.len() {
                if tier_at(tiers, k).is_some() {
                    seen |= 1 << k;
                }
            }
        });
        (fast, seen == (1 << matcher.terms.len()) - 1)
    }

    #[test]
    fn the_filter_finds_what_every_word_finds() {
        let text = "Our trade is grówing; Medvédev’s visit to Kazakhstan, US$17 — strategically. \
                    ŽIŽEK, Zürich and quizzes.";
        let queries = [
            "trade",
            "grow",
            "growing",
            "medvedev",
            "kazkhstan invstment",
            "zzqx",
            "strtgc",
            "'trad",
            "17 us",
            "tarde Medvédev s",
            "zizek",
            "zurich",
            "zuric",
            "quizes",
            "qizzes",
            "zzqx trade",
            "trade zzqx",
            "xyz",
            "Visit",
        ];
        let mut failed = Vec::new();
        for query in queries {
            let (fast, slow) = both(query, text);
            assert_eq!(fast, slow, "{query}");
            if !fast {
                failed.push(query);
            }
        }
        // "strategically" is too long for a fuzzy "strtgc".
        assert_eq!(
            failed,
            [
                "kazkhstan invstment",
                "zzqx",
                "strtgc",
                "'trad",
                "zzqx trade",
                "trade zzqx",
                "xyz"
            ]
        );
        // Each possible tail length of the eight-byte scan.
        for pad in 0..9 {
            let text = format!("{}quizzes", ".".repeat(pad));
            assert_eq!(both("qizzes", &text), (true, true), "{pad}");
            assert_eq!(both("zzqx", &text), (false, false), "{pad}");
        }
    }

    #[test]
    fn the_key_is_the_rarest_pair() {
        let key = |query: &str| {
            let q = Query::parse(query);
            let terms = Matcher::new(&q).terms;
            let key = PageFilter::new(&terms).expect("countable").key;
            (key.term, String::from_utf8(key.letters.to_vec()).unwrap())
        };
        assert_eq!(key("zzqx"), (0, "zz".into()));
        assert_eq!(key("trade kazkhstan"), (1, "kk".into()));
        assert_eq!(key("'trade"), (0, "d".repeat(2)));
        assert_eq!(key("partnership"), (0, "pp".into()));
    }

    #[test]
    fn beyond_counting() {
        let q = Query::parse("a b c d e f g h");
        assert!(PageFilter::new(&Matcher::new(&q).terms).is_none());
        let q = Query::parse("日本");
        assert!(PageFilter::new(&Matcher::new(&q).terms).is_none());
    }
}
