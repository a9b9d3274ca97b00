//! The events filter (`F`): words that the title must have (typos and
//! order forgiven, as search forgives them) and the [facets] that search
//! reads too (`year:2016 topic:syria -geo:turkey with:peskov`). Tab
//! completes a facet's value from the values the corpus has.
//!
//! [facets]: crate::search::facets

use std::sync::Arc;

use super::keymap::Mode;
use super::prompt::TextInput;
use super::{Action, App, Effect};
use crate::search::events_query::EventsQuery;
use crate::search::facets::{self, FacetIndex};

/// The filter prompt, while open.
#[derive(Debug, Clone)]
pub struct FilterPrompt {
    pub input: TextInput,
    /// The filter in force when the prompt opened, for Esc.
    before: String,
    /// Tab's candidates for the facet being typed, and which one is in.
    pub completion: Option<Completion>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The input before the value being completed (`year:2016 topic:`).
    stem: String,
    /// Values with their event counts, most events first.
    pub candidates: Vec<(String, usize)>,
    pub at: usize,
}

impl App {
    /// Every event's facets, folded the first time a filter needs them.
    pub fn facet_index(&self) -> &FacetIndex {
        self.facets
            .get_or_init(|| Arc::new(FacetIndex::new(&self.corpus)))
    }

    /// `F`: the filter prompt, holding the filter in force.
    pub(super) fn open_filter(&mut self) {
        self.overlay = super::Overlay::Filter(FilterPrompt {
            input: TextInput::new(self.events_filter.clone()),
            before: self.events_filter.clone(),
            completion: None,
        });
    }

    pub(super) fn update_filter(&mut self, action: Action) -> Effect {
        // The key that switches a search's scope completes here.
        if action == Action::PromptTab {
            self.complete_facet();
            let input = self.filter_prompt().map(|p| p.input.clone());
            if let Some(input) = input {
                self.apply_filter(&input);
            }
            return Effect::None;
        }
        let Some(prompt) = self.overlay.filter_prompt_mut() else {
            return Effect::None;
        };
        prompt.completion = None;
        match action {
            Action::Quit => return Effect::Quit,
            _ if prompt.input.edit(action) => {}
            Action::PromptAccept => {
                self.overlay = super::Overlay::None;
                // Applied as typed; applied once more for what the status
                // line says of it (no event left, near names) to stay.
                let filter = self.events_filter.clone();
                self.apply_filter(&filter);
                return Effect::None;
            }
            Action::PromptCancel => {
                let before = prompt.before.clone();
                self.overlay = super::Overlay::None;
                self.apply_filter(&before);
                return Effect::None;
            }
            _ => return Effect::None,
        }
        let input = prompt.input.clone();
        self.apply_filter(&input);
        Effect::None
    }

    /// Tab: the value of the facet being typed (`topic:syr`) completed to
    /// the corpus's value with the most events; Tab again, the next one.
    fn complete_facet(&mut self) {
        let index = self
            .facets
            .get_or_init(|| Arc::new(FacetIndex::new(&self.corpus)));
        let Some(prompt) = self.overlay.filter_prompt_mut() else {
            return;
        };
        if let Some(completion) = prompt.completion.as_mut() {
            completion.at = (completion.at + 1) % completion.candidates.len().max(1);
        } else {
            let start = prompt.input.rfind(' ').map_or(0, |i| i + 1);
            let word = &prompt.input[start..];
            let bare = word.strip_prefix('-').unwrap_or(word);
            let Some((name, typed)) = bare.split_once(':') else {
                self.status = Some(
                    format!(
                        "Tab completes a facet's value: {}",
                        facets::NAMES.join(": ")
                    ) + ":",
                );
                return;
            };
            let name = name.to_ascii_lowercase();
            let name = if name == "date" {
                "year"
            } else {
                name.as_str()
            };
            let typed = typed.replace('_', " ");
            let candidates: Vec<(String, usize)> = index
                .values
                .complete(name, &typed)
                .into_iter()
                .take(50)
                .map(|(value, n)| (value.to_string(), n))
                .collect();
            let stem_end = start + (word.len() - bare.len()) + bare.find(':').unwrap_or(0) + 1;
            prompt.completion = Some(Completion {
                stem: prompt.input[..stem_end].to_string(),
                candidates,
                at: 0,
            });
        }
        if let Some(completion) = prompt.completion.as_mut()
            && let Some((value, _)) = completion.candidates.get(completion.at)
        {
            prompt.input =
                TextInput::new(format!("{}{}", completion.stem, value.replace(' ', "_")));
        }
    }

    /// `t`: the events filter with `has:turns`, or without it again.
    pub(super) fn toggle_turns_only(&mut self) {
        let is_turns = |w: &&str| w.eq_ignore_ascii_case("has:turns");
        let mut words: Vec<&str> = self.events_filter.split_whitespace().collect();
        let on = words.iter().any(is_turns);
        if on {
            words.retain(|w| !is_turns(w));
        } else {
            words.push("has:turns");
        }
        let text = words.join(" ");
        self.apply_filter(&text);
        let key = self.keys.hint(Mode::Normal, Action::ToggleTurnsOnly);
        let (shown, all) = (
            crate::text::group_digits(self.events.len()),
            crate::text::group_digits(self.events.all.len()),
        );
        self.status = Some(if on {
            format!("events with speakers or without: {shown} of {all} ({key}: only with)")
        } else {
            format!("only events where someone speaks: {shown} of {all} ({key} shows all)")
        });
    }

    /// Narrows the events to those the filter keeps, keeping the open one
    /// open when it is among them.
    pub(super) fn apply_filter(&mut self, text: &str) {
        self.events_filter = text.to_string();
        let open = self.events.transcript();
        let query = EventsQuery::parse(text);
        let near;
        (self.events.order, near) = if query.is_empty() {
            (self.events.all.clone(), false)
        } else {
            let index = self
                .facets
                .get_or_init(|| Arc::new(FacetIndex::new(&self.corpus)));
            let words = self.search_index.get();
            let mentioning = |w: &[String]| words.map(|index| index.mentioning(w));
            query.keep(&self.corpus, index, &self.events.all, &mentioning)
        };
        match open.and_then(|t| self.events.position(t)) {
            // The open event is still listed: it stays open, selected.
            Some(at) => {
                let fit = self.fit(super::Pane::Events);
                self.events.cursor.select(at, fit);
            }
            None => self.open_event(0),
        }
        let mentions = query.mentions();
        if mentions && self.search_index.get().is_none() {
            self.status = Some(
                "mentions: is judged once the search index is built; the other facets are kept now"
                    .into(),
            );
        } else if self.events.is_empty() {
            let edit = self.keys.hint(Mode::Normal, Action::FilterEvents);
            self.status = Some(format!("no event is left; {edit} changes the filter"));
        } else if near {
            self.status = Some("no one is named exactly as with: asks; near names' events".into());
        }
    }
}
