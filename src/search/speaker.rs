//! `@name` and `--speaker NAME`: which speakers a query keeps. One rule for
//! the reader's index and the command line's stream, so both keep the same
//! turns.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::query::Query;
use super::rank::{Matcher, fuzzy_threshold, tier_at};
use super::words::fold_words;

pub struct SpeakerRule {
    /// Each wanted word is a term: exact, a prefix, one typo away or fuzzy.
    words: Matcher,
    /// The wanted words as one text, for names written run together.
    joined: String,
    fuzzy: SkimMatcherV2,
    /// [`SpeakerRule::keeps`] near names, not only exact ones.
    near: bool,
}

impl SpeakerRule {
    /// The rule of a query's `@name` words; `None` keeps every speaker.
    pub fn new(query: &Query) -> Option<SpeakerRule> {
        if query.speakers.is_empty() {
            return None;
        }
        let joined = query.speakers.join(" ");
        Some(SpeakerRule {
            words: Matcher::new(&Query::parse(&joined)),
            joined,
            fuzzy: SkimMatcherV2::default(),
            near: query.near,
        })
    }

    /// Whether a speaker's name (as shown) is kept by the query.
    pub fn keeps(&self, name: &str) -> bool {
        self.keeps_folded(&fold_words(name).join(" "))
    }

    /// Whether a speaker's name (folded and space-joined) is kept by the
    /// query: an exact name ([`SpeakerRule::is_exact`]), or a near one
    /// when the query asks for near names ([`Query::near_names`]).
    pub fn keeps_folded(&self, name: &str) -> bool {
        if self.near {
            self.allows_folded(name)
        } else {
            self.is_exact_folded(name)
        }
    }

    /// Whether a name has each wanted word as a whole word of its own
    /// (`@peskov`: Dmitry Peskov, not Yury Beskov; `@putin`: Vladimir
    /// Putin, not Alexei Kapustin), or is the wanted words run together.
    pub fn is_exact(&self, name: &str) -> bool {
        self.is_exact_folded(&fold_words(name).join(" "))
    }

    /// [`SpeakerRule::is_exact`] for a name already folded and space-joined.
    fn is_exact_folded(&self, name: &str) -> bool {
        self.joined
            .split(' ')
            .all(|wanted| name.split(' ').any(|word| word == wanted))
            || name.replace(' ', "") == self.joined.replace(' ', "")
    }

    /// Of a corpus's names, those kept: the exact ones when any name is
    /// exact ([`SpeakerRule::is_exact`]), else every one the rule allows
    /// (a typo, a prefix, letters in order). The flag says the second:
    /// the near names are offered, and the caller says so.
    pub fn exact_first<'n>(&self, names: impl Iterator<Item = &'n str>) -> (Vec<bool>, bool) {
        let folded: Vec<String> = names.map(|n| fold_words(n).join(" ")).collect();
        let exact: Vec<bool> = folded.iter().map(|n| self.is_exact_folded(n)).collect();
        if exact.iter().any(|e| *e) {
            (exact, false)
        } else {
            (folded.iter().map(|n| self.allows_folded(n)).collect(), true)
        }
    }

    /// Whether a near name (folded and space-joined) is kept: each wanted
    /// word matches a word of the name, in any order and with a
    /// typo forgiven as in the query's words (`@peskvo`, `Peskov Dmitry`);
    /// or the wanted letters run through the name in order (`@vputin`).
    pub fn allows_folded(&self, name: &str) -> bool {
        self.words_match(name)
            || self
                .fuzzy
                .fuzzy_match(name, &self.joined)
                .is_some_and(|score| score >= fuzzy_threshold(self.joined.len()))
    }

    /// Each wanted word matches a word of `text` (exactly, as a prefix or
    /// a typo away), in any order: the rule without its letters-in-order
    /// fallback, for text longer than a name (an event's title).
    pub fn allows_words(&self, text: &str) -> bool {
        self.words_match(&fold_words(text).join(" "))
    }

    /// Over many texts that share their words (thousands of titles): the
    /// wanted words each word of `words` matches, as bits, to be judged
    /// with [`SpeakerRule::allows_bits`].
    pub fn bits_of_words(&self, words: &[Box<str>]) -> Vec<u64> {
        words.iter().map(|w| self.terms_of(w)).collect()
    }

    /// Whether a text, as numbers of words whose `bits` are known, has
    /// every wanted word.
    pub fn allows_bits(&self, text: &[u32], bits: &[u64]) -> bool {
        let matched = text
            .iter()
            .fold(0u64, |m, w| m | bits.get(*w as usize).copied().unwrap_or(0));
        self.all_terms(matched)
    }

    fn words_match(&self, name: &str) -> bool {
        let matched = name
            .split(' ')
            .fold(0u64, |matched, word| matched | self.terms_of(word));
        self.all_terms(matched)
    }

    /// The wanted words a word matches, as bits.
    fn terms_of(&self, word: &str) -> u64 {
        let tiers = self.words.tiers(word);
        (0..self.words.terms.len())
            .filter(|term| tier_at(tiers, *term).is_some())
            .fold(0, |bits, term| bits | 1 << term)
    }

    fn all_terms(&self, matched: u64) -> bool {
        let terms = self.words.terms.len();
        terms > 0 && matched.count_ones() as usize == terms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allows(wanted: &str, name: &str) -> bool {
        let name = fold_words(name).join(" ");
        SpeakerRule::new(&Query::parse(wanted)).is_some_and(|rule| rule.allows_folded(&name))
    }

    #[test]
    fn names_forgive_typos_and_order() {
        assert!(allows("@peskov", "Dmitry Peskov"));
        assert!(allows("@peskvo", "Dmitry Peskov"));
        assert!(allows("@peskov @dmitry", "Dmitry Peskov"));
        assert!(allows("@putin", "Vladimir Putin"));
        assert!(allows("@vputin", "Vladimir Putin"));
        assert!(allows("@question", "Question"));
        assert!(!allows("@peskov", "Vladimir Putin"));
        assert!(!allows("@tokayev", "Dmitry Peskov"));
        assert!(SpeakerRule::new(&Query::parse("trade")).is_none());
    }

    #[test]
    fn an_exact_name_wins_over_its_near_neighbours() {
        let rule = SpeakerRule::new(&Query::parse("@tokayev")).unwrap();
        let names = ["Nikolai Tokarev", "Kassym-Jomart Tokayev", "Dmitry Peskov"];
        assert_eq!(
            rule.exact_first(names.iter().copied()),
            (vec![false, true, false], false)
        );
        // Nothing exact: the near names are offered, and it says so.
        let rule = SpeakerRule::new(&Query::parse("@tokaev")).unwrap();
        assert_eq!(
            rule.exact_first(names.iter().copied()),
            (vec![true, true, false], true)
        );
        let rule = SpeakerRule::new(&Query::parse("@vladimirputin")).unwrap();
        assert!(rule.is_exact("Vladimir Putin"));
    }
}
