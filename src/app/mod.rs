//! The reader's state and how messages change it. No terminal here: every
//! input (a key, a click, the wheel, a resize, a search answer) comes in
//! as a [`Message`] through [`App::update`], which picks the key table
//! from the reader's own mode, and what needs the outside world
//! (quitting, suspending, searching) goes back out as an [`Effect`].

pub mod action;

mod copy;
pub mod dialogue;
pub mod echoes;
pub mod events;
pub mod filter;
pub mod jumps;
pub mod key;
pub mod keymap;
pub mod layout;
pub mod list;
mod loading;
mod marks;
mod overlay;
pub mod people;
pub mod popup;
pub mod prompt;
pub mod search;
pub mod speakers;
pub mod theme;
pub mod trend;

use std::sync::Arc;

use key::KeyEvent;
use ratatui::layout::Rect;

pub use action::Action;
use dialogue::DialogueView;
use events::EventsList;
pub use keymap::{Keymap, Mode};
pub use layout::Pane;
pub use overlay::Overlay;
pub use popup::{Popup, PopupView};
use speakers::SpeakersList;

use crate::corpus::Problem;
use crate::model::{Corpus, Speaker, Transcript};
use crate::search::{Answer, Request};

/// Everything that can change the reader's state.
#[derive(Debug, Clone)]
pub enum Message {
    /// A key press, looked up in the table of the reader's mode.
    Key(KeyEvent),
    /// An action, as if its key had been pressed.
    Action(Action),
    Click {
        x: u16,
        y: u16,
    },
    /// The wheel over a cell; `rows` down, or up when negative.
    Wheel {
        x: u16,
        y: u16,
        rows: isize,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// The worker's answer to an [`Effect::Search`].
    Answer(Answer),
    /// The worker's answer to an [`Effect::Echoes`].
    Echoes(crate::search::EchoAnswer),
    /// The worker's answer to an [`Effect::Trend`].
    Trend(crate::search::TrendAnswer),
    /// What became of an effect, for the status line (a clipboard or a
    /// browser that could not be reached).
    Notice(String),
    /// The search index is ready: a search waiting for it is answered next.
    IndexReady,
    /// While the corpus loads: files read, of all, and their bytes.
    Loading {
        files: usize,
        total: usize,
        bytes: u64,
    },
    /// The corpus read so far becomes the reader's, and what the reader
    /// was doing goes on in it: the newest pages while the rest load
    /// (`whole` false), then all of them.
    Loaded {
        corpus: Arc<Corpus>,
        problems: Vec<Problem>,
        whole: bool,
    },
    /// How much of the search index is built, in percent; meanwhile
    /// searches are answered from this many of the newest events, when
    /// `partial` says so.
    Indexing {
        done: u8,
        partial: Option<usize>,
    },
    /// The corpus-wide indexes of this corpus (its facets, where each
    /// person appears), built off the reader's thread so that the first
    /// `F`, `p` or `]` into another event answers at once. Dropped when
    /// the reader has gone on to another corpus meanwhile.
    Indexes {
        corpus: Arc<Corpus>,
        facets: Arc<crate::search::facets::FacetIndex>,
        appearances: Arc<crate::search::appearances::Appearances>,
    },
    /// The search index of `corpus`, built (or read from a cache): what
    /// the events filter's `mentions:` is judged from.
    SearchIndex {
        corpus: Arc<Corpus>,
        index: Arc<crate::search::Index>,
    },
    /// A change to the bookmarks is written: the list as the file now
    /// holds it (another reader's changes too), and what to say.
    Bookmarks {
        list: Vec<crate::bookmarks::Bookmark>,
        done: String,
    },
}

impl From<Action> for Message {
    fn from(action: Action) -> Self {
        Message::Action(action)
    }
}

impl From<KeyEvent> for Message {
    fn from(key: KeyEvent) -> Self {
        Message::Key(key)
    }
}

impl From<Answer> for Message {
    fn from(answer: Answer) -> Self {
        Message::Answer(answer)
    }
}

/// What the outer loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    Suspend,
    /// Run this query and send its answer back as a [`Message::Answer`].
    Search(Request),
    /// Put `text` on the clipboard, then say `done` (never before: a copy
    /// that could not be made says so instead).
    Copy {
        text: String,
        done: String,
    },
    /// Open this address in the browser, then say so.
    Open(String),
    /// Find the echoes of a paragraph; answer with a [`Message::Echoes`].
    Echoes(crate::search::EchoRequest),
    /// Count a query's hits by year; answer with a [`Message::Trend`].
    Trend(crate::search::TrendRequest),
    /// Each of these, in order.
    All(Vec<Effect>),
    /// Make this change in the bookmarks file, merged with what it holds
    /// now; answer with a [`Message::Bookmarks`] saying `done`.
    SaveBookmarks {
        change: crate::bookmarks::Change,
        done: String,
    },
}

pub struct App {
    pub corpus: Arc<Corpus>,
    pub problems: Vec<Problem>,
    pub keys: Keymap,
    pub focus: Pane,
    pub events: EventsList,
    pub speakers: SpeakersList,
    pub dialogue: DialogueView,
    pub highlight: Option<Speaker>,
    pub filter: bool,
    /// What is open over the panes: a prompt or a popup, one at a time.
    pub overlay: Overlay,
    search_generation: u64,
    /// Counts echo requests, apart from searches: an answer of one kind
    /// never stands in for the other's.
    echo_generation: u64,
    /// The hits of the last search, for `n`/`N` and highlighting.
    pub found: Option<search::Found>,
    /// The last query searched, for `/` to open with.
    last_query: String,
    pub status: Option<String>,
    /// The screen, for page sizes and mouse hits.
    pub area: Rect,
    pub theme: theme::Theme,
    /// Where `/` searches first.
    pub search_scope: search::Scope,
    /// The order of the prompt's hits, kept from one search to the next.
    pub search_order: crate::search::Order,
    /// How `y` cites a quote.
    pub citation: crate::cite::Format,
    pub jumps: jumps::JumpList,
    /// Each person's roles by date, for the speakers pane.
    roles: crate::search::roles::Roles,
    pub bookmarks: Vec<crate::bookmarks::Bookmark>,
    /// The events filter in force (empty: every event).
    pub events_filter: String,
    /// The bookmarks file read well (or was not there): changes are saved.
    /// One that could not be read is never written over.
    pub bookmarks_kept: bool,
    /// The last action moved through the Events pane: a run of such moves
    /// is one jump in the jump list, not one a key.
    browsing_events: bool,
    /// The last quote copied (a transcript and its paragraphs), for `c`.
    last_copy: Option<(usize, Vec<crate::cite::Place>)>,
    /// NO_COLOR is set: styles use bold, underline and reverse only.
    pub no_color: bool,
    /// While the worker builds the search index, how much of it is done,
    /// in percent: a search says so while it waits.
    pub indexing: Option<u8>,
    /// While indexing: searches are answered from this many of the newest
    /// events, read first, until the whole corpus is indexed.
    pub partial: Option<usize>,
    /// While the rest of the corpus loads: files done, of all, and bytes.
    pub loading: Option<(usize, usize, u64)>,
    /// Every event's facets, folded the first time a filter needs them.
    facets: std::cell::OnceCell<Arc<crate::search::facets::FacetIndex>>,
    /// Where each person appears, built the first time it is needed.
    appearances: std::cell::OnceCell<Arc<crate::search::appearances::Appearances>>,
    /// The search worker's index of this corpus, once it is there.
    search_index: std::cell::OnceCell<Arc<crate::search::Index>>,
    /// The people view as it was left, for the next `p`.
    people_kept: Option<people::PeopleView>,
    /// The bookmark `d` deleted last, and where it stood, for `u`.
    deleted_bookmark: Option<(usize, crate::bookmarks::Bookmark)>,
}

/// What a jump's status line adds when it cleared the events filter.
pub(crate) fn filter_cleared(cleared: bool) -> &'static str {
    if cleared {
        " · events filter cleared to show it"
    } else {
        ""
    }
}

/// The open event's transcript. A function of the two fields, not of the
/// app, so that the dialogue can change while it is borrowed.
fn open_transcript<'c>(corpus: &'c Corpus, events: &EventsList) -> Option<&'c Transcript> {
    corpus.transcripts.get(events.transcript()?)
}

impl App {
    pub fn new(corpus: impl Into<Arc<Corpus>>, problems: Vec<Problem>) -> Self {
        App::with_keys(corpus, problems, Keymap::default())
    }

    /// [`App::new`] with a user's keys, which the first hints use too.
    pub fn with_keys(corpus: impl Into<Arc<Corpus>>, problems: Vec<Problem>, keys: Keymap) -> Self {
        let corpus: Arc<Corpus> = corpus.into();
        let status = match problems.iter().filter(|p| p.is_error).count() {
            0 => None,
            n => Some(format!(
                "{n} file(s) could not be read; press {} to see them",
                keys.hint(Mode::Normal, Action::ToggleProblems)
            )),
        };
        let roles = crate::search::roles::Roles::new(&corpus);
        let mut app = App {
            events: EventsList::new(&corpus),
            corpus,
            problems,
            keys,
            focus: Pane::Events,
            speakers: SpeakersList::default(),
            dialogue: DialogueView::default(),
            highlight: None,
            filter: false,
            overlay: Overlay::None,
            search_generation: 0,
            echo_generation: 0,
            found: None,
            last_query: String::new(),
            status,
            area: Rect::new(0, 0, 80, 24),
            theme: theme::Theme::default(),
            search_scope: search::Scope::default(),
            search_order: crate::search::Order::default(),
            citation: crate::cite::Format::default(),
            jumps: jumps::JumpList::default(),
            roles,
            bookmarks: Vec::new(),
            events_filter: String::new(),
            bookmarks_kept: true,
            browsing_events: false,
            last_copy: None,
            no_color: false,
            indexing: None,
            partial: None,
            loading: None,
            facets: std::cell::OnceCell::new(),
            appearances: std::cell::OnceCell::new(),
            search_index: std::cell::OnceCell::new(),
            people_kept: None,
            deleted_bookmark: None,
        };
        app.open_event(0);
        app
    }

    /// The open event's transcript.
    pub fn transcript(&self) -> Option<&Transcript> {
        open_transcript(&self.corpus, &self.events)
    }

    pub fn speaker_name<'a>(&'a self, speaker: &'a Speaker) -> &'a str {
        self.corpus.speaker_name(speaker)
    }

    /// Which key table applies now.
    pub fn mode(&self) -> Mode {
        self.overlay.mode()
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

    /// The dialogue's size; hidden in a narrow screen, it still scrolls as
    /// if shown full screen.
    fn dialogue_size(&self) -> (u16, u16) {
        match self.pane_size(Pane::Dialogue) {
            (0, _) | (_, 0) => {
                let inner = layout::inner(layout::search_list(self.area));
                (inner.width, inner.height)
            }
            size => size,
        }
    }

    pub(crate) fn dialogue_width(&self) -> u16 {
        self.dialogue_size().0
    }

    /// How many items of a list pane fit on screen.
    fn fit(&self, pane: Pane) -> usize {
        let (_, height) = self.pane_size(pane);
        match pane {
            Pane::Events => events::ROWS.fit(height),
            Pane::Speakers => speakers::ROWS.fit(height),
            Pane::Dialogue => usize::from(height),
        }
    }

    /// The one way in: every input changes the state here.
    pub fn update(&mut self, message: impl Into<Message>) -> Effect {
        match message.into() {
            Message::Key(key) => {
                let mode = self.mode();
                match self.keys.action(mode, key) {
                    Some(action) => self.act(action),
                    // A popup closes on any key it does not bind.
                    None if mode == Mode::Popup => self.act(Action::ClosePopup),
                    None => Effect::None,
                }
            }
            Message::Action(action) => self.act(action),
            Message::Click { x, y } => self.click(x, y),
            Message::Wheel { x, y, rows } => self.wheel(x, y, rows),
            Message::Resize { width, height } => {
                self.resize(width, height);
                Effect::None
            }
            Message::Answer(answer) => {
                self.search_answered(answer);
                Effect::None
            }
            Message::Echoes(answer) => {
                self.echoes_answered(answer);
                Effect::None
            }
            Message::Trend(answer) => {
                self.trend_answered(answer);
                Effect::None
            }
            Message::Notice(notice) => {
                self.status = Some(notice);
                Effect::None
            }
            Message::IndexReady => {
                self.indexing = None;
                self.partial = None;
                Effect::None
            }
            Message::Loading {
                files,
                total,
                bytes,
            } => {
                self.loading = Some((files, total, bytes));
                Effect::None
            }
            Message::Loaded {
                corpus,
                problems,
                whole,
            } => self.take_corpus(corpus, problems, whole),
            Message::Indexing { done, partial } => {
                self.indexing = Some(done);
                self.partial = partial;
                Effect::None
            }
            Message::Indexes {
                corpus,
                facets,
                appearances,
            } => {
                if Arc::ptr_eq(&corpus, &self.corpus) {
                    let _ = self.facets.set(facets);
                    let _ = self.appearances.set(appearances);
                }
                Effect::None
            }
            Message::SearchIndex { corpus, index } => {
                if Arc::ptr_eq(&corpus, &self.corpus) {
                    let _ = self.search_index.set(index);
                    // A filter with `mentions:` waited for it.
                    if self.events_filter.contains("mentions:") {
                        let filter = self.events_filter.clone();
                        self.apply_filter(&filter);
                    }
                }
                Effect::None
            }
            Message::Bookmarks { list, done } => {
                self.bookmarks = list;
                self.status = Some(done);
                let last = self.bookmarks.len().saturating_sub(1);
                if let Some(popup) = self
                    .overlay
                    .popup_mut()
                    .filter(|p| p.kind == Popup::Bookmarks)
                {
                    popup.selected = popup.selected.min(last);
                }
                Effect::None
            }
        }
    }

    fn act(&mut self, action: Action) -> Effect {
        self.status = None;
        match &self.overlay {
            Overlay::None => self.update_panes(action),
            Overlay::Search(_) => self.update_search(action),
            Overlay::Filter(_) => self.update_filter(action),
            Overlay::People(_) => self.update_people(action),
            Overlay::Popup { .. } | Overlay::Echoes { .. } => self.update_popup(action),
        }
    }

    fn update_panes(&mut self, action: Action) -> Effect {
        let browsing = self.focus == Pane::Events
            && matches!(
                action,
                Action::Down
                    | Action::Up
                    | Action::PageDown
                    | Action::PageUp
                    | Action::HalfPageDown
                    | Action::HalfPageUp
                    | Action::Top
                    | Action::Bottom
            );
        if browsing && !self.browsing_events {
            self.record_jump();
        }
        self.browsing_events = browsing;
        match action {
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            Action::FocusNextPane => self.cycle_focus(1),
            Action::FocusPreviousPane => self.cycle_focus(-1),
            // Selecting, the keys that move take a paragraph at a time.
            Action::Down if self.dialogue.anchor.is_some() => self.step_paragraph(true),
            Action::Up if self.dialogue.anchor.is_some() => self.step_paragraph(false),
            Action::Down => self.move_by(self.focus, 1),
            Action::Up => self.move_by(self.focus, -1),
            Action::PageDown => self.move_by(self.focus, self.page()),
            Action::PageUp => self.move_by(self.focus, -self.page()),
            Action::HalfPageDown => self.move_by(self.focus, self.page() / 2),
            Action::HalfPageUp => self.move_by(self.focus, -self.page() / 2),
            // The dialogue's top is known without wrapping what is above.
            Action::Top if self.focus == Pane::Dialogue => self.dialogue_to_top(),
            Action::Top => self.move_by(self.focus, isize::MIN / 2),
            Action::Bottom => self.move_to_bottom(),
            Action::Select => self.select(),
            Action::HighlightCurrentSpeaker => self.highlight_current(),
            Action::NextTurnOfSpeaker => self.jump_turn(true),
            Action::PreviousTurnOfSpeaker => self.jump_turn(false),
            Action::ToggleSpeakerFilter => self.toggle_filter(),
            Action::ClearHighlight if self.dialogue.anchor.is_some() => {
                self.dialogue.anchor = None;
            }
            Action::ClearHighlight => self.clear_highlight(),
            Action::NextParagraph => self.step_paragraph(true),
            Action::PreviousParagraph => self.step_paragraph(false),
            Action::VisualSelect => self.toggle_visual(),
            Action::CopyQuote => return self.copy_from_dialogue(false),
            Action::CopyTurn => return self.copy_from_dialogue(true),
            Action::CycleCitationFormat => return self.cycle_citation(),
            Action::OpenInBrowser => return self.open_in_browser(),
            Action::JumpBack => self.step_jump(true),
            Action::JumpForward => self.step_jump(false),
            Action::AddBookmark => return self.add_bookmark(),
            Action::ToggleBookmarks => self.open_bookmarks(),
            Action::ShowEchoes => return self.ask_echoes(),
            Action::FilterEvents => self.open_filter(),
            Action::ShowPeople => self.open_people(),
            Action::ToggleTurnsOnly => self.toggle_turns_only(),
            Action::ToggleHelp => self.open_popup(Popup::Help),
            Action::ToggleInfo => self.open_popup(Popup::Info),
            Action::ToggleProblems => self.open_popup(Popup::Problems),
            Action::OpenSearch => return self.open_search(),
            Action::NextHit => return self.step_hit(true),
            Action::PreviousHit => return self.step_hit(false),
            Action::ClosePopup
            | Action::PromptInput(_)
            | Action::PromptBackspace
            | Action::PromptClear
            | Action::PromptTab
            | Action::PromptAccept
            | Action::PromptCancel
            | Action::TogglePreview
            | Action::ToggleGrouping
            | Action::CycleSearchOrder
            | Action::ShowTrend
            | Action::DeleteBookmark
            | Action::UndoDeleteBookmark
            | Action::ToggleEchoOrder => {}
        }
        Effect::None
    }

    fn update_popup(&mut self, action: Action) -> Effect {
        let last = self.popup_last_scroll();
        let (_, shown) = self.popup_inner(self.popup_rows().len());
        let page = shown.max(2) as isize - 1;
        let Some(popup) = self.overlay.popup_mut() else {
            return Effect::None;
        };
        if popup.kind == Popup::Bookmarks {
            return self.update_bookmarks(action);
        }
        if popup.kind == Popup::Echoes {
            return self.update_echoes(action);
        }
        match action {
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            Action::Down => popup.scroll_by(1, last),
            Action::Up => popup.scroll_by(-1, last),
            Action::PageDown => popup.scroll_by(page, last),
            Action::PageUp => popup.scroll_by(-page, last),
            Action::HalfPageDown => popup.scroll_by(page / 2, last),
            Action::HalfPageUp => popup.scroll_by(-page / 2, last),
            Action::Top => popup.scroll = 0,
            Action::Bottom => popup.scroll = last,
            Action::ToggleHelp if popup.kind != Popup::Help => self.open_popup(Popup::Help),
            Action::ToggleInfo if popup.kind != Popup::Info => self.open_popup(Popup::Info),
            Action::ToggleProblems if popup.kind != Popup::Problems => {
                self.open_popup(Popup::Problems)
            }
            Action::ToggleBookmarks => self.open_bookmarks(),
            _ => self.close_popup(),
        }
        Effect::None
    }

    /// Keys of the bookmarks popup: a list with a cursor.
    fn update_bookmarks(&mut self, action: Action) -> Effect {
        let len = self.bookmarks.len();
        let Some(popup) = self.overlay.popup_mut() else {
            return Effect::None;
        };
        let at = popup.selected;
        if popup.move_cursor(action, len) {
            self.keep_cursor_visible();
            return Effect::None;
        }
        match action {
            Action::Quit => return Effect::Quit,
            Action::Select => self.go_to_bookmark(at),
            Action::DeleteBookmark => return self.delete_bookmark(at),
            Action::UndoDeleteBookmark => return self.undo_delete_bookmark(),
            Action::ToggleHelp => self.open_popup(Popup::Help),
            _ => self.close_popup(),
        }
        self.keep_cursor_visible();
        Effect::None
    }

    fn cycle_focus(&mut self, step: isize) {
        let at = Pane::ALL.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        self.focus = Pane::ALL[(at + step).rem_euclid(3) as usize];
    }

    fn page(&self) -> isize {
        let (_, h) = self.pane_size(self.focus);
        h.max(2) as isize - 1
    }

    /// Moves a pane's selection (or the dialogue's scroll) by `delta` rows.
    fn move_by(&mut self, pane: Pane, delta: isize) {
        match pane {
            Pane::Events => {
                let fit = self.fit(Pane::Events);
                let len = self.events.len();
                if self.events.cursor.move_by(delta, len, fit) {
                    self.open_event(self.events.cursor.selected);
                }
            }
            Pane::Speakers => {
                let fit = self.fit(Pane::Speakers);
                let len = self.speakers.stats.len();
                self.speakers.cursor.move_by(delta, len, fit);
            }
            Pane::Dialogue => self.scroll_dialogue(delta),
        }
    }

    fn scroll_dialogue(&mut self, delta: isize) {
        let (width, rows) = self.dialogue_size();
        if let Some(t) = open_transcript(&self.corpus, &self.events) {
            self.dialogue.scroll_by(t, delta, width, rows);
            if self.dialogue.current.is_some() {
                self.dialogue.keep_current(t, width, rows);
            }
        }
    }

    fn dialogue_to_top(&mut self) {
        self.dialogue.pos = dialogue::Position::default();
        let (width, rows) = self.dialogue_size();
        if self.dialogue.current.is_some()
            && let Some(t) = open_transcript(&self.corpus, &self.events)
        {
            self.dialogue.keep_current(t, width, rows);
        }
    }

    fn move_to_bottom(&mut self) {
        match self.focus {
            Pane::Dialogue => {
                let (width, rows) = self.dialogue_size();
                if let Some(t) = open_transcript(&self.corpus, &self.events) {
                    self.dialogue.to_bottom(t, width, rows);
                    if self.dialogue.current.is_some() {
                        self.dialogue.keep_current(t, width, rows);
                    }
                }
            }
            pane => self.move_by(pane, isize::MAX / 2),
        }
    }

    /// Opens the event at a position of the list: its speakers, its dialogue
    /// from the top, the highlighted person still highlighted.
    pub(crate) fn open_event(&mut self, event: usize) {
        let event = event.min(self.events.len().saturating_sub(1));
        let fit = self.fit(Pane::Events);
        self.events.cursor.select(event, fit);
        let transcript = open_transcript(&self.corpus, &self.events);
        let highlight = self.highlight.as_ref();
        self.speakers = SpeakersList::new(&self.corpus, &self.roles, transcript, highlight);
        let only = highlight.filter(|_| self.filter);
        self.dialogue = DialogueView::new(transcript, only, highlight);
    }

    /// Opens a transcript's event wherever it stands: an events filter
    /// that hides it is cleared, since the reader asked for this one (a
    /// jump never lands in another event instead). `None` when no such
    /// transcript is loaded; `Some(true)` when the filter was cleared,
    /// which the caller's status line says ([`filter_cleared`]).
    pub(crate) fn reveal(&mut self, transcript: usize) -> Option<bool> {
        if transcript >= self.corpus.transcripts.len() {
            return None;
        }
        let cleared = self.events.position(transcript).is_none() && !self.events_filter.is_empty();
        if cleared {
            self.apply_filter("");
        }
        let event = self.events.position(transcript)?;
        if event != self.events.cursor.selected {
            self.open_event(event);
        }
        Some(cleared)
    }

    /// Builds the dialogue again for the filter and highlight in force.
    fn rebuild_dialogue(&mut self) {
        let transcript = open_transcript(&self.corpus, &self.events);
        let only = self.highlight.as_ref().filter(|_| self.filter);
        self.dialogue
            .rebuild(transcript, only, self.highlight.as_ref());
    }

    /// The same, keeping the block at the top of the pane.
    fn refilter(&mut self) {
        let transcript = open_transcript(&self.corpus, &self.events);
        let only = self.highlight.as_ref().filter(|_| self.filter);
        self.dialogue
            .refilter(transcript, only, self.highlight.as_ref());
    }

    fn select(&mut self) {
        match self.focus {
            Pane::Events => self.focus = Pane::Dialogue,
            Pane::Speakers => {
                if let Some(stat) = self.speakers.selected() {
                    let speaker = stat.speaker.clone();
                    self.set_highlight(speaker);
                }
            }
            Pane::Dialogue => self.highlight_current(),
        }
    }

    fn set_highlight(&mut self, speaker: Speaker) {
        self.highlight = Some(speaker);
        if self.filter {
            self.refilter();
        } else {
            let transcript = open_transcript(&self.corpus, &self.events);
            self.dialogue
                .index_turns(transcript, self.highlight.as_ref());
        }
        // The name and where their turns are stand on the status line's
        // right (`Dmitry Peskov: turn 1 of 41`): the message says the rest.
        let jump = self.keys.hint_pair(
            Mode::Normal,
            Action::NextTurnOfSpeaker,
            Action::PreviousTurnOfSpeaker,
        );
        let filter = self.keys.hint(Mode::Normal, Action::ToggleSpeakerFilter);
        self.status = Some(format!("highlighting: {jump} jump, {filter} filters"));
    }

    fn clear_highlight(&mut self) {
        self.highlight = None;
        self.found = None;
        if self.filter {
            self.filter = false;
            self.refilter();
        } else {
            let transcript = open_transcript(&self.corpus, &self.events);
            self.dialogue.index_turns(transcript, None);
        }
    }

    fn highlight_current(&mut self) {
        let speaker = self
            .transcript()
            .and_then(|t| self.dialogue.speaker_from_top(t))
            .cloned();
        match speaker {
            Some(speaker) => {
                if let Some(at) = self.speakers.position(&speaker) {
                    let fit = self.fit(Pane::Speakers);
                    self.speakers.cursor.select(at, fit);
                }
                self.set_highlight(speaker);
            }
            None => self.status = Some("no turn on screen".into()),
        }
    }

    /// "turn 3 of 12": the highlighted speaker's turn at or above the top.
    pub fn turn_counter(&self) -> Option<(usize, usize)> {
        self.dialogue.turn_counter()
    }

    fn jump_turn(&mut self, forward: bool) {
        let Some(highlight) = self.highlight.as_ref() else {
            let select = self.keys.hint(Mode::Normal, Action::Select);
            let here = self
                .keys
                .hint(Mode::Normal, Action::HighlightCurrentSpeaker);
            self.status = Some(format!(
                "no speaker highlighted: {select} on a speaker, or {here} in the dialogue"
            ));
            return;
        };
        let next = self.dialogue.next_turn(forward);
        // Past their last turn here, on to their next event in time.
        let person = highlight.person_id().map(str::to_string);
        if next.is_none_or(|(_, wrapped)| wrapped)
            && let Some(id) = person
            && self.turn_in_next_event(&id, forward)
        {
            return;
        }
        let Some(highlight) = self.highlight.as_ref() else {
            return;
        };
        let Some((target, wrapped)) = next else {
            self.status = Some(format!(
                "{} does not speak in this event",
                self.speaker_name(highlight)
            ));
            return;
        };
        self.record_jump();
        self.dialogue.pos = dialogue::Position {
            item: target,
            row: 0,
        };
        self.make_current(target);
        if layout::is_narrow(self.area) {
            self.focus = Pane::Dialogue;
        }
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
        let Some(highlight) = &self.highlight else {
            self.status = Some("no speaker highlighted to filter by".into());
            return;
        };
        if !self.filter && self.dialogue.turns().is_empty() {
            let name = self.speaker_name(highlight);
            self.status = Some(format!("{name} does not speak in this event"));
            return;
        }
        self.filter = !self.filter;
        self.refilter();
    }

    /// The wheel: over the search list or a popup it moves them; over a
    /// pane it scrolls that pane (and focuses a list, as a click would).
    fn wheel(&mut self, x: u16, y: u16, rows: isize) -> Effect {
        match self.mode() {
            Mode::Popup => {
                let last = self.popup_last_scroll();
                if let Some(popup) = self.overlay.popup_mut() {
                    popup.scroll_by(rows, last);
                }
            }
            Mode::Prompt => return self.wheel_search(rows),
            Mode::Normal => {
                if let Some(pane) = self.panes().at(x, y) {
                    if pane != Pane::Dialogue {
                        self.focus = pane;
                    }
                    self.move_by(pane, rows);
                }
            }
        }
        Effect::None
    }

    /// A click: on the search list it selects (a second click goes to the
    /// hit); on a pane it focuses it and selects the row clicked. Nothing
    /// under a popup or the search list reacts.
    fn click(&mut self, x: u16, y: u16) -> Effect {
        match self.mode() {
            Mode::Popup => Effect::None,
            Mode::Prompt => self.click_search(x, y),
            Mode::Normal => {
                self.click_pane(x, y);
                Effect::None
            }
        }
    }

    fn click_pane(&mut self, x: u16, y: u16) {
        let panes = self.panes();
        let Some(pane) = panes.at(x, y) else { return };
        self.focus = pane;
        let Some(inner) = panes.get(pane).map(layout::inner) else {
            return;
        };
        if !inner.contains((x, y).into()) {
            return;
        }
        let row = usize::from(y - inner.y);
        match pane {
            Pane::Events => {
                if let Some(target) = self.events.row_at(row)
                    && target != self.events.cursor.selected
                {
                    self.record_jump();
                    self.open_event(target);
                }
            }
            Pane::Speakers => {
                if let Some(target) = self.speakers.row_at(row) {
                    let fit = self.fit(Pane::Speakers);
                    self.speakers.cursor.select(target, fit);
                    let speaker = self.speakers.stats[target].speaker.clone();
                    self.set_highlight(speaker);
                }
            }
            Pane::Dialogue => {}
        }
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.area = Rect::new(0, 0, width, height);
        let fit = self.fit(Pane::Events);
        self.events.cursor.keep_visible(fit);
        let fit = self.fit(Pane::Speakers);
        self.speakers.cursor.keep_visible(fit);
        self.dialogue.pos.row = 0;
        let fit = self.hits_fit();
        if let Some(state) = self.overlay.search_mut() {
            state.cursor.keep_visible(fit);
        }
    }
}
