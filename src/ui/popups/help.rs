//! The help popup, generated from the key table the app dispatches on.

use ratatui::text::{Line, Span};

use crate::app::action::{KEYMAP, PROMPT_KEYMAP, help_rows};

pub fn lines() -> Vec<Line<'static>> {
    let row = |(keys, description): (String, &'static str)| {
        Line::from(vec![
            Span::styled(
                format!("{keys:<20}"),
                ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::BOLD),
            ),
            Span::raw(description),
        ])
    };
    let mut lines: Vec<Line> = help_rows(KEYMAP).into_iter().map(row).collect();
    lines.push(Line::raw(""));
    lines.push(Line::raw("In the search prompt (other keys type):"));
    lines.extend(help_rows(PROMPT_KEYMAP).into_iter().map(row));
    lines
}
