//! The help popup, generated from the key table the app dispatches on.

use ratatui::text::{Line, Span};

use crate::app::action::help_rows;

pub fn lines() -> Vec<Line<'static>> {
    help_rows()
        .into_iter()
        .map(|(keys, description)| {
            Line::from(vec![
                Span::styled(
                    format!("{keys:<20}"),
                    ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::BOLD),
                ),
                Span::raw(description),
            ])
        })
        .collect()
}
