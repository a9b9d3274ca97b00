//! Facets: what narrows a search or the events list by an event's date,
//! footer tags, place, section and people rather than by its words.
//!
//! `year:2016`, `year:2014..2016`, `date:2016-03..2016-06`, `topic:syria`
//! (a Topics or a Geography tag), `geo:turkey` (Geography only), `place:sochi`, `section:transcripts`, `with:peskov`,
//! `mentions:grain` (the event's text has the word); a `-`
//! before one excludes. A value of several words is written with `_`
//! (`topic:foreign_policy`), as Tab completes it. Tags, places and
//! sections are folded once, the first time a facet is asked for, so a
//! keystroke only compares.

use rustc_hash::FxHashMap;
use std::sync::Arc;

use super::words::fold_words;
use super::{Query, SpeakerRule};
use crate::model::{Corpus, Transcript};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Facet {
    /// Inclusive date prefixes: `2016`, `2016-03`, `2016-03-09`.
    Dates(String, String),
    Topic(String),
    Geo(String),
    Place(String),
    Section(String),
    With(String),
    /// Folded words the event's text must have, each exactly. Judged from
    /// the words, by whoever holds them ([`mentioned`]), not by [`Judge`].
    Mentions(Vec<String>),
    /// `has:turns`: someone speaks, the event is not narration alone.
    Turns,
}

/// The facet names, as typed before the colon.
pub const NAMES: &[&str] = &[
    "year", "date", "topic", "geo", "place", "section", "with", "mentions", "has",
];

/// A facet and whether it excludes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetTerm {
    pub facet: Facet,
    pub negated: bool,
}

impl FacetTerm {
    /// A word of a query read as a facet, if it is one.
    pub fn parse(word: &str) -> Option<FacetTerm> {
        let (negated, word) = match word.strip_prefix('-') {
            Some(rest) if !rest.is_empty() => (true, rest),
            _ => (false, word),
        };
        let (name, value) = word.split_once(':')?;
        if value.is_empty() {
            return None;
        }
        let folded = fold_words(value).join(" ");
        let facet = match name.to_ascii_lowercase().as_str() {
            "year" | "date" => {
                let (from, to) = value.split_once("..").unwrap_or((value, value));
                Facet::Dates(from.to_string(), to.to_string())
            }
            "topic" => Facet::Topic(folded),
            "geo" => Facet::Geo(folded),
            "place" => Facet::Place(folded),
            "section" => Facet::Section(folded),
            "with" => Facet::With(folded),
            "mentions" => Facet::Mentions(fold_words(value)),
            "has" if folded == "turns" => Facet::Turns,
            _ => return None,
        };
        Some(FacetTerm { facet, negated })
    }
}

/// Whether an ISO date falls between two inclusive date prefixes (`2016`,
/// `2016-03`, `2016-03-09`: a prefix stands for its whole span); an empty
/// end is open.
pub fn date_between(date: &str, from: &str, to: &str) -> bool {
    // A date from a JSON corpus may be any text: cut it only where it can be.
    let head = date.get(..to.len().min(date.len())).unwrap_or(date);
    date >= from && (to.is_empty() || head <= to)
}

/// One event's facets, folded.
#[derive(Debug, Clone, Default)]
pub struct FoldedEvent {
    pub date: Option<Arc<str>>,
    pub topics: Box<[Arc<str>]>,
    pub geo: Box<[Arc<str>]>,
    pub place: Arc<str>,
    pub sections: Box<[Arc<str>]>,
    /// Who speaks or is tagged: person ids.
    pub people: Box<[Arc<str>]>,
    /// Someone speaks: the event has turns.
    pub turns: bool,
}

/// Each string once: the events of a corpus share their tags, places,
/// sections, people and days, and the reader holds every event's.
#[derive(Default)]
struct Interner(FxHashMap<Arc<str>, ()>);

impl Interner {
    fn get(&mut self, text: String) -> Arc<str> {
        if let Some((held, _)) = self.0.get_key_value(text.as_str()) {
            return Arc::clone(held);
        }
        let held: Arc<str> = text.into();
        self.0.insert(Arc::clone(&held), ());
        held
    }
}

impl FoldedEvent {
    /// One event's facets, on their own (the streaming search).
    pub fn of(t: &Transcript) -> FoldedEvent {
        FoldedEvent::interned(t, &mut Interner::default())
    }

    fn interned(t: &Transcript, strings: &mut Interner) -> FoldedEvent {
        let mut folded = |text: &str| strings.get(fold_words(text).join(" "));
        let mut tags = |heading: &str| -> Box<[Arc<str>]> {
            t.footer
                .tags
                .iter()
                .filter(|g| t.text(&g.heading) == heading)
                .flat_map(|g| &g.items)
                .map(|item| folded(t.text(item)))
                .collect()
        };
        let topics = tags("Topics");
        let geo = tags("Geography");
        let place = folded(t.place.as_ref().map_or("", |p| t.text(p)));
        let sections = t.footer.sections.iter().map(|s| folded(s)).collect();
        let mut people: Vec<&str> = t
            .turns()
            .filter_map(|turn| turn.speaker.person_id())
            .chain(t.footer.persons.iter().map(String::as_str))
            .collect();
        people.sort_unstable();
        people.dedup();
        FoldedEvent {
            turns: t.turns().next().is_some(),
            date: t.date.clone().map(|d| strings.get(d)),
            topics,
            geo,
            place,
            sections,
            people: people
                .into_iter()
                .map(|id| strings.get(id.to_string()))
                .collect(),
        }
    }
}

/// The values a facet takes in a corpus, as written, with how many
/// events carry each: what Tab completes from.
#[derive(Debug, Clone, Default)]
pub struct Values {
    /// (facet name, value as written, folded, events), most events first.
    values: Vec<(&'static str, String, String, usize)>,
}

impl Values {
    /// The values of facet `name` that a typed prefix of folded words
    /// starts (or, failing that, appears in), most events first.
    pub fn complete(&self, name: &str, typed: &str) -> Vec<(&str, usize)> {
        let typed = fold_words(typed).join(" ");
        let of_facet = || self.values.iter().filter(move |v| v.0 == name);
        let starting: Vec<(&str, usize)> = of_facet()
            .filter(|v| v.2.starts_with(&typed))
            .map(|v| (v.1.as_str(), v.3))
            .collect();
        if !starting.is_empty() {
            return starting;
        }
        of_facet()
            .filter(|v| v.2.contains(&typed))
            .map(|v| (v.1.as_str(), v.3))
            .collect()
    }
}

/// Every event's facets, folded, and the values they take.
#[derive(Debug, Clone, Default)]
pub struct FacetIndex {
    pub events: Vec<FoldedEvent>,
    pub values: Values,
    /// Every word of every title, once: a filter judges each word once a
    /// key, not once an event.
    pub title_words: Vec<Box<str>>,
    /// Each event's title as numbers of [`FacetIndex::title_words`].
    pub titles: Vec<Vec<u32>>,
}

impl FacetIndex {
    pub fn new(corpus: &Corpus) -> FacetIndex {
        let mut strings = Interner::default();
        let events: Vec<FoldedEvent> = corpus
            .transcripts
            .iter()
            .map(|t| FoldedEvent::interned(t, &mut strings))
            .collect();
        drop(strings);
        let mut counts: FxHashMap<(&'static str, String), usize> = FxHashMap::default();
        for t in &corpus.transcripts {
            let mut seen = |name: &'static str, value: &str| {
                *counts.entry((name, value.to_string())).or_default() += 1;
            };
            for group in &t.footer.tags {
                let geo = match t.text(&group.heading) {
                    "Topics" => false,
                    "Geography" => true,
                    _ => continue,
                };
                for item in &group.items {
                    seen("topic", t.text(item));
                    if geo {
                        seen("geo", t.text(item));
                    }
                }
            }
            if let Some(place) = &t.place {
                seen("place", t.text(place));
            }
            for section in &t.footer.sections {
                seen("section", section);
            }
            if let Some(year) = t.date.as_deref().and_then(|d| d.get(..4)) {
                seen("year", year);
            }
        }
        for event in &events {
            for id in &event.people {
                let name = corpus.person_name(id);
                *counts.entry(("with", name.to_string())).or_default() += 1;
            }
        }
        let mut values: Vec<(&'static str, String, String, usize)> = counts
            .into_iter()
            .map(|((name, value), n)| {
                let folded = fold_words(&value).join(" ");
                (name, value, folded, n)
            })
            .collect();
        values.sort_by(|a, b| b.3.cmp(&a.3).then_with(|| a.1.cmp(&b.1)));
        let mut ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut title_words: Vec<Box<str>> = Vec::new();
        let titles = corpus
            .transcripts
            .iter()
            .map(|t| {
                fold_words(t.title_text())
                    .iter()
                    .map(|word| {
                        if let Some(id) = ids.get(word.as_str()) {
                            return *id;
                        }
                        title_words.push(word.as_str().into());
                        let id = title_words.len() as u32 - 1;
                        ids.insert(word.clone(), id);
                        id
                    })
                    .collect()
            })
            .collect();
        FacetIndex {
            values: Values { values },
            title_words,
            titles,
            events,
        }
    }
}

/// Facet terms made ready to judge events: names matched by the rule of
/// `@name`, each person judged once.
pub struct Judge<'a> {
    terms: &'a [FacetTerm],
    rules: Vec<Option<SpeakerRule>>,
    people: FxHashMap<String, bool>,
}

impl<'a> Judge<'a> {
    /// `near`: `with:` keeps near names too ([`Query::near_names`]).
    pub fn new(terms: &'a [FacetTerm], near: bool) -> Judge<'a> {
        let rules = terms
            .iter()
            .map(|term| match &term.facet {
                Facet::With(name) => SpeakerRule::new(&Query {
                    speakers: fold_words(name),
                    near,
                    ..Query::default()
                }),
                _ => None,
            })
            .collect();
        Judge {
            terms,
            rules,
            people: FxHashMap::default(),
        }
    }

    /// Whether an event passes every facet; `name_of` gives a person's
    /// name from their id.
    pub fn keeps<'c>(
        &mut self,
        event: &FoldedEvent,
        name_of: &dyn Fn(&str) -> Option<&'c str>,
    ) -> bool {
        for (term, rule) in self.terms.iter().zip(&self.rules) {
            let holds = match &term.facet {
                Facet::Dates(from, to) => event
                    .date
                    .as_deref()
                    .is_some_and(|date| date_between(date, from, to)),
                // What an event is about includes where: `topic:syria`
                // finds the events tagged with the country.
                Facet::Topic(value) => event
                    .topics
                    .iter()
                    .chain(&event.geo)
                    .any(|t| t.contains(value.as_str())),
                Facet::Geo(value) => event.geo.iter().any(|t| t.contains(value.as_str())),
                Facet::Place(value) => event.place.contains(value.as_str()),
                Facet::Section(value) => event.sections.iter().any(|s| s.contains(value.as_str())),
                Facet::Mentions(_) => continue,
                Facet::Turns => event.turns,
                Facet::With(_) => rule.as_ref().is_some_and(|rule| {
                    event.people.iter().any(|id| {
                        if let Some(judged) = self.people.get(&**id) {
                            return *judged;
                        }
                        let name = fold_words(name_of(id).unwrap_or(id)).join(" ");
                        let judged = rule.keeps_folded(&name);
                        self.people.insert(id.to_string(), judged);
                        judged
                    })
                }),
            };
            if holds == term.negated {
                return false;
            }
        }
        true
    }
}

/// Whether events pass a query's `mentions:` words: `has(words)` says
/// whether an event's text has every one of them.
pub fn mentioned(terms: &[FacetTerm], mut has: impl FnMut(&[String]) -> bool) -> bool {
    terms.iter().all(|term| match &term.facet {
        Facet::Mentions(words) => has(words) != term.negated,
        _ => true,
    })
}

/// The transcripts a query's facets keep, as a mask over the corpus;
/// `None` when the query has none.
pub fn mask(
    corpus: &Corpus,
    index: &FacetIndex,
    terms: &[FacetTerm],
    near: bool,
) -> Option<Vec<bool>> {
    if terms.is_empty() {
        return None;
    }
    let mut judge = Judge::new(terms, near);
    let name_of = |id: &str| corpus.person(id).map(|p| p.name.as_str());
    Some(
        index
            .events
            .iter()
            .map(|event| judge.keeps(event, &name_of))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facet_words_are_read() {
        assert_eq!(
            FacetTerm::parse("year:2014..2016").map(|t| t.facet),
            Some(Facet::Dates("2014".into(), "2016".into()))
        );
        assert_eq!(
            FacetTerm::parse("-topic:Foreign_policy"),
            Some(FacetTerm {
                facet: Facet::Topic("foreign policy".into()),
                negated: true
            })
        );
        assert_eq!(FacetTerm::parse("note:this"), None);
        assert_eq!(FacetTerm::parse("topic:"), None);
        assert_eq!(FacetTerm::parse("10:30"), None);
    }

    #[test]
    fn dates_are_inclusive_prefixes() {
        let event = FoldedEvent {
            date: Some("2016-03-09".into()),
            ..FoldedEvent::default()
        };
        let keeps = |text: &str| {
            let terms: Vec<FacetTerm> = text.split(' ').filter_map(FacetTerm::parse).collect();
            Judge::new(&terms, false).keeps(&event, &|_| None)
        };
        assert!(keeps("year:2016"));
        assert!(keeps("date:2016-03..2016-06"));
        assert!(keeps("year:2014..2016"));
        assert!(!keeps("year:2017"));
        assert!(!keeps("-year:2016"));
        assert!(!keeps("date:2016-04..2016-06"));
        assert!(keeps("date:2016.."));
        assert!(keeps("date:..2016-03"));
        assert!(!keeps("date:..2015"));
        assert!(!date_between("2016-é", "", "2016-0"));
    }
}
