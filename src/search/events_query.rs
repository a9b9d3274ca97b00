//! The events filter's query (`year:2016 topic:syria -geo:turkey with:peskov
//! grain`): the [facets] an event must have, and words its title must
//! have (typos and order forgiven, as search forgives them) or must not.
//!
//! [facets]: crate::search::facets

use super::facets::{Facet, FacetIndex, FacetTerm, Judge};
use super::words::fold_words;
use super::{Query, SpeakerRule};

/// A parsed filter.
pub struct EventsQuery {
    facets: Vec<FacetTerm>,
    /// Words the title must have, and words it must not.
    title: Option<SpeakerRule>,
    not_title: Vec<SpeakerRule>,
}

fn words_rule(words: &str) -> Option<SpeakerRule> {
    SpeakerRule::new(&Query {
        speakers: fold_words(words),
        ..Query::default()
    })
}

impl EventsQuery {
    pub fn parse(text: &str) -> EventsQuery {
        let mut facets = Vec::new();
        let mut title = Vec::new();
        let mut not_title = Vec::new();
        for word in text.split_whitespace() {
            if let Some(facet) = FacetTerm::parse(word) {
                facets.push(facet);
            } else if let Some(rest) = word.strip_prefix('-').filter(|r| !r.is_empty()) {
                not_title.extend(words_rule(rest));
            } else {
                title.push(word);
            }
        }
        EventsQuery {
            facets,
            title: words_rule(&title.join(" ")),
            not_title,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.facets.is_empty() && self.title.is_none() && self.not_title.is_empty()
    }

    /// The transcripts of `order` the filter keeps, in that order, and
    /// whether they are those of near names: `with:` keeps the events of
    /// an exact name, or of near ones when no exact name keeps any.
    /// Whether it has `mentions:` words, which need the search index.
    pub fn mentions(&self) -> bool {
        self.facets
            .iter()
            .any(|f| matches!(f.facet, Facet::Mentions(_)))
    }

    /// `mentioning` gives, by transcript, whether each has words (all of
    /// them), or `None` while it cannot tell: `mentions:` then keeps all.
    pub fn keep(
        &self,
        corpus: &crate::model::Corpus,
        index: &FacetIndex,
        order: &[usize],
        mentioning: &dyn Fn(&[String]) -> Option<Vec<bool>>,
    ) -> (Vec<usize>, bool) {
        let mut mentioned: Option<Vec<bool>> = None;
        for term in &self.facets {
            if let Facet::Mentions(words) = &term.facet
                && let Some(has) = mentioning(words)
            {
                let kept = mentioned.get_or_insert_with(|| vec![true; has.len()]);
                for (kept, has) in kept.iter_mut().zip(has) {
                    *kept &= has != term.negated;
                }
            }
        }
        let order: Vec<usize> = match &mentioned {
            Some(kept) => order
                .iter()
                .copied()
                .filter(|t| kept.get(*t).copied().unwrap_or(false))
                .collect(),
            None => order.to_vec(),
        };
        let order = &order[..];
        let exact = self.keep_names(corpus, index, order, false);
        let names = self
            .facets
            .iter()
            .any(|f| matches!(f.facet, Facet::With(_)));
        if exact.is_empty() && names {
            let near = self.keep_names(corpus, index, order, true);
            let found = !near.is_empty();
            (near, found)
        } else {
            (exact, false)
        }
    }

    fn keep_names(
        &self,
        corpus: &crate::model::Corpus,
        index: &FacetIndex,
        order: &[usize],
        near: bool,
    ) -> Vec<usize> {
        let mut judge = Judge::new(&self.facets, near);
        let name_of = |id: &str| corpus.person(id).map(|p| p.name.as_str());
        // Titles share their words: each is judged once per rule.
        let bits = self
            .title
            .as_ref()
            .map(|rule| rule.bits_of_words(&index.title_words));
        let not_bits: Vec<Vec<u64>> = self
            .not_title
            .iter()
            .map(|rule| rule.bits_of_words(&index.title_words))
            .collect();
        order
            .iter()
            .copied()
            .filter(|t| {
                let event = &index.events[*t];
                // Facets first: they are cheap, and the title's words (a
                // word being typed matches loosely) are then judged only
                // on the events the facets keep.
                judge.keeps(event, &name_of)
                    && self
                        .title
                        .as_ref()
                        .zip(bits.as_ref())
                        .is_none_or(|(rule, bits)| rule.allows_bits(&index.titles[*t], bits))
                    && !self
                        .not_title
                        .iter()
                        .zip(&not_bits)
                        .any(|(rule, bits)| rule.allows_bits(&index.titles[*t], bits))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_and_words_are_read() {
        let query = EventsQuery::parse("syria year:2014..2016 -topic:sport with:peskov -visit");
        assert_eq!(query.facets.len(), 3);
        assert!(query.facets[1].negated);
        assert!(query.title.is_some());
        assert_eq!(query.not_title.len(), 1);
        assert!(EventsQuery::parse("  ").is_empty());
    }
}
