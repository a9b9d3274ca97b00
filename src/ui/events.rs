//! The events pane: one row per transcript, newest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::search::group_digits;
use super::{fit, pad, pane_block, style};
use crate::app::{App, Pane, events, layout};

pub fn draw(frame: &mut Frame, app: &App, rect: Rect) {
    let title = if app.events.len() == app.events.all.len() {
        format!(" Events ({}) ", group_digits(app.events.len()))
    } else {
        format!(
            " Events ({} of {}) ",
            group_digits(app.events.len()),
            group_digits(app.events.all.len())
        )
    };
    frame.render_widget(pane_block(app, Pane::Events, title), rect);
    let inner = layout::inner(rect);
    let width = usize::from(inner.width);
    let rows: Vec<Line> = app
        .events
        .order
        .iter()
        .enumerate()
        .skip(app.events.cursor.offset)
        .take(events::ROWS.fit(inner.height))
        .map(|(at, index)| {
            let t = &app.corpus.transcripts[*index];
            let date = t.date.as_deref().unwrap_or("----------");
            let place = t.place.as_ref().map_or("", |l| t.text(l));
            let place = fit(place, (width / 4).min(20));
            let title_width = width
                .saturating_sub(date.width() + 1 + place.width() + usize::from(!place.is_empty()));
            let mut spans = vec![
                Span::styled(format!("{date} "), style::dim()),
                Span::raw(pad(t.title_text(), title_width)),
            ];
            if !place.is_empty() {
                spans.push(Span::styled(format!(" {place}"), style::dim()));
            }
            let line = Line::from(spans);
            if at == app.events.cursor.selected {
                line.style(style::selected(app, app.focus == Pane::Events))
            } else {
                line
            }
        })
        .collect();
    if rows.is_empty() {
        let empty = if app.events.all.is_empty() {
            "no transcripts loaded"
        } else {
            "no event matches the filter"
        };
        frame.render_widget(Paragraph::new(empty).style(style::dim()), inner);
    } else {
        frame.render_widget(Paragraph::new(rows), inner);
    }
}
