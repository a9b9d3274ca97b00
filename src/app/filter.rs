//! The events filter (`F`): words that the title must have (typos and
//! order forgiven, as search forgives them) and facets that narrow by
//! date, topic, place and person. `-` before a facet or word excludes.
//!
//! `year:2016`, `year:2014..2016`, `date:2016-03..2016-06`, `topic:syria`,
//! `geo:turkey`, `place:sochi`, `section:transcripts`, `with:peskov`.

use rustc_hash::FxHashMap;

use super::keymap::Mode;
use super::{Action, App, Effect};
use crate::model::{Corpus, Transcript};
use crate::search::words::fold_words;
use crate::search::{Query, SpeakerRule};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Facet {
    /// Inclusive date prefixes: `2016`, `2016-03`, `2016-03-09`.
    Dates(String, String),
    Topic(String),
    Geo(String),
    Place(String),
    Section(String),
    With(String),
    /// Words the title must have.
    Title(String),
}

/// A parsed filter.
pub struct EventsQuery {
    /// Each facet, and whether it excludes.
    facets: Vec<(Facet, bool)>,
}

impl EventsQuery {
    pub fn parse(text: &str) -> EventsQuery {
        let mut facets = Vec::new();
        let mut title = Vec::new();
        for word in text.split_whitespace() {
            let (negated, word) = match word.strip_prefix('-') {
                Some(rest) if !rest.is_empty() => (true, rest),
                _ => (false, word),
            };
            let facet = match word.split_once(':') {
                Some((name, value)) if !value.is_empty() => {
                    let folded = fold_words(value).join(" ");
                    match name.to_ascii_lowercase().as_str() {
                        "year" | "date" => {
                            let (from, to) = value.split_once("..").unwrap_or((value, value));
                            Some(Facet::Dates(from.to_string(), to.to_string()))
                        }
                        "topic" => Some(Facet::Topic(folded)),
                        "geo" => Some(Facet::Geo(folded)),
                        "place" => Some(Facet::Place(folded)),
                        "section" => Some(Facet::Section(folded)),
                        "with" => Some(Facet::With(value.to_string())),
                        _ => None,
                    }
                }
                _ => None,
            };
            match facet {
                Some(facet) => facets.push((facet, negated)),
                None if negated => facets.push((Facet::Title(word.to_string()), true)),
                None => title.push(word.to_string()),
            }
        }
        if !title.is_empty() {
            facets.push((Facet::Title(title.join(" ")), false));
        }
        EventsQuery { facets }
    }

    pub fn is_empty(&self) -> bool {
        self.facets.is_empty()
    }

    /// The transcripts of `order` the filter keeps, in that order.
    pub fn keep(&self, corpus: &Corpus, order: &[usize]) -> Vec<usize> {
        // Names and titles are matched with the search's rule for names.
        let rules: Vec<Option<SpeakerRule>> = self
            .facets
            .iter()
            .map(|(facet, _)| match facet {
                Facet::With(name) | Facet::Title(name) => {
                    let query = Query {
                        speakers: fold_words(name),
                        ..Query::default()
                    };
                    SpeakerRule::new(&query)
                }
                _ => None,
            })
            .collect();
        let mut people: FxHashMap<&str, bool> = FxHashMap::default();
        order
            .iter()
            .copied()
            .filter(|t| {
                let t = &corpus.transcripts[*t];
                self.facets
                    .iter()
                    .zip(&rules)
                    .all(|((facet, negated), rule)| {
                        holds(corpus, t, facet, rule.as_ref(), &mut people) != *negated
                    })
            })
            .collect()
    }
}

fn holds<'c>(
    corpus: &'c Corpus,
    t: &'c Transcript,
    facet: &Facet,
    rule: Option<&SpeakerRule>,
    people: &mut FxHashMap<&'c str, bool>,
) -> bool {
    let folded = |text: &str| fold_words(text).join(" ");
    let tags = |heading: &'static str| {
        t.footer
            .tags
            .iter()
            .filter(move |g| t.text(&g.heading) == heading)
            .flat_map(|g| &g.items)
            .map(move |item| folded(t.text(item)))
    };
    match facet {
        Facet::Dates(from, to) => t.date.as_deref().is_some_and(|date| {
            date >= from.as_str() && &date[..to.len().min(date.len())] <= to.as_str()
        }),
        Facet::Topic(value) => tags("Topics").any(|tag| tag.contains(value.as_str())),
        Facet::Geo(value) => tags("Geography").any(|tag| tag.contains(value.as_str())),
        Facet::Place(value) => t
            .place
            .as_ref()
            .is_some_and(|p| folded(t.text(p)).contains(value.as_str())),
        Facet::Section(value) => t
            .footer
            .sections
            .iter()
            .any(|s| folded(s).contains(value.as_str())),
        Facet::Title(_) => rule.is_some_and(|rule| rule.allows_words(t.title_text())),
        Facet::With(_) => {
            let Some(rule) = rule else { return false };
            // A person who speaks here or is tagged, each name judged once.
            let speakers = t.turns().filter_map(|turn| turn.speaker.person_id());
            let tagged = t.footer.persons.iter().map(String::as_str);
            speakers.chain(tagged).any(|id| {
                *people.entry(id).or_insert_with(|| {
                    rule.allows(corpus.person(id).map_or(id, |p| p.name.as_str()))
                })
            })
        }
    }
}

/// The filter prompt, while open.
#[derive(Debug, Clone)]
pub struct FilterPrompt {
    pub input: String,
    /// The filter in force when the prompt opened, for Esc.
    before: String,
}

impl App {
    /// `F`: the filter prompt, holding the filter in force.
    pub(super) fn open_filter(&mut self) {
        self.filter_prompt = Some(FilterPrompt {
            input: self.events_filter.clone(),
            before: self.events_filter.clone(),
        });
    }

    pub(super) fn update_filter(&mut self, action: Action) -> Effect {
        let Some(prompt) = self.filter_prompt.as_mut() else {
            return Effect::None;
        };
        match action {
            Action::Quit => return Effect::Quit,
            Action::SearchInput(c) => prompt.input.push(c),
            Action::SearchBackspace => {
                prompt.input.pop();
            }
            Action::SearchClear => prompt.input.clear(),
            Action::SearchAccept => {
                self.filter_prompt = None;
                return Effect::None;
            }
            Action::SearchCancel => {
                let before = prompt.before.clone();
                self.filter_prompt = None;
                self.apply_filter(&before);
                return Effect::None;
            }
            _ => return Effect::None,
        }
        let input = prompt.input.clone();
        self.apply_filter(&input);
        Effect::None
    }

    /// Narrows the events to those the filter keeps, keeping the open one
    /// open when it is among them.
    pub(super) fn apply_filter(&mut self, text: &str) {
        self.events_filter = text.to_string();
        let open = self.events.transcript();
        let query = EventsQuery::parse(text);
        self.events.order = if query.is_empty() {
            self.events.all.clone()
        } else {
            query.keep(&self.corpus, &self.events.all)
        };
        match open.and_then(|t| self.events.position(t)) {
            // The open event is still listed: it stays open, selected.
            Some(at) => {
                let fit = self.fit(super::Pane::Events);
                self.events.cursor.select(at, fit);
            }
            None => self.open_event(0),
        }
        if self.events.is_empty() {
            let edit = self.keys.hint(Mode::Normal, Action::FilterEvents);
            self.status = Some(format!("no event is left; {edit} changes the filter"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_and_words_are_read() {
        let query = EventsQuery::parse("syria year:2014..2016 -topic:sport with:peskov");
        assert_eq!(
            query.facets,
            [
                (Facet::Dates("2014".into(), "2016".into()), false),
                (Facet::Topic("sport".into()), true),
                (Facet::With("peskov".into()), false),
                (Facet::Title("syria".into()), false),
            ]
        );
        assert!(EventsQuery::parse("  ").is_empty());
    }
}
