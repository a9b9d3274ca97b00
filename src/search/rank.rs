//! How well a word matches a query's terms, and how well a paragraph
//! matches the whole query. Shared by the index (the reader) and the
//! streaming search (the command line), so both rank alike.

use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rustc_hash::FxHashMap;

use super::query::{Query, Term};
use super::words::for_each_word;
use crate::typo::within_one_edit;

/// How well a word matches a term; higher is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    Fuzzy = 1,
    Typo = 2,
    Prefix = 3,
    Exact = 4,
}

impl Tier {
    fn from_bits(bits: u64) -> Option<Tier> {
        match bits {
            1 => Some(Tier::Fuzzy),
            2 => Some(Tier::Typo),
            3 => Some(Tier::Prefix),
            4 => Some(Tier::Exact),
            _ => None,
        }
    }
}

/// Terms a query can have; the rest are ignored (three bits a term in a `u64`).
pub const MAX_TERMS: usize = 21;

/// A word's tier for each term, three bits a term; 0 is no match.
pub type Tiers = u64;

pub fn tier_at(tiers: Tiers, term: usize) -> Option<Tier> {
    Tier::from_bits((tiers >> (3 * term)) & 0b111)
}

pub struct Matcher {
    pub terms: Vec<Term>,
    fuzzy: SkimMatcherV2,
}

impl Matcher {
    pub fn new(query: &Query) -> Matcher {
        Matcher {
            terms: query.terms.iter().take(MAX_TERMS).cloned().collect(),
            fuzzy: SkimMatcherV2::default(),
        }
    }

    /// The tiers of one folded word against every term.
    pub fn tiers(&self, word: &str) -> Tiers {
        self.terms
            .iter()
            .enumerate()
            .fold(0, |tiers, (i, term)| match self.tier(term, word) {
                Some(tier) => tiers | (tier as u64) << (3 * i),
                None => tiers,
            })
    }

    /// Exactly; as a prefix (the word being typed); one typo away, also in
    /// a word still being typed; or fuzzily, letters mostly together.
    pub fn tier(&self, term: &Term, word: &str) -> Option<Tier> {
        match quick_tier(term, word) {
            Quick::Known(tier) => tier,
            Quick::AskFuzzy => self.fuzzy_tier(term, word),
        }
    }

    /// [`Matcher::tiers`], asking `memo` for words that need the fuzzy
    /// matcher: the rest are cheaper to work out than to look up.
    pub fn tiers_memo(&self, word: &str, memo: &mut FxHashMap<Box<str>, Tiers>) -> Tiers {
        let mut tiers = 0;
        for (i, term) in self.terms.iter().enumerate() {
            match quick_tier(term, word) {
                Quick::Known(Some(tier)) => tiers |= (tier as u64) << (3 * i),
                Quick::Known(None) => {}
                Quick::AskFuzzy => {
                    if let Some(known) = memo.get(word) {
                        return *known;
                    }
                    let all = self.tiers(word);
                    memo.insert(word.into(), all);
                    return all;
                }
            }
        }
        tiers
    }

    fn fuzzy_tier(&self, term: &Term, word: &str) -> Option<Tier> {
        let t = term.folded.as_str();
        self.fuzzy
            .fuzzy_match(word, t)
            .is_some_and(|score| score >= fuzzy_threshold(t.len()))
            .then_some(Tier::Fuzzy)
    }
}

/// A tier worked out from the bytes alone, or the word is a fuzzy candidate.
enum Quick {
    Known(Option<Tier>),
    AskFuzzy,
}

fn quick_tier(term: &Term, word: &str) -> Quick {
    let t = term.folded.as_str();
    if word == t {
        return Quick::Known(Some(Tier::Exact));
    }
    if term.exact {
        // A phrase's words may still be being typed.
        return Quick::Known(
            (term.phrase.is_some() && word.starts_with(t)).then_some(Tier::Prefix),
        );
    }
    if word.starts_with(t) {
        return Quick::Known(Some(Tier::Prefix));
    }
    let (tb, w) = (t.as_bytes(), word.as_bytes());
    if tb.len() < 4 {
        return Quick::Known(None);
    }
    if w.len().abs_diff(tb.len()) <= 1 && within_one_edit(w, tb) {
        return Quick::Known(Some(Tier::Typo));
    }
    if w.first() != tb.first() {
        return Quick::Known(None);
    }
    if tb.len() >= 5
        && w.len() > tb.len() + 1
        && (within_one_edit(&w[..tb.len()], tb) || within_one_edit(&w[..tb.len() + 1], tb))
    {
        return Quick::Known(Some(Tier::Typo));
    }
    if w.len() > tb.len() * 2 {
        return Quick::Known(None);
    }
    Quick::AskFuzzy
}

/// What a paragraph's place adds to its score. A lead sums up the speech
/// under it in the speech's own words, and a remembered quote is the
/// speech: the title and lead lose a tie by about one word of a run.
pub fn place_bonus(block: u32) -> i32 {
    const HEADER_PENALTY: i32 = 30;
    if block == crate::model::HEADER {
        -HEADER_PENALTY
    } else {
        0
    }
}

/// fuzzy-matcher's skim scores run about 16 a matched character, less for
/// gaps; this keeps matches whose letters mostly stand together.
pub fn fuzzy_threshold(len: usize) -> i64 {
    (len as i64) * 14
}

/// The times a paragraph holds a query, given how many of its words match
/// each term: its scarcest needed term's, or of `?word`s alone the most
/// matched.
pub fn times_held(terms: &[Term], each: &[u32]) -> u32 {
    let needed = terms
        .iter()
        .zip(each)
        .filter(|(t, _)| !t.optional)
        .map(|(_, n)| *n);
    let most = each.iter().copied().max().unwrap_or(0);
    needed.min().unwrap_or(most)
}

/// [`times_held`] for `text`, which [`rank`] matched, each word's tiers
/// given by `tiers_of`.
pub fn times_held_in(
    text: &str,
    terms: &[Term],
    buffer: &mut String,
    mut tiers_of: impl FnMut(&str) -> Tiers,
) -> u32 {
    let n = terms.len().min(MAX_TERMS);
    let mut each = [0u32; MAX_TERMS];
    for_each_word(text, buffer, |word, _| {
        let tiers = tiers_of(word);
        for (term, count) in each[..n].iter_mut().enumerate() {
            if tier_at(tiers, term).is_some() {
                *count += 1;
            }
        }
    });
    times_held(&terms[..n], &each[..n])
}

/// A paragraph's score and the byte ranges of its matched characters, or
/// `None` when some term (or a quoted phrase) is not in it. `tiers_of`
/// gives each folded word's [`Tiers`].
pub fn rank(
    text: &str,
    terms: &[Term],
    mut tiers_of: impl FnMut(&str) -> Tiers,
) -> Option<(i32, Vec<Range<usize>>)> {
    let n = terms.len().min(MAX_TERMS);
    let mut best: [Option<(Tier, Range<usize>)>; MAX_TERMS] = Default::default();
    // For each term, the run of consecutive terms in query order ending at
    // it on the previous word; a long run is the phrase the user remembers.
    let mut previous = [0u32; MAX_TERMS];
    let mut longest: u32 = 0;
    let mut longest_end: Option<(usize, usize)> = None;
    let mut matched_words: Vec<MatchedWord> = Vec::new();
    // The word number of each matched word, for proximity.
    let mut positions: Vec<usize> = Vec::new();
    let mut buffer = String::new();
    let mut word_count = 0usize;
    for_each_word(text, &mut buffer, |word, range| {
        word_count += 1;
        let mut runs = [0u32; MAX_TERMS];
        let tiers = tiers_of(word);
        if tiers != 0 {
            // The tiers this word keeps after smart case.
            let mut here: Tiers = 0;
            for (i, term) in terms.iter().take(n).enumerate() {
                let Some(tier) = tier_at(tiers, i) else {
                    continue;
                };
                if let Some(typed) = &term.case_sensitive
                    && tier >= Tier::Prefix
                    && !text[range.clone()].starts_with(typed.as_str())
                {
                    continue;
                }
                here |= (tier as u64) << (3 * i);
                runs[i] = if i > 0 { previous[i - 1] + 1 } else { 1 };
                if runs[i] > longest {
                    longest = runs[i];
                    longest_end = Some((matched_words.len(), i));
                }
                if best[i].as_ref().is_none_or(|(t, _)| tier > *t) {
                    best[i] = Some((tier, range.clone()));
                }
            }
            if here != 0 {
                matched_words.push((range, here));
                positions.push(word_count);
            }
        }
        previous = runs;
    });
    // Each word the query needs; of `?word`s alone, one.
    let all_optional = n > 0 && terms[..n].iter().all(|t| t.optional);
    let lacking = |i: usize| best[i].is_none();
    if (0..n).any(|i| lacking(i) && !terms[i].optional) || (all_optional && (0..n).all(lacking)) {
        return None;
    }
    // A quoted phrase must stand together.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for (i, term) in terms.iter().enumerate().take(n) {
        if let Some(g) = term.phrase {
            match groups.get_mut(g) {
                Some(group) => group.1 = i,
                None => groups.push((i, i)),
            }
        }
    }
    if !groups
        .iter()
        .all(|(a, b)| phrase_present(&matched_words, *a, *b))
    {
        return None;
    }
    let tiers: i32 = best[..n]
        .iter()
        .flatten()
        .map(|(t, _)| *t as i32 * 10)
        .sum();
    let run_bonus = (longest.saturating_sub(1) as i32) * 25;
    let score =
        tiers + run_bonus + proximity(&matched_words, &positions, n) - (word_count as i32) / 40;
    let mut ranges: Vec<Range<usize>> = Vec::new();
    // The longest run in order, then each term's best word elsewhere.
    if let Some((end_word, end_term)) = longest_end {
        let len = longest as usize;
        for k in 0..len {
            let (range, _) = &matched_words[end_word + 1 + k - len];
            let i = end_term + 1 + k - len;
            ranges.push(highlight(
                text,
                range.clone(),
                &terms[i],
                best[i].as_ref().map(|b| b.0),
            ));
        }
    }
    for (i, found) in best[..n].iter().enumerate() {
        if let Some((tier, range)) = found
            && !ranges
                .iter()
                .any(|r| r.start >= range.start && r.start < range.end)
        {
            ranges.push(highlight(text, range.clone(), &terms[i], Some(*tier)));
        }
    }
    ranges.sort_by_key(|r| r.start);
    Some((score, ranges))
}

/// Terms next to each other in the query that stand close in the
/// paragraph earn a little, a bit more in the query's order: less than a
/// run of adjacent words in order.
fn proximity(matched: &[MatchedWord], positions: &[usize], n: usize) -> i32 {
    let near = |distance: usize| 6usize.saturating_sub(distance) as i32 * 2;
    let mut bonus = 0;
    for i in 0..n.saturating_sub(1) {
        let (mut last_a, mut last_b): (Option<usize>, Option<usize>) = (None, None);
        let (mut in_order, mut reversed) = (usize::MAX, usize::MAX);
        for ((_, tiers), at) in matched.iter().zip(positions) {
            if tier_at(*tiers, i).is_some() {
                if let Some(b) = last_b {
                    reversed = reversed.min(at - b);
                }
                last_a = Some(*at);
            }
            if tier_at(*tiers, i + 1).is_some() {
                if let Some(a) = last_a {
                    in_order = in_order.min(at - a);
                }
                last_b = Some(*at);
            }
        }
        let ordered = if in_order == usize::MAX {
            0
        } else {
            near(in_order) + 2
        };
        bonus += ordered.max(near(reversed));
    }
    bonus
}

/// A word of a paragraph and its tiers for the query's terms.
type MatchedWord = (Range<usize>, Tiers);

/// Whether terms `a..=b` match consecutive words in order.
fn phrase_present(matched: &[MatchedWord], a: usize, b: usize) -> bool {
    let len = b - a + 1;
    if len == 1 {
        return matched
            .iter()
            .any(|(_, tiers)| tier_at(*tiers, a).is_some());
    }
    matched.windows(len).any(|window| {
        window
            .iter()
            .enumerate()
            .all(|(k, (_, tiers))| tier_at(*tiers, a + k).is_some())
            && window
                .windows(2)
                .all(|pair| adjacent(&pair[0].0, &pair[1].0))
    })
}

/// Words are adjacent when only a few non-word characters stand between them.
fn adjacent(first: &Range<usize>, second: &Range<usize>) -> bool {
    second.start >= first.end && second.start - first.end <= 4
}

/// The characters of a word that a term matched: its first characters for
/// an exact or prefix match, the whole word for a typo or fuzzy one.
fn highlight(text: &str, word: Range<usize>, term: &Term, tier: Option<Tier>) -> Range<usize> {
    if matches!(tier, Some(Tier::Exact | Tier::Prefix)) {
        let chars = term.folded.chars().count();
        let end = text[word.clone()]
            .char_indices()
            .nth(chars)
            .map_or(word.end, |(i, _)| word.start + i);
        word.start..end
    } else {
        word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tier(query: &str, word: &str) -> Option<Tier> {
        let q = Query::parse(query);
        Matcher::new(&q).tier(&q.terms[0], word)
    }

    #[test]
    fn tiers_of_a_word() {
        assert_eq!(tier("trade", "trade"), Some(Tier::Exact));
        assert_eq!(tier("gro", "growing"), Some(Tier::Prefix));
        assert_eq!(tier("kazkhstan", "kazakhstan"), Some(Tier::Typo));
        assert_eq!(tier("invstm", "investment"), Some(Tier::Typo));
        assert_eq!(tier("strtgc", "strategic"), Some(Tier::Fuzzy));
        assert_eq!(tier("'trad", "trade"), None);
        assert_eq!(tier("tra", "tar"), None, "short terms take no typos");
    }

    fn score(query: &str, text: &str) -> i32 {
        let q = Query::parse(query);
        let matcher = Matcher::new(&q);
        rank(text, &matcher.terms, |w| matcher.tiers(w)).map_or(i32::MIN, |(score, _)| score)
    }

    #[test]
    fn in_order_beats_near_beats_far() {
        let phrase = score("trade grow", "Our trade is growing fast this year.");
        let near = score("trade grow", "It is growing, our trade, fast this year.");
        let far = score(
            "trade grow",
            "Our trade, as everyone here knows well enough by now, is at last growing.",
        );
        assert!(phrase > near && near > far, "{phrase} {near} {far}");
        assert_eq!(score("trade grow", "Nothing about it here."), i32::MIN);
    }

    #[test]
    fn tiers_pack_three_bits_a_term() {
        let q = Query::parse("trade gro zzzz");
        let tiers = Matcher::new(&q).tiers("growing");
        assert_eq!(tier_at(tiers, 0), None);
        assert_eq!(tier_at(tiers, 1), Some(Tier::Prefix));
        assert_eq!(tier_at(tiers, 2), None);
    }
}
