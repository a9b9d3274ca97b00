//! The reader while its corpus loads: the newest pages first (on a large
//! corpus), then all of them, each arriving as a [`super::Message::Loaded`].
//! The reader is the same one throughout: what it was doing (an open
//! prompt, a popup, a selection, the place read) goes on in the corpus
//! that arrives.

use std::sync::Arc;

use super::{App, Effect, Popup, PopupView};
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
        self.filter_prompt = from.filter_prompt.clone().map(|mut prompt| {
            prompt.completion = None;
            prompt
        });
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
        if from.people_open {
            self.carry_people(from);
        }
        let mut effect = Effect::None;
        self.popup = match from.popup {
            Some(PopupView {
                kind: Popup::Echoes,
                ..
            }) => {
                // Asked again, of this corpus, for the same paragraph.
                let passage = from.echo_list.as_ref().map(|l| l.passage);
                if let Some((t, block, paragraph)) = passage
                    && let Some(t) = self.same_transcript(from, t)
                {
                    effect = self.ask_echoes_of(t, block, paragraph);
                }
                self.popup
            }
            kept => kept,
        };
        let Some(search) = &from.search else {
            return effect;
        };
        self.last_query = search.input.clone();
        self.open_search();
        if let Some(state) = self.search.as_mut() {
            state.replace = search.replace;
            state.all_events = search.all_events;
            state.preview = search.preview;
            state.grouped = search.grouped;
        }
        match self.request_search() {
            Effect::None => effect,
            search if effect == Effect::None => search,
            search => Effect::All(vec![effect, search]),
        }
    }

    /// The people view as it was: its filter, and the person whose
    /// events were listed.
    fn carry_people(&mut self, from: &App) {
        let Some(view) = &from.people else { return };
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
