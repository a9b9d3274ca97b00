//! The only code that touches the terminal: set-up, the event loop, and
//! restoring the terminal on every way out (quit, error, panic, SIGTERM,
//! SIGHUP, SIGINT) and around Ctrl-z.

use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

use anyhow::{Context, Result};
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::EnterAlternateScreen;
use ratatui::DefaultTerminal;

use verbatim::app::{App, Effect, Message};
use verbatim::corpus::{Loaded, Problem, Progress};
use verbatim::model::Corpus;
use verbatim::search::answer::{Part, Reply, Worker};
use verbatim::ui;

use crate::outside::{self, Outside};

/// Rows the mouse wheel scrolls per notch.
const WHEEL_ROWS: isize = 3;

/// The search index as the reader starts with it: ready from a cache, or
/// to be built by the worker and then handed on (to write the cache).
pub struct Indexing {
    pub index: Option<verbatim::search::Index>,
    pub after_build: verbatim::search::answer::AfterBuild,
}

/// The terminal while the reader has it: entered once, left on drop
/// (and by the panic hook), whatever way the reader ends.
pub struct Screen {
    terminal: DefaultTerminal,
    mouse: bool,
    stop: Arc<AtomicBool>,
    wakes: Sender<Wake>,
    inbox: mpsc::Receiver<Wake>,
}

impl Screen {
    pub fn enter(mouse: bool) -> Result<Screen> {
        let stop = Arc::new(AtomicBool::new(false));
        for signal in verbatim::platform::stop_signals() {
            signal_hook::flag::register(signal, Arc::clone(&stop))
                .context("cannot install signal handlers")?;
        }
        let terminal = enter(mouse);
        install_panic_hook(mouse);
        let (wakes, inbox) = mpsc::channel();
        spawn_input(wakes.clone());
        Ok(Screen {
            terminal,
            mouse,
            stop,
            wakes,
            inbox,
        })
    }

    /// The reader's one event loop, from the first frame to the last.
    /// `job` reads the corpus on a thread: it may hand over the newest
    /// pages first (`preview`), which the reader reads and searches while
    /// the rest load, and then the whole. Keys typed before any corpus is
    /// there wait for it (quitting does not). Every effect is carried out
    /// here, whatever has loaded: what the reader says it did, it did.
    pub fn run(
        mut self,
        job: impl FnOnce(&Progress, &dyn Fn(Loaded)) -> Opened + Send + 'static,
        make: &dyn Fn(Arc<Corpus>, Vec<Problem>) -> App,
        outside: &Outside,
    ) -> Result<Ended> {
        let progress = Arc::new(Progress::default());
        // The first frame before the job starts: on two cores the job's
        // threads would otherwise take the time to draw it.
        self.terminal
            .draw(|frame| ui::loading::draw(frame, 0, 0, 0))?;
        let counting = Arc::clone(&progress);
        let arrivals = self.wakes.clone();
        std::thread::spawn(move || {
            // The loading threads (this one and those it starts) yield to
            // the rest: the terminal drawing the first frame, the keys.
            // On Linux a thread's priority is its own, and its new
            // threads inherit it. Where it cannot be lowered, it loads
            // as it is.
            verbatim::platform::lower_priority();
            let first = arrivals.clone();
            let preview = move |loaded: Loaded| {
                let _ = first.send(Wake::Preview(loaded));
            };
            let opened = job(&counting, &preview);
            let _ = arrivals.send(Wake::Opened(Box::new(opened)));
        });
        let mut reader = Reader {
            app: None,
            typed_ahead: Vec::new(),
            part: None,
            part_ready: false,
            whole: None,
            whole_ready: false,
            wakes: self.wakes.clone(),
            outside,
            mouse: self.mouse,
            problems_left: Vec::new(),
        };
        loop {
            reader.tick(&progress);
            match &reader.app {
                Some(app) => self.terminal.draw(|frame| ui::draw(frame, app))?,
                None => {
                    let (files, total, bytes) = progress.now();
                    self.terminal
                        .draw(|frame| ui::loading::draw(frame, files, total, bytes))?
                }
            };
            if self.stop.load(Ordering::Relaxed) {
                return Ok(Ended::Quit);
            }
            // While loading or indexing, the gauge moves between wakes.
            let busy = reader.whole.is_none() || !reader.whole_ready;
            let wait = Duration::from_millis(if busy { 40 } else { 200 });
            let wake = match self.inbox.recv_timeout(wait) {
                Ok(wake) => wake,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return Ok(Ended::Quit),
            };
            let effect = match wake {
                Wake::Input(event) => {
                    let Some(message) = message(event.context("cannot read the terminal")?) else {
                        continue;
                    };
                    match reader.app.as_mut() {
                        Some(app) => app.update(message),
                        None if is_quit(&message) => return Ok(Ended::Quit),
                        None => {
                            reader.typed_ahead.push(message);
                            continue;
                        }
                    }
                }
                Wake::Preview(loaded) => reader.preview(loaded, make, self.terminal.size()?),
                Wake::Opened(opened) => {
                    let size = self.terminal.size()?;
                    match reader.opened(*opened, make, size) {
                        Some(effect) => effect,
                        None => return Ok(Ended::NothingRead(reader.problems_left)),
                    }
                }
                Wake::Part(reply) => reader.part_replied(reply),
                Wake::Answer(reply) => reader.whole_replied(reply),
                Wake::Message(message) => match reader.app.as_mut() {
                    Some(app) => app.update(message),
                    None => continue,
                },
            };
            if reader.carry_out(effect, &mut self.terminal)? {
                return Ok(Ended::Quit);
            }
        }
    }
}

/// What the loading job hands over: the corpus, its search index (or how
/// to build it), and a word for the status line (a cache not written).
pub struct Opened {
    pub loaded: Loaded,
    pub indexing: Indexing,
    pub notice: Option<String>,
}

/// How the reader ended.
pub enum Ended {
    Quit,
    /// No transcript could be read: these say why.
    NothingRead(Vec<Problem>),
}

/// The reader and the workers that answer it, in every phase of loading.
struct Reader<'o> {
    /// None until the first pages arrive.
    app: Option<App>,
    /// Keys typed before there was a reader to take them.
    typed_ahead: Vec<Message>,
    /// The worker of the newest pages read first: it answers searches
    /// until the whole corpus is indexed.
    part: Option<Part>,
    part_ready: bool,
    /// The worker of the whole corpus, once it has loaded.
    whole: Option<Worker>,
    whole_ready: bool,
    wakes: Sender<Wake>,
    outside: &'o Outside,
    mouse: bool,
    problems_left: Vec<Problem>,
}

impl Reader<'_> {
    /// Tells the reader how far loading and indexing have got.
    fn tick(&mut self, progress: &Progress) {
        let Some(app) = self.app.as_mut() else { return };
        if self.whole.is_none() {
            let (files, total, bytes) = progress.now();
            app.update(Message::Loading {
                files,
                total,
                bytes,
            });
        }
        match (&self.whole, &self.part) {
            (Some(whole), part) if !self.whole_ready => app.update(Message::Indexing {
                done: whole.indexed(),
                partial: part.as_ref().map(|p| p.corpus.transcripts.len()),
            }),
            (None, Some(part)) if !self.part_ready => app.update(Message::Indexing {
                done: part.worker.indexed(),
                partial: None,
            }),
            _ => Effect::None,
        };
    }

    /// A reader of its own corpus, sized to the screen, that has taken
    /// the keys typed ahead.
    fn first_reader(
        &mut self,
        corpus: Arc<Corpus>,
        problems: Vec<Problem>,
        make: &dyn Fn(Arc<Corpus>, Vec<Problem>) -> App,
        size: ratatui::layout::Size,
    ) -> Effect {
        let mut app = make(corpus, problems);
        app.update(Message::Resize {
            width: size.width,
            height: size.height,
        });
        let effects: Vec<Effect> = std::mem::take(&mut self.typed_ahead)
            .into_iter()
            .map(|message| app.update(message))
            .filter(|effect| *effect != Effect::None)
            .collect();
        self.app = Some(app);
        Effect::All(effects)
    }

    /// The newest pages, read while the rest load.
    fn preview(
        &mut self,
        loaded: Loaded,
        make: &dyn Fn(Arc<Corpus>, Vec<Problem>) -> App,
        size: ratatui::layout::Size,
    ) -> Effect {
        let corpus = Arc::new(loaded.corpus);
        let wakes = self.wakes.clone();
        self.part = Some(Part {
            corpus: Arc::clone(&corpus),
            worker: Worker::spawn(Arc::clone(&corpus), move |reply| {
                wakes.send(Wake::Part(reply)).is_ok()
            }),
        });
        self.build_indexes(&corpus);
        self.take(corpus, loaded.problems, false, make, size)
    }

    /// The reader goes on in `corpus` (the first one made of it).
    fn take(
        &mut self,
        corpus: Arc<Corpus>,
        problems: Vec<Problem>,
        whole: bool,
        make: &dyn Fn(Arc<Corpus>, Vec<Problem>) -> App,
        size: ratatui::layout::Size,
    ) -> Effect {
        match self.app.as_mut() {
            Some(app) => app.update(Message::Loaded {
                corpus,
                problems,
                whole,
            }),
            None => self.first_reader(corpus, problems, make, size),
        }
    }

    /// The whole corpus: the reader goes on in it, and its worker builds
    /// (or is handed) the index. `None` when nothing could be read.
    fn opened(
        &mut self,
        opened: Opened,
        make: &dyn Fn(Arc<Corpus>, Vec<Problem>) -> App,
        size: ratatui::layout::Size,
    ) -> Option<Effect> {
        let Opened {
            loaded,
            indexing,
            notice,
        } = opened;
        if loaded.corpus.transcripts.is_empty() && self.app.is_none() {
            self.problems_left = loaded.problems;
            return None;
        }
        let corpus = Arc::new(loaded.corpus);
        // Until the whole is indexed, the part read first answers
        // searches, saying so; with an index at hand it has nothing left
        // to do.
        if indexing.index.is_some() {
            self.part = None;
        }
        if let Some(part) = self.part.as_mut() {
            part.rebase(&corpus);
        }
        self.whole_ready = indexing.index.is_some();
        // The corpus-wide indexes are built once the search index is: at
        // once from a cache, else after it (building both at a time would
        // add their peaks).
        if self.whole_ready {
            self.build_indexes(&corpus);
        }
        let answers = self.wakes.clone();
        self.whole = Some(Worker::start(
            Arc::clone(&corpus),
            indexing.index,
            indexing.after_build,
            move |answer| answers.send(Wake::Answer(answer)).is_ok(),
        ));
        let effect = self.take(Arc::clone(&corpus), loaded.problems, true, make, size);
        if let (Some(app), Some(notice)) = (self.app.as_mut(), notice) {
            app.update(Message::Notice(notice));
        }
        self.hand_over_index(corpus);
        Some(effect)
    }

    /// Builds the corpus-wide indexes of `corpus` on a thread of their
    /// own, for the reader to take as a message.
    fn build_indexes(&self, corpus: &Arc<Corpus>) {
        let (corpus, wakes) = (Arc::clone(corpus), self.wakes.clone());
        std::thread::spawn(move || {
            verbatim::platform::lower_priority();
            let facets = Arc::new(verbatim::search::facets::FacetIndex::new(&corpus));
            let appearances = Arc::new(verbatim::search::appearances::Appearances::new(&corpus));
            let _ = wakes.send(Wake::Message(Message::Indexes {
                corpus,
                facets,
                appearances,
            }));
        });
    }

    fn part_replied(&mut self, reply: Reply) -> Effect {
        let (Some(app), Some(part)) = (self.app.as_mut(), self.part.as_ref()) else {
            return Effect::None;
        };
        match (reply, &self.whole) {
            // Before the whole arrives, the part is the reader's corpus.
            (Reply::Ready, None) => {
                self.part_ready = true;
                app.update(Message::IndexReady)
            }
            (reply, None) => app.update(reply_message(reply)),
            (Reply::Search(answer), Some(_)) => {
                app.update(Message::Answer(part.renumber(answer, &app.corpus)))
            }
            (_, Some(_)) => Effect::None,
        }
    }

    fn whole_replied(&mut self, reply: Reply) -> Effect {
        let Some(corpus) = self.app.as_ref().map(|app| Arc::clone(&app.corpus)) else {
            return Effect::None;
        };
        let ready = matches!(reply, Reply::Ready);
        if ready {
            self.whole_ready = true;
            self.part = None;
            self.build_indexes(&corpus);
        }
        let effect = match self.app.as_mut() {
            Some(app) => app.update(reply_message(reply)),
            None => Effect::None,
        };
        if ready {
            self.hand_over_index(corpus);
        }
        effect
    }

    /// The whole's search index, once there, to the reader as well.
    fn hand_over_index(&mut self, corpus: Arc<Corpus>) {
        let index = self.whole.as_ref().and_then(Worker::index);
        if let (Some(app), Some(index)) = (self.app.as_mut(), index) {
            app.update(Message::SearchIndex { corpus, index });
        }
    }

    /// Carries out an effect, and what follows from it; true to quit.
    fn carry_out(&mut self, effect: Effect, terminal: &mut DefaultTerminal) -> Result<bool> {
        let Some(app) = self.app.as_mut() else {
            return Ok(matches!(effect, Effect::Quit));
        };
        let said = match effect {
            Effect::None => return Ok(false),
            Effect::Quit => return Ok(true),
            Effect::All(effects) => {
                for effect in effects {
                    if self.carry_out(effect, terminal)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            Effect::Suspend => {
                // Where there is no job control, the reader says so and stays.
                if let Err(e) = suspend(self.mouse) {
                    app.update(Message::Notice(format!("{e:#}")));
                }
                terminal.clear()?;
                return Ok(false);
            }
            Effect::Search(request) => {
                match (&self.whole, &self.part) {
                    (Some(whole), part) => {
                        if let Some(part) = part {
                            part.ask(&request, &app.corpus);
                        }
                        whole.ask(request);
                    }
                    (None, Some(part)) => part.worker.ask(request),
                    (None, None) => {}
                }
                return Ok(false);
            }
            // Counts of the whole corpus alone: the app asks for none
            // while a part stands in for it.
            Effect::Trend(request) => {
                if let Some(whole) = &self.whole {
                    whole.ask_trend(request);
                }
                return Ok(false);
            }
            Effect::Echoes(request) => {
                match (&self.whole, &self.part) {
                    (Some(whole), _) => whole.ask_echoes(request),
                    (None, Some(part)) => part.worker.ask_echoes(request),
                    (None, None) => {}
                }
                return Ok(false);
            }
            Effect::Copy { text, done } => self.outside.clipboard.copy(&text).unwrap_or(done),
            Effect::Open(url) => outside::open(&url).unwrap_or_else(|| format!("opening {url}")),
            Effect::SaveBookmarks { change, done } => match self.outside.bookmarks.clone() {
                // Written off this thread, merged with what the file holds
                // then; the status says so once it is written.
                Some(path) => {
                    let wakes = self.wakes.clone();
                    std::thread::spawn(move || {
                        let message = match verbatim::bookmarks::change(&path, &change) {
                            Ok(list) => Message::Bookmarks { list, done },
                            Err(trouble) => Message::Notice(trouble),
                        };
                        let _ = wakes.send(Wake::Message(message));
                    });
                    return Ok(false);
                }
                None => format!("{done} (for this run only: no home folder to keep them in)"),
            },
        };
        let effect = app.update(Message::Notice(said));
        self.carry_out(effect, terminal)
    }
}

/// A key that ends the reader before there is one to take keys.
fn is_quit(message: &Message) -> bool {
    use verbatim::app::key::{KeyCode, KeyModifiers};
    let Message::Key(key) = message else {
        return false;
    };
    matches!(key.code, KeyCode::Char('q') | KeyCode::Esc)
        || key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL)
}

impl Drop for Screen {
    fn drop(&mut self) {
        leave(self.mouse);
    }
}

/// A worker's reply as the app's message.
fn reply_message(reply: Reply) -> Message {
    match reply {
        Reply::Search(answer) => Message::Answer(answer),
        Reply::Echoes(answer) => Message::Echoes(answer),
        Reply::Trend(answer) => Message::Trend(answer),
        Reply::Notice(notice) => Message::Notice(notice),
        Reply::Ready => Message::IndexReady,
    }
}

fn enter(mouse: bool) -> DefaultTerminal {
    // ratatui::init enters raw mode and the alternate screen and installs a
    // panic hook that leaves them.
    let terminal = ratatui::init();
    if mouse {
        let _ = execute!(stdout(), EnableMouseCapture);
    }
    terminal
}

fn leave(mouse: bool) {
    if mouse {
        let _ = execute!(stdout(), DisableMouseCapture);
    }
    ratatui::restore();
}

/// Mouse capture is ours to undo; ratatui's hook (called next) does the rest.
fn install_panic_hook(mouse: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if mouse {
            let _ = execute!(stdout(), DisableMouseCapture);
        }
        previous(info);
    }));
}

/// What wakes the event loop.
enum Wake {
    Input(std::io::Result<Event>),
    /// From the worker of the whole corpus.
    Answer(Reply),
    /// From the worker of the pages read first.
    Part(Reply),
    /// The newest pages, read while the rest load.
    Preview(Loaded),
    /// The whole corpus.
    Opened(Box<Opened>),
    /// What became of an effect carried out off this thread.
    Message(Message),
}

/// Reads terminal input on its own thread. crossterm's `read` can spin on
/// a hung-up terminal without returning, so the loop never waits in it: it
/// waits on a channel, and a signal's flag always gets looked at. The
/// thread polls briefly before each read because crossterm's reader is one
/// lock: the main thread needs it too (clearing the screen asks the
/// terminal where the cursor is).
fn spawn_input(wakes: Sender<Wake>) {
    std::thread::spawn(move || {
        loop {
            let event = match event::poll(Duration::from_millis(100)) {
                Ok(false) => continue,
                Ok(true) => event::read(),
                Err(error) => Err(error),
            };
            let failed = event.is_err();
            if wakes.send(Wake::Input(event)).is_err() || failed {
                return;
            }
        }
    });
}

/// A terminal event as the app's message; `None` for what the app ignores.
fn message(event: Event) -> Option<Message> {
    match event {
        // Only presses: Windows reports releases too.
        Event::Key(key) if key.kind == KeyEventKind::Press => Some(Message::Key(app_key(key))),
        Event::Mouse(m) => {
            let (x, y) = (m.column, m.row);
            match m.kind {
                MouseEventKind::ScrollDown => Some(Message::Wheel {
                    x,
                    y,
                    rows: WHEEL_ROWS,
                }),
                MouseEventKind::ScrollUp => Some(Message::Wheel {
                    x,
                    y,
                    rows: -WHEEL_ROWS,
                }),
                MouseEventKind::Down(MouseButton::Left) => Some(Message::Click { x, y }),
                _ => None,
            }
        }
        Event::Resize(width, height) => Some(Message::Resize { width, height }),
        _ => None,
    }
}

/// A key as the app knows it.
fn app_key(key: crossterm::event::KeyEvent) -> verbatim::app::key::KeyEvent {
    use crossterm::event::{KeyCode as Code, KeyModifiers as Mods};
    use verbatim::app::key::{KeyCode, KeyEvent, KeyModifiers};
    let code = match key.code {
        Code::Char(c) => KeyCode::Char(c),
        Code::Enter => KeyCode::Enter,
        Code::Esc => KeyCode::Esc,
        Code::Tab => KeyCode::Tab,
        Code::BackTab => KeyCode::BackTab,
        Code::Backspace => KeyCode::Backspace,
        Code::Up => KeyCode::Up,
        Code::Down => KeyCode::Down,
        Code::Left => KeyCode::Left,
        Code::Right => KeyCode::Right,
        Code::Home => KeyCode::Home,
        Code::End => KeyCode::End,
        Code::PageUp => KeyCode::PageUp,
        Code::PageDown => KeyCode::PageDown,
        Code::Insert => KeyCode::Insert,
        Code::Delete => KeyCode::Delete,
        Code::F(n) => KeyCode::F(n),
        _ => KeyCode::Other,
    };
    let mut modifiers = KeyModifiers::NONE;
    for (theirs, ours) in [
        (Mods::SHIFT, KeyModifiers::SHIFT),
        (Mods::CONTROL, KeyModifiers::CONTROL),
        (Mods::ALT, KeyModifiers::ALT),
    ] {
        if key.modifiers.contains(theirs) {
            modifiers |= ours;
        }
    }
    KeyEvent::new(code, modifiers)
}

/// Ctrl-z: give the shell its screen back, stop, and come back on `fg`.
/// On resume the same terminal is taken back by hand, keeping the panic
/// hook and the input thread that are already there.
fn suspend(mouse: bool) -> Result<()> {
    leave(mouse);
    let stopped = verbatim::platform::stop_for_the_shell().context("cannot suspend");
    crossterm::terminal::enable_raw_mode().context("cannot resume the terminal")?;
    execute!(stdout(), EnterAlternateScreen).context("cannot resume the terminal")?;
    if mouse {
        let _ = execute!(stdout(), EnableMouseCapture);
    }
    stopped
}
