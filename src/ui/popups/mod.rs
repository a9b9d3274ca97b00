//! Modal popups drawn over the panes.

mod help;
mod info;
mod problems;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::centered;
use crate::app::{App, Popup};

pub fn draw(frame: &mut Frame, app: &App, popup: Popup) {
    let (title, lines) = match popup {
        Popup::Help => (" Keys (Esc closes) ", help::lines()),
        Popup::Info => (" Event info (Esc closes) ", info::lines(app)),
        Popup::Problems => (" Problems (Esc closes) ", problems::lines(app)),
    };
    let area = frame.area();
    let width = (area.width.saturating_sub(4)).min(90);
    let height = (lines.len() as u16 + 2)
        .min(area.height.saturating_sub(2))
        .max(3);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let scroll = app.popup_scroll.min(lines.len().saturating_sub(1)) as u16;
    let widget: Paragraph = Paragraph::new(lines)
        .block(Block::default().borders(Borders::ALL).title(title))
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0));
    frame.render_widget(widget, rect);
}

/// Lines of `(label, value)` pairs with the label dimmed.
fn field(label: &str, value: &str) -> Line<'static> {
    Line::from(vec![
        ratatui::text::Span::styled(format!("{label:<12}"), super::style::dim()),
        ratatui::text::Span::raw(crate::text::safe(value).into_owned()),
    ])
}
