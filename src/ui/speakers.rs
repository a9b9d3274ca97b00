//! The speakers pane: the selected event's people, their turns, words and
//! share of the words.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{fit, pad, pane_block, style};
use crate::app::{App, Pane, layout, speakers};
use crate::text::count;

const BAR: usize = 6;

pub fn draw(frame: &mut Frame, app: &App, rect: Rect) {
    let list = &app.speakers;
    let title = format!(
        " Speakers ({}) ",
        crate::text::group_digits(list.stats.len())
    );
    frame.render_widget(pane_block(app, Pane::Speakers, title), rect);
    let inner = layout::inner(rect);
    if inner.height == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let total_words: usize = list.stats.iter().map(|s| s.words).sum::<usize>().max(1);
    // speakers::ROWS: a header, then two rows a speaker: the name and a bar
    // of their share of the words, then turns, words and role.
    let name_width = width.saturating_sub(BAR + 2).max(4);
    let mut rows = vec![Line::styled(
        pad(&format!("{:>w$}", "share of words", w = width), width),
        style::dim(),
    )];
    let shown = list
        .stats
        .iter()
        .enumerate()
        .skip(list.cursor.offset)
        .take(speakers::ROWS.fit(inner.height));
    for (at, stat) in shown {
        let highlighted = app.highlight.as_ref() == Some(&stat.speaker);
        let mut name_style = style::speaker(app, &stat.speaker);
        if highlighted {
            name_style = name_style.add_modifier(Modifier::REVERSED);
        }
        let marker = if highlighted { "▶" } else { " " };
        let share = stat.words * BAR * 8 / total_words;
        let mut first = Line::from(vec![
            Span::raw(marker),
            Span::styled(pad(&stat.name, name_width), name_style),
            Span::raw(" "),
            Span::styled(bar(share), style::speaker(app, &stat.speaker)),
        ]);
        let role = match (&stat.role, &stat.speaker) {
            (Some(role), _) => role.clone(),
            (None, crate::model::Speaker::Voice(_)) => "a voice, not one person".to_string(),
            (None, _) => String::new(),
        };
        let figures = format!(
            "   {}, {}  ",
            count(stat.turns, "turn"),
            count(stat.words, "word")
        );
        let room = width.saturating_sub(figures.chars().count());
        let mut second = Line::from(vec![
            Span::raw(figures),
            Span::styled(fit(&role, room), style::dim()),
        ]);
        if at == list.cursor.selected && app.focus == Pane::Speakers {
            first = first.style(style::selected(app, true));
            second = second.style(style::selected(app, true));
        }
        rows.push(first);
        rows.push(second);
    }
    frame.render_widget(Paragraph::new(rows), inner);
}

/// A bar of `eighths` eighth-cells, at most [`BAR`] cells wide.
fn bar(eighths: usize) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let mut out = "█".repeat((eighths / 8).min(BAR));
    if eighths / 8 < BAR && !eighths.is_multiple_of(8) {
        out.push(PARTS[eighths % 8]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_eighths() {
        assert_eq!(bar(0), "");
        assert_eq!(bar(9), "█▏");
        assert_eq!(bar(48), "██████");
    }
}
