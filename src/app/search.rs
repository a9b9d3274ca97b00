//! The search prompt and its results, and going from hit to hit. Matching
//! itself happens elsewhere (a worker in the reader, the caller in tests):
//! a changed query goes out as an [`Effect::Search`] and its answer comes
//! back through [`App::search_results`]; answers to older queries are
//! dropped.

use super::dialogue::{self, Item, Position};
use super::{App, Effect, Pane};
use crate::search::Located;

/// Results the reader asks for; the list shows the best of them.
pub const RESULT_LIMIT: usize = 200;

/// A query to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
    /// A transcript index, or `None` for all loaded transcripts.
    pub scope: Option<usize>,
}

/// Where the reader was when the prompt opened, for Esc.
#[derive(Debug, Clone, Copy)]
struct Saved {
    event: usize,
    pos: Position,
    focus: Pane,
}

#[derive(Debug, Clone)]
pub struct SearchState {
    pub input: String,
    pub all_events: bool,
    pub hits: Vec<Located>,
    pub total: usize,
    pub selected: usize,
    /// A query is out and its answer not back yet.
    pub waiting: bool,
    saved: Saved,
}

/// The hits of the last accepted search, for `n` and `N`.
#[derive(Debug, Clone)]
pub struct Found {
    pub hits: Vec<Located>,
    pub current: usize,
}

impl App {
    pub(super) fn open_search(&mut self) -> Effect {
        self.search = Some(SearchState {
            input: String::new(),
            all_events: self.order.len() > 1,
            hits: Vec::new(),
            total: 0,
            selected: 0,
            waiting: false,
            saved: Saved {
                event: self.event,
                pos: self.pos,
                focus: self.focus,
            },
        });
        Effect::None
    }

    pub(super) fn update_search(&mut self, action: super::Action) -> Effect {
        use super::Action as A;
        let Some(state) = self.search.as_mut() else {
            return Effect::None;
        };
        match action {
            A::Quit => return Effect::Quit,
            A::SearchInput(c) => state.input.push(c),
            A::SearchBackspace => {
                state.input.pop();
            }
            A::SearchClear => state.input.clear(),
            A::SearchToggleScope => state.all_events = !state.all_events,
            A::Down => {
                state.selected = (state.selected + 1).min(state.hits.len().saturating_sub(1))
            }
            A::Up => state.selected = state.selected.saturating_sub(1),
            A::PageDown => {
                state.selected = (state.selected + 10).min(state.hits.len().saturating_sub(1))
            }
            A::PageUp => state.selected = state.selected.saturating_sub(10),
            A::SearchAccept => {
                self.accept_search();
                return Effect::None;
            }
            A::SearchCancel => {
                let saved = state.saved;
                self.search = None;
                if saved.event != self.event {
                    self.open_event(saved.event);
                }
                self.pos = saved.pos;
                self.focus = saved.focus;
                return Effect::None;
            }
            _ => return Effect::None,
        }
        if matches!(action, A::Down | A::Up | A::PageDown | A::PageUp) {
            return Effect::None;
        }
        self.request_search()
    }

    /// Sends the prompt's query out, or clears the results if it is empty.
    fn request_search(&mut self) -> Effect {
        self.search_generation += 1;
        let scope = self.order.get(self.event).copied();
        let Some(state) = self.search.as_mut() else {
            return Effect::None;
        };
        if state.input.trim().is_empty() {
            state.hits.clear();
            state.total = 0;
            state.waiting = false;
            return Effect::None;
        }
        state.waiting = true;
        Effect::Search(SearchRequest {
            generation: self.search_generation,
            query: state.input.clone(),
            scope: if state.all_events { None } else { scope },
        })
    }

    /// An answer to a request; kept only if it answers the newest one.
    pub fn search_results(&mut self, generation: u64, hits: Vec<Located>, total: usize) {
        if generation != self.search_generation {
            return;
        }
        if let Some(state) = self.search.as_mut() {
            state.hits = hits;
            state.total = total;
            state.selected = 0;
            state.waiting = false;
        }
    }

    fn accept_search(&mut self) {
        let Some(state) = self.search.take() else {
            return;
        };
        if state.hits.is_empty() {
            self.status = Some("no hit to go to".into());
            self.search = Some(state);
            return;
        }
        self.found = Some(Found {
            current: state.selected,
            hits: state.hits,
        });
        self.go_to_hit();
    }

    pub(super) fn step_hit(&mut self, forward: bool) {
        let Some(found) = self.found.as_mut() else {
            self.status = Some("no search yet: / searches".into());
            return;
        };
        let n = found.hits.len();
        let (next, wrapped) = match (forward, found.current) {
            (true, c) if c + 1 >= n => (0, true),
            (true, c) => (c + 1, false),
            (false, 0) => (n - 1, true),
            (false, c) => (c - 1, false),
        };
        found.current = next;
        self.go_to_hit();
        if wrapped {
            self.status = Some(format!(
                "{}; hit {} of {n}",
                if forward {
                    "wrapped to the first hit"
                } else {
                    "wrapped to the last hit"
                },
                next + 1
            ));
        }
    }

    /// Shows the current hit's paragraph in the dialogue, a little below the top.
    fn go_to_hit(&mut self) {
        let Some(found) = &self.found else { return };
        let (current, n) = (found.current, found.hits.len());
        let hit = found.hits[current].clone();
        if let Some(event) = self.order.iter().position(|t| *t == hit.transcript)
            && event != self.event
        {
            self.open_event(event);
            self.keep_event_visible();
        }
        let target = Item::Paragraph {
            block: hit.block,
            paragraph: hit.paragraph,
        };
        if self.filter && !self.items.contains(&target) {
            self.filter = false;
            self.rebuild_items();
        }
        if let Some(at) = self.items.iter().position(|i| *i == target) {
            let width = self.dialogue_width();
            if let Some(t) = self.transcript() {
                self.pos =
                    dialogue::scroll(t, &self.items, Position { item: at, row: 0 }, -2, width);
            }
        }
        self.focus = Pane::Dialogue;
        self.status = Some(format!("hit {} of {n}; n and N go on", current + 1));
    }

    /// The search hits in the shown transcript's paragraph, for highlighting.
    pub fn found_in(&self, block: usize, paragraph: usize) -> Option<&Located> {
        let transcript = *self.order.get(self.event)?;
        self.found
            .as_ref()?
            .hits
            .iter()
            .find(|h| h.transcript == transcript && h.block == block && h.paragraph == paragraph)
    }
}
