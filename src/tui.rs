//! The only code that touches the terminal: set-up, the event loop, and
//! restoring the terminal on every way out (quit, error, panic, SIGTERM,
//! SIGHUP, SIGINT) and around Ctrl-z.

use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use ratatui::DefaultTerminal;

use verbatim::app::{App, Effect, action};
use verbatim::ui;

use crate::worker::SearchWorker;

/// Rows the mouse wheel scrolls per notch.
const WHEEL_ROWS: isize = 3;

pub fn run(mut app: App, mouse: bool) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .context("cannot install signal handlers")?;
    }
    let mut terminal = enter(mouse);
    install_panic_hook(mouse);
    let result = event_loop(&mut terminal, &mut app, mouse, &stop);
    leave(mouse);
    result
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

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    mouse: bool,
    stop: &AtomicBool,
) -> Result<()> {
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    let worker = SearchWorker::spawn(Arc::clone(&app.corpus));
    loop {
        while let Ok(answer) = worker.answers.try_recv() {
            app.search_results(answer.generation, answer.hits, answer.total);
        }
        terminal.draw(|frame| ui::draw(frame, app))?;
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        // Waking up now and then lets a signal end the loop promptly, and a
        // search answer show as soon as it comes.
        let waiting = app.search.as_ref().is_some_and(|s| s.waiting);
        if !event::poll(Duration::from_millis(if waiting { 2 } else { 200 }))? {
            continue;
        }
        match event::read()? {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                let action = if app.search.is_some() && app.popup.is_none() {
                    action::prompt_action_for(key)
                } else {
                    action::action_for(key)
                };
                let Some(action) = action else {
                    continue;
                };
                match app.update(action) {
                    Effect::None => {}
                    Effect::Search(request) => worker.ask(request),
                    Effect::Quit => return Ok(()),
                    Effect::Suspend => {
                        suspend(mouse)?;
                        *terminal = enter(mouse);
                        terminal.clear()?;
                    }
                }
            }
            Event::Mouse(m) => match m.kind {
                MouseEventKind::ScrollDown => app.scroll_at(m.column, m.row, WHEEL_ROWS),
                MouseEventKind::ScrollUp => app.scroll_at(m.column, m.row, -WHEEL_ROWS),
                MouseEventKind::Down(MouseButton::Left) => app.click(m.column, m.row),
                _ => {}
            },
            Event::Resize(width, height) => app.resize(width, height),
            _ => {}
        }
    }
}

/// Ctrl-z: give the shell its screen back, stop, and come back on `fg`.
fn suspend(mouse: bool) -> Result<()> {
    leave(mouse);
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP).context("cannot suspend")?;
    Ok(())
}
