//! The reader while a large corpus loads: the newest pages are read
//! first, with the gauge in the status line, and what the reader did in
//! them goes on in the whole corpus once it is there.

use super::{App, Effect};

impl App {
    /// Takes over what a reader of part of this corpus was doing: the
    /// events filter, the open event and where it was read, the focus, the
    /// highlighted speaker, and a search being typed (asked again, of the
    /// whole corpus).
    pub fn carry_over(&mut self, from: &App) -> Effect {
        if !from.events_filter.is_empty() {
            let filter = from.events_filter.clone();
            self.apply_filter(&filter);
        }
        let open = from
            .transcript()
            .and_then(|t| self.corpus.transcript_by_id(&t.id))
            .and_then(|t| self.events.position(t));
        if let Some(at) = open {
            self.open_event(at);
            self.dialogue.pos = from.dialogue.pos;
            self.dialogue.current = from.dialogue.current;
        }
        self.focus = from.focus;
        if let Some(speaker) = from.highlight.clone() {
            self.set_highlight(speaker);
            if from.filter && !self.filter {
                self.toggle_filter();
            }
        }
        let Some(search) = &from.search else {
            return Effect::None;
        };
        self.last_query = search.input.clone();
        // Past the part's numbers: no late answer of the part's passes
        // for an answer to the whole.
        self.search_generation = self.search_generation.max(from.search_generation);
        self.open_search();
        if let Some(state) = self.search.as_mut() {
            state.replace = false;
            state.all_events = search.all_events;
        }
        self.request_search()
    }
}
