//! The people view (`p`): everyone in the corpus with their role, events,
//! turns and words, most turns first and narrowed by typing; Enter on a
//! person lists their events oldest first, and Enter on an event opens it
//! with that person highlighted, at their first turn.

use super::keymap::Mode;
use super::list::{Cursor, Rows};
use super::{Action, App, Effect, Pane};
use crate::model::Speaker;
use crate::search::appearances::Appearances;
use crate::search::words::fold_words;
use crate::search::{Query, SpeakerRule};

/// The people list: a header row, then a row a person.
pub const ROWS: Rows = Rows {
    header: 1,
    per_item: 1,
};

/// A person's page: their name, figures and chart above the events.
pub const PERSON_ROWS: Rows = Rows {
    header: 5,
    per_item: 1,
};

#[derive(Debug, Clone, Default)]
pub struct PeopleView {
    /// The filter typed.
    pub input: super::prompt::TextInput,
    /// Positions in [`Appearances::people`] the filter keeps, in order.
    pub shown: Vec<usize>,
    pub cursor: Cursor,
    /// No name matches the filter exactly: the list is of near ones.
    pub near: bool,
    /// The person whose events are listed, and the cursor over them.
    pub person: Option<(usize, Cursor)>,
}

impl PeopleView {
    fn new(all: &Appearances) -> PeopleView {
        PeopleView {
            shown: (0..all.people.len()).collect(),
            ..PeopleView::default()
        }
    }

    /// Keeps the people whose name the filter's words match, as `@name`
    /// matches, in any order: the exact names when there are any
    /// (`tokayev`: Tokayev, not Tokarev), else the near ones, a typo
    /// forgiven ([`SpeakerRule::exact_first`]).
    fn narrow(&mut self, corpus: &crate::model::Corpus, all: &Appearances) {
        let query = Query {
            speakers: fold_words(&self.input),
            ..Query::default()
        };
        (self.shown, self.near) = match SpeakerRule::new(&query) {
            None => ((0..all.people.len()).collect(), false),
            Some(rule) => {
                let names = all.people.iter().map(|p| corpus.person_name(&p.id));
                let (kept, near) = rule.exact_first(names);
                let shown = kept.iter().enumerate().filter(|(_, k)| **k).map(|(i, _)| i);
                (shown.collect(), near)
            }
        };
        self.cursor = Cursor::default();
    }

    /// The person the cursor is on (their position in the list of all).
    pub fn selected(&self) -> Option<usize> {
        self.shown.get(self.cursor.selected).copied()
    }
}

impl App {
    /// The people of the corpus and where they appear, built on first use.
    pub fn appearances(&self) -> &Appearances {
        self.appearances
            .get_or_init(|| std::sync::Arc::new(Appearances::new(&self.corpus)))
    }

    /// `p`: the list of people, with the last filter selected as `/` has
    /// its last query: typing replaces it, and a person's page left open
    /// last time does not take the keys meant for the filter.
    pub(super) fn open_people(&mut self) {
        let view = match self.people_kept.take() {
            Some(mut view) => {
                view.person = None;
                view.input = super::prompt::TextInput::selected(view.input.text);
                view
            }
            None => PeopleView::new(self.appearances()),
        };
        self.overlay = super::Overlay::People(view);
    }

    /// The people view's filter set to `input`, as if typed.
    pub(super) fn set_people_input(&mut self, input: &str) {
        let appearances = self
            .appearances
            .get_or_init(|| std::sync::Arc::new(Appearances::new(&self.corpus)));
        if let Some(view) = self.overlay.people_mut() {
            view.input = super::prompt::TextInput::new(input);
            view.narrow(&self.corpus, appearances);
        }
    }

    /// The events of the person of this id, listed in the people view.
    pub(super) fn open_person(&mut self, id: &str) {
        let appearances = self
            .appearances
            .get_or_init(|| std::sync::Arc::new(Appearances::new(&self.corpus)));
        let at = appearances.people.iter().position(|p| p.id == id);
        if let (Some(view), Some(at)) = (self.overlay.people_mut(), at) {
            view.person = Some((at, Cursor::default()));
        }
    }

    /// Rows of the view's list that fit on screen.
    pub fn people_fit(&self) -> usize {
        let height = super::layout::search_list(self.area)
            .height
            .saturating_sub(2);
        match self.people().and_then(|v| v.person.as_ref()) {
            Some(_) => PERSON_ROWS.fit(height),
            None => ROWS.fit(height),
        }
    }

    pub(super) fn update_people(&mut self, action: Action) -> Effect {
        let fit = self.people_fit();
        let page = fit.max(2) as isize - 1;
        let appearances = self
            .appearances
            .get_or_init(|| std::sync::Arc::new(Appearances::new(&self.corpus)));
        let Some(view) = self.overlay.people_mut() else {
            return Effect::None;
        };
        let delta = match action {
            Action::Down => Some(1),
            Action::Up => Some(-1),
            Action::PageDown => Some(page),
            Action::PageUp => Some(-page),
            Action::HalfPageDown => Some(page / 2),
            Action::HalfPageUp => Some(-page / 2),
            Action::Top => Some(isize::MIN / 2),
            Action::Bottom => Some(isize::MAX / 2),
            _ => None,
        };
        match (&mut view.person, delta) {
            (Some((person, cursor)), Some(delta)) => {
                let len = appearances.people[*person].events.len();
                cursor.move_by(delta, len, fit);
            }
            (None, Some(delta)) => {
                view.cursor.move_by(delta, view.shown.len(), fit);
            }
            (Some(_), None) => match action {
                Action::Quit => return Effect::Quit,
                Action::Select => self.open_appearance(),
                // Esc, q: back to the list of people.
                Action::ClosePopup | Action::PromptCancel => view.person = None,
                Action::ShowPeople => self.close_people(),
                _ => {}
            },
            (None, None) => match action {
                Action::Quit => return Effect::Quit,
                _ if view.input.edit(action) => view.narrow(&self.corpus, appearances),
                Action::PromptAccept => {
                    if let Some(person) = view.selected() {
                        view.person = Some((person, Cursor::default()));
                    }
                }
                Action::PromptCancel => self.close_people(),
                _ => {}
            },
        }
        Effect::None
    }

    /// Enter on a person's event: the event, the person highlighted, at
    /// their first turn. An event the events filter hides brings every
    /// event back, since the reader asked for this one.
    fn open_appearance(&mut self) {
        let Some((person, cursor)) = self.people().and_then(|v| v.person) else {
            return;
        };
        let appearances = self.appearances();
        let stat = &appearances.people[person];
        let Some(appearance) = stat.events.get(cursor.selected).copied() else {
            return;
        };
        let id = stat.id.clone();
        self.close_people();
        self.record_jump();
        self.reveal(appearance.transcript);
        let speaker = Speaker::Person(id);
        if let Some(at) = self.speakers.position(&speaker) {
            let fit = self.fit(Pane::Speakers);
            self.speakers.cursor.select(at, fit);
        }
        self.set_highlight(speaker);
        match appearance.first_block {
            Some(block) => self.show_turn(block),
            None => {
                let back = self.keys.hint(Mode::Normal, Action::JumpBack);
                self.status = Some(format!("tagged here, with no turn; {back} goes back"));
            }
        }
    }

    /// `]` past a person's last turn in an event (`[` before the first):
    /// their first (last) turn in the next (previous) event in time among
    /// the events listed. Says whether there was one.
    pub(super) fn turn_in_next_event(&mut self, id: &str, forward: bool) -> bool {
        let Some(here) = self.events.transcript() else {
            return false;
        };
        let corpus = std::sync::Arc::clone(&self.corpus);
        let key = |t: usize| (corpus.transcripts[t].recency(), t);
        let listed: Option<rustc_hash::FxHashSet<usize>> = (self.events.len()
            != self.events.all.len())
        .then(|| self.events.order.iter().copied().collect());
        let Some(stat) = self.appearances().get(id) else {
            return false;
        };
        let wanted = |a: &&crate::search::appearances::Appearance| {
            a.turns > 0 && listed.as_ref().is_none_or(|l| l.contains(&a.transcript))
        };
        let target = if forward {
            stat.events
                .iter()
                .filter(|a| key(a.transcript) > key(here))
                .find(wanted)
        } else {
            stat.events
                .iter()
                .rev()
                .filter(|a| key(a.transcript) < key(here))
                .find(wanted)
        };
        let Some(target) = target.map(|a| a.transcript) else {
            return false;
        };
        let Some(at) = self.events.position(target) else {
            return false;
        };
        self.record_jump();
        self.open_event(at);
        let turns = self.dialogue.turns();
        let head = if forward { turns.first() } else { turns.last() };
        if let Some(head) = head.copied() {
            self.dialogue.pos = super::dialogue::Position { item: head, row: 0 };
            self.make_current(head);
        }
        if super::layout::is_narrow(self.area) {
            self.focus = Pane::Dialogue;
        }
        let t = &corpus.transcripts[target];
        let name = corpus.person_name(id);
        self.status = Some(format!(
            "{name} in {} {}",
            if forward {
                "the next event,"
            } else {
                "the previous event,"
            },
            t.date.as_deref().unwrap_or("undated")
        ));
        true
    }

    /// Scrolls the open dialogue to a turn's head and makes it current.
    pub(super) fn show_turn(&mut self, block: usize) {
        let head = self
            .dialogue
            .items
            .iter()
            .position(|item| matches!(item, super::dialogue::Item::TurnHead(b) if *b == block));
        if let Some(at) = head {
            self.dialogue.pos = super::dialogue::Position { item: at, row: 0 };
            self.make_current(at);
            self.focus = Pane::Dialogue;
        }
    }
}
