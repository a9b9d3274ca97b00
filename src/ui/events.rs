//! The events pane: one row per transcript, newest first, grouped by
//! year: the year is written (bold) on the first row of each year and on
//! the top row, the other rows show month and day under it. The title
//! takes the width it needs; the place only the room left after it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{fit, pad, pane_block, style};
use crate::app::{App, Pane, events, layout};
use crate::text::group_digits;

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
            let (year, day) = match t.date.as_deref().map(crate::text::safe) {
                // A subtitle file has no date: say so in the date's place.
                None => (Span::styled("undated", style::dim()), "   ".to_string()),
                Some(date) => {
                    let year = crate::text::first_chars(&date, 4);
                    let day = &date[year.len()..];
                    let year_above = (at > 0)
                        .then(|| app.events.order[at - 1])
                        .and_then(|above| app.corpus.transcripts[above].date.as_deref())
                        .map(|d| crate::text::first_chars(d, 4));
                    if at == app.events.cursor.offset || year_above != Some(year) {
                        let bold = style::dim().add_modifier(Modifier::BOLD);
                        (Span::styled(year.to_string(), bold), day.to_string())
                    } else {
                        // Under the year, the month and day alone.
                        let blank = Span::raw(" ".repeat(year.width() + 1));
                        (blank, day.trim_start_matches('-').to_string())
                    }
                }
            };
            let date_width = year.width() + day.width();
            let title = crate::text::safe(t.title_text());
            let room = width.saturating_sub(date_width + 1);
            let title_width = title.width().min(room);
            let left = room - title_width;
            let place = t.place.as_ref().map_or("", |l| t.text(l));
            // The place only where the whole title fits and room is left.
            let place = if left >= 8 && !place.is_empty() {
                fit(place, left - 1)
            } else {
                String::new()
            };
            let mut spans = vec![
                year,
                Span::styled(format!("{day} "), style::dim()),
                Span::raw(pad(
                    &title,
                    room - place.width() - usize::from(!place.is_empty()),
                )),
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
