//! The prompt line, one for every prompt: search, the events filter and
//! the people view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{fit, fit_end, style};
use crate::app::prompt::TextInput;
use crate::app::{Action, App, Mode};

/// The line of a prompt (search, events filter, people): the key that
/// opened it in bold, what is typed (its end, where typing happens; shown
/// selected when a key typed replaces it), a cursor, then the information
/// that fits in the room left.
pub fn draw(
    frame: &mut Frame,
    app: &App,
    opened_by: Action,
    input: &TextInput,
    info: &str,
    rect: Rect,
) {
    let width = usize::from(rect.width);
    let key = format!("{} ", app.keys.hint(Mode::Normal, opened_by));
    let typed = fit_end(input, width.saturating_sub(key.width() + 1));
    let room = width.saturating_sub(key.width() + typed.width() + 1);
    let typed_style = if input.replace {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    };
    let line = Line::from(vec![
        Span::styled(key, Style::new().add_modifier(Modifier::BOLD)),
        Span::styled(typed, typed_style),
        Span::styled("▏", Style::new().add_modifier(Modifier::SLOW_BLINK)),
        Span::styled(fit(info, room), style::dim()),
    ]);
    frame.render_widget(Paragraph::new(line), rect);
}
