//! The status line: the latest message, the speaker turn counter, a hint.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{fit, style};
use crate::app::{Action, App, Mode};
use crate::text::count;

pub fn draw(frame: &mut Frame, app: &App, rect: Rect) {
    if rect.height == 0 {
        return;
    }
    let width = usize::from(rect.width);
    let mut right = String::new();
    if let (Some(h), Some((n, total))) = (&app.highlight, app.turn_counter()) {
        // Above the first turn there is no "turn 0": say how many there are.
        let where_ = match n {
            0 => count(total, "turn"),
            n => format!("turn {n} of {total}"),
        };
        right.push_str(&format!("{}: {where_}  ", app.speaker_name(h)));
    }
    let keys = &app.keys;
    right.push_str(&format!(
        "{} help  {} quit",
        keys.hint(Mode::Normal, Action::ToggleHelp),
        keys.hint(Mode::Normal, Action::Quit)
    ));
    let right = fit(&right, width);
    let left_width = width.saturating_sub(right.width() + 1);
    let left = match &app.status {
        Some(message) => fit(message, left_width),
        None if app.dialogue.anchor.is_some() => {
            let selected = app.dialogue.selection().len();
            fit(
                &format!(
                    "selecting {}: {} copies, {} drops",
                    count(selected, "paragraph"),
                    keys.hint(Mode::Normal, Action::CopyQuote),
                    keys.hint(Mode::Normal, Action::ClearHighlight)
                ),
                left_width,
            )
        }
        None => match app.loading {
            // Read while the rest loads: the gauge in words, once the
            // rest is counted.
            Some((_, 0, _)) => fit("loading the rest…", left_width),
            Some((done, total, bytes)) => fit(
                &format!(
                    "loading {} of {} · {} MB",
                    crate::text::group_digits(done.min(total)),
                    crate::text::count(total, "file"),
                    crate::text::group_digits((bytes / 1_000_000) as usize)
                ),
                left_width,
            ),
            // The selected event's whole title, which its row may cut.
            None => {
                let title = (app.focus == crate::app::Pane::Events)
                    .then(|| app.events.transcript())
                    .flatten()
                    .and_then(|t| app.corpus.transcripts.get(t))
                    .map(|t| format!(" {}", t.title_text()))
                    .unwrap_or_default();
                fit(&format!("[{}]{title}", app.focus.title()), left_width)
            }
        },
    };
    let gap = width.saturating_sub(left.width() + right.width());
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, style::dim()),
    ]);
    frame.render_widget(Paragraph::new(line), rect);
}
