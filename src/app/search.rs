//! The search prompt and its list of hits, and going from hit to hit.
//! Matching happens elsewhere ([`crate::search::answer`], on a worker in
//! the reader): a changed query goes out as an [`Effect::Search`] and its
//! answer comes back as a [`super::Message::Answer`]; answers to older
//! queries are dropped.

use super::dialogue::Position;
use super::keymap::Mode;
use super::list::{Cursor, Rows};
use super::prompt::TextInput;
use super::{Action, App, Effect, Overlay, Pane, layout};
use crate::model::HEADER;
use crate::search::{Answer, Located, Request};

/// Results the reader asks for; the list shows the best of them.
pub const RESULT_LIMIT: usize = 200;

/// Two rows a hit: who, when and where, then the excerpt.
pub const ROWS: Rows = Rows {
    header: 0,
    per_item: 2,
};

/// Where `/` searches first (`Tab` switches).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Every loaded event.
    #[default]
    All,
    /// The open event.
    Event,
}

/// Where the reader was when the prompt opened, for Esc.
#[derive(Debug, Clone, Copy)]
struct Saved {
    event: usize,
    pos: Position,
    focus: Pane,
}

/// The search list's state, while the prompt is open.
#[derive(Debug, Clone)]
pub struct SearchList {
    /// The query, the last search's shown selected when the prompt opens.
    pub input: TextInput,
    pub all_events: bool,
    pub hits: Vec<Located>,
    /// The rows of the list: indices into `hits`, all of them in rank
    /// order, or grouped, the best hit of each event.
    pub shown: Vec<usize>,
    /// Grouped by event: the hits each shown row stands for.
    pub group_sizes: Vec<usize>,
    pub grouped: bool,
    /// The preview of the selected hit is on (when the screen has room).
    pub preview: bool,
    pub total: usize,
    /// The hits are of near names: no exact one matched.
    pub near: bool,
    pub cursor: Cursor,
    /// A query is out and its answer not back yet.
    pub waiting: bool,
    /// What is out asks for more hits of the same query: its answer keeps
    /// the cursor where it is.
    pub loading_more: bool,
    /// Enter came before the answer: go to its first hit when it comes.
    accept_when_answered: bool,
    /// The request the hits answer (or the newest one out).
    request: Option<Request>,
    /// The chart of the query's hits by year, shown instead of them.
    pub trend: Option<Box<super::trend::TrendView>>,
    saved: Saved,
}

impl SearchList {
    pub fn selected(&self) -> usize {
        self.cursor.selected
    }

    /// Rows in the list.
    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// The hit a row of the list shows.
    pub fn hit(&self, row: usize) -> Option<&Located> {
        self.hits.get(*self.shown.get(row)?)
    }

    pub fn selected_hit(&self) -> Option<&Located> {
        self.hit(self.cursor.selected)
    }

    /// The row at a screen row of the list's inside, if one shows there.
    pub fn row_at(&self, row: usize) -> Option<usize> {
        ROWS.item_at(self.cursor.offset, row)
            .filter(|at| *at < self.len())
    }

    /// The cursor is within a screen of the last hit loaded, and more match.
    fn wants_more(&self, fit: usize) -> bool {
        !self.waiting && self.hits.len() < self.total && self.cursor.selected + fit >= self.len()
    }

    /// Works out the rows from the hits: grouped, an event's best hit
    /// stands for all of its hits, in the order of those best hits.
    fn arrange(&mut self) {
        if !self.grouped {
            self.shown = (0..self.hits.len()).collect();
            self.group_sizes = vec![1; self.hits.len()];
            return;
        }
        let mut first: rustc_hash::FxHashMap<usize, usize> = Default::default();
        self.shown.clear();
        self.group_sizes.clear();
        for (at, hit) in self.hits.iter().enumerate() {
            match first.get(&hit.transcript) {
                Some(row) => self.group_sizes[*row] += 1,
                None => {
                    first.insert(hit.transcript, self.shown.len());
                    self.shown.push(at);
                    self.group_sizes.push(1);
                }
            }
        }
    }
}

/// The hits of the last search, for `n` and `N` after the prompt closed.
#[derive(Debug, Clone)]
pub struct Found {
    pub hits: Vec<Located>,
    pub current: usize,
    /// How many paragraphs match; more than `hits` holds when the list was
    /// not scrolled to its end.
    pub total: usize,
    /// The request the hits answer, to ask for more of them.
    request: Option<Request>,
    /// More hits are on their way; `n` goes on when they come.
    waiting: bool,
    /// The reader has been to `current`: a search closed with Esc has
    /// not, and its first `n` goes to the hit chosen, not the one after.
    visited: bool,
}

impl Found {
    /// One place to mark, with no search behind it (an echo's shared words).
    pub fn one(place: Located) -> Found {
        Found {
            hits: vec![place],
            current: 0,
            total: 1,
            request: None,
            waiting: false,
            visited: true,
        }
    }
}

impl App {
    /// Opens the prompt, with the last query (selected) when there was one.
    pub(super) fn open_search(&mut self) -> Effect {
        self.overlay = Overlay::Search(SearchList {
            input: TextInput::selected(self.last_query.clone()),
            all_events: self.search_scope == Scope::All && self.events.len() > 1,
            hits: Vec::new(),
            shown: Vec::new(),
            group_sizes: Vec::new(),
            grouped: false,
            preview: true,
            total: 0,
            near: false,
            cursor: Cursor::default(),
            waiting: false,
            loading_more: false,
            accept_when_answered: false,
            request: None,
            trend: None,
            saved: Saved {
                event: self.events.cursor.selected,
                pos: self.dialogue.pos,
                focus: self.focus,
            },
        });
        self.request_search()
    }

    /// The search list's rectangle (borders included) and the preview's.
    pub fn search_areas(&self) -> (ratatui::layout::Rect, Option<ratatui::layout::Rect>) {
        let preview = self.search().is_some_and(|s| s.preview);
        layout::search_areas(self.area, preview)
    }

    /// Hits that fit in the list at the current screen size.
    pub(super) fn hits_fit(&self) -> usize {
        ROWS.fit(layout::inner(self.search_areas().0).height)
    }

    pub(super) fn update_search(&mut self, action: Action) -> Effect {
        if let Some(effect) = self.update_trend(action) {
            return effect;
        }
        let fit = self.hits_fit();
        let Some(state) = self.overlay.search_mut() else {
            return Effect::None;
        };
        let len = state.len();
        if state.input.edit(action) {
            return self.request_search();
        }
        match action {
            Action::Quit => return Effect::Quit,
            Action::Down => {
                state.cursor.move_by(1, len, fit);
            }
            Action::Up => {
                state.cursor.move_by(-1, len, fit);
            }
            Action::PageDown => {
                state.cursor.move_by(fit as isize, len, fit);
            }
            Action::PageUp => {
                state.cursor.move_by(-(fit as isize), len, fit);
            }
            Action::PromptAccept => self.accept_search(),
            Action::CopyQuote => return self.copy_hit(),
            Action::ShowEchoes => return self.ask_echoes(),
            Action::PromptCancel => self.cancel_search(),
            Action::PromptTab => {
                state.all_events = !state.all_events;
                return self.request_search();
            }
            Action::ShowTrend => return self.open_trend(),
            Action::CycleSearchOrder => {
                self.search_order = self.search_order.next();
                return self.request_search();
            }
            Action::TogglePreview => state.preview = !state.preview,
            Action::ToggleGrouping => {
                // The same hit stays selected, wherever it now stands.
                let hit = state.shown.get(state.cursor.selected).copied();
                state.grouped = !state.grouped;
                state.arrange();
                let row = hit
                    .and_then(|h| state.shown.iter().position(|s| *s == h))
                    .unwrap_or(0);
                state.cursor = Cursor::default();
                state.cursor.select(row, fit);
            }
            _ => {}
        }
        self.load_more_hits()
    }

    /// Asks for the next hits when the cursor nears the end of those loaded.
    fn load_more_hits(&mut self) -> Effect {
        let fit = self.hits_fit();
        let generation = self.search_generation + 1;
        let Some(state) = self.overlay.search_mut() else {
            return Effect::None;
        };
        if !state.wants_more(fit) {
            return Effect::None;
        }
        let Some(request) = state.request.as_ref() else {
            return Effect::None;
        };
        let request = Request {
            generation,
            limit: RESULT_LIMIT,
            offset: state.hits.len(),
            ..request.clone()
        };
        self.search_generation = generation;
        state.waiting = true;
        state.loading_more = true;
        state.request = Some(request.clone());
        Effect::Search(request)
    }

    /// A click on the list selects a hit; a click on the selected hit goes to it.
    pub(super) fn click_search(&mut self, x: u16, y: u16) -> Effect {
        let list = layout::inner(self.search_areas().0);
        if !list.contains((x, y).into()) {
            return Effect::None;
        }
        let fit = self.hits_fit();
        let Some(state) = self.overlay.search_mut() else {
            return Effect::None;
        };
        let Some(hit) = state.row_at(usize::from(y - list.y)) else {
            return Effect::None;
        };
        if hit == state.cursor.selected {
            self.accept_search();
            return Effect::None;
        }
        state.cursor.select(hit, fit);
        self.load_more_hits()
    }

    /// The wheel moves through the list, a hit a notch.
    pub(super) fn wheel_search(&mut self, rows: isize) -> Effect {
        let fit = self.hits_fit();
        if let Some(state) = self.overlay.search_mut() {
            let len = state.len();
            state.cursor.move_by(rows.signum(), len, fit);
        }
        self.load_more_hits()
    }

    /// Esc: back to where the reader was. The search is kept: `n` and `N`
    /// step through its hits, and `/` opens with its query.
    fn cancel_search(&mut self) {
        let Some(state) = self.take_search() else {
            return;
        };
        let saved = state.saved;
        if saved.event != self.events.cursor.selected {
            self.open_event(saved.event);
        }
        self.dialogue.pos = saved.pos;
        self.focus = saved.focus;
        self.keep_search(state);
    }

    /// The prompt's search as the one `n` and `N` step through.
    pub(super) fn keep_search(&mut self, state: SearchList) {
        let current = state.shown.get(state.cursor.selected).copied().unwrap_or(0);
        self.last_query = state.input.text;
        if !state.hits.is_empty() {
            self.found = Some(Found {
                current,
                total: state.total,
                hits: state.hits,
                request: state.request,
                waiting: false,
                visited: false,
            });
        }
    }

    /// Sends the prompt's query out, or clears the results if it is empty.
    pub(super) fn request_search(&mut self) -> Effect {
        self.search_generation += 1;
        let scope = self.events.transcript();
        let Some(state) = self.overlay.search_mut() else {
            return Effect::None;
        };
        state.loading_more = false;
        state.accept_when_answered = false;
        if state.input.trim().is_empty() {
            state.hits.clear();
            state.arrange();
            state.total = 0;
            state.waiting = false;
            state.request = None;
            return Effect::None;
        }
        state.waiting = true;
        let request = Request {
            generation: self.search_generation,
            query: state.input.text.clone(),
            scope: if state.all_events { None } else { scope },
            limit: RESULT_LIMIT,
            offset: 0,
            order: self.search_order,
        };
        state.request = Some(request.clone());
        Effect::Search(request)
    }

    /// An answer to a request; kept only if it answers the newest one.
    pub(super) fn search_answered(&mut self, answer: Answer) {
        if answer.generation != self.search_generation {
            return;
        }
        let fit = self.hits_fit();
        if let Some(state) = self.overlay.search_mut() {
            // More of the same hits follow those held and keep the cursor;
            // a new query starts over. A second answer to the same request
            // (the newest pages' and then the whole's) is not added twice.
            let cursor = if state.loading_more {
                state.cursor
            } else {
                Cursor::default()
            };
            if answer.offset != 0 && answer.offset != state.hits.len() {
                return;
            }
            state.hits.truncate(answer.offset);
            state.hits.extend(answer.hits);
            state.arrange();
            state.total = answer.total;
            state.near = answer.near;
            state.waiting = false;
            state.loading_more = false;
            state.cursor = cursor;
            let last = state.len().saturating_sub(1);
            state.cursor.select(cursor.selected.min(last), fit);
            if std::mem::take(&mut state.accept_when_answered) {
                self.accept_search();
            }
        } else if let Some(found) = self.found.as_mut().filter(|f| f.waiting) {
            if answer.offset != found.hits.len() {
                return;
            }
            found.waiting = false;
            found.hits.extend(answer.hits);
            found.total = answer.total;
            self.step_hit(true);
        }
    }

    fn accept_search(&mut self) {
        let Some(state) = self.take_search() else {
            return;
        };
        if state.hits.is_empty() {
            let mut state = state;
            if state.waiting {
                state.accept_when_answered = true;
                self.status = Some("searching…".into());
            } else {
                self.status = Some("no hit to go to".into());
            }
            self.overlay = Overlay::Search(state);
            return;
        }
        self.keep_search(state);
        self.go_to_hit();
    }

    pub(super) fn step_hit(&mut self, forward: bool) -> Effect {
        let generation = self.search_generation + 1;
        let Some(found) = self.found.as_mut() else {
            let search = self.keys.hint(Mode::Normal, Action::OpenSearch);
            self.status = Some(format!("no search yet: {search} searches"));
            return Effect::None;
        };
        let n = found.hits.len();
        if !found.visited {
            self.go_to_hit();
            return Effect::None;
        }
        // Past the last hit loaded, the next ones are asked for first.
        if forward
            && found.current + 1 >= n
            && n < found.total
            && let Some(request) = &found.request
        {
            let request = Request {
                generation,
                limit: RESULT_LIMIT,
                offset: n,
                ..request.clone()
            };
            found.request = Some(request.clone());
            found.waiting = true;
            self.search_generation = generation;
            self.status = Some("searching…".into());
            return Effect::Search(request);
        }
        if !forward && found.current == 0 && n < found.total {
            let next = self.keys.hint(Mode::Normal, Action::NextHit);
            self.status = Some(format!("at the first hit; {next} goes on"));
            return Effect::None;
        }
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
        Effect::None
    }

    /// Shows the current hit's paragraph in the dialogue, a little below
    /// the top: that paragraph and no other, whatever filter is in force.
    fn go_to_hit(&mut self) {
        self.record_jump();
        let Some(found) = &mut self.found else { return };
        found.visited = true;
        let (current, n) = (found.current, found.hits.len());
        let hit = found.hits[current].clone();
        // The title and lead are the event's top.
        let shown = if hit.block == HEADER as usize {
            self.reveal(hit.transcript).inspect(|_| {
                self.dialogue.pos = Position::default();
            })
        } else {
            self.show_paragraph(hit.transcript, hit.block, hit.paragraph)
        };
        let Some(cleared) = shown else {
            self.status = Some(format!("hit {} of {n} is not in this corpus", current + 1));
            return;
        };
        self.focus = Pane::Dialogue;
        self.status = Some(self.hit_status(current, n) + super::filter_cleared(cleared));
    }

    fn hit_status(&self, current: usize, n: usize) -> String {
        let n = self.found.as_ref().map_or(n, |f| f.total.max(n));
        format!(
            "hit {} of {n}; {} go on",
            current + 1,
            self.keys
                .hint_pair(Mode::Normal, Action::NextHit, Action::PreviousHit)
        )
    }

    /// The search hits in the shown transcript's paragraph, for
    /// highlighting; while the echoes popup is open, the words the
    /// passage shares with the selected echo.
    pub fn found_in(&self, block: usize, paragraph: usize) -> Option<&Located> {
        let transcript = self.events.transcript()?;
        let here = |h: &&Located| {
            h.transcript == transcript && h.block == block && h.paragraph == paragraph
        };
        if let Some(mark) = self.echo_passage_mark() {
            return Some(mark).filter(here);
        }
        self.found.as_ref()?.hits.iter().find(here)
    }
}
