//! The reader's state and how actions change it. No terminal here: keys
//! come in as [`Action`]s, and what needs the outside world (quitting,
//! suspending) goes back out as an [`Effect`].

pub mod action;
pub mod dialogue;
pub mod layout;
pub mod search;
pub mod speakers;

use std::collections::HashMap;
use std::sync::Arc;

use ratatui::layout::Rect;

pub use action::Action;
use dialogue::{Item, Position};
pub use layout::Pane;
use speakers::SpeakerStat;

use crate::corpus::Problem;
use crate::model::{Corpus, Person, Speaker, Transcript};

/// What the outer loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    Suspend,
    /// Run this query and answer with [`App::search_results`].
    Search(search::SearchRequest),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    Help,
    Info,
    Problems,
}

pub struct App {
    pub corpus: Arc<Corpus>,
    pub problems: Vec<Problem>,
    people: HashMap<String, usize>,
    /// Transcript indices, newest first.
    pub order: Vec<usize>,
    pub focus: Pane,
    /// Position in `order` of the selected event.
    pub event: usize,
    pub events_offset: usize,
    pub speakers: Vec<SpeakerStat>,
    pub speaker: usize,
    pub speakers_offset: usize,
    pub items: Vec<Item>,
    pub pos: Position,
    pub highlight: Option<Speaker>,
    /// Item indices of the highlighted speaker's turns, kept with `items`
    /// and `highlight` so the per-frame turn counter does not scan.
    highlight_turns: Vec<usize>,
    pub filter: bool,
    pub popup: Option<Popup>,
    /// The search prompt, while open.
    pub search: Option<search::SearchState>,
    search_generation: u64,
    /// The hits of the last search, for `n`/`N` and highlighting.
    pub found: Option<search::Found>,
    pub popup_scroll: usize,
    pub status: Option<String>,
    /// The screen, for page sizes and mouse hits.
    pub area: Rect,
    /// NO_COLOR is set: styles use bold, underline and reverse only.
    pub no_color: bool,
}

impl App {
    pub fn new(corpus: impl Into<Arc<Corpus>>, problems: Vec<Problem>) -> Self {
        let corpus: Arc<Corpus> = corpus.into();
        let mut order: Vec<usize> = (0..corpus.transcripts.len()).collect();
        let transcripts = &corpus.transcripts;
        order.sort_by(|a, b| {
            transcripts[*b]
                .recency()
                .cmp(&transcripts[*a].recency())
                .then(a.cmp(b))
        });
        let status = match problems.iter().filter(|p| p.is_error).count() {
            0 => None,
            n => Some(format!(
                "{n} file(s) could not be read; press ! to see them"
            )),
        };
        let mut app = App {
            people: speakers::people_index(&corpus),
            corpus,
            problems,
            order,
            focus: Pane::Events,
            event: 0,
            events_offset: 0,
            speakers: Vec::new(),
            speaker: 0,
            speakers_offset: 0,
            items: Vec::new(),
            pos: Position::default(),
            highlight: None,
            highlight_turns: Vec::new(),
            filter: false,
            popup: None,
            search: None,
            search_generation: 0,
            found: None,
            popup_scroll: 0,
            status,
            area: Rect::new(0, 0, 80, 24),
            no_color: false,
        };
        app.open_event(0);
        app
    }

    pub fn transcript(&self) -> Option<&Transcript> {
        self.order
            .get(self.event)
            .map(|i| &self.corpus.transcripts[*i])
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.get(id).map(|i| &self.corpus.people[*i])
    }

    pub fn panes(&self) -> layout::Panes {
        layout::panes(self.area, self.focus)
    }

    /// Rows and columns inside a pane's border (0 when the pane is hidden).
    pub fn pane_size(&self, pane: Pane) -> (u16, u16) {
        self.panes()
            .get(pane)
            .map(layout::inner)
            .map_or((0, 0), |r| (r.width, r.height))
    }

    pub(crate) fn dialogue_width(&self) -> u16 {
        // Hidden in a narrow screen, the dialogue still scrolls as if shown full width.
        let (w, _) = self.pane_size(Pane::Dialogue);
        if w == 0 {
            layout::inner(self.area).width
        } else {
            w
        }
    }

    fn dialogue_rows(&self) -> u16 {
        let (_, h) = self.pane_size(Pane::Dialogue);
        if h == 0 {
            layout::inner(self.area).height
        } else {
            h
        }
    }

    pub(crate) fn open_event(&mut self, event: usize) {
        self.event = event.min(self.order.len().saturating_sub(1));
        let stats = match self.transcript() {
            Some(t) => speakers::stats(t, |id| self.person(id)),
            None => Vec::new(),
        };
        self.speakers = stats;
        self.speaker = self
            .highlight
            .as_ref()
            .and_then(|h| self.speakers.iter().position(|s| s.speaker == *h))
            .unwrap_or(0);
        self.speakers_offset = 0;
        self.rebuild_items();
        self.pos = Position::default();
    }

    pub(crate) fn rebuild_items(&mut self) {
        let only = if self.filter {
            self.highlight.clone()
        } else {
            None
        };
        self.items = match self.transcript() {
            Some(t) => dialogue::items(t, only.as_ref()),
            None => Vec::new(),
        };
        self.pos = Position {
            item: self.pos.item.min(self.items.len().saturating_sub(1)),
            row: 0,
        };
        self.index_turns();
    }

    fn index_turns(&mut self) {
        self.highlight_turns = match (self.transcript(), &self.highlight) {
            (Some(t), Some(h)) => self
                .items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| match item {
                    Item::TurnHead(b) => t.blocks[*b]
                        .as_turn()
                        .filter(|turn| turn.speaker == *h && !turn.continued)
                        .map(|_| i),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
    }

    pub fn update(&mut self, action: Action) -> Effect {
        self.status = None;
        if let Some(popup) = self.popup {
            return self.update_popup(popup, action);
        }
        if self.search.is_some() {
            return self.update_search(action);
        }
        match action {
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            Action::FocusNextPane => self.cycle_focus(1),
            Action::FocusPreviousPane => self.cycle_focus(-1),
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page()),
            Action::PageUp => self.move_by(-self.page()),
            Action::HalfPageDown => self.move_by(self.page() / 2),
            Action::HalfPageUp => self.move_by(-self.page() / 2),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_to_bottom(),
            Action::Select => self.select(),
            Action::HighlightCurrentSpeaker => self.highlight_current(),
            Action::NextTurnOfSpeaker => self.jump_turn(true),
            Action::PreviousTurnOfSpeaker => self.jump_turn(false),
            Action::ToggleSpeakerFilter => self.toggle_filter(),
            Action::ClearHighlight => {
                self.highlight = None;
                self.found = None;
                if self.filter {
                    self.filter = false;
                    self.refilter();
                } else {
                    self.index_turns();
                }
            }
            Action::ToggleHelp => self.open_popup(Popup::Help),
            Action::ToggleInfo => self.open_popup(Popup::Info),
            Action::ToggleProblems => self.open_popup(Popup::Problems),
            Action::OpenSearch => return self.open_search(),
            Action::NextHit => self.step_hit(true),
            Action::PreviousHit => self.step_hit(false),
            Action::SearchInput(_)
            | Action::SearchBackspace
            | Action::SearchClear
            | Action::SearchToggleScope
            | Action::SearchAccept
            | Action::SearchCancel => {}
        }
        Effect::None
    }

    fn update_popup(&mut self, popup: Popup, action: Action) -> Effect {
        match action {
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            Action::Down => self.popup_scroll += 1,
            Action::Up => self.popup_scroll = self.popup_scroll.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => self.popup_scroll += 10,
            Action::PageUp | Action::HalfPageUp => {
                self.popup_scroll = self.popup_scroll.saturating_sub(10)
            }
            Action::Top => self.popup_scroll = 0,
            Action::ToggleHelp if popup != Popup::Help => self.open_popup(Popup::Help),
            Action::ToggleInfo if popup != Popup::Info => self.open_popup(Popup::Info),
            Action::ToggleProblems if popup != Popup::Problems => self.open_popup(Popup::Problems),
            _ => self.popup = None,
        }
        Effect::None
    }

    fn open_popup(&mut self, popup: Popup) {
        self.popup = Some(popup);
        self.popup_scroll = 0;
    }

    fn cycle_focus(&mut self, step: isize) {
        let at = Pane::ALL.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        self.focus = Pane::ALL[(at + step).rem_euclid(3) as usize];
    }

    fn page(&self) -> isize {
        let (_, h) = self.pane_size(self.focus);
        h.max(2) as isize - 1
    }

    fn move_by(&mut self, delta: isize) {
        match self.focus {
            Pane::Events => {
                let target = (self.event as isize + delta)
                    .clamp(0, self.order.len().saturating_sub(1) as isize);
                if target as usize != self.event {
                    self.open_event(target as usize);
                }
                self.keep_event_visible();
            }
            Pane::Speakers => {
                self.speaker = (self.speaker as isize + delta)
                    .clamp(0, self.speakers.len().saturating_sub(1) as isize)
                    as usize;
                let (_, h) = self.pane_size(Pane::Speakers);
                // A header row, then two rows a speaker.
                let fits = usize::from(h.saturating_sub(1) / 2);
                self.speakers_offset = keep_visible(self.speaker, self.speakers_offset, fits);
            }
            Pane::Dialogue => self.scroll_dialogue(delta),
        }
    }

    pub fn scroll_dialogue(&mut self, delta: isize) {
        let width = self.dialogue_width();
        let Some(t) = self.transcript() else { return };
        let bottom = dialogue::bottom(t, &self.items, width, self.dialogue_rows());
        let pos = dialogue::scroll(t, &self.items, self.pos, delta, width);
        // Never scroll past the last screenful (but a jump may already be there).
        self.pos = if delta > 0 {
            pos.min(bottom.max(self.pos))
        } else {
            pos
        };
    }

    fn move_to_bottom(&mut self) {
        match self.focus {
            Pane::Dialogue => {
                if let Some(t) = self.transcript() {
                    self.pos = dialogue::bottom(
                        t,
                        &self.items,
                        self.dialogue_width(),
                        self.dialogue_rows(),
                    );
                }
            }
            _ => self.move_by(isize::MAX / 2),
        }
    }

    pub(crate) fn keep_event_visible(&mut self) {
        let (_, h) = self.pane_size(Pane::Events);
        self.events_offset = keep_visible(self.event, self.events_offset, usize::from(h));
    }

    fn select(&mut self) {
        match self.focus {
            Pane::Events => self.focus = Pane::Dialogue,
            Pane::Speakers => {
                if let Some(stat) = self.speakers.get(self.speaker) {
                    let speaker = stat.speaker.clone();
                    self.set_highlight(speaker);
                }
            }
            Pane::Dialogue => self.highlight_current(),
        }
    }

    fn set_highlight(&mut self, speaker: Speaker) {
        let name = self.speaker_name(&speaker);
        self.highlight = Some(speaker);
        if self.filter {
            self.refilter();
        } else {
            self.index_turns();
        }
        let total = self.turn_items().len();
        self.status = Some(format!(
            "highlighting {name}: {total} turns; ] and [ jump, f filters"
        ));
    }

    pub fn speaker_name(&self, speaker: &Speaker) -> String {
        match speaker {
            Speaker::Person(id) => self
                .person(id)
                .map_or_else(|| id.clone(), |p| p.name.clone()),
            Speaker::Voice(v) => v.clone(),
        }
    }

    fn highlight_current(&mut self) {
        let Some(t) = self.transcript() else { return };
        // The turn at the top of the pane, or the next one below it.
        let speaker = self.items[self.pos.item.min(self.items.len().saturating_sub(1))..]
            .iter()
            .find_map(|item| dialogue::speaker_of(t, *item))
            .cloned();
        match speaker {
            Some(speaker) => {
                if let Some(at) = self.speakers.iter().position(|s| s.speaker == speaker) {
                    self.speaker = at;
                }
                self.set_highlight(speaker);
            }
            None => self.status = Some("no turn on screen".into()),
        }
    }

    /// Item indices of the highlighted speaker's turn heads (not continuations).
    pub fn turn_items(&self) -> &[usize] {
        &self.highlight_turns
    }

    /// "turn 3 of 12": the highlighted speaker's turn at or above the top.
    pub fn turn_counter(&self) -> Option<(usize, usize)> {
        let turns = self.turn_items();
        if turns.is_empty() {
            return None;
        }
        let current = turns.partition_point(|i| *i <= self.pos.item);
        Some((current, turns.len()))
    }

    fn jump_turn(&mut self, forward: bool) {
        let Some(highlight) = self.highlight.as_ref() else {
            self.status =
                Some("no speaker highlighted: Enter on a speaker, or h in the dialogue".into());
            return;
        };
        let turns = self.turn_items();
        if turns.is_empty() {
            self.status = Some(format!(
                "{} does not speak in this event",
                self.speaker_name(highlight)
            ));
            return;
        }
        let here = self.pos.item;
        let (target, wrapped) = if forward {
            match turns.iter().find(|i| **i > here) {
                Some(i) => (*i, false),
                None => (turns[0], true),
            }
        } else {
            match turns.iter().rev().find(|i| **i < here) {
                Some(i) => (*i, false),
                None => (turns[turns.len() - 1], true),
            }
        };
        self.pos = Position {
            item: target,
            row: 0,
        };
        self.focus = if self.area.width < layout::MIN_WIDTH || self.area.height < layout::MIN_HEIGHT
        {
            Pane::Dialogue
        } else {
            self.focus
        };
        // The counter is always on the status line; a wrap is worth a word.
        if wrapped {
            self.status = Some(
                if forward {
                    "wrapped to the first turn"
                } else {
                    "wrapped to the last turn"
                }
                .into(),
            );
        }
    }

    fn toggle_filter(&mut self) {
        if self.highlight.is_none() {
            self.status = Some("no speaker highlighted to filter by".into());
            return;
        }
        self.filter = !self.filter;
        self.refilter();
    }

    /// Rebuilds the dialogue keeping the same block at the top.
    fn refilter(&mut self) {
        let anchor = self.items.get(self.pos.item).copied();
        self.rebuild_items();
        let block_of = |item: &Item| match item {
            Item::Heading(b)
            | Item::TurnHead(b)
            | Item::Mark(b)
            | Item::Paragraph { block: b, .. } => Some(*b),
            _ => None,
        };
        if let Some(block) = anchor.as_ref().and_then(block_of) {
            let at = self
                .items
                .iter()
                .position(|i| block_of(i).is_some_and(|b| b >= block));
            self.pos = Position {
                item: at.unwrap_or(0),
                row: 0,
            };
        }
    }

    /// The mouse wheel over a pane scrolls it.
    pub fn scroll_at(&mut self, x: u16, y: u16, delta: isize) {
        if let Some(pane) = self.panes().at(x, y) {
            let focus = self.focus;
            self.focus = pane;
            self.move_by(delta);
            self.focus = if pane == Pane::Dialogue { focus } else { pane };
        }
    }

    /// A click focuses the pane under it and selects the row clicked.
    pub fn click(&mut self, x: u16, y: u16) {
        let panes = self.panes();
        let Some(pane) = panes.at(x, y) else { return };
        self.focus = pane;
        let Some(inner) = panes.get(pane).map(layout::inner) else {
            return;
        };
        if y < inner.y || y >= inner.y + inner.height {
            return;
        }
        let row = usize::from(y - inner.y);
        match pane {
            Pane::Events => {
                let target = self.events_offset + row;
                if target < self.order.len() && target != self.event {
                    self.open_event(target);
                }
            }
            Pane::Speakers => {
                // The first row is the column header; then two rows a speaker.
                if let Some(target) = row.checked_sub(1).map(|r| self.speakers_offset + r / 2)
                    && target < self.speakers.len()
                {
                    self.speaker = target;
                    let speaker = self.speakers[target].speaker.clone();
                    self.set_highlight(speaker);
                }
            }
            Pane::Dialogue => {}
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.area = Rect::new(0, 0, width, height);
        self.keep_event_visible();
        self.pos.row = 0;
    }
}

/// The offset that keeps row `selected` inside a window of `height` rows.
fn keep_visible(selected: usize, offset: usize, height: usize) -> usize {
    let height = height.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    }
}
