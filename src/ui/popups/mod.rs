//! Modal popups drawn over the panes.

mod help;
mod info;
mod problems;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::centered;
use crate::app::{Action, App, Mode, Popup, PopupView};

pub fn draw(frame: &mut Frame, app: &App, popup: PopupView) {
    let (title, lines) = match popup.kind {
        Popup::Help => ("Keys", help::lines(&app.keys)),
        Popup::Info => ("Event info", info::lines(app)),
        Popup::Problems => ("Problems", problems::lines(app)),
    };
    let close = app.keys.hint(Mode::Popup, Action::ClosePopup);
    let title = format!(" {title} ({close} closes) ");
    let area = frame.area();
    let width = (area.width.saturating_sub(4)).min(90);
    let height = (lines.len() as u16 + 2)
        .min(area.height.saturating_sub(2))
        .max(3);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let scroll = popup.scroll.min(lines.len().saturating_sub(1)) as u16;
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
