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
use verbatim::corpus::{Loaded, Progress};
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
    /// The worker of the newest pages read while the rest loaded: it
    /// answers searches until the whole corpus is indexed.
    part: Option<Part>,
}

impl Screen {
    pub fn enter(mouse: bool) -> Result<Screen> {
        let stop = Arc::new(AtomicBool::new(false));
        for signal in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ] {
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
            part: None,
        })
    }

    /// Runs `job` on a thread while the screen shows how far it has got.
    /// The job may hand over a first part of the corpus (`preview`): a
    /// reader made of it by `make` takes the keys until the job ends, the
    /// gauge in its status line, its searches answered from that part by a
    /// worker of its own, and is returned for what was done in it to go
    /// on. `None` when the reader quit (q, Ctrl-c, a signal) first.
    pub fn load<T: Send + 'static>(
        &mut self,
        job: impl FnOnce(&Progress, &dyn Fn(Loaded)) -> T + Send + 'static,
        make: &dyn Fn(Loaded) -> App,
    ) -> Result<Option<(T, Option<App>)>> {
        let progress = Arc::new(Progress::default());
        // The first frame before the job starts: on two cores the job's
        // threads would otherwise take the time to draw it.
        self.terminal
            .draw(|frame| ui::loading::draw(frame, 0, 0, 0))?;
        let (done, result) = mpsc::channel();
        let (first, previews) = mpsc::channel::<Loaded>();
        let counting = Arc::clone(&progress);
        std::thread::spawn(move || {
            // The loading threads (this one and those it starts) yield to
            // the rest: the terminal drawing the first frame, the keys.
            // On Linux a thread's priority is its own, and its new
            // threads inherit it. Where it cannot be lowered, it loads
            // as it is.
            let _ = rustix::process::setpriority_process(None, 10);
            let preview = move |loaded: Loaded| {
                let _ = first.send(loaded);
            };
            let _ = done.send(job(&counting, &preview));
        });
        let mut preview: Option<App> = None;
        loop {
            let (files, total, bytes) = progress.now();
            match preview.as_mut() {
                Some(app) => {
                    app.loading = Some((files, total, bytes));
                    if let (Some(part), Some(_)) = (&self.part, app.indexing) {
                        app.indexing = Some(part.worker.indexed());
                    }
                    self.terminal.draw(|frame| ui::draw(frame, app))?;
                }
                None => {
                    self.terminal
                        .draw(|frame| ui::loading::draw(frame, files, total, bytes))?;
                }
            }
            if self.stop.load(Ordering::Relaxed) {
                return Ok(None);
            }
            match result.recv_timeout(Duration::from_millis(40)) {
                Ok(value) => return Ok(Some((value, preview))),
                Err(RecvTimeoutError::Disconnected) => return Ok(None),
                Err(RecvTimeoutError::Timeout) => {}
            }
            if let Ok(loaded) = previews.try_recv() {
                let mut app = make(loaded);
                // Searches wait for the part's index, a moment.
                app.indexing = Some(0);
                let size = self.terminal.size()?;
                app.update(Message::Resize {
                    width: size.width,
                    height: size.height,
                });
                let wakes = self.wakes.clone();
                self.part = Some(Part {
                    corpus: Arc::clone(&app.corpus),
                    worker: Worker::spawn(Arc::clone(&app.corpus), move |reply| {
                        wakes.send(Wake::Part(reply)).is_ok()
                    }),
                });
                preview = Some(app);
            }
            for wake in self.inbox.try_iter() {
                let event = match wake {
                    Wake::Input(Ok(event)) => event,
                    Wake::Part(reply) => {
                        if let (Some(app), Some(part)) = (preview.as_mut(), self.part.as_ref())
                            && preview_effect(app.update(reply_message(reply)), &part.worker)
                        {
                            return Ok(None);
                        }
                        continue;
                    }
                    _ => continue,
                };
                match (
                    preview.as_mut(),
                    self.part.as_ref().map(|part| &part.worker),
                ) {
                    // The part loaded reads and searches as the whole will;
                    // what needs the outside world (copying, opening) waits.
                    (Some(app), Some(worker)) => {
                        if let Some(message) = message(event)
                            && preview_effect(app.update(message), worker)
                        {
                            return Ok(None);
                        }
                    }
                    _ => {
                        if let Event::Key(key) = event
                            && key.kind == KeyEventKind::Press
                            && is_quit_key(key)
                        {
                            return Ok(None);
                        }
                    }
                }
            }
        }
    }

    /// The reader's event loop, from its first effect (a search carried
    /// over from the part read while loading).
    pub fn run(
        mut self,
        mut app: App,
        outside: &Outside,
        indexing: Indexing,
        first: Effect,
    ) -> Result<()> {
        let mouse = self.mouse;
        event_loop(&mut self, &mut app, (mouse, outside, indexing), first)
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        leave(self.mouse);
    }
}

/// Carries out what the reader of the part loaded asked for: searches
/// (of the part) and echoes; true when it quit.
fn preview_effect(effect: Effect, worker: &Worker) -> bool {
    match effect {
        Effect::Quit => return true,
        Effect::Search(request) => worker.ask(request),
        Effect::Echoes(request) => worker.ask_echoes(request),
        _ => {}
    }
    false
}

/// A worker's reply as the app's message.
fn reply_message(reply: Reply) -> Message {
    match reply {
        Reply::Search(answer) => Message::Answer(answer),
        Reply::Echoes(answer) => Message::Echoes(answer),
        Reply::Notice(notice) => Message::Notice(notice),
        Reply::Ready => Message::IndexReady,
    }
}

/// While loading there is nothing to do but wait or quit.
fn is_quit_key(key: crossterm::event::KeyEvent) -> bool {
    use crossterm::event::{KeyCode, KeyModifiers};
    matches!(key.code, KeyCode::Char('q') | KeyCode::Esc)
        || key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL)
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
    Answer(Reply),
    /// From the worker of the pages read first.
    Part(Reply),
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
        Event::Key(key) if key.kind == KeyEventKind::Press => Some(Message::Key(key)),
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

fn event_loop(
    screen: &mut Screen,
    app: &mut App,
    (mouse, outside, indexing): (bool, &Outside, Indexing),
    first: Effect,
) -> Result<()> {
    let Screen {
        terminal,
        stop,
        wakes,
        inbox,
        part,
        ..
    } = screen;
    let size = terminal.size()?;
    app.update(Message::Resize {
        width: size.width,
        height: size.height,
    });
    let answers = wakes.clone();
    app.indexing = indexing.index.is_none().then_some(0);
    // Until the whole is indexed, the part read first answers searches,
    // saying so; with an index at hand it has nothing left to do.
    let mut part = part.take().filter(|_| app.indexing.is_some());
    if let Some(part) = part.as_mut() {
        part.rebase(&app.corpus);
    }
    app.partial = part.as_ref().map(|part| part.corpus.transcripts.len());
    let worker = Worker::start(
        Arc::clone(&app.corpus),
        indexing.index,
        indexing.after_build,
        move |answer| answers.send(Wake::Answer(answer)).is_ok(),
    );
    let mut effect = first;
    loop {
        match effect {
            Effect::None => {}
            Effect::Search(request) => {
                if let Some(part) = &part {
                    part.ask(&request, &app.corpus);
                }
                worker.ask(request);
            }
            Effect::Echoes(request) => worker.ask_echoes(request),
            Effect::Copy(text) => {
                if let Some(trouble) = outside.clipboard.copy(&text) {
                    app.update(Message::Notice(trouble));
                }
            }
            Effect::Open(url) => {
                if let Some(trouble) = outside::open(&url) {
                    app.update(Message::Notice(trouble));
                }
            }
            Effect::SaveBookmarks(bookmarks) => {
                if let Some(trouble) = outside.save_bookmarks(&bookmarks) {
                    app.update(Message::Notice(trouble));
                }
            }
            Effect::Quit => return Ok(()),
            Effect::Suspend => {
                suspend(mouse)?;
                terminal.clear()?;
            }
        }
        effect = Effect::None;
        if app.indexing.is_some() {
            app.indexing = Some(worker.indexed());
        }
        terminal.draw(|frame| ui::draw(frame, app))?;
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        let message = match inbox.recv_timeout(Duration::from_millis(200)) {
            Ok(Wake::Answer(Reply::Ready)) => {
                part = None;
                Message::IndexReady
            }
            Ok(Wake::Answer(reply)) => reply_message(reply),
            Ok(Wake::Part(Reply::Search(answer))) => match &part {
                Some(part) => Message::Answer(part.renumber(answer, &app.corpus)),
                None => continue,
            },
            Ok(Wake::Part(_)) => continue,
            Ok(Wake::Input(event)) => match message(event.context("cannot read the terminal")?) {
                Some(message) => message,
                None => continue,
            },
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        effect = app.update(message);
    }
}

/// Ctrl-z: give the shell its screen back, stop, and come back on `fg`.
/// On resume the same terminal is taken back by hand, keeping the panic
/// hook and the input thread that are already there.
fn suspend(mouse: bool) -> Result<()> {
    leave(mouse);
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP).context("cannot suspend")?;
    crossterm::terminal::enable_raw_mode().context("cannot resume the terminal")?;
    execute!(stdout(), EnterAlternateScreen).context("cannot resume the terminal")?;
    if mouse {
        let _ = execute!(stdout(), EnableMouseCapture);
    }
    Ok(())
}
