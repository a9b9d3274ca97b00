//! The help popup, generated from the key tables the app dispatches on.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::app::keymap::{Keymap, help_rows};

pub fn lines(keys: &Keymap) -> Vec<Line<'static>> {
    let row = |(keys, description): (String, &'static str)| {
        Line::from(vec![
            Span::styled(
                format!("{keys:<20}"),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Span::raw(description),
        ])
    };
    let mut lines: Vec<Line> = help_rows(&keys.normal).into_iter().map(row).collect();
    lines.push(Line::raw(""));
    lines.push(Line::raw("In the search prompt (other keys type):"));
    lines.extend(help_rows(&keys.prompt).into_iter().map(row));
    lines.push(Line::raw(""));
    lines.push(Line::raw("In a popup (other keys close it):"));
    lines.extend(help_rows(&keys.popup).into_iter().map(row));
    lines
}
