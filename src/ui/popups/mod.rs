//! Modal popups drawn over the panes. Their rows come from the app,
//! wrapped to the popup's width; here they get their styles.

use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{pad, style};
use crate::app::popup::Look;
use crate::app::{Action, App, Mode, Popup, PopupView};

pub fn draw(frame: &mut Frame, app: &App, view: PopupView) {
    let rows = app.popup_rows();
    let rect = app.popup_rect(rows.len());
    let (_, shown) = app.popup_inner(rows.len());
    let keys = &app.keys;
    let close = keys.hint(Mode::Popup, Action::ClosePopup);
    let mut border = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ({close} closes) ", app.popup_title(view.kind)));
    if view.kind == Popup::Bookmarks && !app.bookmarks.is_empty() {
        // What a list's keys do, as the panes' status line says theirs.
        let hints = format!(
            " {} goes · {} deletes · {} brings back ",
            keys.hint(Mode::Popup, Action::Select),
            keys.hint(Mode::Popup, Action::DeleteBookmark),
            keys.hint(Mode::Popup, Action::UndoDeleteBookmark)
        );
        border = border.title_bottom(Line::styled(hints, style::dim()));
    }
    let below = rows.len().saturating_sub(view.scroll + shown);
    if below > 0 {
        // A cut-off list says that it goes on, and how to get there.
        let down = keys.hint(Mode::Popup, Action::Down);
        border = border.title_bottom(
            Line::styled(format!(" {below} more: {down} "), style::dim()).right_aligned(),
        );
    }
    let lines: Vec<Line> = rows
        .iter()
        .skip(view.scroll)
        .take(shown)
        .map(|row| {
            let width = row.look.label_width(rect.width.saturating_sub(2));
            let label_style = match row.look {
                Look::Key => Style::new().add_modifier(Modifier::BOLD),
                _ => style::dim(),
            };
            let text_style = match row.look {
                Look::Missing => style::dim(),
                _ => Style::new(),
            };
            let mut spans = vec![Span::styled(pad(&row.label, width), label_style)];
            match &row.mark {
                // An echo's shared words, as search marks its matches.
                Some(mark) => {
                    let part = |range: std::ops::Range<usize>| -> String {
                        row.text
                            .chars()
                            .skip(range.start)
                            .take(range.end - range.start)
                            .collect()
                    };
                    let len = row.text.chars().count();
                    spans.push(Span::styled(part(0..mark.start), text_style));
                    spans.push(Span::styled(part(mark.clone()), style::matched(app)));
                    spans.push(Span::styled(part(mark.end..len), text_style));
                }
                None => spans.push(Span::styled(row.text.clone(), text_style)),
            }
            let line = Line::from(spans);
            // A popup that is a list marks its cursor's rows.
            let is_list = match view.kind {
                Popup::Bookmarks => !app.bookmarks.is_empty(),
                Popup::Echoes => app.echo_list().is_some_and(|l| !l.echoes.is_empty()),
                _ => false,
            };
            if is_list && row.item == view.selected {
                line.style(style::selected(app, true))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(border), rect);
}
