//! The reader while its corpus loads: the newest pages first (on a large
//! corpus), then all of them, each arriving as a [`super::Message::Loaded`].
//! The reader is the same one throughout: what it was doing (an open
//! prompt, a popup, a selection, the place read) goes on in the corpus
//! that arrives.

use std::sync::Arc;

use super::people::PeopleView;
use super::{App, Effect, Overlay};
use crate::corpus::Problem;
use crate::model::Corpus;

impl App {
    /// Goes on in `corpus`: the newest pages while the rest load
    /// (`whole` false), or the whole.
    pub(super) fn take_corpus(
        &mut self,
        corpus: Arc<Corpus>,
        problems: Vec<Problem>,
        whole: bool,
    ) -> Effect {
        let mut fresh = App::with_keys(corpus, problems, self.keys.clone());
        fresh.theme = self.theme.clone();
        fresh.no_color = self.no_color;
        fresh.search_scope = self.search_scope;
        fresh.search_order = self.search_order;
        fresh.citation = self.citation;
        fresh.bookmarks = std::mem::take(&mut self.bookmarks);
        fresh.bookmarks_kept = self.bookmarks_kept;
        fresh.loading = if whole { None } else { self.loading };
        fresh.resize(self.area.width, self.area.height);
        if fresh.status.is_none() {
            fresh.status = self.status.take();
        }
        let effect = fresh.carry_over(self);
        *self = fresh;
        effect
    }

    /// The same transcript's place in this corpus, by id.
    fn same_transcript(&self, from: &App, transcript: usize) -> Option<usize> {
        let t = from.corpus.transcripts.get(transcript)?;
        self.corpus.transcript_by_id(&t.id)
    }

    /// Takes over what a reader of part of this corpus was doing: the
    /// events filter (and its prompt), the open event and where it was
    /// read, the selection, the focus, the highlighted speaker, the jump
    /// list, the last search (its prompt asked again, of this corpus),
    /// the people view and an open popup.
    pub fn carry_over(&mut self, from: &App) -> Effect {
        if !from.events_filter.is_empty() {
            let filter = from.events_filter.clone();
            self.apply_filter(&filter);
        }
        let open = from
            .events
            .transcript()
            .and_then(|t| self.same_transcript(from, t))
            .and_then(|t| self.events.position(t));
        if let Some(at) = open {
            self.open_event(at);
            self.dialogue.pos = from.dialogue.pos;
            self.dialogue.current = from.dialogue.current;
            self.dialogue.anchor = from.dialogue.anchor;
        }
        self.focus = from.focus;
        if let Some(speaker) = from.highlight.clone() {
            self.set_highlight(speaker);
            if from.filter && !self.filter {
                self.toggle_filter();
            }
            self.status = from.status.clone();
        }
        self.jumps = from.jumps.renumbered(|t| self.same_transcript(from, t));
        self.last_query = from.last_query.clone();
        self.found = from.found.as_ref().and_then(|found| {
            let mut found = found.clone();
            for hit in &mut found.hits {
                hit.transcript = self.same_transcript(from, hit.transcript)?;
            }
            Some(found)
        });
        self.last_copy = from
            .last_copy
            .as_ref()
            .and_then(|(t, places)| Some((self.same_transcript(from, *t)?, places.clone())));
        // Past the part's numbers: no late answer to the part passes for
        // an answer to the whole.
        self.search_generation = self.search_generation.max(from.search_generation);
        self.echo_generation = self.echo_generation.max(from.echo_generation);
        self.carry_overlay(from)
    }

    /// What was open over the panes, open again here: a prompt as it was
    /// typed, the people view, a popup (over the search it was opened
    /// from); a search and echoes asked again, of this corpus.
    fn carry_overlay(&mut self, from: &App) -> Effect {
        let search = match &from.overlay {
            Overlay::Search(list) => Some(list),
            Overlay::Popup { under, .. } | Overlay::Echoes { under, .. } => under.as_deref(),
            _ => None,
        };
        let mut effects = Vec::new();
        if let Some(search) = search {
            self.last_query = search.input.text.clone();
            self.open_search();
            if let Some(state) = self.overlay.search_mut() {
                state.input = search.input.clone();
                state.all_events = search.all_events;
                state.preview = search.preview;
                state.grouped = search.grouped;
            }
            effects.push(self.request_search());
        }
        match &from.overlay {
            Overlay::None | Overlay::Search(_) => {}
            Overlay::Filter(prompt) => {
                let mut prompt = prompt.clone();
                prompt.completion = None;
                self.overlay = Overlay::Filter(prompt);
            }
            Overlay::People(view) => self.carry_people(from, view),
            Overlay::Popup { view, .. } => {
                self.open_popup(view.kind);
                if let Some(popup) = self.overlay.popup_mut() {
                    *popup = *view;
                }
            }
            Overlay::Echoes { list, .. } => {
                let (t, block, paragraph) = list.passage;
                if let Some(t) = self.same_transcript(from, t) {
                    effects.push(self.ask_echoes_of(t, block, paragraph));
                }
            }
        }
        effects.retain(|effect| *effect != Effect::None);
        match effects.len() {
            0 => Effect::None,
            1 => effects.remove(0),
            _ => Effect::All(effects),
        }
    }

    /// The people view as it was: its filter, and the person whose
    /// events were listed.
    fn carry_people(&mut self, from: &App, view: &PeopleView) {
        self.open_people();
        let person = view
            .person
            .and_then(|(at, _)| from.appearances().people.get(at))
            .map(|p| p.id.clone());
        self.set_people_input(&view.input);
        if let Some(id) = person {
            self.open_person(&id);
        }
    }
}
