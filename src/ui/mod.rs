//! Drawing the reader's state into a ratatui frame: one file per pane and
//! per popup. Nothing here changes state; every transcript string passes
//! through [`crate::text::safe`] on its way to a cell.

mod dialogue;
mod events;
pub mod loading;
mod people;
mod popups;
mod preview;
mod prompt;
mod search;
mod speakers;
mod status;
pub mod style;
mod trend;

use ratatui::Frame;
use ratatui::widgets::{Block, Borders};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::app::{App, Overlay, Pane};
use crate::text::safe;

pub fn draw(frame: &mut Frame, app: &App) {
    let panes = app.panes();
    if let Some(rect) = panes.events {
        events::draw(frame, app, rect);
    }
    if let Some(rect) = panes.speakers {
        speakers::draw(frame, app, rect);
    }
    if let Some(rect) = panes.dialogue {
        dialogue::draw(frame, app, rect);
    }
    match &app.overlay {
        Overlay::Filter(prompt) => search::draw_filter_prompt(frame, app, prompt, panes.status),
        Overlay::People(view) => people::draw(frame, app, view, panes.status),
        _ => match app.search() {
            Some(list) => {
                let (rect, preview) = app.search_areas();
                search::draw(frame, app, list, rect, panes.status);
                // The chart takes the list's place and the preview's.
                if let Some(view) = &list.trend {
                    let area = preview.map_or(rect, |p| rect.union(p));
                    trend::draw(frame, app, view, area);
                } else if let Some(rect) = preview {
                    // The echoes of a hit are previewed in the hit's place.
                    let shown = app
                        .selected_echo()
                        .map(|e| &e.place)
                        .or(list.selected_hit());
                    preview::draw(frame, app, shown, rect);
                }
            }
            None => status::draw(frame, app, panes.status),
        },
    }
    if let Some(popup) = app.popup() {
        popups::draw(frame, app, popup);
    }
}

/// A pane's border with its title, brighter when focused.
fn pane_block(app: &App, pane: Pane, title: String) -> Block<'static> {
    let focused = app.focus == pane;
    Block::default()
        .borders(Borders::ALL)
        .border_style(style::border(app, focused))
        .title(title)
}

/// Cuts safe text to `width` columns, ending with `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    let text = safe(text);
    if text.width() <= width {
        return text.into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Cuts safe text to its last `width` columns, starting with `…` when cut:
/// for text whose end matters, like a query being typed.
pub fn fit_end(text: &str, width: usize) -> String {
    let text = safe(text);
    if text.width() <= width {
        return text.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut kept = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// Pads or cuts to exactly `width` columns.
fn pad(text: &str, width: usize) -> String {
    let mut out = fit(text, width);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}
